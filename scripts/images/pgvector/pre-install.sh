#!/bin/sh
# Before the packages: the postgres account with the official image's ids, and
# no default cluster (the entrypoint runs initdb on first start instead).
set -eu
getent group postgres >/dev/null || groupadd --system --gid 999 postgres
getent passwd postgres >/dev/null ||
  useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres
mkdir -p /var/lib/postgresql /etc/postgresql-common/createcluster.d
chown postgres:postgres /var/lib/postgresql
echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/agentloop.conf
