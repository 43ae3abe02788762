#!/usr/bin/env bash
# Benchmarks: starts a durable throwaway PostgreSQL 15 (fsync on), measures its commit ceiling with pgbench -N,
# then runs a benchmark scenario and prints the figures:
#   bash tests/bench/run.sh engine [--instances=2000] [--workers=8] [--nodes=2] [--workloads=straight,message,tasks,timer] [--databases=Sqlite,PostgreSql]  engine throughput: straight through, message, user tasks, timer (--nodes=2: and two engine processes on one PostgreSQL)
#   bash tests/bench/run.sh timers [--timers=100000] [--timer-parallelism=8] [--timer-pumps=2]  a burst of pending timers on PostgreSQL with Quartz
#   bash tests/bench/run.sh keten [--trajecten=10000] [--months=42] [--start-weeks=8] [--databases=Sqlite,PostgreSql]
#                                                                     whole trajecten (3-year termijn and beyond) via the API
#   bash tests/bench/run.sh profile [--operations=1000]              per engine operation: KB allocated, ms, the types that allocate most
#   bash tests/bench/run.sh expressions [--iterations=5000]           µs per expression evaluation (no database)
#   bash tests/bench/run.sh tasks [--tasks=100000] [--requests=200]   the werkvoorraad's /tasks per tab and /tasks/counts on PostgreSQL
#   bash tests/bench/run.sh web [--navigations=20]                    the werkvoorraad in chromium on the demo data: usable time, JS size
#   bash tests/bench/run.sh retry-burst [--calls=5000] [--timers=1000] [--hangfire-workers=10] [--quartz-threads=10] [--timer-parallelism=4] [--timer-pumps=2]
#                                                                     a bulk retry now of partner calls (Hangfire) while timers (Quartz) fall due
#   bash tests/bench/run.sh operations [--trajecten=100000] [--requests=100]  beheer: overdue lists and the quarter's counts on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${1:-}" = "expressions" ]; then
  dotnet build tests/bench -c Release --nologo -v q >/dev/null
  # One evaluating thread: workstation GC keeps the figures steadier than the server GC the other scenarios use.
  DOTNET_gcServer=0 exec dotnet tests/bench/bin/Release/net10.0/Inburgering.Bench.dll "$@"
fi
PG_DURABLE=1 source tests/postgres.sh
PG_DURABLE=1 PG_STATEMENTS=1 start_postgres
scenario="${1:-engine}"; shift || true

psql -q -c "create database pgbench" >/dev/null
pgbench -q -i -s 10 pgbench >/dev/null 2>&1
TPS=$(pgbench -N -c 8 -j 2 -T 15 pgbench 2>/dev/null | awk '/^tps/ {print $3; exit}')
echo "pgbench -N -c 8 -j 2 -T 15: ${TPS} tps"

dotnet build tests/bench -c Release --nologo -v q >/dev/null
dotnet tests/bench/bin/Release/net10.0/Inburgering.Bench.dll "$scenario" --pgbench-tps="$TPS" "$@"
