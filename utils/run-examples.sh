#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Every example with its checks. Each example ends by printing one line per claim it makes,
# "check: <claim>: holds" or "check: <claim>: FAILS (<what was seen>)", and exits non-zero
# if one fails. This script
#  1. builds the example targets (in build/, or BUILD_DIR, configured as utils/build.sh
#     does);
#  2. runs every line of cpp_examples in test/examples-to-run.py (the list test.py runs),
#     each in a fresh temporary folder that is also its --outdir where it has one;
#  3. as root, with the emulation examples built and a kernel that makes network
#     namespaces, runs ipvlan-emu-ping and ipvlan-tap-container on a test bed it builds and
#     removes (as utils/emu-demo.sh: a veth whose one end is the master in a namespace,
#     a real host 10.199.10.1 on the other end, a TAP 10.199.10.50 in a third namespace);
#     otherwise it prints why they are left out;
# and prints one summary line per example. Exit status 1 if any example exits non-zero
# (naming it and its FAILS lines) or prints no check line, 0 otherwise.
#
# Usage: bash utils/run-examples.sh [BUILD_DIR]   (default: build/)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$top/build}"
bash "$top/utils/install-deps.sh"

# --- build ----------------------------------------------------------------------------------
# The examples test.py runs: the first word of each cpp_examples line whose do_run is True
mapfile -t lines < <(python3 - "$top/test/examples-to-run.py" <<'EOF'
import runpy
import sys

for name, do_run, _ in runpy.run_path(sys.argv[1])["cpp_examples"]:
    if do_run == "True":
        print(name)
    else:
        print("# %s (do_run %s)" % (name, do_run))
EOF
)
targets=()
for line in "${lines[@]}"; do
  case "$line" in
    "#"*) continue ;;
  esac
  t="${line%% *}"
  [[ " ${targets[*]} " == *" $t "* ]] || targets+=("$t")
done
emu_examples=(ipvlan-emu-ping ipvlan-tap-container)
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPVLAN_EXAMPLES=ON >/dev/null
# the emulation examples exist only where the module is built with emulation (IPVLAN_EMU)
known="$(cmake --build "$build" --target help 2>/dev/null || true)"
emu_built=yes
for t in "${emu_examples[@]}"; do
  grep -qw -- "$t" <<<"$known" || emu_built=no
done
build_targets=("${targets[@]}")
[ "$emu_built" = yes ] && build_targets+=("${emu_examples[@]}")
echo "== building ${build_targets[*]}"
cmake --build "$build" -j "$(nproc)" --target "${build_targets[@]}" >/dev/null

# --- running --------------------------------------------------------------------------------
bin="$build/examples"
scratch="$(mktemp -d /tmp/ipvlan-run-examples-XXXX)"
failed=()
ran=0
netns=()
cleanup() {
  set +e
  for ns in "${netns[@]}"; do
    for q in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$q" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# run_example LIMIT_SECONDS NAME [ARGS...]: run it in a fresh folder (its --outdir too, if it
# has that option) under `timeout`, print its summary line, remember a failure
run_example() {
  local limit="$1"
  shift
  local name="$1"
  shift
  local label="$name${*:+ $*}"
  local dir log rc t0 t1 holds fails outdir=()
  ran=$((ran + 1))
  dir="$(mktemp -d "$scratch/$name-XXXX")"
  log="$dir.log"
  local help
  help="$("$bin/$name" --PrintHelp 2>/dev/null || true)"
  if grep -q -- "--outdir:" <<<"$help"; then
    outdir=("--outdir=$dir")
  fi
  t0="$(now_ms)"
  rc=0
  (cd "$dir" && timeout "$limit" "$bin/$name" "$@" "${outdir[@]}") >"$log" 2>&1 || rc=$?
  t1="$(now_ms)"
  holds="$(grep -c '^check: .*: holds$' "$log" || true)"
  fails="$(grep -c '^check: .*: FAILS (' "$log" || true)"
  local took
  took="$(printf '%d.%01d s' $(((t1 - t0) / 1000)) $((((t1 - t0) % 1000) / 100)))"
  if [ "$rc" -eq 0 ] && [ "$fails" -eq 0 ] && [ "$holds" -gt 0 ]; then
    echo "run-examples: $label: ok, $holds checks hold ($took)"
    return 0
  fi
  failed+=("$label")
  if [ "$rc" -eq 124 ]; then
    echo "run-examples: $label: FAILED: timed out after $limit s"
  elif [ "$fails" -gt 0 ]; then
    echo "run-examples: $label: FAILED: exit status $rc, $fails of $((holds + fails))" \
      "checks fail ($took):"
    grep '^check: .*: FAILS (' "$log" | sed 's/^/    /'
  elif [ "$rc" -ne 0 ]; then
    echo "run-examples: $label: FAILED: exit status $rc and no FAILS line; its last lines:"
    tail -n 15 "$log" | sed 's/^/    /'
  else
    echo "run-examples: $label: FAILED: it printed no check line (each example checks its claims)"
  fi
}

total_t0="$(now_ms)"
echo "== the examples of test/examples-to-run.py"
for line in "${lines[@]}"; do
  case "$line" in
    "#"*)
      echo "run-examples: ${line#\# }: left out (test.py would not run it)"
      continue
      ;;
  esac
  read -r -a words <<<"$line"
  run_example 1800 "${words[@]}"
