#!/bin/sh
# Build and install pgvector (0.8.x) for PostgreSQL $PG_MAJOR from Debian's own
# source package in the trixie suite. Bookworm does not package pgvector.
#
# Used in three places so they cannot drift apart:
#   - scripts/provision, on the host (keeps the build dependencies installed);
#   - the debootstrap build of the agentloop/pgvector image (inside the chroot);
#   - scripts/images/pgvector/Dockerfile.
#
# Usage: build-pgvector.sh [--purge-build-deps]
#
# The trixie deb-src entry lives in a temporary sources list with its own
# package-list directory, so the system's apt configuration and lists are
# never touched and no trixie binary package can be installed by accident.
set -eu

PG_MAJOR=${PG_MAJOR:-15}
PGVECTOR_SUITE=${PGVECTOR_SUITE:-trixie}
PGVECTOR_MIRROR=${PGVECTOR_MIRROR:-http://deb.debian.org/debian}
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config

purge=0
case "${1:-}" in
  --purge-build-deps) purge=1 ;;
  "") ;;
  *) echo "usage: $0 [--purge-build-deps]" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive
apt_opts="-o Acquire::http::Timeout=15 -o Acquire::Retries=1 -o Dpkg::Use-Pty=0 -q"

work=$(mktemp -d /tmp/pgvector-build.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# Build dependencies: install only what is missing, remember it for --purge.
deps="postgresql-server-dev-$PG_MAJOR make gcc libc6-dev dpkg-dev xz-utils"
missing=""
for p in $deps; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "build-pgvector: installing build dependencies:$missing"
  # shellcheck disable=SC2086
  apt-get $apt_opts install -y --no-install-recommends $missing >"$work/apt-install.log" 2>&1 || {
    tail -20 "$work/apt-install.log" >&2
    echo "build-pgvector: could not install the build dependencies:$missing" >&2
    exit 1
  }
fi

# Temporary, deb-src-only view of the trixie suite.
mkdir -p "$work/lists/partial" "$work/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $PGVECTOR_MIRROR $PGVECTOR_SUITE main" \
  >"$work/sources.list"
src_opts="-o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=- \
  -o Dir::State::Lists=$work/lists -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
  -o APT::Sandbox::User=root"

echo "build-pgvector: fetching the pgvector source package from $PGVECTOR_SUITE"
# shellcheck disable=SC2086
apt-get $apt_opts $src_opts update >"$work/apt-src.log" 2>&1 || {
  tail -20 "$work/apt-src.log" >&2
  echo "build-pgvector: cannot read $PGVECTOR_SUITE's source index from $PGVECTOR_MIRROR" >&2
  exit 1
}
# shellcheck disable=SC2086
(cd "$work/src" && apt-get $apt_opts $src_opts source pgvector) >>"$work/apt-src.log" 2>&1 || {
  tail -20 "$work/apt-src.log" >&2
  echo "build-pgvector: apt-get source pgvector failed" >&2
  exit 1
}

srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
[ -n "$srcdir" ] || { echo "build-pgvector: unpacked source not found" >&2; exit 1; }
version=${srcdir##*/pgvector-}
case "$version" in
  0.8.*) ;;
  *) echo "build-pgvector: warning: expected pgvector 0.8.x, got $version" >&2 ;;
esac

echo "build-pgvector: building pgvector $version for PostgreSQL $PG_MAJOR"
jobs=$(nproc 2>/dev/null || echo 1)
make -C "$srcdir" -j"$jobs" PG_CONFIG="$PG_CONFIG" >"$work/make.log" 2>&1 || {
  tail -30 "$work/make.log" >&2
  echo "build-pgvector: make failed" >&2
  exit 1
}
make -C "$srcdir" PG_CONFIG="$PG_CONFIG" install >>"$work/make.log" 2>&1 || {
  tail -30 "$work/make.log" >&2
  echo "build-pgvector: make install failed" >&2
  exit 1
}
echo "build-pgvector: installed pgvector $version into $("$PG_CONFIG" --pkglibdir)"

if [ "$purge" = 1 ] && [ -n "$missing" ]; then
  echo "build-pgvector: removing build dependencies"
  # shellcheck disable=SC2086
  apt-get $apt_opts purge -y --auto-remove $missing >"$work/apt-purge.log" 2>&1 || {
    tail -20 "$work/apt-purge.log" >&2
    exit 1
  }
fi
