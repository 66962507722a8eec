#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Install what the standalone build, the tests, the plots, the emulation tests (real
# namespaces, veth, TAP, bridge) and the kernel validation (User-Mode Linux) need
# (Debian bookworm).
# Installs only what is missing; needs root (or sudo) only when something is.
set -euo pipefail
packages=(
  g++ cmake make libns3-dev ns3 libgsl-dev libboost-test-dev gnuplot-nox
  # emulation tests and examples
  iproute2 iputils-ping tcpdump nftables iperf3
  # kernel validation: the real ipvlan driver in User-Mode Linux
  user-mode-linux kmod strace iptables python3
  # fuzzing (utils/fuzz.sh: clang's libFuzzer, ASan, UBSan runtimes) and the public-header
  # check (utils/check-headers.sh: clang++ -fsyntax-only, as cling parses them; python3)
  clang libclang-rt-14-dev
)
# with arguments: those packages only (a script that needs fewer, e.g. utils/build-doc.sh)
if [ $# -gt 0 ]; then
  packages=("$@")
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
