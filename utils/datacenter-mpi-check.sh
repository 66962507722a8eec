#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Does ipvlan-datacenter give the same results on two MPI ranks as on one?
#
# Runs the example twice with the same arguments: once as a plain process (one rank), once
# under `mpirun -np 2` (racks split over two ranks, the spine-leaf links crossing them).
# Every `flow <id> <src> -> <dst> sent <n> delivered <n>` and `drops <reason> <n>` line of
# the two runs must be identical; both must exit 0 (their checks hold), the first must
# report ranks=1 and the second ranks=2. Prints both summary lines (events and wall time
# differ: each rank also initialises the nodes it does not run). Exit status 0 if all
# holds, 1 otherwise (with a diff of the lines that differ), 2 on a usage error.
#
# The binary must be built with ns-3's mpi module (an ns-3 tree configured with
# --enable-mpi: contrib/ipvlan's build/contrib/ipvlan/examples/ns3.*-ipvlan-datacenter-*);
# the standalone build against Debian's ns-3 has none, and two copies of it would each run
# the whole data centre as rank 0 of 1 (this script says so and fails).
#
# Usage: bash utils/datacenter-mpi-check.sh <ipvlan-datacenter binary> [example args...]
#        (default args: --duration=1; e.g. --mode=l3 --containers=16)
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <ipvlan-datacenter binary> [example args...]" >&2
  exit 2
fi
bin="$1"
shift
if [ ! -x "$bin" ]; then
  echo "datacenter-mpi-check: $bin is not an executable" >&2
  exit 2
fi
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--duration=1)
fi
for a in "${args[@]}"; do
  case "$a" in
    --quiet | --quiet=*)
      echo "datacenter-mpi-check: $a leaves out the flow lines this script compares" >&2
      exit 2
      ;;
    --ranks | --ranks=*)
      echo "datacenter-mpi-check: $a: the script sets the ranks itself (1, then 2)" >&2
      exit 2
      ;;
  esac
done
if ! command -v mpirun >/dev/null; then
  echo "datacenter-mpi-check: FAILED: mpirun is missing (Debian: apt-get install openmpi-bin)"
  exit 1
fi

tmp="$(mktemp -d /tmp/datacenter-mpi-check-XXXX)"
trap 'rm -rf "$tmp"' EXIT

echo "== one rank: $bin ${args[*]}"
rc1=0
"$bin" "${args[@]}" >"$tmp/one.out" 2>"$tmp/one.err" || rc1=$?
echo "== two ranks: mpirun -np 2 --allow-run-as-root --oversubscribe $bin ${args[*]}"
rc2=0
mpirun -np 2 --allow-run-as-root --oversubscribe "$bin" "${args[@]}" \
  >"$tmp/two.out" 2>"$tmp/two.err" || rc2=$?

failed=0
fail() {
  echo "datacenter-mpi-check: FAILED: $*"
  failed=1
}
# tail of a run's output, to show why it failed
show() {
  echo "  --- last lines of the $1-rank run (stdout, then stderr):"
  tail -n 12 "$tmp/$1.out" | sed 's/^/    /'
  tail -n 12 "$tmp/$1.err" | sed 's/^/    /'
}

s1="$(grep '^summary: ' "$tmp/one.out" || true)"
s2="$(grep '^summary: ' "$tmp/two.out" || true)"
echo "one rank:  ${s1:-(no summary line)}"
echo "two ranks: ${s2:-(no summary line)}" | sed '2,$s/^/           /'

n2="$(grep -c '^summary: ' "$tmp/two.out" || true)"
without_mpi=0
if [ "$n2" -gt 1 ]; then
  without_mpi=1
  fail "the two-rank run printed $n2 summary lines: each process ran the whole data centre" \
    "alone, so $bin was built without MPI (ns-3's mpi module: configure ns-3 with" \
    "--enable-mpi)"
elif [ -n "$s2" ] && ! grep -q ' ranks=2 ' <<<"$s2"; then
  without_mpi=1
  fail "the two-rank run reports $(grep -o 'ranks=[0-9]*' <<<"$s2"), not ranks=2: $bin was" \
    "built without MPI (ns-3's mpi module: configure ns-3 with --enable-mpi)"
fi
if [ -n "$s1" ] && ! grep -q ' ranks=1 ' <<<"$s1"; then
  fail "the one-rank run reports $(grep -o 'ranks=[0-9]*' <<<"$s1"), not ranks=1"
fi
# a run that failed: its status, and its failed checks or else its last lines
check_run() {
  local which="$1" rc="$2" summary="$3" msg
  if [ "$rc" -eq 0 ] && [ -n "$summary" ]; then
    return 0
  fi
  msg="the $which-rank run exited with status $rc"
  [ -z "$summary" ] && msg+=" and printed no summary line"
  fail "$msg"
  if grep -q '^check: .*: FAILS' "$tmp/$which.out"; then
    grep '^check: .*: FAILS' "$tmp/$which.out" | sed 's/^/    /'
  else
    show "$which"
  fi
}
check_run one "$rc1" "$s1"
check_run two "$rc2" "$s2"

grep -E '^(flow|drops) ' "$tmp/one.out" >"$tmp/one.lines" || true
grep -E '^(flow|drops) ' "$tmp/two.out" >"$tmp/two.lines" || true
flows="$(grep -c '^flow ' "$tmp/one.lines" || true)"
drops="$(grep -c '^drops ' "$tmp/one.lines" || true)"
if [ "$flows" -eq 0 ]; then
  fail "the one-rank run printed no flow line"
elif [ "$without_mpi" -eq 1 ]; then
  : # the two processes' lines are interleaved: nothing to compare
elif ! diff -u --label "one rank" --label "two ranks" "$tmp/one.lines" "$tmp/two.lines" \
  >"$tmp/diff"; then
  fail "the flow and drops lines differ between one rank and two:"
  head -n 60 "$tmp/diff" | sed 's/^/    /'
  [ "$(wc -l <"$tmp/diff")" -gt 60 ] && echo "    ... ($(wc -l <"$tmp/diff") diff lines)"
fi

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "datacenter-mpi-check: ok: $flows flow lines and $drops drops lines identical on one" \
  "rank and on two; both runs' checks hold"
