#!/bin/sh
# Access-request benchmark: one subject with 5,000 records among N subjects, an access request
# received, verified, executed and its zip downloaded over HTTP. Figures: bench/README.md.
# Usage: bench/requests.sh [subjects, default 1000000] [records of the subject, default 5000] [rounds, default 30]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.requests.AccessBenchmark \
  -Dexec.args="${1:-1000000} ${2:-5000} ${3:-30}" \
  -Dexec.cleanupDaemonThreads=false
