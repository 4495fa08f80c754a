#!/bin/sh
# Traffic ingest benchmark: N call detail records through Tutela's validated import against
# PostgreSQL's own COPY of the same file into the same partitioned table. Figures: bench/README.md.
# Usage: bench/traffic.sh [calls, default 5000000] [months, default 6]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.traffic.TrafficBenchmark \
  -Dexec.args="${1:-5000000} ${2:-6} ${3:-200000}" \
  -Dexec.cleanupDaemonThreads=false
