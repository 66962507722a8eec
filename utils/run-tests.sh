#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The whole test suite: install what is missing, build, run every test with ctest
# (the Boost.Test runner, and the same cases through the ns-3 TestSuite "ipvlan").
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/build.sh"
cd "$top/build"
ctest --output-on-failure --timeout 1200
