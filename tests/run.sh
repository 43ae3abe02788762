#!/usr/bin/env bash
# Runs every test of Inburgering on a fresh machine: restores, builds, starts a throwaway PostgreSQL 15
# as a non-root user on a free loopback port, runs all test projects against SQLite and PostgreSQL,
# and stops PostgreSQL afterwards.
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --filter Name   # extra arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true
source tests/postgres.sh
start_postgres

dotnet restore Inburgering.sln
dotnet build Inburgering.sln --no-restore -c Release
dotnet test Inburgering.sln --no-build -c Release --logger "console;verbosity=minimal" "$@"
