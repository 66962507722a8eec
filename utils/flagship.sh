#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The flagship simulation end to end: install what is missing, build, then
#  1. the port-security experiment (examples/ipvlan-port-security.cc): a router and hosts
#     behind a switch that admits one MAC per port; ipvlan l2/l3, macvlan and forwarding
#     hosts with N containers each; prints the table for N=4 and the sweep over N, and
#     writes results/ipvlan-port-security.png; then the host-load sweep (no port
#     security, a growing unknown-unicast flood, a per-frame host cost): downstream UDP
#     delivered per host, results/ipvlan-host-load.png;
#  2. the kernel HOWTO example (examples/ipvlan-howto.cc): prints its ping table and
#     writes results/ipvlan-howto.png.
#  3. the master's queue disc (examples/ipvlan-traffic-control.cc --sweep): a host's TCP
#     flow and four containers' UDP floods through one root qdisc on a 100 Mb/s eth0, for
#     pfifo_fast, fq_codel, tbf and none; prints the summary (full tables in
#     results/ipvlan-traffic-control-sweep.txt) and writes
#     results/ipvlan-traffic-control-sweep.png.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/build.sh" >/dev/null
out="$top/results"
mkdir -p "$out"
"$top/build/examples/ipvlan-port-security" --outdir="$out"
"$top/build/examples/ipvlan-port-security" --sweep --outdir="$out" >"$out/ipvlan-port-security-sweep.txt"
echo
echo "sweep over N (containers per host), pings answered and frames each host inspected:"
cat "$out/ipvlan-port-security.dat"
gnuplot "$out/ipvlan-port-security.plt"
echo
echo "host load: no port security, N = 32 (> 16 filter slots), 10 us per frame the NIC hands"
echo "the host, a growing unknown-unicast flood; downstream UDP delivered (%) and host busy ms:"
"$top/build/examples/ipvlan-port-security" --flood-sweep --outdir="$out" >"$out/ipvlan-host-load.txt"
cat "$out/ipvlan-host-load.dat"
gnuplot "$out/ipvlan-host-load.plt"
echo
"$top/build/examples/ipvlan-howto" --outdir="$out"
gnuplot "$out/ipvlan-howto.plt"
echo
echo "plots: $out/ipvlan-port-security.png $out/ipvlan-host-load.png $out/ipvlan-howto.png"
echo
echo "the master's queue disc: host1's TCP flow and 4 containers' 50 Mb/s UDP floods through"
echo "one root qdisc on a 100 Mb/s eth0 (ipvlan l2):"
"$top/build/examples/ipvlan-traffic-control" --sweep --outdir="$out" \
    >"$out/ipvlan-traffic-control-sweep.txt"
sed -n '/^sweep summary/,/^$/p' "$out/ipvlan-traffic-control-sweep.txt"
gnuplot "$out/ipvlan-traffic-control-sweep.plt"
echo "plot: $out/ipvlan-traffic-control-sweep.png"
