#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Configure and build the standalone module (against Debian's ns-3.37) in build/.
# Extra arguments go to cmake (e.g. -DCMAKE_CXX_STANDARD=20).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/install-deps.sh"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$top/build" -j "$(nproc)"
