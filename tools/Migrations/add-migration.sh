#!/usr/bin/env bash
# Regenerates the engine's migrations for both providers (design-time only).
set -euo pipefail
cd "$(dirname "$0")/../.."
name="${1:?migration name}"
dotnet tool restore >/dev/null
dotnet restore tools/Migrations >/dev/null
dotnet ef migrations add "$name" -p src/Engine -s tools/Migrations -c SqliteEngineDbContext -o Persistence/Migrations/Sqlite -n Inburgering.Engine.Persistence.Migrations.Sqlite
dotnet ef migrations add "$name" -p src/Engine -s tools/Migrations -c PostgresEngineDbContext -o Persistence/Migrations/PostgreSql -n Inburgering.Engine.Persistence.Migrations.PostgreSql
# On the first migration dotnet ef puts the model snapshot in a folder named after the namespace: move it beside the migrations.
for p in Sqlite PostgreSql; do
  for f in src/Engine/Inburgering/Engine/Persistence/Migrations/$p/*.cs; do
    [ -e "$f" ] && mv "$f" src/Engine/Persistence/Migrations/$p/
  done
done
rm -rf src/Engine/Inburgering
