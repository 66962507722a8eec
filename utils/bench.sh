#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark suite, in one command (doc/performance.rst explains every figure):
#
#   bash utils/bench.sh [--quick] [--only=FIGURE] [--reps=N]
#
# FIGURE: egress (1), local (2), demux (3), setup (4), arp (5), memory (6), datacenter (7),
# or all (the default). Figures 1 to 6 are utils/ipvlan-bench.cc (target ipvlan-bench), each
# in its own process; figure 7 is examples/ipvlan-datacenter.cc, driven from here. Every
# figure is a ratio to a baseline measured in the same run; the table gives the target where
# there is one. Never a timed test: --quick (small sizes, seconds) only keeps the suite
# working, and fails only when a run delivers fewer packets than it sent.
#
# Writes results/bench.txt (the machine and the table), results/bench-*.dat, .plt, .png (gnuplot)
# and results/bench-*.log (each figure's full printout).
#
# Figure 7 finds the largest --containers (per host) of ipvlan-datacenter that runs within
# 60 s wall time on one rank (doubling, then a few bisection steps) and reports its events/s;
# with IPVLAN_MPI_EXAMPLE=/path/to/an MPI build of ipvlan-datacenter (from an ns-3 tree
# configured with --enable-mpi), also its events/s on 1 and 2 ranks under mpirun, at
# IPVLAN_MPI_CONTAINERS per host (default: the largest step of the search that took at most
# 15 s on one rank: an ns-3 tree's build may be a debug build, several times slower).
set -euo pipefail

top="$(cd "$(dirname "$0")/.." && pwd)"
build="$top/build"
out="$top/results"
quick=0
only=all
reps=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --only=*) only="${arg#--only=}" ;;
    --reps=*) reps="${arg#--reps=}" ;;
    -h | --help)
      sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "bench: unknown argument '$arg' (allowed: --quick, --only=FIGURE, --reps=N)" >&2
      exit 2
      ;;
  esac
done
case "$only" in
  1) only=egress ;; 2) only=local ;; 3) only=demux ;; 4) only=setup ;;
  5) only=arp ;; 6) only=memory ;; 7) only=datacenter ;;
esac
all_figures=(egress local demux setup arp memory datacenter)
if [[ "$only" == all ]]; then
  figures=("${all_figures[@]}")
elif [[ " ${all_figures[*]} " == *" $only "* ]]; then
  figures=("$only")
else
  echo "bench: --only=$only is not one of all ${all_figures[*]} (or 1..7)" >&2
  exit 2
fi

want_dc=0
[[ " ${figures[*]} " == *" datacenter "* ]] && want_dc=1
dc_source="$top/examples/ipvlan-datacenter.cc"

# --- build --------------------------------------------------------------------------------
# The build directory is shared: a link can fail while another build rewrites the library,
# so a failed build is retried.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  bash "$top/utils/build.sh"
fi
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=(ipvlan-bench)
if [[ $want_dc == 1 && -f "$dc_source" ]]; then
  targets+=(ipvlan-datacenter)
fi
built=0
for attempt in 1 2 3; do
  if cmake --build "$build" -j "$(nproc)" --target "${targets[@]}" >"$build/bench-build.log" 2>&1; then
    built=1
    break
  fi
  echo "bench: build attempt $attempt failed; retrying (log: $build/bench-build.log)" >&2
  sleep 5
done
if [[ $built == 0 ]]; then
  tail -30 "$build/bench-build.log" >&2
  echo "bench: FAILED: cannot build ${targets[*]}" >&2
  exit 1
fi
bench="$build/utils/ipvlan-bench"
command -v gnuplot >/dev/null || bash "$top/utils/install-deps.sh" gnuplot-nox

# --- the machine ----------------------------------------------------------------------------
mkdir -p "$out"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
cores="$(nproc)"
ns3="$(dpkg-query -W -f='${Version}' libns3-dev 2>/dev/null || echo unknown)"
commit="$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$top" status --porcelain -- model helper CMakeLists.txt 2>/dev/null | wc -l)"
[[ "$dirty" != 0 ]] && commit="$commit + $dirty uncommitted model/helper files"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
machine="machine: $cpu, $cores cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); ns-3 $ns3 (Debian libns3-dev); $when; git $commit"
mode="full"
[[ $quick == 1 ]] && mode="quick (sizes too small for timing)"

