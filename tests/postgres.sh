#!/usr/bin/env bash
# Sourced by tests/run.sh and tests/bench/run.sh: starts a throwaway PostgreSQL 15 from the machine's binaries,
# as a non-root user, on a free loopback port, and exports INBURGERING_TEST_POSTGRES. Stops it on exit.
#   PG_DURABLE=1   keep fsync and synchronous_commit on (benchmarks); default off (tests)
#   PG_STATEMENTS=1  load pg_stat_statements when the machine has it (benchmarks: what the server asked, per statement)

pg_bin() {
  for dir in /usr/local/bin /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$1" ]; then echo "$dir/$1"; return 0; fi
  done
  command -v "$1"
}

start_postgres() {
  INITDB=$(pg_bin initdb) || { echo "initdb not found: PostgreSQL 15 server binaries are needed" >&2; return 1; }
  PG_CTL=$(pg_bin pg_ctl)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  PGROOT=$(mktemp -d /tmp/inburgering-pg.XXXXXX)
  chmod 755 "$PGROOT"
  PG_AS=()
  if [ "$(id -u)" = "0" ]; then
    # The server refuses to run as root: use a dedicated system user.
    id inburgering-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin inburgering-pg
    chown inburgering-pg "$PGROOT"
    PG_AS=(runuser -u inburgering-pg --)
  fi
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${PG_DURABLE:-0}" = "1" ]; then durability=""; fi
  if [ "${PG_STATEMENTS:-0}" = "1" ] && [ -f "$(dirname "$(readlink -f "$(pg_bin postgres)")")/../lib/pg_stat_statements.so" ]; then
    durability="$durability -c shared_preload_libraries=pg_stat_statements"
  fi
  "${PG_AS[@]}" "$INITDB" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
  "${PG_AS[@]}" "$PG_CTL" -D "$PGROOT/data" -l "$PGROOT/postgres.log" -w -t 60 \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB $durability" start >/dev/null
  trap stop_postgres EXIT
  export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
  export INBURGERING_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Include Error Detail=true"
  echo "PostgreSQL $("$(pg_bin postgres)" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (as $( [ ${#PG_AS[@]} -gt 0 ] && echo inburgering-pg || whoami ))"
}

stop_postgres() {
  if [ -n "${PGROOT:-}" ] && [ -d "$PGROOT" ]; then
    "${PG_AS[@]}" "$PG_CTL" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PGROOT"
  fi
}
