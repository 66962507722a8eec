#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The flagship simulation end to end: install what is missing, build, run the kernel
# HOWTO example (examples/ipvlan-howto.cc), print its table and write the plot
# results/ipvlan-howto.png. Extra arguments go to the example (e.g. --containers=4).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/build.sh" >/dev/null
mkdir -p "$top/results"
"$top/build/examples/ipvlan-howto" --outdir="$top/results" "$@"
gnuplot "$top/results/ipvlan-howto.plt"
echo "plot: $top/results/ipvlan-howto.png"
