# shellcheck shell=bash
# PostgreSQL 15 + pgvector steps of scripts/provision. Sourced, never executed.
# Expects: common.sh sourced; AGENT_DB_PORT, AGENT_DB_PASSWORD, REPO_ROOT set.

PG_MAJOR=15
PG_CLUSTER=main
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONF_DIR=/etc/postgresql/$PG_MAJOR/$PG_CLUSTER
PG_EXT_DIR=/usr/share/postgresql/$PG_MAJOR/extension
AGENT_DB_NAME=agent
AGENT_DB_USER=agent

# pg_cluster_field N : field N of `pg_lsclusters` for 15/main (3=port, 4=status).
pg_cluster_field() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h "$PG_MAJOR" "$PG_CLUSTER" 2>/dev/null | awk -v f="$1" '{print $f}'
}

pg_cluster_online() {
  [[ $(pg_cluster_field 4) == online* ]]
}

# port_listener PORT : describe the process listening on TCP PORT (empty if none).
port_listener() {
  ss -H -ltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -n 1
}

port_in_use() {
  [[ -n $(ss -H -ltn "sport = :$1" 2>/dev/null) ]]
}

# Fails before anything is installed when the port belongs to someone else.
pg_preflight() {
  if pg_cluster_online && [[ $(pg_cluster_field 3) == "$AGENT_DB_PORT" ]]; then
    return 0
  fi
  if port_in_use "$AGENT_DB_PORT"; then
    local who
    who=$(port_listener "$AGENT_DB_PORT")
    die "port $AGENT_DB_PORT is already taken by ${who:-another process}, not by PostgreSQL cluster $PG_MAJOR/$PG_CLUSTER; stop that process, or choose another port with AGENT_DB_PORT=<port> (or run 'docker compose up -d postgres' with AGENT_DB_PORT set)."
  fi
}

pg_step_install() {
  if [[ -x $PG_BIN/postgres ]] && command -v pg_lsclusters >/dev/null 2>&1; then
    log "PostgreSQL $PG_MAJOR already installed ($("$PG_BIN/postgres" --version))"
    return 0
  fi
  apt_install "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR"
  log "installed $("$PG_BIN/postgres" --version)"
}

pgvector_installed_version() {
  sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$PG_EXT_DIR/vector.control" 2>/dev/null
}

pg_step_pgvector() {
  if [[ -f $PG_EXT_DIR/vector.control ]]; then
    log "pgvector $(pgvector_installed_version) already installed for PostgreSQL $PG_MAJOR"
    return 0
  fi
  apt_update_once
  if apt_candidate "postgresql-$PG_MAJOR-pgvector"; then
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    log "postgresql-$PG_MAJOR-pgvector is not packaged for this suite; building Debian's trixie source package"
    # Installing postgresql-server-dev-15 may upgrade the server packages,
    # which is why the cluster is (re)started only after this step.
    if ! PG_MAJOR=$PG_MAJOR sh "$REPO_ROOT/scripts/images/pgvector/build-pgvector.sh" 2>&1 | sed 's/^/    /'; then
      die "building pgvector failed (output above); fix the cause and re-run scripts/provision."
    fi
  fi
  [[ -f $PG_EXT_DIR/vector.control ]] || die "pgvector was installed but $PG_EXT_DIR/vector.control is missing; re-run scripts/provision."
  log "pgvector $(pgvector_installed_version) installed"
}

