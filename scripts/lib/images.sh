# shellcheck shell=bash
# Sandbox image steps of scripts/provision. Sourced, never executed.
# Expects: common.sh sourced; REPO_ROOT set; a Docker engine that answers.
#
# No image registry is needed: each image is a debootstrap'ed Debian bookworm
# root (cached as a tarball) into which scripts/images/common/install.sh
# installs the recipe in scripts/images/NAME/, then `docker import` with the
# USER/WORKDIR/ENV/EXPOSE/ENTRYPOINT/CMD lines of scripts/images/NAME/Dockerfile.
# The Dockerfile runs the same install.sh, so both routes stay in step.

# shellcheck disable=SC2034 # used by scripts/provision
IMAGE_NAMES=(python node java pgvector)
IMAGES_DIR=$REPO_ROOT/scripts/images
IMAGE_SUITE=bookworm
IMAGE_MIRROR=${AGENTLOOP_MIRROR:-http://deb.debian.org/debian}
IMAGE_SECURITY_MIRROR=${AGENTLOOP_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
AGENTLOOP_CACHE=${AGENTLOOP_CACHE:-/var/cache/agentloop}
IMAGE_LABEL=org.agentloop.recipe
# Bump to rebuild every image after a change to this file's build logic.
IMAGE_BUILD_REVISION=1

# Instructions `docker import --change` accepts (STOPSIGNAL, for one, is not).
IMAGE_CHANGE_RE='^(ENV|USER|WORKDIR|EXPOSE|ENTRYPOINT|CMD|LABEL)[[:space:]]'

# image_recipe_hash NAME : hash of everything that defines the image.
image_recipe_hash() {
  local name=$1
  {
    echo "revision=$IMAGE_BUILD_REVISION suite=$IMAGE_SUITE mirror=$IMAGE_MIRROR security=$IMAGE_SECURITY_MIRROR"
    (cd "$IMAGES_DIR" && find common "$name" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# ------------------------------------------------------------ cleanup
declare -a _IMAGE_CLEANUP_DIRS=()

# Unmount everything below DIR (deepest first), then delete DIR without ever
# crossing into a file system that is still mounted.
image_release_dir() {
  local dir=$1 m
  [[ -d $dir ]] || return 0
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r)
  if awk -v d="$dir/" 'index($2, d) == 1 {found=1} END {exit !found}' /proc/self/mounts; then
    warn "could not unmount everything below $dir; leaving it in place"
    return 0
  fi
  rm -rf --one-file-system "$dir"
}

image_cleanup_all() {
  local d
  for d in "${_IMAGE_CLEANUP_DIRS[@]}"; do
    image_release_dir "$d"
  done
  _IMAGE_CLEANUP_DIRS=()
}
trap 'image_cleanup_all' EXIT
trap 'image_cleanup_all; exit 130' INT TERM

# image_tmpdir : a scratch directory in IMAGE_TMP, released on exit.
image_tmpdir() {
  mkdir -p "$AGENTLOOP_CACHE/tmp"
  IMAGE_TMP=$(mktemp -d "$AGENTLOOP_CACHE/tmp/build.XXXXXX")
  _IMAGE_CLEANUP_DIRS+=("$IMAGE_TMP")
}

# ------------------------------------------------------------ base root
image_base_tarball() {
  local key
  key=$(echo "minbase $IMAGE_SUITE $IMAGE_MIRROR $IMAGE_SECURITY_MIRROR" | sha256sum | cut -c1-12)
  echo "$AGENTLOOP_CACHE/base/$IMAGE_SUITE-minbase-$key.tar"
}

# Build the debootstrap base root once; later images reuse the tarball.
image_ensure_base() {
  local tarball
  tarball=$(image_base_tarball)
  if [[ -s $tarball ]]; then
    return 0
  fi
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  local tmp root t0
  image_tmpdir
  tmp=$IMAGE_TMP
  root=$tmp/root
  t0=$(now_ms)
  log "debootstrap --variant=minbase $IMAGE_SUITE from $IMAGE_MIRROR (cached as $tarball)"
  if ! debootstrap --variant=minbase "$IMAGE_SUITE" "$root" "$IMAGE_MIRROR" >"$tmp/debootstrap.log" 2>&1; then
    tail -n 15 "$tmp/debootstrap.log" >&2
    die "debootstrap of $IMAGE_SUITE failed (log above); check access to $IMAGE_MIRROR and re-run scripts/provision."
  fi
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $IMAGE_MIRROR
Suites: $IMAGE_SUITE $IMAGE_SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $IMAGE_SECURITY_MIRROR
Suites: $IMAGE_SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb "$root"/var/log/bootstrap.log
  mkdir -p "$(dirname "$tarball")"
  tar --numeric-owner -C "$root" -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
  image_release_dir "$tmp"
  log "base root ready: $(du -h "$tarball" | cut -f1) in $(fmt_ms $(($(now_ms) - t0)))"
}

# ------------------------------------------------------------ one image
# image_changes NAME : the `docker import --change` arguments, from the Dockerfile.
image_changes() {
  local line
  while IFS= read -r line; do
    printf '%s\0' --change "$line"
  done < <(grep -E "$IMAGE_CHANGE_RE" "$IMAGES_DIR/$1/Dockerfile")
}

image_smoke_test() {
  local name=$1 ref=agentloop/$1 out
  case $name in
    python)
      out=$(docker run --rm --network none "$ref" sh -c 'id -u && python3 -m pytest --version 2>&1 && python3 -c "import hypothesis; print(\"hypothesis\", hypothesis.__version__)" && bandit --version | head -n 1') ;;
    node)
      out=$(docker run --rm --network none "$ref" sh -c 'id -u && node --version && node --test --help >/dev/null && echo "node --test ok" && node -e "console.log(\"acorn\", require(\"/usr/share/nodejs/acorn\").version)"') ;;
    java)
      out=$(docker run --rm --network none "$ref" sh -c 'id -u && javac -version 2>&1 && java -jar /usr/share/java/junit-platform-console-standalone.jar --help >/dev/null && echo "junit console launcher ok"') ;;
    pgvector)
      out=$(docker run --rm --network none --entrypoint sh "$ref" -c 'id -un && postgres --version && ls /usr/share/postgresql/15/extension/vector.control') ;;
  esac || die "smoke test of $ref failed: $out"
  log "smoke test: $(echo "$out" | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
}

