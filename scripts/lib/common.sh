# shellcheck shell=bash
# Shared helpers for scripts/provision: logging, step timing, apt access.
# Sourced, never executed.

# ---------------------------------------------------------------- logging
if [[ -t 1 ]]; then
  _c_bold=$'\033[1m' _c_red=$'\033[31m' _c_yellow=$'\033[33m' _c_dim=$'\033[2m' _c_off=$'\033[0m'
else
  _c_bold='' _c_red='' _c_yellow='' _c_dim='' _c_off=''
fi

log()  { printf '    %s\n' "$*"; }
warn() { printf '%s    warning: %s%s\n' "$_c_yellow" "$*" "$_c_off" >&2; }

# die MESSAGE... : one clear sentence on stderr, then exit non-zero.
die() {
  printf '%sprovision: error: %s%s\n' "$_c_red" "$*" "$_c_off" >&2
  exit 1
}

# Millisecond wall clock (bash 5: EPOCHREALTIME).
now_ms() {
  local t=${EPOCHREALTIME/[.,]/}
  echo $((t / 1000))
}

fmt_ms() {
  local ms=$1
  printf '%d.%01ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

PROVISION_START_MS=$(now_ms)
declare -a STEP_SUMMARY=()

# step NAME FUNCTION [ARGS...] : run FUNCTION, print its duration.
step() {
  local name=$1
  shift
  local t0 t1
  t0=$(now_ms)
  printf '%s==> %s%s\n' "$_c_bold" "$name" "$_c_off"
  "$@"
  t1=$(now_ms)
  printf '%s    done in %s%s\n' "$_c_dim" "$(fmt_ms $((t1 - t0)))" "$_c_off"
  STEP_SUMMARY+=("$(printf '%-34s %8s' "$name" "$(fmt_ms $((t1 - t0)))")")
}

print_summary() {
  local t1
  t1=$(now_ms)
  printf '%s==> summary%s\n' "$_c_bold" "$_c_off"
  local line
  for line in "${STEP_SUMMARY[@]}"; do
    printf '    %s\n' "$line"
  done
  printf '    %-34s %8s\n' "total" "$(fmt_ms $((t1 - PROVISION_START_MS)))"
}

# ---------------------------------------------------------------- apt
export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-o Acquire::http::Timeout=15 -o Acquire::https::Timeout=15 -o Acquire::Retries=1 -o Dpkg::Use-Pty=0)
_APT_UPDATED=0

# apt_update_once : refresh the package lists a single time per run, and
# fail quickly with one clear sentence when the archive cannot be reached.
apt_update_once() {
  [[ $_APT_UPDATED == 1 ]] && return 0
  local out
  log "apt-get update"
  if ! out=$(timeout 180 apt-get "${APT_OPTS[@]}" --error-on=any update 2>&1); then
    printf '%s\n' "$out" | grep -E '^(E|W|Err):' | head -5 >&2 || true
    die "apt-get update failed: this machine cannot reach its package archive (check the network or proxy settings); alternatively start PostgreSQL with 'docker compose up -d postgres' on a machine with Docker."
  fi
  _APT_UPDATED=1
}

# apt_install PKG... : install packages without recommends, quietly.
apt_install() {
  apt_update_once
  log "apt-get install $*"
  local out
  if ! out=$(apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "$@" 2>&1); then
    printf '%s\n' "$out" | tail -20 >&2
    die "apt-get install $* failed (output above); fix the package manager state (try 'apt-get -f install') and re-run scripts/provision."
  fi
}

# pkg_installed PKG : true when dpkg reports PKG as installed.
pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

# apt_candidate PKG : true when apt knows an installable version of PKG.
apt_candidate() {
  local c
  c=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [[ -n $c && $c != "(none)" ]]
}
