#!/bin/sh
set -eu
# The test runner finds the launcher here; fail the build if the package moved it.
test -f /usr/share/java/junit-platform-console-standalone.jar
sh "$(dirname "$0")/../common/add-user.sh" sandbox 1000 /workspace
