/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The emulation tests' own Boost.Test runner (test-runner-ipvlan-emu; ctest runs it as
// "ipvlan-emulation"). They need root: each case builds real network namespaces, veths,
// TAPs and bridges, and is skipped, with the reason printed, where the machine cannot
// (not root, or the kernel refuses network namespaces).
#define BOOST_TEST_MODULE ipvlan_emulation
#include <boost/test/included/unit_test.hpp>
