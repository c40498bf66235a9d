#!/usr/bin/env bash
# Runs the whole test suite: builds every project (hosted packages and bare-metal images), runs every test
# project (unit, property, interoperability and QEMU boot tests), prints the boot measurements and a
# closing "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
xen_install_prerequisites

rm -rf artifacts/test-results
mkdir -p artifacts/test-results
dotnet build Xen.slnx -c Release -nologo
set +e
dotnet test Xen.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" \
  --results-directory artifacts/test-results 2>&1 | tee artifacts/test-results/test-output.txt
status=${PIPESTATUS[0]}
set -e
if [[ -f artifacts/test-results/boot-report.txt ]]; then
  echo "---- boot measurements ----"
  cat artifacts/test-results/boot-report.txt
fi
# One closing line over all test projects, from the per-assembly summaries dotnet test prints
# ("Total tests: N", "Passed: N", "Failed: N", "Skipped: N").
awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' artifacts/test-results/test-output.txt
exit "$status"
