#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the libFuzzer harness of the ipvlan port (test/fuzz/ipvlan-fuzz.cc) with clang,
# ASan and UBSan in build-fuzz/, write the seed corpus, and fuzz for a bounded time.
# Usage: utils/fuzz.sh [seconds]   (default 120; total wall time of the fuzzing run)
# Prints the executions run and the coverage reached; exits non-zero on a crash, a
# sanitizer report, a timeout or out-of-memory, leaving the input that caused it in build-fuzz/fuzz-artifacts/
# (run it again with build-fuzz/ipvlan-fuzz FILE). The corpus grows in
# build-fuzz/fuzz-corpus/ from run to run.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-120}"
bash "$top/utils/install-deps.sh"
bdir="$top/build-fuzz"
cmake -S "$top" -B "$bdir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DIPVLAN_FUZZ=ON -DIPVLAN_EXAMPLES=OFF >/dev/null
cmake --build "$bdir" -j "$(nproc)" --target ipvlan-fuzz
seeds="$bdir/fuzz-seeds"
corpus="$bdir/fuzz-corpus"
artifacts="$bdir/fuzz-artifacts"
log="$bdir/fuzz.log"
rm -rf "$seeds"
python3 "$top/test/fuzz/make-seed-corpus.py" "$seeds"
mkdir -p "$corpus" "$artifacts"
echo "== fuzzing the ipvlan port for ${seconds} s (log: $log)"
# -detect_leaks=0: the test beds live for the whole process and every input leaves some
# state behind on purpose (ARP and neighbour caches, conntrack, reassembly buffers), so
# libFuzzer's per-input leak check would run LeakSanitizer on nearly every input (ten
# times slower) for nothing; leaks are utils/sanitize.sh's job.
set +e
ASAN_OPTIONS="quarantine_size_mb=64" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  "$bdir/ipvlan-fuzz" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -detect_leaks=0 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e
last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
echo "fuzzer: ${runs:-?} executions; last status: ${last:-none}"
if [ "$rc" -ne 0 ]; then
  echo "fuzzer FAILED (exit $rc); the end of its log:" >&2
  grep -v '^#[0-9]' "$log" | tail -60 >&2
  echo "inputs left in $artifacts/:" >&2
  ls -l "$artifacts" >&2
  exit "$rc"
fi
echo "fuzzer: no crash, sanitizer report or timeout in ${seconds} s"
