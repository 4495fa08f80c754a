#!/bin/sh
# Import benchmark: N subjects with their contracts, then a support ticket for each, through Tutela's validated import against
# PostgreSQL's own COPY of the same rows, then the subject 360 over HTTP. Figures: bench/README.md.
# Usage: bench/import.sh [subjects, default 1000000]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.subject.ImportBenchmark \
  -Dexec.args="${1:-1000000}" \
  -Dexec.cleanupDaemonThreads=false