rows="$out/bench-rows.tsv"
: >"$rows"
# A failed figure is reported in the table and at the end (exit status 1); the others still run
failures=()
fail() {
  failures+=("$1")
  echo "bench: FAILED: $1" >&2
}
start=$SECONDS

# --- figures 1 to 6 ---------------------------------------------------------------------
bench_args=()
[[ $quick == 1 ]] && bench_args+=(--quick)
[[ -n "$reps" ]] && bench_args+=(--reps="$reps")
for fig in "${figures[@]}"; do
  [[ "$fig" == datacenter ]] && continue
  log="$out/bench-$fig.log"
  rm -f "$out/bench-$fig".{dat,plt,png}
  echo "bench: figure $fig ..." >&2
  t0=$SECONDS
  if ! "$bench" --only="$fig" --outdir="$out" "${bench_args[@]}" >"$log" 2>&1; then
    why="$(grep -m1 'FAILED\|abort\|terminate' "$log" || tail -1 "$log")"
    fail "figure $fig: $why (printout: $log)"
    printf '%s\tFAILED\t-\t-\t-\t-\t-\tFAILED\t%s\n' "$fig" "${why#ipvlan-bench: FAILED: }" >>"$rows"
    continue
  fi
  grep '^row' "$log" | cut -f2- >>"$rows" || true
  echo "bench: figure $fig done ($((SECONDS - t0)) s)" >&2
done

# --- figure 7: the data-centre example ----------------------------------------------------
dc_bin="$build/examples/ipvlan-datacenter"
dc_racks=4
dc_hosts=2
dc_duration=2
dc_limit=60
dc_row() { printf '7 datacenter\t%s\n' "$1" >>"$rows"; }

# Run the example once: dc_run BIN TIMEOUT CONTAINERS [launcher...]; sets dc_summary and
# dc_status (0 ok, 124 over the time limit, else the example failed). Its printout is kept.
dc_summary=""
dc_status=0
dc_run() {
  local bin="$1" limit="$2" containers="$3"
  shift 3
  local log="$out/bench-datacenter-c$containers${dc_tag:-}.log"
  set +e
  timeout "$limit" "$@" "$bin" --racks=$dc_racks --hosts=$dc_hosts --containers="$containers" \
    --mode=l2 --duration=$dc_duration --quiet >"$log" 2>&1
  dc_status=$?
  set -e
  dc_summary="$(grep -m1 '^summary:' "$log" || true)"
  dc_why=""
  if [[ $dc_status != 0 && $dc_status != 124 ]] || { [[ $dc_status == 0 ]] && [[ -z "$dc_summary" ]]; }; then
    local failed
    failed="$(grep -m3 '^check:.*FAILS\|abort\|terminate' "$log" | cut -c1-200 | paste -sd ';' || true)"
    dc_why="--containers=$containers exited with status $dc_status: ${failed:-no summary line} (printout: $log)"
    dc_status=255
    return
  fi
  if [[ $dc_status == 0 ]]; then
    local sent delivered dropped
    sent="$(dc_field sent)"
    delivered="$(dc_field delivered)"
    dropped="$(dc_field dropped)"
    if ((delivered + dropped != sent || delivered == 0)); then
      dc_why="--containers=$containers delivered $delivered and dropped $dropped of $sent datagrams (printout: $log)"
      dc_status=255
    fi
  fi
}
dc_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$dc_summary"; }
# awk arithmetic: calc EXPRESSION (printed with 2 decimals)
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
now() { date +%s.%N; }
dc_tag=""

# One search step: dc_step CONTAINERS; appends its row to the .dat, prints a progress line
dc_step() {
  local t wall
  t=$(now)
  dc_run "$dc_bin" "$dc_limit" "$1"
  wall=$(calc "$(now) - $t")
  case $dc_status in
    124) echo "  --containers=$1: over ${dc_limit} s" >&2 ;;
    255) echo "  --containers=$1: FAILED" >&2 ;;
    *)
      echo "$1 $(dc_field containers) $(dc_field events) $(dc_field events_per_s) $(dc_field wall_s) $wall" >>"$dc_dat"
      echo "  --containers=$1: $(dc_field containers) containers, $wall s, $(dc_field events_per_s) events/s" >&2
      ;;
  esac
}

