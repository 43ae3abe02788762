#!/usr/bin/env bash
# Runs every test of Inburgering on a fresh machine: restores, builds, starts a throwaway PostgreSQL 15
# as a non-root user on a free loopback port, runs all test projects against SQLite and PostgreSQL,
# and stops PostgreSQL afterwards.
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --filter Name   # extra arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true

# The browser tests drive Debian's chromium (no browser download is possible here): install it when it is missing.
if [ ! -x "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing chromium for the browser tests (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

source tests/postgres.sh
start_postgres
# Every test runs here: a test that cannot reach PostgreSQL fails instead of skipping (plain `dotnet test` skips it).
export INBURGERING_TEST_COMPLETE=1

dotnet restore Inburgering.sln
# Style is enforced: braces around multi-line blocks, namespaces that match their folder, import order, whitespace
# (.editorconfig). Fix locally with `dotnet format Inburgering.sln`.
dotnet format Inburgering.sln --verify-no-changes --no-restore -v q
# Building src/Server also installs (npm ci) and builds (Vite) the web application in src/Web.
dotnet build Inburgering.sln --no-restore -c Release
# Redocly CLI for the OpenAPI lint test (tests/Server.Tests/OpenApiLintTests.cs).
(cd tools/openapi-lint && npm ci --no-audit --no-fund --silent)
# The web application's own tests (Vitest: dates, the werkvoorraad's URL, form messages).
(cd src/Web && npm test --silent)
dotnet test Inburgering.sln --no-build -c Release --logger "console;verbosity=minimal" "$@"
