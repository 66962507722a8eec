/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The one body of ipvlan tests is written with Boost.Test (BOOST_AUTO_TEST_CASE in the
// other test/*.cc files). This file compiles the header-only Boost.Test runner and
// wraps it in the ns-3 TestSuite "ipvlan", so that ./test.py -s ipvlan inside an ns-3
// tree runs exactly the same cases as the standalone runner.
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include "ipvlan-test-utils.h"

#include "ns3/test.h"

#include <boost/test/included/unit_test.hpp>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{
bool
InitIpvlanTests()
{
    boost::unit_test::framework::master_test_suite().p_name.value = "ipvlan";
    return true;
}
} // namespace

namespace ns3
{
namespace ipvlantest
{

int
RunBoostTests(int argc, char** argv)
{
    return boost::unit_test::unit_test_main(&InitIpvlanTests, argc, argv);
}

} // namespace ipvlantest
} // namespace ns3

/**
 * @ingroup ipvlan-tests
 * Runs every Boost.Test case of the module and fails when any of them fails. Extra
 * Boost.Test arguments can be given in the environment variable IPVLAN_BOOST_ARGS
 * (for example "--run_test=l2_bridge --log_level=all").
 */
class IpvlanBoostTestCase : public ns3::TestCase
{
  public:
    IpvlanBoostTestCase()
        : ns3::TestCase("Boost.Test cases of the ipvlan module")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::string> args{"ipvlan", "--report_level=short", "--log_level=test_suite"};
        if (const char* extra = std::getenv("IPVLAN_BOOST_ARGS"))
        {
            std::string s(extra);
            size_t pos = 0;
            while (pos < s.size())
            {
                size_t end = s.find(' ', pos);
                end = end == std::string::npos ? s.size() : end;
                if (end > pos)
                {
                    args.push_back(s.substr(pos, end - pos));
                }
                pos = end + 1;
            }
        }
        std::vector<char*> argv;
        for (auto& a : args)
        {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        int rc = ns3::ipvlantest::RunBoostTests(static_cast<int>(args.size()), argv.data());
        NS_TEST_ASSERT_MSG_EQ(rc, 0, "Boost.Test reported failures (see its report above)");
    }
};

/**
 * @ingroup ipvlan-tests
 * The ns-3 test suite "ipvlan".
 */
class IpvlanTestSuite : public ns3::TestSuite
{
  public:
    IpvlanTestSuite()
        : ns3::TestSuite("ipvlan")
    {
        AddTestCase(new IpvlanBoostTestCase);
    }
};

/// Static instance that registers the suite
static IpvlanTestSuite g_ipvlanTestSuite;
