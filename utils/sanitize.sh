#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Boost.Test suite under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer: builds the library and the test runner with
# -fsanitize=address,undefined in build-asan/ (g++, as Debian's libns3 is built), runs
# every case, and fails on any sanitizer report or test failure. Leaks that belong to
# ns-3 itself are suppressed by test/lsan-suppressions.txt (each one says why); none of
# the module's are.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/install-deps.sh"
bdir="$top/build-asan"
san="-fsanitize=address,undefined -fno-omit-frame-pointer"
cmake -S "$top" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPVLAN_EXAMPLES=OFF \
  -DCMAKE_CXX_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" \
  -DCMAKE_SHARED_LINKER_FLAGS="$san" >/dev/null
cmake --build "$bdir" -j "$(nproc)" --target test-runner-ipvlan
echo "== Boost.Test suite under ASan + LSan + UBSan"
# Boost.Test's own signal handlers are off (--catch_system_errors=no) so that a crash is
# reported by ASan, with its stack. The death tests (RunExpectingFatal) fork a child that
# aborts; ASan leaves SIGABRT alone and the child ends with _exit, so no report comes
# from it.
cd "$bdir"
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0" \
LSAN_OPTIONS="suppressions=$top/test/lsan-suppressions.txt:print_suppressions=1" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  ./test-runner-ipvlan --report_level=short --log_level=test_suite --catch_system_errors=no
echo "sanitizers: no report"