# Ensure TCP password login (scram/md5) for the agent role on loopback.
pg_ensure_hba() {
  local hba=$PG_CONF_DIR/pg_hba.conf
  if grep -Eq '^[[:space:]]*host[[:space:]]+(all|agent)[[:space:]]+(all|agent)[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5)' "$hba"; then
    return 1  # nothing changed
  fi
  log "adding password login for role $AGENT_DB_USER on 127.0.0.1 and ::1 to $hba"
  local tmp
  tmp=$(mktemp)
  {
    echo "# agentloop: password login for the agent role over loopback TCP"
    echo "host    $AGENT_DB_NAME    $AGENT_DB_USER    127.0.0.1/32    scram-sha-256"
    echo "host    $AGENT_DB_NAME    $AGENT_DB_USER    ::1/128         scram-sha-256"
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba"
  rm -f "$tmp"
  return 0
}

pg_step_cluster() {
  if [[ -z $(pg_cluster_field 1) ]]; then
    log "creating cluster $PG_MAJOR/$PG_CLUSTER on port $AGENT_DB_PORT"
    pg_createcluster "$PG_MAJOR" "$PG_CLUSTER" --port "$AGENT_DB_PORT" >/dev/null
  fi
  local port
  port=$(pg_conftool -s "$PG_MAJOR" "$PG_CLUSTER" show port 2>/dev/null || echo 5432)
  local restart=0 reload=0
  if [[ $port != "$AGENT_DB_PORT" ]]; then
    log "moving cluster $PG_MAJOR/$PG_CLUSTER from port $port to $AGENT_DB_PORT"
    pg_conftool "$PG_MAJOR" "$PG_CLUSTER" set port "$AGENT_DB_PORT"
    restart=1
  fi
  if pg_ensure_hba; then reload=1; fi

  if ! pg_cluster_online; then
    log "starting cluster $PG_MAJOR/$PG_CLUSTER"
    if ! pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" start 2>&1 | sed 's/^/    /'; then
      tail -n 15 "/var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log" >&2 2>/dev/null || true
      die "PostgreSQL cluster $PG_MAJOR/$PG_CLUSTER did not start (log above, full log in /var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log)."
    fi
  elif [[ $restart == 1 ]]; then
    pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" restart
  elif [[ $reload == 1 ]]; then
    pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" reload
  else
    log "cluster $PG_MAJOR/$PG_CLUSTER already online on port $AGENT_DB_PORT"
  fi

  local i
  for ((i = 0; i < 30; i++)); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$AGENT_DB_PORT"; then
      return 0
    fi
    sleep 1
  done
  die "PostgreSQL does not accept connections on 127.0.0.1:$AGENT_DB_PORT after 30 s; see /var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log."
}

# psql_admin [psql args...] : run psql as the postgres superuser (local socket), from / so that a current folder
# the postgres user may not enter does not print "could not change directory".
psql_admin() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$AGENT_DB_PORT" "$@")
}

# agent_login_ok : can the agent role log in over TCP with the configured password?
agent_login_ok() {
  PGPASSWORD=$AGENT_DB_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -At -w \
    -h 127.0.0.1 -p "$AGENT_DB_PORT" -U "$AGENT_DB_USER" -d "$AGENT_DB_NAME" \
    -c 'SELECT 1' >/dev/null 2>&1
}

