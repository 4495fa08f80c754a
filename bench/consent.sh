#!/bin/sh
# Consent benchmark: a campaign list checked against a register snapshot and the consent ledger through Tutela's API,
# against the same anti-join in plain SQL, both in one run; then single contact decisions over HTTP.
# Figures: bench/README.md.
# Usage: bench/consent.sh [list numbers, default 1000000] [register numbers, default 10000000] [ledger subjects, default 1000000]
set -e
cd "$(dirname "$0")/.."
# the server's JVM as README's "The server's JVM" asks: a heap of fixed size, its pages touched at start, in
# transparent huge pages (the server runs in this Maven JVM)
export MAVEN_OPTS="-Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages ${MAVEN_OPTS:-}"
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.consent.ConsentBenchmark \
  -Dexec.args="${1:-1000000} ${2:-10000000} ${3:-1000000}" \
  -Dexec.cleanupDaemonThreads=false
