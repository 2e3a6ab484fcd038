#!/bin/sh
# Create the unprivileged sandbox user and its working directory.
#   sh common/add-user.sh NAME UID DIR
set -eu
name=${1:?name} uid=${2:?uid} dir=${3:?dir}
if ! getent group "$uid" >/dev/null; then
  groupadd --gid "$uid" "$name"
fi
if ! getent passwd "$uid" >/dev/null; then
  useradd --uid "$uid" --gid "$uid" --create-home --shell /bin/bash "$name"
fi
mkdir -p "$dir"
chown "$uid:$uid" "$dir"
chmod 0755 "$dir"
