#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Emulation demo (root; Linux): builds a small real test bed inside this machine out of
# network namespaces, runs the two emulation examples on it with real ping and iperf3,
# and removes everything again on exit, also on failure or Ctrl-C.
#
#   ns OUT: out0 10.199.10.1 (a real host on the link)
#      |  veth
#   ns HOST: eth0 (no IP) = master of the simulated host (the example runs in this
#      machine's own namespace and opens a raw socket on eth0 inside ns HOST)
#   ns CTR: TAP ipvt0 10.199.10.50 = a real container on the simulated host
#
# Usage: sudo bash utils/emu-demo.sh [BUILD_DIR]   (default: build/, made by utils/build.sh)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$top/build}"

if [ "$(id -u)" -ne 0 ]; then
  echo "emu-demo: run as root (sudo bash $0): it creates namespaces, veths, a TAP and raw sockets" >&2
  exit 1
fi
for tool in ip ping iperf3 timeout; do
  command -v "$tool" >/dev/null || {
    echo "emu-demo: $tool is missing (apt-get install iproute2 iputils-ping iperf3 coreutils)" >&2
    exit 1
  }
done
for ex in ipvlan-emu-ping ipvlan-tap-container; do
  [ -x "$build/examples/$ex" ] || {
    echo "emu-demo: $build/examples/$ex not found; build first (bash utils/build.sh)" >&2
    exit 1
  }
done

p="ipvdemo-$$"
out="$p-out"
host="$p-host"
ctr="$p-ctr"
log="$(mktemp /tmp/$p-XXXX.log)"
pids=()

cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  for ns in "$out" "$host" "$ctr"; do
    for q in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$q" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Wait (at most 10 s) until the example has built the simulated host
wait_ready() {
  for _ in $(seq 100); do
    grep -q "running for" "$log" && return 0
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  echo "emu-demo: the example did not start:" >&2
  cat "$log" >&2
  exit 1
}

for ns in "$out" "$host" "$ctr"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$out" link add out0 type veth peer name eth0 netns "$host"
ip -n "$out" addr add 10.199.10.1/24 dev out0
ip -n "$out" link set out0 up
ip -n "$host" link set eth0 up
ip -n "$ctr" tuntap add dev ipvt0 mode tap
ip -n "$ctr" addr add 10.199.10.50/24 dev ipvt0
ip -n "$ctr" link set ipvt0 up
echo "test bed: $out (out0 10.199.10.1) -- veth -- $host (eth0, the simulated host's NIC); $ctr (TAP ipvt0 10.199.10.50)"
echo "eth0's MAC: $(ip -n "$host" -br link show eth0 | awk '{print $3}')"

echo
echo "== 1. simulated containers on a real interface: ipvlan-emu-ping =="
timeout 40 "$build/examples/ipvlan-emu-ping" --interface=eth0 --netns="$host" --containers=4 \
  --ping=10.199.10.1 --duration=8 >"$log" 2>&1 &
pids+=($!)
wait_ready "${pids[-1]}"
for i in 10 11 12 13; do
  ip netns exec "$out" ping -c 3 -i 0.2 -W 2 -q "10.199.10.$i" | grep -E "transmitted|rtt" | sed "s/^/ping 10.199.10.$i: /"
done
echo "the real host's neighbour table: every container behind the one MAC of eth0"
ip -n "$out" neigh show dev out0 | sed 's/^/  /'
wait "${pids[-1]}"
echo "--- example output:"
cat "$log"

echo
echo "== 2. a real namespace as a container on the simulated host: ipvlan-tap-container =="
ip -n "$out" neigh flush dev out0
timeout 60 "$build/examples/ipvlan-tap-container" --interface=eth0 --netns="$host" \
  --tap=ipvt0 --tap-netns="$ctr" --containers=2 --duration=16 \
  --disable-offloads="out0@$out" >"$log" 2>&1 &
pids+=($!)
example=$!
wait_ready "$example"
echo "real container -> simulated container, and -> the real host, through the simulated port:"
ip netns exec "$ctr" ping -c 3 -i 0.2 -W 2 -q 10.199.10.10 | grep -E "transmitted" | sed 's/^/  ping 10.199.10.10: /'
ip netns exec "$ctr" ping -c 3 -i 0.2 -W 2 -q 10.199.10.1 | grep -E "transmitted" | sed 's/^/  ping 10.199.10.1: /'
echo "iperf3 TCP, real host -> real container (3 s):"
ip netns exec "$ctr" timeout 10 iperf3 -s -1 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5
ip netns exec "$out" timeout 10 iperf3 -c 10.199.10.50 -t 3 -f m | grep -E "sender|receiver" | sed 's/^/  /' || echo "  iperf3 TCP failed"
echo "iperf3 UDP at 10 Mb/s, real host -> real container (3 s): sent, lost"
ip netns exec "$ctr" timeout 10 iperf3 -s -1 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5
ip netns exec "$out" timeout 10 iperf3 -u -b 10M -c 10.199.10.50 -t 3 -f m | grep -E "sender|receiver" | sed 's/^/  /' || echo "  iperf3 UDP failed"
wait "$example"
echo "--- example output:"
cat "$log"
