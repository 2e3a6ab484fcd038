# shellcheck shell=bash
# Docker engine step of scripts/provision. Sourced, never executed.
# Expects: common.sh sourced.

DOCKERD_LOG=${AGENTLOOP_DOCKERD_LOG:-/var/log/agentloop-dockerd.log}
DOCKER_PIDFILE=${AGENTLOOP_DOCKER_PIDFILE:-/var/run/docker.pid}
DOCKER_WAIT_SECONDS=${AGENTLOOP_DOCKER_WAIT:-60}

docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

docker_server_desc() {
  docker version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}} (min {{.Server.MinAPIVersion}}); client {{.Client.Version}}' 2>/dev/null || echo "engine answers"
}

# The pid file names a process that is no longer dockerd: remove it, say so.
# A live dockerd that does not answer is an error we refuse to paper over.
docker_check_pidfile() {
  [[ -e $DOCKER_PIDFILE ]] || return 0
  local pid comm
  pid=$(tr -dc '0-9' <"$DOCKER_PIDFILE" 2>/dev/null || true)
  comm=""
  if [[ -n $pid ]] && [[ -r /proc/$pid/comm ]]; then
    comm=$(<"/proc/$pid/comm")
  fi
  if [[ $comm == dockerd ]]; then
    if docker_answers; then
      return 0
    fi
    die "dockerd (pid $pid) is running but does not answer 'docker info'; look at $DOCKERD_LOG (or the log of whoever started it), stop it with 'kill $pid', then re-run scripts/provision."
  fi
  warn "removing stale $DOCKER_PIDFILE (pid ${pid:-?} is not a running dockerd)"
  rm -f "$DOCKER_PIDFILE"
}

docker_preflight() {
  docker_answers && return 0
  docker_check_pidfile
}

docker_step_engine() {
  if docker_answers; then
    log "Docker already answers: $(docker_server_desc)"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    apt_install docker.io
    # The package may have started an engine through its init script.
    if docker_answers; then
      log "Docker started by the docker.io package: $(docker_server_desc)"
      return 0
    fi
  fi
  docker_check_pidfile

  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    log "starting docker.service with systemd"
    systemctl start docker.service || die "systemctl start docker.service failed; see 'journalctl -u docker.service'."
  else
    log "no systemd here: starting dockerd in the background, log in $DOCKERD_LOG"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    printf '\n--- %s: started by scripts/provision ---\n' "$(date -Is)" >>"$DOCKERD_LOG"
    nohup setsid dockerd --pidfile "$DOCKER_PIDFILE" >>"$DOCKERD_LOG" 2>&1 </dev/null &
    local pid=$!
    disown "$pid" 2>/dev/null || true
  fi

  local i
  for ((i = 0; i < DOCKER_WAIT_SECONDS; i++)); do
    if docker_answers; then
      log "Docker answers after ${i}s: $(docker_server_desc)"
      return 0
    fi
    if [[ -n ${pid:-} ]] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 15 "$DOCKERD_LOG" >&2 || true
      die "dockerd exited during start-up (last lines above, full log in $DOCKERD_LOG)."
    fi
    sleep 1
  done
  tail -n 15 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not answer 'docker info' within ${DOCKER_WAIT_SECONDS}s; see $DOCKERD_LOG."
}
