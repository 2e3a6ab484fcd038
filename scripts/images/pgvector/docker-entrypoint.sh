#!/bin/sh
# Entrypoint of agentloop/pgvector, a stand-in for the official "postgres"
# image (Testcontainers: asCompatibleSubstituteFor("postgres")).
#
# Honours POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_INITDB_ARGS,
# POSTGRES_HOST_AUTH_METHOD and PGDATA like the official image. On first start
# it runs initdb, starts a temporary socket-only server, creates the database
# and extension "vector" in it, runs /docker-entrypoint-initdb.d/*.sql|*.sh,
# stops the temporary server and then execs postgres. So the log says
# "database system is ready to accept connections" twice, which is what
# Testcontainers' PostgreSQLContainer waits for.
set -eu

if [ "${1#-}" != "${1:-}" ]; then
  set -- postgres "$@"
fi

if [ "${1:-}" = postgres ]; then
  : "${PGDATA:=/var/lib/postgresql/data}"
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  export PGDATA

  if [ "$(id -u)" = 0 ]; then
    echo "agentloop/pgvector: PostgreSQL does not run as root; start the container as user postgres (the image default)." >&2
    exit 1
  fi

  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA" 2>/dev/null || true

  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
      echo "agentloop/pgvector: the database is uninitialized and POSTGRES_PASSWORD is empty; set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust, not recommended)." >&2
      exit 1
    fi
    pwfile=$(mktemp)
    trap 'rm -f "$pwfile"' EXIT
    printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
    # shellcheck disable=SC2086
    initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
      ${POSTGRES_INITDB_ARGS:-}
    rm -f "$pwfile"
    printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"
    printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

    # Temporary server, reachable through the unix socket only.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start

    psql_init() {
      psql -X -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password "$@"
    }
    if [ "$POSTGRES_DB" != postgres ]; then
      echo "CREATE DATABASE :\"db\";" | psql_init --dbname postgres -v db="$POSTGRES_DB"
    fi
    psql_init --dbname "$POSTGRES_DB" -c 'CREATE EXTENSION IF NOT EXISTS vector'
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh) echo "agentloop/pgvector: running $f"; . "$f" ;;
        *.sql) echo "agentloop/pgvector: running $f"; psql_init --dbname "$POSTGRES_DB" -f "$f" ;;
        *.sql.gz) echo "agentloop/pgvector: running $f"; gzip -dc "$f" | psql_init --dbname "$POSTGRES_DB" ;;
        *) ;;
      esac
    done

    pg_ctl -D "$PGDATA" -m fast -w stop
    echo "agentloop/pgvector: init process complete; ready for start up."
  fi
fi

exec "$@"
