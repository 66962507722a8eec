/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The one body of ipvlan tests is written with Boost.Test (BOOST_AUTO_TEST_CASE in the
// other test/*.cc files). This file compiles the header-only Boost.Test runner and wraps
// it in ns-3 TestSuites, one per area ("ipvlan-l2", "ipvlan-l3", ...), each running
// exactly the Boost.Test suites of its area, so that ./test.py inside an ns-3 tree names
// the area that fails. Every Boost.Test suite is in exactly one area (the Boost.Test case
// test_areas/every_boost_suite_is_in_exactly_one_area checks it), so the area suites
// together run every case once: ./test.py -s 'ipvlan-*'. The ns-3 TestSuite "ipvlan"
// runs them all too, area by area, when it is named (./test.py -s ipvlan); a full
// ./test.py leaves it out, so that no case runs twice.
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include "ipvlan-test-utils.h"

#include "ns3/test.h"

#include <boost/test/included/unit_test.hpp>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
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

/**
 * @ingroup ipvlan-tests
 * One area of the tests: an ns-3 TestSuite and the Boost.Test suites it runs.
 */
struct IpvlanTestArea
{
    std::string name;                     ///< the ns-3 TestSuite's name
    std::string what;                     ///< what the area covers
    std::vector<std::string> boostSuites; ///< the top-level Boost.Test suites it runs
};

/**
 * @ingroup ipvlan-tests
 * @return the areas. A new Boost.Test suite goes into exactly one of them.
 */
const std::vector<IpvlanTestArea>&
IpvlanTestAreas()
{
    static const std::vector<IpvlanTestArea> areas = {
        {"ipvlan-l2",
         "L2 mode: bridge, private and vepa; the ARP filter",
         {"l2_bridge", "l2_flags", "arp_filter"}},
        {"ipvlan-l3", "L3 mode", {"l3_mode"}},
        {"ipvlan-l3s",
         "L3S mode and the host netfilter's connection tracker",
         {"l3s_mode", "conntrack_expiry", "conntrack_loading"}},
        {"ipvlan-ipv6",
         "IPv6: demultiplexing, dev_id link-locals, addresses through ns-3's IP API",
         {"ipv6", "ipv6_life_cycle"}},
        {"ipvlan-multicast", "the per-slave multicast filter", {"multicast_filter"}},
        {"ipvlan-table-cells",
         "further cells of the kernel's behaviour tables, every mode",
         {"table_cells"}},
        {"ipvlan-config",
         "mode and flag words, refused masters, address ownership, device properties",
         {"configuration", "address_rules", "device_properties"}},
        {"ipvlan-lifecycle",
         "mode, flag and MTU changes and deletions with traffic flowing; node contexts",
         {"life_cycle", "hand_offs"}},
        {"ipvlan-robustness",
         "refusals and bad input: messages that name the value and what is allowed",
         {"refusals", "bad_input", "port_attributes"}},
        {"ipvlan-scenarios", "scenarios users of Docker, CNI and LXD report", {"user_scenarios"}},
        {"ipvlan-traffic-control",
         "container traffic through the master's queue disc",
         {"traffic_control"}},
        {"ipvlan-switch", "the Ethernet switch with port security", {"ethernet_switch"}},
        {"ipvlan-macvlan", "the macvlan model", {"macvlan"}},
        {"ipvlan-nic", "the NIC's unicast filter", {"nic_unicast_filter"}},
        {"ipvlan-test-areas", "every Boost.Test suite is in exactly one area", {"test_areas"}},
    };
    return areas;
}

/**
 * Split a string at spaces.
 * @param s the string
 * @return its words
 */
std::vector<std::string>
Words(const std::string& s)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size())
    {
        size_t end = s.find(' ', pos);
        end = end == std::string::npos ? s.size() : end;
        if (end > pos)
        {
            out.push_back(s.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    return out;
}

/**
 * @param arg a Boost.Test argument
 * @return whether it is a run filter (--run_test=..., -t ...)
 */
bool
IsRunFilter(const std::string& arg)
{
    return arg.rfind("--run_test", 0) == 0 || arg.rfind("-t", 0) == 0;
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

namespace
{
/**
 * Run the Boost.Test suites of one area. Extra Boost.Test arguments can be given in the
 * environment variable IPVLAN_BOOST_ARGS (for example "--log_level=all"); a run filter among
 * them (such as "--run_test=l2_bridge/counters_follow_traffic") replaces the area's own.
 * @param area the area
 * @return 0 when every case passed
 */
int
RunArea(const IpvlanTestArea& area)
{
    std::vector<std::string> args{"ipvlan", "--report_level=short", "--log_level=test_suite"};
    std::vector<std::string> extra;
    if (const char* env = std::getenv("IPVLAN_BOOST_ARGS"))
    {
        extra = Words(env);
    }
    bool filtered = false;
    for (const auto& a : extra)
    {
        filtered = filtered || IsRunFilter(a);
    }
    if (!filtered)
    {
        std::string suites;
        for (const auto& s : area.boostSuites)
        {
            suites += (suites.empty() ? "" : ",") + s;
        }
        args.push_back("--run_test=" + suites);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args)
    {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    return ns3::ipvlantest::RunBoostTests(static_cast<int>(args.size()), argv.data());
}

/**
 * @ingroup ipvlan-tests
 * Runs the Boost.Test suites of some areas and fails, naming them, when any case of an
 * area fails.
 */
class IpvlanAreaTestCase : public ns3::TestCase
{
  public:
    /**
     * @param name the case's name
     * @param areas the areas it runs
     */
    IpvlanAreaTestCase(const std::string& name, const std::vector<IpvlanTestArea>& areas)
        : ns3::TestCase(name),
          m_areas(areas)
    {
    }

  private:
    void DoRun() override
    {
        std::string failed;
        for (const auto& area : m_areas)
        {
            if (RunArea(area) != 0)
            {
                failed += (failed.empty() ? "" : ", ") + area.name;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(failed,
                              "",
                              "Boost.Test reported failures in " << failed
                                                                 << " (see its report above)");
    }

    std::vector<IpvlanTestArea> m_areas; ///< the areas it runs
};

/**
 * @ingroup ipvlan-tests
 * The ns-3 test suite of one area: its Boost.Test suites.
 */
class IpvlanAreaTestSuite : public ns3::TestSuite
{
  public:
    /** @param area the area */
    explicit IpvlanAreaTestSuite(const IpvlanTestArea& area)
        : ns3::TestSuite(area.name)
    {
        std::string suites;
        for (const auto& s : area.boostSuites)
        {
            suites += (suites.empty() ? "" : ", ") + s;
        }
        AddTestCase(new IpvlanAreaTestCase(area.what + " (Boost.Test " + suites + ")", {area}));
    }
};

/**
 * @ingroup ipvlan-tests
 * The ns-3 test suite "ipvlan": every area in turn (one ns-3 test case, which names the areas
 * that fail). It is of type PERFORMANCE only because that is the one type ./test.py leaves
 * out of a full run and still runs when named (./test.py -s ipvlan): a full run has the area
 * suites, and runs each case once.
 */
class IpvlanTestSuite : public ns3::TestSuite
{
  public:
    IpvlanTestSuite()
        : ns3::TestSuite("ipvlan", ns3::TestSuite::Type::PERFORMANCE)
    {
        AddTestCase(new IpvlanAreaTestCase("every area", IpvlanTestAreas()));
    }
};

/**
 * @return one ns-3 test suite per area
 */
std::vector<std::unique_ptr<IpvlanAreaTestSuite>>
MakeAreaSuites()
{
    std::vector<std::unique_ptr<IpvlanAreaTestSuite>> suites;
    for (const auto& area : IpvlanTestAreas())
    {
        suites.push_back(std::make_unique<IpvlanAreaTestSuite>(area));
    }
    return suites;
}

/// Static instances that register the suites
const std::vector<std::unique_ptr<IpvlanAreaTestSuite>> g_ipvlanAreaTestSuites = MakeAreaSuites();
/// Static instance that registers the suite "ipvlan"
const IpvlanTestSuite g_ipvlanTestSuite;

/// Collects the names of the master test suite's direct children
class TopLevelUnits : public boost::unit_test::test_tree_visitor
{
  public:
    std::vector<std::string> names; ///< suite and case names, in order

    bool test_suite_start(const boost::unit_test::test_suite& ts) override
    {
        if (ts.p_id == boost::unit_test::framework::master_test_suite().p_id)
        {
            return true;
        }
        names.push_back(ts.p_name);
        return false;
    }

    void visit(const boost::unit_test::test_case& tc) override
    {
        names.push_back(tc.p_name); // a case outside any suite
    }
};
} // namespace

BOOST_AUTO_TEST_SUITE(test_areas)

// Every top-level Boost.Test suite (or case outside a suite) is run by exactly one area's
// ns-3 TestSuite, and every suite an area names exists: a new suite that no area names
// would run in the Boost.Test runner but never in ./test.py.
BOOST_AUTO_TEST_CASE(every_boost_suite_is_in_exactly_one_area)
{
    std::map<std::string, std::vector<std::string>> areasOf;
    std::set<std::string> areaNames;
    for (const auto& area : IpvlanTestAreas())
    {
        BOOST_CHECK_MESSAGE(areaNames.insert(area.name).second,
                            "area " << area.name << " is there twice");
        BOOST_CHECK_MESSAGE(area.name.rfind("ipvlan-", 0) == 0,
                            "area " << area.name << " does not start with \"ipvlan-\"");
        for (const auto& s : area.boostSuites)
        {
            areasOf[s].push_back(area.name);
        }
    }
    TopLevelUnits top;
    boost::unit_test::traverse_test_tree(boost::unit_test::framework::master_test_suite(),
                                         top,
                                         true);
    BOOST_CHECK_GT(top.names.size(), 1U);
    std::set<std::string> existing;
    for (const auto& name : top.names)
    {
        existing.insert(name);
        auto it = areasOf.find(name);
        const std::vector<std::string> in =
            it == areasOf.end() ? std::vector<std::string>{} : it->second;
        BOOST_CHECK_MESSAGE(!in.empty(),
                            "Boost.Test suite " << name
                                                << " is in no area: add it to one in "
                                                   "IpvlanTestAreas() (test/ipvlan-test-suite.cc)");
        BOOST_CHECK_MESSAGE(in.size() <= 1,
                            "Boost.Test suite " << name << " is in " << in.size() << " areas");
    }
    for (const auto& [suite, areas] : areasOf)
    {
        BOOST_CHECK_MESSAGE(existing.count(suite) == 1,
                            "area " << areas.front() << " names Boost.Test suite " << suite
                                    << ", which does not exist");
    }
}

BOOST_AUTO_TEST_SUITE_END()
