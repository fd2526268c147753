#!/usr/bin/env bash
# Installs the .deb that `mvn -P installer package` built, runs the app from where it was installed (the command line,
# then the desktop app under the display in DISPLAY), and removes it again, checking nothing is left behind.
#   installers/linux/check-deb.sh [--measure N]   (as root; --measure also times N cold starts of the installed app
#                                                   and of `java -jar target/alloy-companion.jar`)
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf 'check-deb: %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

measure=0
[ "${1:-}" = --measure ] && measure=${2:-5}
[ "$(id -u)" = 0 ] || fail "needs root (dpkg)"
deb=$(ls target/installer/out/alloy-companion_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no package in target/installer/out: run mvn -P installer package first"
log "package $deb ($(du -h "$deb" | cut -f1))"

if dpkg -s alloy-companion >/dev/null 2>&1; then dpkg -r alloy-companion >/dev/null; fi
# dpkg does not fetch what the package depends on (xdg-utils, X libraries); apt-get -f completes the install.
if ! dpkg -i "$deb" >/tmp/check-deb-dpkg.log 2>&1; then
  log "dpkg -i wants dependencies; installing them"
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends >/dev/null
fi
dpkg -s alloy-companion | grep -q '^Status: install ok installed' || fail "not installed"
[ -x /opt/alloy-companion/bin/alloy-companion ] || fail "no launcher in /opt/alloy-companion/bin"
[ -x /opt/alloy-companion/bin/alloy-companion-cli ] || fail "no command-line launcher"
[ "$(readlink /usr/bin/alloy-companion)" = /opt/alloy-companion/bin/alloy-companion ] || fail "alloy-companion is not on the PATH"
desktop=$(dpkg -L alloy-companion | grep '/alloy-companion-alloy-companion\.desktop$' | head -1)
[ -n "$desktop" ] || fail "no desktop entry in the package"
grep -q '^Exec=/opt/alloy-companion/bin/alloy-companion' "$desktop" || fail "desktop entry does not start the launcher"
# Where a desktop menu system exists, the entry is registered with it (a bare server or container has none).
registered=/usr/share/applications/alloy-companion-alloy-companion.desktop
if [ -d /etc/xdg/menus ]; then
  [ -f "$registered" ] || fail "the desktop entry was not registered with the menu ($registered)"
fi
log "installed: $(du -sh /opt/alloy-companion | cut -f1) in /opt/alloy-companion, desktop entry $desktop"
# The class-data archive postinst makes from the list the build recorded (no list: a build without a display).
jsa=/opt/alloy-companion/lib/app/alloy-companion.jsa
# The JVM maps the archive for an ordinary user, or stops: -Xshare:on turns the silent fallback into an error.
mapped_for_a_user() {
  local tmp; tmp=$(mktemp -d); chmod 0777 "$tmp"
  runuser -u nobody -- env ALLOY_COMPANION_HOME="$tmp/home" JAVA_TOOL_OPTIONS=-Xshare:on \
    /opt/alloy-companion/bin/alloy-companion-cli --version >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
}
if [ -f /opt/alloy-companion/lib/app/alloy-companion.classlist ]; then
  [ -s "$jsa" ] || fail "postinst made no class-data archive from the class list"
  [ "$(stat -c %a "$jsa")" = 644 ] || fail "the class-data archive is not readable by every user ($(stat -c %a "$jsa"))"
  mapped_for_a_user || fail "the JVM does not map the class-data archive for an ordinary user (-Xshare:on)"
  log "class-data archive: $(du -h "$jsa" | cut -f1) from $(wc -l < /opt/alloy-companion/lib/app/alloy-companion.classlist) listed classes, mapped for user nobody"
  # An upgrade (here: the same package again) runs prerm upgrade, which deletes the archive, then postinst, which makes it anew.
  before=$(stat -c %Y.%i "$jsa")
  sleep 1
  dpkg -i "$deb" >/tmp/check-deb-dpkg.log 2>&1 || fail "installing the package over itself failed (see /tmp/check-deb-dpkg.log)"
  [ -s "$jsa" ] || fail "no class-data archive after an upgrade"
  [ "$(stat -c %Y.%i "$jsa")" != "$before" ] || fail "the upgrade kept the old class-data archive"
  mapped_for_a_user || fail "the JVM does not map the class-data archive made on upgrade"
  log "upgrade over itself: archive made anew and mapped"
elif [ -n "${DISPLAY:-}" ]; then
  fail "no class list in the package although there is a display (the build's training start failed? see target/installer/classlist-run.log)"
else
  log "no class list in the package (built without a display): no class-data archive"
fi

home=$(mktemp -d)
removed=false
# A failed check leaves no package behind on the machine.
trap 'rm -rf "$home"; $removed || dpkg -P alloy-companion >/dev/null 2>&1 || true' EXIT
version=$(env -u DISPLAY ALLOY_COMPANION_HOME="$home" alloy-companion --version)
log "alloy-companion --version: $version"
[[ "$version" == "alloy-companion "* ]] || fail "unexpected --version output: $version"
status=0
env -u DISPLAY ALLOY_COMPANION_HOME="$home" alloy-companion doctor --json > "$home/doctor.json" || status=$?
[ "$status" -le 1 ] || fail "doctor --json exited $status"
grep -q '"schemaVersion"' "$home/doctor.json" || fail "doctor --json printed no JSON document"
grep -q "\"java\"" "$home/doctor.json" || fail "doctor --json has no java section"
log "doctor --json: exit $status, $(wc -c < "$home/doctor.json") bytes"
env -u DISPLAY ALLOY_COMPANION_HOME="$home" /opt/alloy-companion/bin/alloy-companion-cli | grep -q 'Usage: alloy-companion' \
  || fail "the command-line launcher without arguments does not print the usage"

# start-up: the installed launcher (or java -jar) to the log line the app writes when its window is shown
startup() { # startup HOME COMMAND...
  local dir=$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  ALLOY_COMPANION_HOME="$dir" "$@" >/dev/null 2>&1 &
  local app=$! ms=""
  for _ in $(seq 1 600); do
    ms=$(grep -hos 'main window shown [0-9]* ms' "$dir"/logs/*.log | grep -o '[0-9]*' | head -1 || true)
    [ -n "$ms" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "$ms"
}
[ -n "${DISPLAY:-}" ] || fail "no DISPLAY for the desktop app (start Xvfb, e.g. scripts/test-services.sh start)"
ms=$(startup "$home/gui" alloy-companion)
[ -n "$ms" ] || fail "the installed desktop app did not show its window within 60 s"
log "desktop app from the installed launcher: window shown $ms ms after JVM start"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
if [ "$measure" -gt 0 ]; then
  packaged=(); jar=()
  for i in $(seq 1 "$measure"); do
    packaged+=("$(startup "$home/p$i" alloy-companion)")
    jar+=("$(startup "$home/j$i" java -XX:+UseZGC -XX:SoftMaxHeapSize=512m -jar target/alloy-companion.jar)")
  done
  log "cold start to window, installed app (ms): ${packaged[*]}; median $(printf '%s\n' "${packaged[@]}" | median)"
  log "cold start to window, java -jar (ms): ${jar[*]}; median $(printf '%s\n' "${jar[@]}" | median)"
fi

dpkg -r alloy-companion >/dev/null
removed=true
dpkg -s alloy-companion >/dev/null 2>&1 && [ "$(dpkg-query -W -f='${Status}' alloy-companion)" != "deinstall ok config-files" ] \
  && fail "still installed after dpkg -r"
[ ! -e /opt/alloy-companion ] || fail "/opt/alloy-companion is still there"
[ ! -e /usr/bin/alloy-companion ] || fail "/usr/bin/alloy-companion is still there"
[ ! -e "$desktop" ] || fail "the desktop entry is still there"
[ ! -e "$registered" ] || fail "the desktop entry is still registered with the menu ($registered)"
log "removed cleanly"
dpkg -P alloy-companion >/dev/null 2>&1 || true
