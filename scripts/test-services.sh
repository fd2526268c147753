#!/usr/bin/env bash
# Starts and stops the real programs the integration tests talk to, for CI and for local runs:
#   Xvfb (a display), a D-Bus session with gnome-keyring's Secret Service, Prometheus with the remote-write
#   receiver behind basic auth, and a Docker engine (vfs storage, own socket) with a busybox test image and the
#   local stack's test images (real Prometheus, busybox stand-ins for Tempo, Loki, Alloy and Grafana).
#
#   scripts/test-services.sh start     start what is missing, write the environment file, print it
#   scripts/test-services.sh env       print the exports (use: eval "$(scripts/test-services.sh env)")
#   scripts/test-services.sh status    say what is running
#   scripts/test-services.sh stop      stop everything this script started
#
# State lives in $ALLOY_COMPANION_TEST_SERVICES_DIR (default /tmp/alloy-companion-test-services).
# Packages (Debian): xvfb x11-utils dbus gnome-keyring prometheus apache2-utils docker.io busybox-static docker-registry.
set -euo pipefail

STATE_DIR=${ALLOY_COMPANION_TEST_SERVICES_DIR:-/tmp/alloy-companion-test-services}
ENV_FILE="$STATE_DIR/env"
DOCKER_TEST_IMAGE=alloy-companion-test/busybox:latest

log() { printf 'test-services: %s\n' "$*" >&2; }

# alive PIDFILE: the recorded process still runs (and is not a recycled pid: its name must match the file's).
alive() {
  [ -f "$1" ] || return 1
  local pid name; pid=$(cat "$1"); name=$(basename "$1" .pid)
  kill -0 "$pid" 2>/dev/null || return 1
  case "$name" in
    xvfb) grep -qi xvfb "/proc/$pid/comm" ;;
    dbus) grep -q dbus "/proc/$pid/comm" ;;
    keyring) grep -q gnome-keyring "/proc/$pid/comm" ;;
    prometheus) grep -q prometheus "/proc/$pid/comm" ;;
    docker) grep -q dockerd "/proc/$pid/comm" ;;
    registry) grep -q registry "/proc/$pid/comm" ;;
    *) return 0 ;;
  esac
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then log "$what did not come up within ${seconds}s"; return 1; fi
    sleep 0.2
  done
}

unset_vars() { # unset_vars NAME...: forget exports of a service that is (re)started or skipped
  touch "$ENV_FILE"
  local name
  for name in "$@"; do
    grep -v "^export $name=" "$ENV_FILE" > "$ENV_FILE.tmp" || true
    mv "$ENV_FILE.tmp" "$ENV_FILE"
  done
}