image_step() {
  local name=$1 ref=agentloop/$1 hash current
  [[ -f $IMAGES_DIR/$name/Dockerfile && -f $IMAGES_DIR/$name/packages ]] ||
    die "recipe $IMAGES_DIR/$name is incomplete (Dockerfile and packages are required)."
  hash=$(image_recipe_hash "$name")
  current=$(docker image inspect -f "{{index .Config.Labels \"$IMAGE_LABEL\"}}" "$ref" 2>/dev/null || true)
  if [[ $current == "$hash" ]]; then
    log "$ref is up to date (recipe $hash)"
    return 0
  fi
  if [[ -n $current ]]; then
    log "$ref was built from recipe $current, rebuilding for $hash"
  fi

  image_ensure_base

  local tmp root old_id
  image_tmpdir
  tmp=$IMAGE_TMP
  root=$tmp/root
  mkdir -p "$root"
  tar --numeric-owner -xpf "$(image_base_tarball)" -C "$root"

  # Chroot plumbing: /proc, a persistent .deb cache, no service start-ups, DNS.
  mkdir -p "$AGENTLOOP_CACHE/apt-archives/partial"
  mount -t proc proc "$root/proc"
  mount --bind "$AGENTLOOP_CACHE/apt-archives" "$root/var/cache/apt/archives"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"

  mkdir -p "$root/tmp/recipe"
  cp -a "$IMAGES_DIR/common" "$root/tmp/recipe/common"
  cp -a "$IMAGES_DIR/$name" "$root/tmp/recipe/image"

  log "installing scripts/images/$name into a $IMAGE_SUITE root (log: $tmp/install.log while it runs)"
  if ! chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 HOME=/root AGENTLOOP_KEEP_APT_CACHE=1 \
    sh /tmp/recipe/common/install.sh /tmp/recipe/image >"$tmp/install.log" 2>&1; then
    tail -n 25 "$tmp/install.log" >&2
    die "building $ref failed (last lines above); fix the recipe in scripts/images/$name and re-run scripts/provision."
  fi
  grep -E '^(build-pgvector|install.sh):' "$tmp/install.log" | sed 's/^/    /' || true

  umount "$root/var/cache/apt/archives"
  umount "$root/proc"
  rm -rf "$root/tmp/recipe" "$root/usr/sbin/policy-rc.d"
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
  find "$root/dev" -mindepth 1 -delete
  find "$root/tmp" "$root/var/tmp" -mindepth 1 -delete

  old_id=$(docker image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
  local -a changes
  mapfile -d '' changes < <(image_changes "$name")
  log "docker import as $ref"
  if ! tar --numeric-owner -C "$root" -c . |
    docker import "${changes[@]}" --change "LABEL $IMAGE_LABEL=$hash" \
      --message "agentloop/$name from scripts/images/$name (recipe $hash)" - "$ref:latest" >/dev/null; then
    die "docker import of $ref failed; see $DOCKERD_LOG."
  fi
  image_release_dir "$tmp"

  if [[ -n $old_id && $old_id != "$(docker image inspect -f '{{.Id}}' "$ref")" ]]; then
    docker image rm "$old_id" >/dev/null 2>&1 && log "removed the previous $ref image ${old_id:7:12}" || true
  fi
  log "$ref: $(docker image inspect -f '{{.Size}}' "$ref" | awk '{printf "%.0f MB", $1/1e6}'), recipe $hash"
  image_smoke_test "$name"
}
