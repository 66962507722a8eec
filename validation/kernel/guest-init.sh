#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 of the User-Mode Linux boot made by run-kernel.sh.
#
# Usage (from the generated <scratch>/init): guest-init.sh <scratch> <kernel-dir>
#   <scratch>/mods     module tree prepared with depmod on the host
#   <scratch>/scn/     the scenarios to run (<name>.scn), <scratch>/list their order,
#                      <scratch>/jobs how many run at the same time
#   <scratch>/out/     the only writable host folder; mounted at /mnt/out
#
# The root file system is the host's, mounted read-only (hostfs).  Whatever happens,
# this script ends with `poweroff -f`, so UML never outlives the batch.
# No `set -e` here on purpose: a failing step must still reach the poweroff.
set -uo pipefail

scratch=${1:?scratch folder}
here=${2:?validation/kernel folder}
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C
# See uml-launch.py: only x87/SSE state survives page faults in this UML, so no
# guest process may use AVX.  glibc's string functions obey these tunables.
export GLIBC_TUNABLES='glibc.cpu.hwcaps=-AVX,-AVX2,-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD,-AVX_Fast_Unaligned_Load,-FMA,-FMA4,-F16C,-XSAVE,-XSAVEC'
export OPENSSL_ia32cap='~0x200000200000000:~0x0'

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run # ip netns keeps its files here
mount -t tmpfs tmpfs /mnt
mkdir -p /mnt/out /mnt/tmp
export TMPDIR=/mnt/tmp
mount -t hostfs -o "$scratch/out" none /mnt/out
dmesg -n 1 # kernel messages go to the per-scenario log, not to the console

# ipvlan pulls in ipv6; iptables (legacy) implements drop-input, because this UML
# kernel is built without nftables' ip/inet families (CONFIG_NF_TABLES_IPV4 unset).
# sch_tbf and sch_fq_codel serve the qdisc probe (pfifo, bfifo, pfifo_fast and noqueue
# are built in).
modules_ok=1
for m in ipvlan macvlan veth bridge ip_tables iptable_filter xt_conntrack sch_tbf sch_fq_codel; do
	if ! modprobe -d "$scratch/mods" "$m"; then
		echo "guest-init: modprobe $m failed" >&2
		modules_ok=0
	fi
done

if [ "$modules_ok" = 1 ]; then
	# Files are read with `read`, not `cat` (cat of a hostfs file can come back
	# empty in this UML), and the list goes to the runner as a file, not as
	# arguments (long argument lists arrive truncated).
	read -r jobs <"$scratch/jobs"
	/usr/bin/python3 "$here/guest-runner.py" --out /mnt/out --scn-dir "$scratch/scn" \
		--jobs "$jobs" --list "$scratch/list"
	echo "$?" >/mnt/out/.runner-status
else
	echo "error kernel runner: could not load the kernel modules" >/mnt/out/.boot-error
fi

dmesg >/mnt/out/.kernel.log
sync
umount /mnt/out
poweroff -f