# The gnuplot script of figure 7
dc_plot() {
  cat >"$out/bench-datacenter.plt" <<PLT
# gnuplot $out/bench-datacenter.plt (utils/bench.sh)
set terminal pngcairo noenhanced size 900,500 font 'Sans,10'
set output '$out/bench-datacenter.png'
set title "figure 7: ipvlan-datacenter ($dc_racks racks x $dc_hosts hosts, l2, $dc_duration s) on one rank"
set grid ytics
set logscale x 2
set xlabel 'containers in total'
set ylabel 'events per second (Simulator::Run)'
set y2label 'process wall time (s)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key top left
plot '$dc_dat' using 2:4 with linespoints pt 7 lw 2 title 'events/s', '' using 2:6 axes x1y2 with linespoints pt 5 lw 2 title 'wall time (s)', $dc_limit axes x1y2 with lines dt 2 title '${dc_limit} s limit'
PLT
}

figure_datacenter() {
  dc_dat="$out/bench-datacenter.dat"
  rm -f "$dc_dat" "$out/bench-datacenter.plt" "$out/bench-datacenter.png"
  if [[ ! -x "$dc_bin" ]]; then
    dc_row "largest run within ${dc_limit} s, 1 rank	n/a (examples/ipvlan-datacenter.cc not built)	-	-	-	-	n/a	-"
    return
  fi
  if [[ $quick == 1 ]]; then
    # one small run: it works and delivers what it should
    dc_run "$dc_bin" "$dc_limit" 2
    if [[ $dc_status != 0 ]]; then
      fail "figure datacenter: $dc_why"
      dc_row "one small run (quick)	FAILED	-	-	-	-	FAILED	$dc_why"
      return
    fi
    echo "# figure 7 (quick): containers_total events_per_s wall_s" >"$dc_dat"
    echo "$(dc_field containers) $(dc_field events_per_s) $(dc_field wall_s)" >>"$dc_dat"
    dc_row "one small run (quick), $(dc_field containers) containers	$(dc_field events_per_s) events/s	-	-	-	-	-	quick: no search"
    return
  fi
  # doubling until a run exceeds the limit, then a few bisection steps between the last two
  {
    echo "# figure 7: ipvlan-datacenter --racks=$dc_racks --hosts=$dc_hosts --mode=l2 --duration=$dc_duration, one rank"
    echo "# containers_per_host containers_total events events_per_s run_wall_s process_wall_s"
  } >"$dc_dat"
  local good=0 bad=0 good_summary="" first_summary="" c=1
  while :; do
    dc_step $c
    [[ $dc_status != 0 ]] && break
    good=$c
    good_summary="$dc_summary"
    [[ -z "$first_summary" ]] && first_summary="$dc_summary"
    c=$((c * 2))
  done
  # a failed run ends the search: the figure is the largest run that passed, marked FAILED
  local verdict="-" why=""
  bad=$c
  if [[ $dc_status == 0 || $dc_status == 124 ]]; then
    for _ in 1 2 3; do
      ((bad - good <= 1)) && break
      c=$(((good + bad) / 2))
      dc_step $c
      [[ $dc_status == 255 ]] && break
      if [[ $dc_status == 0 ]]; then
        good=$c
        good_summary="$dc_summary"
      else
        bad=$c
      fi
    done
  fi
  if [[ $dc_status == 255 ]]; then
    fail "figure datacenter: $dc_why"
    verdict="FAILED"
    why="FAILED: $dc_why; "
  fi
  if [[ $good == 0 ]]; then
    dc_row "largest run within ${dc_limit} s, 1 rank	none	-	-	-	-	$verdict	${why}--containers=1 did not pass within ${dc_limit} s"
    return
  fi
  # the bisection's rows in order of size
  { grep '^#' "$dc_dat"; grep -v '^#' "$dc_dat" | sort -n; } >"$dc_dat.new"
  mv "$dc_dat.new" "$dc_dat"
  dc_plot
  local eps1 n1 eps n
  dc_summary="$first_summary"
  eps1="$(dc_field events_per_s)"
  n1="$(dc_field containers)"
  dc_summary="$good_summary"
  eps="$(dc_field events_per_s)"
  n="$(dc_field containers)"
  local next="--containers=$bad: over ${dc_limit} s"
  [[ -n "$why" ]] && next=""
  dc_row "largest run within ${dc_limit} s, 1 rank: --containers=$good ($n containers)	$eps events/s	smallest run ($n1 containers)	$eps1 events/s	$(calc "$eps / $eps1")	-	$verdict	${why}racks=$dc_racks hosts=$dc_hosts l2 ${dc_duration} s${next:+; $next}"
  if [[ -z "${IPVLAN_MPI_EXAMPLE:-}" ]]; then
    dc_row "MPI build, 2 ranks vs 1	n/a (IPVLAN_MPI_EXAMPLE not set)	-	-	-	-	n/a	-"
    return
  fi
  if [[ ! -x "$IPVLAN_MPI_EXAMPLE" ]]; then
    fail "figure datacenter: IPVLAN_MPI_EXAMPLE=$IPVLAN_MPI_EXAMPLE is not an executable"
    return
  fi
  # The size: $IPVLAN_MPI_CONTAINERS, else the largest step of the search whose one-rank
  # run took at most 15 s (an ns-3 tree's build may be a debug build, several times slower)
  local m1 m2 mc
  mc="${IPVLAN_MPI_CONTAINERS:-$(awk '!/^#/ && $6 <= 15 { c = $1 } END { print c + 0 }' "$dc_dat")}"
  ((mc >= 1)) || mc=1
  echo "  MPI: $IPVLAN_MPI_EXAMPLE --containers=$mc on 1 rank, then 2" >&2
  dc_tag="-mpi1"
  dc_run "$IPVLAN_MPI_EXAMPLE" 600 "$mc" mpirun -np 1 --allow-run-as-root --oversubscribe
  m1="$(dc_field events_per_s)"
  if [[ $dc_status == 0 ]]; then
    dc_tag="-mpi2"
    dc_run "$IPVLAN_MPI_EXAMPLE" 600 "$mc" mpirun -np 2 --allow-run-as-root --oversubscribe
    m2="$(dc_field events_per_s)"
  fi
  dc_tag=""
  if [[ $dc_status == 0 && "$(dc_field ranks)" != 2 ]]; then
    dc_status=255
    dc_why="under mpirun -np 2 it ran $(dc_field ranks) rank(s): not an MPI build?"
  fi
  if [[ $dc_status != 0 ]]; then
    [[ $dc_status == 124 ]] && dc_why="over 600 s under mpirun"
    fail "figure datacenter, MPI: $IPVLAN_MPI_EXAMPLE: $dc_why"
    dc_row "MPI build, 2 ranks vs 1	FAILED	-	-	-	-	FAILED	$dc_why"
    return
  fi
  dc_row "MPI build, 2 ranks, --containers=$mc ($(dc_field containers) containers)	$m2 events/s	1 rank (mpirun -np 1)	$m1 events/s	$(calc "$m2 / $m1")	-	-	$IPVLAN_MPI_EXAMPLE"
  printf '# mpi: ranks events_per_s\n# mpi 1 %s\n# mpi 2 %s\n' "$m1" "$m2" >>"$dc_dat"
}

