#!/bin/sh
# After the packages: pgvector, the entrypoint, and directories the
# unprivileged postgres user needs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PG_MAJOR=15 sh "$here/build-pgvector.sh" --purge-build-deps
install -m 0755 "$here/docker-entrypoint.sh" /usr/local/bin/docker-entrypoint.sh
mkdir -p /docker-entrypoint-initdb.d /var/lib/postgresql/data /var/run/postgresql
chown postgres:postgres /var/lib/postgresql/data /var/run/postgresql
chmod 0700 /var/lib/postgresql/data
chmod 3777 /var/run/postgresql
