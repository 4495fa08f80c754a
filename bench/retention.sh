#!/bin/sh
# Retention benchmark: N call detail records over 80 months; Tutela's retention run (Conecto's
# policy: into the justice vault after 6 months, deleted after 72) against a plain
# INSERT … SELECT + DELETE of the same rows. Figures: bench/README.md.
# Usage: bench/retention.sh [calls, default 1000000]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.retention.RetentionBenchmark \
  -Dexec.args="${1:-1000000}" \
  -Dexec.cleanupDaemonThreads=false