set_var() { # set_var NAME VALUE: record an export in the env file
  local name=$1 value=$2
  touch "$ENV_FILE"
  grep -v "^export $name=" "$ENV_FILE" > "$ENV_FILE.tmp" || true
  printf 'export %s=%q\n' "$name" "$value" >> "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

start_xvfb() {
  if alive "$STATE_DIR/xvfb.pid"; then return 0; fi
  unset_vars DISPLAY
  command -v Xvfb >/dev/null || { log "Xvfb not installed (package xvfb): skipped"; return 0; }
  local display=99
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp > "$STATE_DIR/xvfb.log" 2>&1 &
  echo $! > "$STATE_DIR/xvfb.pid"
  wait_for 15 Xvfb test -e "/tmp/.X11-unix/X$display"
  set_var DISPLAY ":$display"
  log "Xvfb on :$display"
}

start_keyring() {
  if alive "$STATE_DIR/dbus.pid"; then return 0; fi
  unset_vars DBUS_SESSION_BUS_ADDRESS
  command -v dbus-daemon >/dev/null || { log "dbus-daemon not installed (package dbus): skipped"; return 0; }
  command -v gnome-keyring-daemon >/dev/null || { log "gnome-keyring-daemon not installed (package gnome-keyring): skipped"; return 0; }
  local address pid
  read -r address pid < <(dbus-daemon --session --fork --print-address=1 --print-pid=1 | paste -sd' ')
  echo "$pid" > "$STATE_DIR/dbus.pid"
  # Always a new keyring: one left by an earlier run is locked with that run's password and would prompt forever.
  rm -rf "$STATE_DIR/keyring-home" "$STATE_DIR/runtime"
  mkdir -p "$STATE_DIR/keyring-home" "$STATE_DIR/runtime"
  chmod 700 "$STATE_DIR/runtime"
  # A throw-away login keyring, unlocked with a random password that lives only in this pipe.
  head -c 24 /dev/urandom | base64 | tr -d '\n' | \
    env DBUS_SESSION_BUS_ADDRESS="$address" HOME="$STATE_DIR/keyring-home" \
        XDG_DATA_HOME="$STATE_DIR/keyring-home" XDG_RUNTIME_DIR="$STATE_DIR/runtime" \
        gnome-keyring-daemon --foreground --unlock --components=secrets > "$STATE_DIR/keyring.env" 2> "$STATE_DIR/keyring.log" &
  echo $! > "$STATE_DIR/keyring.pid"
  wait_for 15 "the Secret Service" secret_service_up "$address"
  set_var DBUS_SESSION_BUS_ADDRESS "$address"
  log "D-Bus session $address with gnome-keyring Secret Service"
}

secret_service_up() {
  DBUS_SESSION_BUS_ADDRESS="$1" dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true"
}

start_prometheus() {
  if alive "$STATE_DIR/prometheus.pid"; then return 0; fi
  unset_vars ALLOY_COMPANION_TEST_PROMETHEUS_URL ALLOY_COMPANION_TEST_PROMETHEUS_USER ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD
  command -v prometheus >/dev/null || { log "prometheus not installed (package prometheus): skipped"; return 0; }
  command -v htpasswd >/dev/null || { log "htpasswd not installed (package apache2-utils): skipped"; return 0; }
  local port=19090
  while ! port_free "$port"; do port=$((port + 1)); done
  local user=alloy-companion-test password hash
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  hash=$(htpasswd -nbBC 10 "$user" "$password" | cut -d: -f2-)
  mkdir -p "$STATE_DIR/prometheus-data"
  cat > "$STATE_DIR/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
YAML
  cat > "$STATE_DIR/prometheus-web.yml" <<YAML
basic_auth_users:
  $user: '$hash'
YAML
  prometheus --config.file="$STATE_DIR/prometheus.yml" --web.config.file="$STATE_DIR/prometheus-web.yml" \
    --storage.tsdb.path="$STATE_DIR/prometheus-data" --web.listen-address="127.0.0.1:$port" \
    --web.enable-remote-write-receiver > "$STATE_DIR/prometheus.log" 2>&1 &
  echo $! > "$STATE_DIR/prometheus.pid"
  wait_for 30 Prometheus curl -sf -u "$user:$password" "http://127.0.0.1:$port/-/ready"
  set_var ALLOY_COMPANION_TEST_PROMETHEUS_URL "http://127.0.0.1:$port"
  set_var ALLOY_COMPANION_TEST_PROMETHEUS_USER "$user"
  set_var ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD "$password"
  log "Prometheus on 127.0.0.1:$port (remote-write receiver, basic auth)"
}

start_docker() {
  if alive "$STATE_DIR/docker.pid"; then
    # Running already: only make sure the current test images exist (their tag changes with their content).
    build_stack_images "unix://$STATE_DIR/docker/docker.sock"
    return 0
  fi
  unset_vars DOCKER_HOST ALLOY_COMPANION_TEST_DOCKER_IMAGE ALLOY_COMPANION_TEST_STACK_IMAGES ALLOY_COMPANION_TEST_NEVER_READY_IMAGE ALLOY_COMPANION_TEST_CRASHING_IMAGE
  command -v dockerd >/dev/null || { log "dockerd not installed (package docker.io): skipped"; return 0; }
  [ "$(id -u)" = 0 ] || { log "dockerd needs root: skipped"; return 0; }
  local dir="$STATE_DIR/docker"
  mkdir -p "$dir"
  local host="unix://$dir/docker.sock"
  dockerd --storage-driver=vfs --iptables=false --host="$host" --data-root="$dir/data" --exec-root="$dir/exec" \
    --pidfile="$dir/dockerd.pid" > "$STATE_DIR/dockerd.log" 2>&1 &
  echo $! > "$STATE_DIR/docker.pid"
  wait_for 60 dockerd docker -H "$host" version
  if ! docker -H "$host" image inspect "$DOCKER_TEST_IMAGE" >/dev/null 2>&1; then
    # No registry is reachable: build the test image from Debian's static busybox with `docker import`.
    local rootfs="$STATE_DIR/busybox-rootfs"
    rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp"
    cp "$(command -v busybox)" "$rootfs/bin/busybox"
    for applet in sh echo cat ls sleep env printf wget nc; do ln -sf busybox "$rootfs/bin/$applet"; done
    tar -C "$rootfs" -c . | docker -H "$host" import -c 'CMD ["/bin/sh"]' - "$DOCKER_TEST_IMAGE" >/dev/null
  fi
  build_stack_images "$host"
  set_var DOCKER_HOST "$host"
  set_var ALLOY_COMPANION_TEST_DOCKER_IMAGE "$DOCKER_TEST_IMAGE"
  log "Docker engine at $host with image $DOCKER_TEST_IMAGE and the stack's test images"
}

# The local stack's images for the tests, made with `docker import` since no registry is reachable: Debian's real
# Prometheus binary as the Prometheus image, and busybox httpd answering the health endpoints of Tempo (/ready),
# Loki (/ready), Alloy (/-/ready) and Grafana (/api/health), one that never gets ready and one that crashes at
# once. The app's code only sees image names (settings). Change the tag whenever these images change: an engine
# that keeps running keeps the images of the old tag.
STACK_IMAGE_TAG=standin-3
build_stack_images() {
  local host=$1 base="$STATE_DIR/stack-rootfs"
  local images="" service port
  if ! docker -H "$host" image inspect "alloy-companion-test/prometheus:$STACK_IMAGE_TAG" >/dev/null 2>&1; then
    if command -v prometheus >/dev/null; then
      local rootfs="$base/prometheus" binary; binary=$(command -v prometheus)
      rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/prometheus" "$rootfs/etc/prometheus"
      cp "$binary" "$rootfs/bin/prometheus"
      # its shared libraries (libc and the loader), at the same paths
      for lib in $(ldd "$binary" | grep -o '/[^ ]*'); do mkdir -p "$rootfs$(dirname "$lib")"; cp -L "$lib" "$rootfs$lib"; done
      tar -C "$rootfs" -c . | docker -H "$host" import -c 'ENTRYPOINT ["/bin/prometheus"]' - \
        "alloy-companion-test/prometheus:$STACK_IMAGE_TAG" >/dev/null
    fi
  fi
  local rootfs="$base/standin"
  rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/www/-" "$rootfs/www/api" "$rootfs/empty"
  cp "$(command -v busybox)" "$rootfs/bin/busybox"
  for applet in sh echo httpd sleep; do ln -sf busybox "$rootfs/bin/$applet"; done
  echo ready > "$rootfs/www/ready"
  echo ready > "$rootfs/www/-/ready"
  printf '{"database":"ok","version":"stand-in"}' > "$rootfs/www/api/health"
  cat > "$rootfs/serve.sh" <<'SCRIPT'
#!/bin/sh
# A stand-in service for the stack tests: busybox httpd answering health endpoints; the arguments are ignored.
echo "level=info msg=\"stand-in starting\" service=$SERVICE port=$PORT args=\"$*\""
[ -n "$EXTRA_PORT" ] && httpd -p "$EXTRA_PORT" -h "$WWW"
httpd -f -v -p "$PORT" -h "$WWW" &
# As the real services do, stop at once on SIGTERM (PID 1 has no default handler, so `docker stop` would wait 10 s).
trap 'kill $!; echo "level=info msg=\"stand-in stopping\""; exit 0' TERM INT
wait
SCRIPT
  chmod +x "$rootfs/serve.sh"
  for entry in tempo:3200 loki:3100 alloy:12345 grafana:3000 never-ready:3100; do
    service=${entry%%:*}; port=${entry##*:}
    local image="alloy-companion-test/$service:$STACK_IMAGE_TAG" www=/www extra=""
    [ "$service" = never-ready ] && www=/empty
    [ "$service" = alloy ] && extra=4318
    if ! docker -H "$host" image inspect "$image" >/dev/null 2>&1; then
      tar -C "$rootfs" -c . | docker -H "$host" import -c "ENV SERVICE=$service PORT=$port WWW=$www EXTRA_PORT=$extra" \
        -c 'ENTRYPOINT ["/serve.sh"]' - "$image" >/dev/null
    fi
    [ "$service" = never-ready ] || images="$images${images:+,}$service=$image"
  done
  if ! docker -H "$host" image inspect "alloy-companion-test/crashing:$STACK_IMAGE_TAG" >/dev/null 2>&1; then
    tar -C "$rootfs" -c . | docker -H "$host" import \
      -c 'ENTRYPOINT ["/bin/sh", "-c", "echo level=error msg=\"failed parsing config\" err=\"line 3: unknown field\"; exit 1"]' \
      - "alloy-companion-test/crashing:$STACK_IMAGE_TAG" >/dev/null
  fi
  if docker -H "$host" image inspect "alloy-companion-test/prometheus:$STACK_IMAGE_TAG" >/dev/null 2>&1; then
    images="$images,prometheus=alloy-companion-test/prometheus:$STACK_IMAGE_TAG"
  fi
  set_var ALLOY_COMPANION_TEST_STACK_IMAGES "$images"
  start_registry "$host"
  set_var ALLOY_COMPANION_TEST_NEVER_READY_IMAGE "alloy-companion-test/never-ready:$STACK_IMAGE_TAG"
  set_var ALLOY_COMPANION_TEST_CRASHING_IMAGE "alloy-companion-test/crashing:$STACK_IMAGE_TAG"
}

# A local image registry (Debian's docker-registry) holding one of the stand-in images, so that pulling a missing
# image, with its progress, is tested for real. Loopback registries need no TLS for dockerd.
start_registry() {
  local host=$1 port=15000
  unset_vars ALLOY_COMPANION_TEST_REGISTRY_IMAGE
  command -v docker-registry >/dev/null || { log "docker-registry not installed (package docker-registry): skipped"; return 0; }
  if alive "$STATE_DIR/registry.pid"; then
    port=$(cat "$STATE_DIR/registry.port")
  else
    while ! port_free "$port"; do port=$((port + 1)); done
    mkdir -p "$STATE_DIR/registry"
    cat > "$STATE_DIR/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$STATE_DIR/registry.yml" > "$STATE_DIR/registry.log" 2>&1 &
    echo $! > "$STATE_DIR/registry.pid"
    echo "$port" > "$STATE_DIR/registry.port"
    wait_for 30 registry port_open "$port"
  fi
  local remote="127.0.0.1:$port/alloy-companion-test/tempo:$STACK_IMAGE_TAG"
  docker -H "$host" tag "alloy-companion-test/tempo:$STACK_IMAGE_TAG" "$remote"
  docker -H "$host" push "$remote" >/dev/null
  # Only in the registry: the tests pull it.
  docker -H "$host" rmi "$remote" >/dev/null
  set_var ALLOY_COMPANION_TEST_REGISTRY_IMAGE "$remote"
  log "image registry on 127.0.0.1:$port with $remote"
}

stop_pidfile() {
  local file=$1
  if alive "$file"; then
    local pid; pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

case "${1:-}" in
  start)
    mkdir -p "$STATE_DIR"
    start_xvfb
    start_keyring
    start_prometheus
    start_docker
    cat "$ENV_FILE" 2>/dev/null || true
    ;;
  env)
    cat "$ENV_FILE" 2>/dev/null || true
    ;;
  status)
    for service in xvfb dbus keyring prometheus docker registry; do
      if alive "$STATE_DIR/$service.pid"; then echo "$service: running (pid $(cat "$STATE_DIR/$service.pid"))"; else echo "$service: not running"; fi
    done
    ;;
  stop)
    if [ -f "$ENV_FILE" ] && grep -q DOCKER_HOST "$ENV_FILE"; then
      # shellcheck disable=SC1090
      (. "$ENV_FILE"; docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true)
    fi
    for service in registry docker prometheus keyring dbus xvfb; do stop_pidfile "$STATE_DIR/$service.pid"; done
    rm -rf "$ENV_FILE" "$STATE_DIR/keyring-home" "$STATE_DIR/runtime"
    log "stopped"
    ;;
  *)
    echo "usage: $0 start|env|status|stop" >&2
    exit 2
    ;;
esac
