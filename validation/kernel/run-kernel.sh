#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Kernel runner of the validation (validation/FORMAT.md): runs scenarios on the real
# Linux ipvlan driver in ONE boot of User-Mode Linux.
#
#   validation/kernel/run-kernel.sh [-j N] <out-dir> <scenario.scn>...
#
# -j N runs N scenarios at the same time inside the one UML (each in its own set of
# namespaces); default UML_JOBS or 6.
# writes <out-dir>/<name>/{results.txt,probe-<k>.pcap,runner.txt} per scenario.
# Needs the Debian packages user-mode-linux kmod iproute2 iputils-ping tcpdump
# strace iptables python3.  Touches nothing outside <out-dir> and a scratch folder
# that it removes; no host interface is used (all networking is inside UML).
#
# Environment: UML_MEM (default 256M), UML_KERNEL (default linux.uml),
# UML_MODULES (default /usr/lib/uml/modules), UML_TIMEOUT (seconds; overrides the
# batch's computed time limit), UML_KEEP_SCRATCH=1 keeps the scratch folder (with the
# UML console log) for debugging.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
	echo "usage: $0 [-j N] <out-dir> <scenario.scn>..." >&2
	exit 2
}
jobs=${UML_JOBS:-6}
if [ "${1:-}" = -j ]; then
	jobs=${2:-}
	shift 2 || usage
fi
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || usage
[ "$#" -ge 2 ] || usage
out=$1
shift

kernel=${UML_KERNEL:-linux.uml}
mem=${UML_MEM:-256M}
modroot=${UML_MODULES:-/usr/lib/uml/modules}
py=/usr/bin/python3

for tool in "$kernel" depmod ip tcpdump ping strace iptables-legacy "$py"; do
	command -v "$tool" >/dev/null || {
		echo "run-kernel: $tool not found (apt-get install user-mode-linux kmod iproute2 iputils-ping tcpdump strace iptables python3)" >&2
		exit 2
	}
done
version=$("$kernel" --version)
[ -d "$modroot/$version" ] || {
	echo "run-kernel: no modules for UML $version in $modroot" >&2
	exit 2
}

# Scenario names must be unique: they name the output folders.
declare -A seen=()
names=()
for f in "$@"; do
	[ -f "$f" ] || {
		echo "run-kernel: no such scenario file: $f" >&2
		exit 2
	}
	name=$(basename "$f" .scn)
	[ -z "${seen[$name]:-}" ] || {
		echo "run-kernel: two scenarios named $name" >&2
		exit 2
	}
	seen[$name]=1
	names+=("$name")
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ipvlan-uml.XXXXXX")
cleanup() {
	if [ "${UML_KEEP_SCRATCH:-0}" = 1 ]; then
		echo "run-kernel: scratch kept in $scratch" >&2
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT

# Module tree for modprobe -d: <scratch>/mods/lib/modules/<version>/kernel links to
# the packaged UML modules; depmod writes its index into the scratch copy only.
mkdir -p "$scratch/mods/lib/modules/$version" "$scratch/scn" "$scratch/out" "$scratch/uml"
ln -s "$modroot/$version/kernel" "$scratch/mods/lib/modules/$version/kernel"
cp "$modroot/$version"/modules.order "$modroot/$version"/modules.builtin* "$scratch/mods/lib/modules/$version/"
depmod -b "$scratch/mods" "$version"

i=0
for f in "$@"; do
	cp "$f" "$scratch/scn/${names[$i]}.scn"
	i=$((i + 1))
done
printf '%s\n' "${names[@]}" >"$scratch/list"
echo "$jobs" >"$scratch/jobs"
printf '#!/bin/bash\nexec /bin/bash %q %q %q\n' "$here/guest-init.sh" "$scratch" "$here" >"$scratch/init"
chmod +x "$scratch/init"

budget=${UML_TIMEOUT:-$("$py" "$here/guest-runner.py" --budget --jobs "$jobs" "$scratch"/scn/*.scn)}
echo "run-kernel: UML $version, ${#names[@]} scenarios, $jobs at a time, time limit ${budget} s" >&2

# The guest's progress lines come on the console (UML's stdout); kernel boot
# messages and the rest go to console.log in the scratch folder.
t0=$(date +%s.%N)
set +e
TMPDIR="$scratch/uml" timeout --kill-after=10 "$budget" \
	"$py" "$here/uml-launch.py" "$kernel" mem="$mem" \
	root=/dev/root rootfstype=hostfs rootflags=/ ro init="$scratch/init" \
	con=null con0=fd:0,fd:1 uml_dir="$scratch/uml" umid=ipvlan-validate quiet \
	</dev/null 2>&1 | tee "$scratch/console.log" |
	{
		grep --line-buffered -E '^(\[[0-9]+/[0-9]+\]|kernel runner:|guest-init:)' >&2
		true
	}
status=${PIPESTATUS[0]}
set -e
t1=$(date +%s.%N)
boot_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	echo "run-kernel: UML stopped at the time limit (${budget} s)" >&2
elif [ ! -f "$scratch/out/.runner-status" ]; then
	echo "run-kernel: the guest did not finish (exit $status); last console lines:" >&2
	tail -n 20 "$scratch/console.log" >&2
fi

# Move the results out; a scenario without results gets an error result.
missing=0
for name in "${names[@]}"; do
	rm -rf "${out:?}/$name"
	if [ -f "$scratch/out/$name/results.txt" ]; then
		mv "$scratch/out/$name" "$out/$name"
	else
		missing=$((missing + 1))
		mkdir -p "$out/$name"
		reason=$(cat "$scratch/out/.boot-error" 2>/dev/null || echo "error kernel runner: no result (UML exit $status)")
		echo "$reason" >"$out/$name/results.txt"
		printf 'runner: kernel (User-Mode Linux)\nkernel: %s\nno result: UML exit %s\n' "$version" "$status" >"$out/$name/runner.txt"
	fi
done
# The kernel log of the whole boot (per scenario only with -j 1, in runner.txt).
cp "$scratch/out/.kernel.log" "$out/.kernel.log" 2>/dev/null || true
[ "$missing" = 0 ] || echo "run-kernel: $missing scenarios without results" >&2
echo "run-kernel: ${#names[@]} scenarios in ${boot_s} s (boot and all), results in $out" >&2
[ "$missing" = 0 ] && [ -f "$scratch/out/.runner-status" ]
