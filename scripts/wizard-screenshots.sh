#!/usr/bin/env bash
# Walks the whole setup wizard as a newcomer would (Alloy installed from a local release server, the agent started for
# real, the checklist run) and takes a screenshot of every step, in English and Spanish, into docs/screenshots/
# (guide-<n>-<step>-<lang>.png, used by docs/guide.md). With the test services' stack images
# (ALLOY_COMPANION_TEST_STACK_IMAGES, from `eval "$(scripts/test-services.sh env)"`) it also walks the local-stack path
# against their Docker engine (guide-stack-<n>-<step>-<lang>.png) and the "both" path (local stack + Grafana Cloud,
# guide-both-<n>-<step>-<lang>.png), removing those stacks afterwards.
#   scripts/wizard-screenshots.sh [languages…]      (default: en es)
# Needs Xvfb (package xvfb). With scripts/test-services.sh started and its env loaded, the metrics endpoint is the
# real Prometheus it runs; without, a local stand-in that checks basic auth the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(en es)
mkdir -p "$out"

display=140
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
for lang in "${languages[@]}"; do
  DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.alloycompanion.tools.WizardWalkScreenshots "$out" "$lang"
done

if [ -z "${ALLOY_COMPANION_TEST_STACK_IMAGES:-}" ]; then
  echo "Local-stack screenshots skipped: ALLOY_COMPANION_TEST_STACK_IMAGES is not set. Start the test services" \
    "(scripts/test-services.sh start) and load their env (eval \"\$(scripts/test-services.sh env)\") for them." >&2
  exit 0
fi
for lang in "${languages[@]}"; do
  DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.alloycompanion.tools.WizardStackScreenshots "$out" "$lang"
  DISPLAY=":$display" java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.alloycompanion.tools.WizardStackScreenshots "$out" "$lang" both
done
