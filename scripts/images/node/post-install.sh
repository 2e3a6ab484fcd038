#!/bin/sh
set -eu
sh "$(dirname "$0")/../common/add-user.sh" sandbox 1000 /workspace
