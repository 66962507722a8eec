#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The module inside an ns-3 tree, with ns-3's distributed (MPI) simulator: the CMake
# in-tree path (contrib/ipvlan, ns-3's own build_lib) as a CI fact.
#
#  1. Debian's source package of the same ns-3 the standalone build uses (ns3, 3.37 on
#     bookworm; `apt-get source ns3`, after adding a deb-src entry that copies the
#     machine's own Debian apt source), Open MPI, configured with --enable-mpi and this
#     checkout as contrib/ipvlan.
#  2. The tree is kept outside the clone, under $IPVLAN_INTREE_CACHE (default
#     /var/cache/ns3-ipvlan-intree), one folder per ns-3 version and build options, so a
#     second run on the same machine reuses it; the module is copied in file by file (a
#     file whose content did not change keeps its time stamp), and nothing is rebuilt
#     when no file of the module changed (a stamp of their content).
#  3. Runs ./test.py -s ipvlan (every area suite of test/ipvlan-test-suite.cc, through
#     ns-3's test runner), every C++ example of test/examples-to-run.py through ./ns3 run,
#     and the data-centre example on one rank and on two (mpirun -np 2), whose per-flow
#     delivered counts and drop counters must be identical (utils/datacenter-mpi-check.sh).
#
# Options: --build-only (stop after the build), --jobs N (default: the number of cores).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cache_root="${IPVLAN_INTREE_CACHE:-/var/cache/ns3-ipvlan-intree}"
modules="ipvlan;csma;point-to-point;mpi;applications;flow-monitor"
profile=debug
jobs="$(nproc)"
build_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) build_only=1 ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "intree-ci.sh: unknown option $1 (allowed: --build-only, --jobs N)" >&2; exit 2 ;;
  esac
  shift
done

# --- 1. Debian's ns-3 source and Open MPI -----------------------------------------------
if ! apt-cache showsrc ns3 2>/dev/null | grep -q '^Version:'; then
  # A deb-src entry for the archive the machine already uses: its Debian entries with
  # the type changed (deb822 .sources files, or one-line sources.list entries).
  src=/etc/apt/sources.list.d/ipvlan-deb-src
  found=0
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    if grep -q '^URIs:.*debian' "$f" && grep -q '^Types: deb$' "$f"; then
      sed 's/^Types: deb$/Types: deb-src/' "$f" >"$src.sources"
      found=1
      break
    fi
  done
  if [ $found -eq 0 ]; then
    grep -hs '^deb .*debian' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
      sed 's/^deb /deb-src /' >"$src.list" || true
    [ -s "$src.list" ] || { echo "intree-ci.sh: no Debian apt source to copy for deb-src" >&2; exit 1; }
  fi
  echo "intree-ci.sh: added a deb-src entry ($src.*) copying the machine's Debian apt source"
  apt-get update -qq
fi
bash "$top/utils/install-deps.sh" dpkg-dev libopenmpi-dev openmpi-bin ninja-build rsync \
  cmake g++ python3 libboost-test-dev libgsl-dev

version="$(apt-cache showsrc ns3 | awk '/^Version:/ {print $2; exit}')"
key="ns3_${version}_${profile}_mpi_$(printf '%s' "$modules" | sha1sum | cut -c1-8)"
dir="$cache_root/$key"
if ! ls -d "$dir"/src/ns3-*/ns-3.*/ >/dev/null 2>&1; then
  echo "intree-ci.sh: fetching Debian's ns3 $version source into $dir"
  rm -rf "$dir/src"
  mkdir -p "$dir/src"
  (cd "$dir/src" && apt-get source -qq ns3 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
fi
tree="$(ls -d "$dir"/src/ns3-*/ns-3.*/ | head -1)"
tree="${tree%/}"
echo "intree-ci.sh: ns-3 tree $tree (Debian ns3 $version, --enable-mpi, profile $profile)"

# --- 2. The module as contrib/ipvlan, configured and built -------------------------------
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
(cd "$top" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
  tar -xf - -C "$stage"
mkdir -p "$tree/contrib/ipvlan"
rsync -rc --delete "$stage/" "$tree/contrib/ipvlan/"
stamp="$(cd "$tree/contrib/ipvlan" && find . -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)"

cd "$tree"
if [ ! -f cmake-cache/build.ninja ]; then
  ./ns3 configure -G Ninja --build-profile="$profile" --enable-mpi --enable-tests \
    --enable-examples --enable-modules="$modules" >"$dir/configure.log" 2>&1 ||
    { tail -40 "$dir/configure.log"; exit 1; }
  grep -q 'MPI Support *: .*ON' "$dir/configure.log" ||
    { echo "intree-ci.sh: ns-3 configured without MPI" >&2; tail -40 "$dir/configure.log"; exit 1; }
fi
# The examples test/examples-to-run.py names, and the data-centre example
examples="$(python3 - "$tree/contrib/ipvlan/test/examples-to-run.py" <<'EOF'
import sys
ns = {}
exec(open(sys.argv[1]).read(), ns)
names = {cmd.split()[0] for cmd, run, _ in ns["cpp_examples"]}
names.add("ipvlan-datacenter")
print(" ".join(sorted(names)))
EOF
)"
if [ "$(cat "$dir/module.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "intree-ci.sh: the module did not change since the last build here: reusing it"
else
  echo "intree-ci.sh: building the module, ns-3's test runner and the examples (-j$jobs)"
  start=$SECONDS
  # ns-3's test runner and the module's examples, not every module's examples
  cmake --build cmake-cache -j "$jobs" --target test-runner $examples 2>&1 |
    tee "$dir/build.log" | grep -E '^(FAILED|ninja: build stopped)|error:|warning:' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || { tail -60 "$dir/build.log"; exit 1; }
  echo "$stamp" >"$dir/module.stamp"
  echo "intree-ci.sh: built in $((SECONDS - start)) s"
fi
[ $build_only -eq 1 ] && exit 0

# --- 3. ns-3's test runner, the examples, one rank against two ---------------------------
echo "== in-tree: ./test.py -s ipvlan (every area suite)"
./test.py --no-build -s ipvlan | tee "$dir/test.log" | tail -5
grep -q '^1 of 1 tests passed' "$dir/test.log" ||
  { echo "intree-ci.sh: ./test.py -s ipvlan did not pass" >&2; exit 1; }

echo "== in-tree: the examples of test/examples-to-run.py (./ns3 run)"
python3 - "$tree/contrib/ipvlan/test/examples-to-run.py" <<'EOF' >"$stage/examples.txt"
import sys
ns = {}
exec(open(sys.argv[1]).read(), ns)
for cmd, run, _ in ns["cpp_examples"]:
    if eval(run):
        print(cmd)
EOF
failed=0
while IFS= read -r cmd; do
  if (cd "$stage" && "$tree/ns3" run --no-build "$cmd" >"$stage/out.txt" 2>&1); then
    echo "PASS: $cmd ($(grep -c '^check: .*: holds' "$stage/out.txt") checks hold)"
  else
    echo "FAIL: $cmd"
    tail -20 "$stage/out.txt"
    failed=1
  fi
done <"$stage/examples.txt"
[ $failed -eq 0 ] || exit 1

echo "== in-tree: the data-centre example on one rank and on two ranks (mpirun -np 2)"
bin="$(ls "$tree"/build/contrib/ipvlan/examples/*ipvlan-datacenter* | head -1)"
for mode in l2 l3; do
  (cd "$stage" && bash "$top/utils/datacenter-mpi-check.sh" "$bin" --duration=1 --mode=$mode)
done
echo "intree-ci.sh: in-tree build, test.py, examples and the two-rank check passed"
