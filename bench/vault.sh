#!/bin/sh
# Vault query benchmark: N calls in the justice vault, a target number with about K of them;
# a judicial liaison queries the vault under a legal order for that number over one year, R times,
# over HTTP. Figures: bench/README.md.
# Usage: bench/vault.sh [calls, default 2000000] [target's calls, default 1000] [rounds, default 200]
set -e
cd "$(dirname "$0")/.."
exec mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tutela.vault.VaultQueryBenchmark \
  -Dexec.args="${1:-2000000} ${2:-1000} ${3:-200}" \
  -Dexec.cleanupDaemonThreads=false