done

echo "== the emulation examples"
why_not=""
if [ "$emu_built" != yes ]; then
  why_not="not built (the module was configured without emulation: fd-net-device missing)"
elif [ "$(id -u)" -ne 0 ]; then
  why_not="not root: they open raw sockets and this script builds namespaces, a veth and a TAP"
elif ! command -v ip >/dev/null || ! command -v timeout >/dev/null; then
  why_not="iproute2 (ip) or coreutils (timeout) is missing"
else
  probe="ipvrun-$$-probe"
  if ! err="$(ip netns add "$probe" 2>&1)"; then
    why_not="the kernel refused a network namespace (ip netns add: $err)"
  else
    ip netns del "$probe"
  fi
fi
if [ -n "$why_not" ]; then
  for t in "${emu_examples[@]}"; do
    echo "run-examples: $t: left out: $why_not"
  done
else
  # The test bed (utils/emu-demo.sh's): OUT's out0 10.199.10.1 -- veth -- HOST's eth0, the
  # simulated host's master (no IP); CTR's TAP ipvt0 10.199.10.50, a real container
  out="ipvrun-$$-out"
  host="ipvrun-$$-host"
  ctr="ipvrun-$$-ctr"
  for ns in "$out" "$host" "$ctr"; do
    ip netns add "$ns"
    netns+=("$ns")
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
      net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n "$out" link add out0 type veth peer name eth0 netns "$host"
  ip -n "$out" addr add 10.199.10.1/24 dev out0
  ip -n "$out" link set out0 up
  ip -n "$host" link set eth0 up
  ip -n "$ctr" tuntap add dev ipvt0 mode tap
  ip -n "$ctr" addr add 10.199.10.50/24 dev ipvt0
  ip -n "$ctr" link set ipvt0 up
  echo "test bed: $out (out0 10.199.10.1) -- veth -- $host (eth0); $ctr (TAP ipvt0 10.199.10.50)"
  # four containers ping the real host (5 pings from 1 s, 0.5 s apart)
  run_example 60 ipvlan-emu-ping --interface=eth0 --netns="$host" --containers=4 \
    --ping=10.199.10.1 --duration=5
  # two simulated containers ping the real container through the TAP (1 a second from 1 s)
  run_example 60 ipvlan-tap-container --interface=eth0 --netns="$host" --tap=ipvt0 \
    --tap-netns="$ctr" --containers=2 --duration=6
fi

total_t1="$(now_ms)"
took="$(((total_t1 - total_t0) / 1000)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-examples: ${#failed[@]} of $ran examples FAILED ($took):"
  printf '    %s\n' "${failed[@]}"
  exit 1
fi
echo "run-examples: $ran examples ran, every check holds ($took)"
