#!/usr/bin/env bash
# Load test: 500 virtual booths, each with its own agent and MQTT connection, in one JVM, with the
# embedded broker and gateway in-process, for 5 minutes of real time (virtual time = real time).
# Passes (exit 0) when no booth action failed, every booth is online at the gateway at the end, no
# booth went offline without a network cut, and the gateway rejected no payload.
# Usage: simulator/load-test.sh [BOOTHS] [DURATION] [extra simulator options…]
set -euo pipefail
cd "$(dirname "$0")/.."
BOOTHS="${1:-500}"
DURATION="${2:-5m}"
shift $(( $# > 2 ? 2 : $# ))
JAR=simulator/target/simulator.jar
[ -f "$JAR" ] || mvn -q -DskipTests -pl simulator -am package
exec java -Xss512k -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$JAR" --booths "$BOOTHS" --load --duration "$DURATION" --speed 1 --seed 1 "$@"
