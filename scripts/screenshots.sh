#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ from the real app in a real window under Xvfb.
#   scripts/screenshots.sh            (builds target/alloy-companion.jar first if it is missing)
# Needs Xvfb (package xvfb) and ImageMagick's `import` (package imagemagick). What the Environment rows say is
# whatever this machine has; start scripts/test-services.sh first to show a machine with Docker and a keychain.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/alloy-companion.jar
out=docs/screenshots
width=1100
height=720
[ -f "$jar" ] || mvn -B -q package -DskipTests
mkdir -p "$out"

display=120
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

shoot() { # shoot NAME LANGUAGE THEME WIZARD_STEP COMPLETED [SCREEN]
  local name=$1 language=$2 theme=$3 step=$4 completed=$5 screen=${6:-ENVIRONMENT}
  local home; home=$(mktemp -d)
  mkdir -p "$home/config" "$home/data"
  # A documentation example with a plain-text password, so the Config screen has a problem to show.
  cp src/test/resources/alloy-reference/examples/11-loki-write-grafana-cloud-basic-auth.alloy "$home/data/config.alloy"
  cat > "$home/config/settings.json" <<JSON
{
  "schemaVersion": 1,
  "language": "$language",
  "theme": "$theme",
  "wizard": {"currentStep": "$step", "values": {"mode.mode": "GRAFANA_CLOUD"}, "completed": $completed},
  "window": {"x": 0, "y": 0, "width": $width, "height": $height, "maximized": false},
  "screen": "$screen"
}
JSON
  DISPLAY=":$display" ALLOY_COMPANION_HOME="$home" java -jar "$jar" >/dev/null 2>&1 &
  local app=$!
  for _ in $(seq 1 100); do grep -qs "Startup: main window shown" "$home"/logs/*.log && break; sleep 0.1; done
  sleep 4 # let the environment check finish and the progress bar go away
  import -display ":$display" -window root -crop "${width}x${height}+0+0" +repage "$out/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  rm -rf "$home"
  echo "wrote $out/$name.png"
}

shoot main-window-light ENGLISH LIGHT environment false
shoot main-window-dark ENGLISH DARK environment false
shoot main-window-es SPANISH LIGHT mode false
shoot config-light ENGLISH LIGHT environment true CONFIG
shoot config-dark ENGLISH DARK environment true CONFIG
shoot config-pt PORTUGUESE_BRAZIL LIGHT environment true CONFIG
shoot settings-es SPANISH LIGHT install true SETTINGS

# The install step mid-download, from a throttled release server on loopback (test tool, see its Javadoc).
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
for lang in en es pt-BR; do
  DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.alloycompanion.tools.InstallStepScreenshots "$out" "$lang"
done
# The apt choice with the root commands it would run, shown before the user agrees.
DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.alloycompanion.tools.InstallStepScreenshots "$out" es apt
# The credential manager after "Test all" against a local server (one accepted, three diagnosed failures).
DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.alloycompanion.tools.CredentialsScreenshots "$out" en CREDENTIALS
DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.alloycompanion.tools.CredentialsScreenshots "$out" pt-BR CREDENTIALS
DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.alloycompanion.tools.CredentialsScreenshots "$out" es SETUP
# The wizard's Sources and endpoints step (one address still missing its port) and its Review step (a diff).
for lang in en es; do
  for step in sources review; do
    DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
      io.alloycompanion.tools.WizardSourcesScreenshots "$out" "$lang" "$step"
  done
done
# The Logs screen in the middle of a 50,000 lines/s flood from a child process (the tool also prints its
# measurements and checks the counts; see docs/performance.md, "Logs under a flood").
for lang in en es pt-BR; do
  DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.alloycompanion.tools.LogFloodProbe "$out" "$lang"
done
# Every step of the setup wizard, walked for real (see scripts/wizard-screenshots.sh).
scripts/wizard-screenshots.sh en es
# The Local stack screen bringing a stack up on the test services' Docker engine (its locally built images), then its
# Validation tab; skipped without that engine.
if [ -n "${ALLOY_COMPANION_TEST_STACK_IMAGES:-}" ]; then
  for lang in en es; do
    DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
      io.alloycompanion.tools.StackScreenshots "$out" "$lang"
  done
else
  echo "stack screenshots skipped: run scripts/test-services.sh start and eval its env first" >&2
fi