pg_step_database() {
  local has_role has_db
  has_role=$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_roles WHERE rolname = '$AGENT_DB_USER'")
  if [[ $has_role != 1 ]]; then
    log "creating role $AGENT_DB_USER"
    psql_admin -d postgres -v pw="$AGENT_DB_PASSWORD" <<<"CREATE ROLE $AGENT_DB_USER LOGIN PASSWORD :'pw';"
  fi
  has_db=$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$AGENT_DB_NAME'")
  if [[ $has_db != 1 ]]; then
    log "creating database $AGENT_DB_NAME owned by $AGENT_DB_USER"
    psql_admin -d postgres -c "CREATE DATABASE $AGENT_DB_NAME OWNER $AGENT_DB_USER"
  fi

  if agent_login_ok; then
    log "role $AGENT_DB_USER logs in over TCP with the configured password"
  else
    log "setting the password of role $AGENT_DB_USER (from AGENT_DB_PASSWORD or the default)"
    psql_admin -d postgres -v pw="$AGENT_DB_PASSWORD" <<<"ALTER ROLE $AGENT_DB_USER WITH LOGIN PASSWORD :'pw';"
    agent_login_ok || die "role $AGENT_DB_USER still cannot log in over 127.0.0.1:$AGENT_DB_PORT; check $PG_CONF_DIR/pg_hba.conf for a rule that rejects it before the agentloop lines."
  fi

  local installed available
  installed=$(psql_admin -d "$AGENT_DB_NAME" -Atc "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
  available=$(psql_admin -d "$AGENT_DB_NAME" -Atc "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'")
  if [[ -z $installed ]]; then
    log "CREATE EXTENSION IF NOT EXISTS vector (in database $AGENT_DB_NAME)"
    psql_admin -d "$AGENT_DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS vector'
  elif [[ $installed != "$available" ]]; then
    log "updating extension vector $installed -> $available"
    psql_admin -d "$AGENT_DB_NAME" -c 'ALTER EXTENSION vector UPDATE'
  else
    log "extension vector $installed present in database $AGENT_DB_NAME"
  fi

  local dist
  dist=$(PGPASSWORD=$AGENT_DB_PASSWORD psql -X -At -w -h 127.0.0.1 -p "$AGENT_DB_PORT" \
    -U "$AGENT_DB_USER" -d "$AGENT_DB_NAME" -c "SELECT '[1,2,3]'::vector <-> '[1,2,5]'::vector")
  [[ $dist == 2 ]] || die "pgvector self-check returned '$dist' instead of 2; inspect the vector extension in database $AGENT_DB_NAME."
  log "ok: jdbc:postgresql://localhost:$AGENT_DB_PORT/$AGENT_DB_NAME (user $AGENT_DB_USER), vector distance self-check passed"
}

# ------------------------------------------------------------ tuning for the failure memory
PG_TUNE_FILE=$PG_CONF_DIR/conf.d/agentloop-memory.conf

# pg_tuned_settings MEM_KIB CPUS : the settings the memory needs on a machine with MEM_KIB of memory and CPUS
# cores, one "name = value" line each. The HNSW graph of the failures' vectors is what matters: searches want it in
# shared_buffers, builds want it in maintenance_work_mem (docs/provisioning.md).
pg_tuned_settings() {
  local mem_mb=$(($1 / 1024)) cpus=$2
  local shared=$((mem_mb / 4)) cache=$((mem_mb * 3 / 4)) maint=$((mem_mb / 8)) work=$((mem_mb / 400))
  ((shared > 8192)) && shared=8192
  ((shared < 128)) && shared=128
  ((maint > 4096)) && maint=4096
  ((maint < 64)) && maint=64
  ((work > 64)) && work=64
  ((work < 4)) && work=4
  local workers=$((cpus - 1))
  ((workers < 0)) && workers=0
  ((workers > 7)) && workers=7
  printf '%s\n' \
    "shared_buffers = '${shared}MB'" \
    "effective_cache_size = '${cache}MB'" \
    "maintenance_work_mem = '${maint}MB'" \
    "work_mem = '${work}MB'" \
    "max_parallel_maintenance_workers = $workers"
}

# Writes the settings for this machine to conf.d (only when they change) and restarts the cluster when
# shared_buffers changed (the others need a reload only). AGENTLOOP_PG_TUNE=0 leaves the server's settings alone.
pg_step_tune() {
  if [[ ${AGENTLOOP_PG_TUNE:-1} == 0 ]]; then
    log "AGENTLOOP_PG_TUNE=0: leaving the server's settings alone"
    return 0
  fi
  local mem_kib cpus wanted current
  mem_kib=$(awk '/^MemTotal:/ {print $2}' "${AGENTLOOP_MEMINFO:-/proc/meminfo}")
  cpus=$(nproc)
  [[ $mem_kib =~ ^[0-9]+$ ]] || die "cannot read the machine's memory from ${AGENTLOOP_MEMINFO:-/proc/meminfo}; set AGENTLOOP_PG_TUNE=0 to skip tuning."
  wanted="# Written by scripts/provision for a machine with $((mem_kib / 1024)) MiB and $cpus CPU(s); see docs/provisioning.md.
$(pg_tuned_settings "$mem_kib" "$cpus")"
  current=$(cat "$PG_TUNE_FILE" 2>/dev/null || true)
  if [[ $current == "$wanted" ]]; then
    log "settings already tuned for this machine ($PG_TUNE_FILE)"
    return 0
  fi
  local old_shared new_shared
  old_shared=$(sed -n "s/^shared_buffers = //p" <<<"$current")
  new_shared=$(sed -n "s/^shared_buffers = //p" <<<"$wanted")
  mkdir -p "$(dirname "$PG_TUNE_FILE")"
  printf '%s\n' "$wanted" >"$PG_TUNE_FILE"
  chown postgres:postgres "$PG_TUNE_FILE" 2>/dev/null || true
  sed -n '2,$s/^/    /p' "$PG_TUNE_FILE"
  if [[ $old_shared != "$new_shared" ]] && pg_cluster_online; then
    log "restarting cluster $PG_MAJOR/$PG_CLUSTER for shared_buffers"
    pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" restart
  elif pg_cluster_online; then
    pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" reload
  fi
}

# ------------------------------------------------------------ huge pages for the server's shared memory
SYSCTL_HUGE_FILE=/etc/sysctl.d/60-agentloop-huge-pages.conf

# pg_uses_huge_pages : does the running server's shared memory sit in huge pages (some reserved or taken)?
pg_uses_huge_pages() {
  local total free rsvd
  total=$(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo)
  free=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
  rsvd=$(awk '/^HugePages_Rsvd:/ {print $2}' /proc/meminfo)
  ((total > 0)) && ((total - free + rsvd > 0))
}

# Reserves the huge pages the server's shared memory needs (vm.nr_hugepages, also written to sysctl.d for the next
# boot) and restarts the cluster so that it maps them (PostgreSQL's huge_pages = try takes them when there are enough).
# A search of a million failures touches thousands of shared buffers, and a server process maps shared memory 4 kB at
# a time on first touch, which took much of a search's time on the memory's connections (docs/benchmarks.md); in
# 2 MB pages the mapping is 512 times coarser. Where the kernel setting cannot be changed (a container) or the
# kernel cannot find the pages, the server keeps ordinary pages. AGENTLOOP_PG_HUGE_PAGES=0 leaves both alone.
pg_step_huge_pages() {
  if [[ ${AGENTLOOP_PG_HUGE_PAGES:-1} == 0 ]]; then
    log "AGENTLOOP_PG_HUGE_PAGES=0: leaving huge pages alone"
    return 0
  fi
  pg_cluster_online || die "cluster $PG_MAJOR/$PG_CLUSTER is not online; run scripts/provision again or start it with pg_ctlcluster $PG_MAJOR $PG_CLUSTER start."
  local needed have setting
  setting=$(psql_admin -d postgres -Atc "SHOW huge_pages")
  if [[ $setting == off ]]; then
    log "huge_pages = off in the server's configuration: leaving it alone"
    return 0
  fi
  needed=$(psql_admin -d postgres -Atc "SHOW shared_memory_size_in_huge_pages")
  [[ $needed =~ ^[0-9]+$ ]] || { log "the server does not say how many huge pages it needs; ordinary pages"; return 0; }
  have=$(cat /proc/sys/vm/nr_hugepages 2>/dev/null || echo 0)
  if ((have >= needed)) && pg_uses_huge_pages; then
    log "shared memory in huge pages ($needed of $have 2 MB pages)"
    return 0
  fi
  if ((have < needed)); then
    if ! { echo "$needed" >/proc/sys/vm/nr_hugepages; } 2>/dev/null; then
      log "vm.nr_hugepages cannot be set here (read-only /proc/sys); the server keeps ordinary pages"
      return 0
    fi
    local got
    got=$(cat /proc/sys/vm/nr_hugepages)
    if ((got < needed)); then
      echo "$have" >/proc/sys/vm/nr_hugepages
      log "the kernel found only $got of $needed huge pages (memory too fragmented); the server keeps ordinary pages"
      return 0
    fi
    if [[ -d $(dirname "$SYSCTL_HUGE_FILE") ]]; then
      printf '# Written by scripts/provision: huge pages for PostgreSQL'"'"'s shared memory (docs/provisioning.md).\nvm.nr_hugepages = %s\n' \
        "$needed" >"$SYSCTL_HUGE_FILE"
    fi
    log "reserved $needed huge pages (vm.nr_hugepages, $SYSCTL_HUGE_FILE)"
  fi
  log "restarting cluster $PG_MAJOR/$PG_CLUSTER to map its shared memory in huge pages"
  pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" restart
  if pg_uses_huge_pages; then
    log "ok: shared memory in huge pages"
  else
    log "the server did not take the huge pages; it runs with ordinary pages"
  fi
}
