#!/usr/bin/env bash
# Restore a dump made by ops/backup.sh into an EMPTY database.
#   ops/restore.sh DUMP_FILE TARGET_DATABASE_URL
# It refuses a target that already has tables, so it can never overwrite live data.
set -euo pipefail
dump="${1:?dump file}"
target="${2:?target database URL}"
tables=$(psql "$target" -Atc "select count(*) from information_schema.tables where table_schema='public'")
if [ "$tables" != "0" ]; then
  echo "refusing: the target database already has $tables tables" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$target" "$dump"
echo "restored $dump"
