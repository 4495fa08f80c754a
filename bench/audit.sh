#!/bin/sh
# Audit log benchmark: chained append vs plain insert (durable commits), and verification of
# 1,000,000 events, on a fresh embedded PostgreSQL. Figures: bench/README.md.
# Usage: bench/audit.sh [events to verify, default 1000000]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.audit.AuditBenchmark \
  -Dexec.args="${1:-1000000}" \
  -Dexec.cleanupDaemonThreads=false
