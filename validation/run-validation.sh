#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The kernel validation in one command (validation/FORMAT.md):
#
#   validation/run-validation.sh [scenario.scn...]
#
# runs the scenarios (default: all validation/scenarios/*.scn) on the real kernel
# (validation/kernel/run-kernel.sh, User-Mode Linux) and on the model
# (build/validation/ipvlan-validate), then compares them with validation/compare.py.
# Outputs go to build/validation-out/{kernel,model,report.txt}.  The exit status is
# compare.py's: 0 when every probe agrees (or its difference is allowed).
#
# Environment: BUILD_DIR (default build), UML_JOBS (scenarios at a time in UML).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
build=${BUILD_DIR:-build}
out=$build/validation-out
model=$build/validation/ipvlan-validate

if [ "$#" -gt 0 ]; then
	scenarios=("$@")
else
	scenarios=(validation/scenarios/*.scn)
fi

if [ -f "$build/CMakeCache.txt" ]; then
	cmake --build "$build" --target ipvlan-validate || {
		echo "run-validation: building the model runner failed" >&2
		exit 2
	}
fi

rm -rf "$out/kernel" "$out/model"
mkdir -p "$out/kernel" "$out/model"

echo "== kernel: ${#scenarios[@]} scenarios in User-Mode Linux"
kernel_rc=0
validation/kernel/run-kernel.sh "$out/kernel" "${scenarios[@]}" || kernel_rc=$?

echo "== model: $model"
model_rc=0
if [ -x "$model" ]; then
	"$model" --out "$out/model" "${scenarios[@]}" || model_rc=$?
else
	echo "run-validation: $model not found (configure and build first)" >&2
	model_rc=127
fi

echo "== comparison"
compare_rc=0
python3 validation/compare.py "$out/kernel" "$out/model" \
	--allowed validation/allowed-differences.txt | tee "$out/report.txt" || compare_rc=${PIPESTATUS[0]}
[ "$kernel_rc" = 0 ] || echo "run-validation: the kernel runner exited with $kernel_rc" >&2
[ "$model_rc" = 0 ] || echo "run-validation: the model runner exited with $model_rc" >&2
echo "report: $out/report.txt"
exit "$compare_rc"
