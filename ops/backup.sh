#!/usr/bin/env bash
# Back up the clinic's PostgreSQL database to a compressed custom-format dump.
#   ops/backup.sh [DATABASE_URL] [OUT_DIR]
# DATABASE_URL defaults to the environment's; OUT_DIR to ./backups. Prints the file.
set -euo pipefail
url="${1:-${DATABASE_URL:?set DATABASE_URL or pass it}}"
out_dir="${2:-backups}"
mkdir -p "$out_dir"
chmod 700 "$out_dir"  # health data: only the owner may read the dumps
file="$out_dir/clinic-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --no-privileges --file="$file" "$url"
chmod 600 "$file"
# A dump that pg_restore cannot list is not a backup.
pg_restore --list "$file" >/dev/null
echo "$file"
