#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The manual (doc/) as HTML, in one command: install what is missing (Debian bookworm), build
# the module, the examples and the table generator in build/, then
#  1. utils/ipvlan-doc-tables.cc writes the attribute and trace-source tables from the
#     module's TypeIds into build/doc/generated/;
#  2. the examples that draw the manual's plots run there (ipvlan-howto,
#     ipvlan-port-security --sweep and --flood-sweep, ipvlan-traffic-control --sweep), and
#     gnuplot draws the PNGs;
#  3. sphinx-build -W turns doc/ into build/doc/html/: any Sphinx warning fails the build
#     (doc/conf.py puts the generated tables and the PNGs into the chapter).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="$top/build"
out="$build/doc"
gen="$out/generated"

bash "$top/utils/install-deps.sh" g++ cmake make libns3-dev ns3 libgsl-dev gnuplot-nox python3-sphinx

start=$SECONDS
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPVLAN_EXAMPLES=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target ipvlan-doc-tables ipvlan-howto \
  ipvlan-port-security ipvlan-traffic-control >/dev/null

rm -rf "$gen"
mkdir -p "$gen"
"$build/utils/ipvlan-doc-tables" --outdir="$gen"

# The examples run side by side (the flood sweep is the longest, about 10 s); each one's
# printout is kept beside its plot.
runs=(
  "ipvlan-howto"
  "ipvlan-port-security --sweep"
  "ipvlan-port-security --flood-sweep"
  "ipvlan-traffic-control --sweep"
)
log() { echo "$gen/$(echo "$1" | sed 's/ --/-/g').txt"; } # ipvlan-port-security-sweep.txt
pids=()
for run in "${runs[@]}"; do
  read -r -a argv <<<"$run"
  "$build/examples/${argv[0]}" "${argv[@]:1}" --outdir="$gen" >"$(log "$run")" 2>&1 &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "build-doc: example failed: ${runs[$i]}; its output:" >&2
    cat "$(log "${runs[$i]}")" >&2
    exit 1
  fi
done
for plt in "$gen"/*.plt; do
  gnuplot "$plt"
done
echo "build-doc: tables and plots in $gen ($((SECONDS - start)) s)"

rm -rf "$out/html" "$out/doctrees"
IPVLAN_DOC_GENERATED="$gen" sphinx-build -W --keep-going -E -q -b html \
  -d "$out/doctrees" "$top/doc" "$out/html"
echo "build-doc: manual in $out/html/index.html ($((SECONDS - start)) s)"
