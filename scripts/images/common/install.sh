#!/bin/sh
# Install one agentloop image recipe into the root it runs in (as root).
#
#   sh common/install.sh RECIPE_DIR
#
# RECIPE_DIR holds:
#   packages          Debian packages to install (one per line, # comments)
#   pre-install.sh    optional, runs before the packages are installed
#   post-install.sh   optional, runs after
#
# Run by the image's Dockerfile (FROM debian:bookworm-slim) and, identically,
# by scripts/provision inside a debootstrap'ed bookworm root, so both routes
# produce the same image.
set -eu

recipe=${1:?usage: install.sh RECIPE_DIR}
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
apt_opts="-q -o Dpkg::Use-Pty=0 -o APT::Install-Recommends=false -o APT::Install-Suggests=false -o Acquire::Retries=1"

# Keep documentation, manuals and translations out of the image.
mkdir -p /etc/dpkg/dpkg.cfg.d
cat >/etc/dpkg/dpkg.cfg.d/90-agentloop-nodoc <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
CFG

if [ -f "$recipe/pre-install.sh" ]; then
  sh "$recipe/pre-install.sh"
fi

# shellcheck disable=SC2086
apt-get $apt_opts update
packages=$(sed -e 's/#.*//' "$recipe/packages" | xargs)
echo "install.sh: installing $packages"
# shellcheck disable=SC2086
apt-get $apt_opts install -y $packages

if [ -f "$recipe/post-install.sh" ]; then
  sh "$recipe/post-install.sh"
fi

# Slim down. AGENTLOOP_KEEP_APT_CACHE=1 keeps downloaded .debs (the provision
# script mounts a persistent download cache there).
if [ "${AGENTLOOP_KEEP_APT_CACHE:-0}" != 1 ]; then
  apt-get clean
fi
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/debconf/*-old \
  /var/lib/dpkg/*-old /var/log/apt/* /var/log/dpkg.log /var/log/alternatives.log \
  /var/log/bootstrap.log
find /usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
find /usr/share/doc -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/lintian/*
