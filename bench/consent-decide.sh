#!/bin/sh
# The decisions of a campaign check alone, in memory (no HTTP, no PostgreSQL), on the data of bench/consent.sh:
# each round decides the whole list. Figures: bench/README.md.
# Usage: bench/consent-decide.sh [list numbers, default 1000000] [register numbers, default 10000000]
#        [ledger subjects, default 1000000] [rounds, default 15]
# Set MAVEN_OPTS to try other JVM options; by default those of the server's JVM (README).
set -e
cd "$(dirname "$0")/.."
export MAVEN_OPTS="${MAVEN_OPTS:--Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages}"
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.consent.CampaignDecideBenchmark \
  -Dexec.args="${1:-1000000} ${2:-10000000} ${3:-1000000} ${4:-15}" \
  -Dexec.cleanupDaemonThreads=false