if [[ $want_dc == 1 ]]; then
  echo "bench: figure datacenter ..." >&2
  t0=$SECONDS
  figure_datacenter
  echo "bench: figure datacenter done ($((SECONDS - t0)) s)" >&2
fi

# --- plots and the table ------------------------------------------------------------------
for fig in "${figures[@]}"; do
  plt="$out/bench-$fig.plt"
  if [[ -f "$plt" ]] && ! gnuplot "$plt" 2>"$out/bench-$fig.gnuplot.log"; then
    echo "bench: gnuplot failed on $plt (see $out/bench-$fig.gnuplot.log)" >&2
  fi
done

{
  echo "ns-3-ipvlan benchmark ($mode; figures: ${figures[*]}; $((SECONDS - start)) s)"
  echo "$machine"
  echo "CPU time around Simulator::Run (set-up apart), median of repetitions after a warm-up;"
  echo "ratio = value / baseline of the same run; flat = at most 1.25x the smallest size"
  for f in "${failures[@]}"; do
    echo "FAILED: $f"
  done
  echo
  {
    printf 'figure\tmeasured\tvalue\tbaseline\tbaseline value\tratio\ttarget\tverdict\tnote\n'
    cat "$rows"
  } | column -t -s $'\t'
} >"$out/bench.txt"
cat "$out/bench.txt"
echo
echo "bench: wrote $out/bench.txt, $out/bench-*.dat, .plt, .png and .log"
if ((${#failures[@]} > 0)); then
  printf 'bench: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
