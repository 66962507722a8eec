/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Standalone test runner (not used inside an ns-3 tree, where test-runner has its own
// main). By default it is the Boost.Test runner; with --ns3 as first argument it is
// ns-3's TestRunner, which runs the same cases through the ns-3 TestSuites: one per area
// (e.g. --ns3 --test-name=ipvlan-l2; --ns3 --print-test-name-list lists them), or all of
// them, area by area, with --ns3 --test-name=ipvlan (test/ipvlan-test-suite.cc).
#include "ipvlan-test-utils.h"

#include "ns3/test.h"

#include <cstring>

int
main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--ns3") == 0)
    {
        argv[1] = argv[0];
        return ns3::TestRunner::Run(argc - 1, argv + 1);
    }
    return ns3::ipvlantest::RunBoostTests(argc, argv);
}
