/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Real Linux enforcing port security on the model: the simulated host's NIC is plugged into a real
// Linux bridge port that admits one source MAC (an nftables bridge-family rule). ipvlan containers
// pass, because every one of them uses the master's MAC; macvlan containers (own MACs) are blocked,
// and pass again once the rule is gone. This is the reason ipvlan exists (the kernel's
// Documentation/networking/ipvlan.rst: "switch/router has policy configured that allows only one
// mac per port"; doc/field-reports.rst §0, items 2 and 3).
#include "ipvlan-emu-test-bed.h"

#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

using namespace ns3;
using namespace ns3::ipvlanemutest;

namespace
{
/// What one run through the port-secured bridge gave
struct PortRun
{
    uint32_t answered{0}; ///< containers whose pings were all answered
    uint32_t silent{0};   ///< containers with no reply at all
};

/**
 * Build the simulated host on h0, ping every container from ns r through the bridge,
 * and count the containers that answered.
 */
PortRun
PingThroughBridge(EmuTestBed& bed,
                  const std::string& nsR,
                  const std::string& nsH,
                  const std::string& mode,
                  uint32_t n,
                  const std::string& subnet)
{
    bed.Ip(nsR, "neigh flush dev r0"); // no MAC learnt in an earlier run
    EmuHost h = BuildEmuHost(nsH, "h0", n, mode, subnet, subnet, AddressIn(subnet, 1));
    std::vector<std::unique_ptr<BackgroundCommand>> pings;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::ostringstream cmd;
        cmd << "sleep 0.5; ip netns exec " << nsR << " ping -c 2 -i 0.2 -W 1 "
            << AddressIn(subnet, 10 + i);
        pings.push_back(std::make_unique<BackgroundCommand>(cmd.str(), 15));
    }
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    Simulator::Destroy();
    PortRun run;
    for (uint32_t i = 0; i < n; ++i)
    {
        PingResult p = ParsePing(pings[i]->Wait().output);
        BOOST_TEST_MESSAGE(mode << " container " << AddressIn(subnet, 10 + i) << ": " << p.received
                                << "/" << p.transmitted << " replies");
        run.answered += (p.transmitted > 0 && p.received == p.transmitted) ? 1 : 0;
        run.silent += p.received == 0 ? 1 : 0;
    }
    return run;
}

/// Packets the port-security rule has dropped so far
uint64_t
PortSecurityDrops(EmuTestBed& bed, const std::string& nsS)
{
    std::string out = bed.Exec(nsS, "nft list chain bridge ipvemu portsec");
    std::smatch m;
    static const std::regex counter("counter packets ([0-9]+)");
    BOOST_REQUIRE_MESSAGE(std::regex_search(out, m, counter), "no counter in: " << out);
    return std::stoull(m[1]);
}
} // namespace

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * ns r (r0, 10.199.1.1) -- [sr  br0 (ns s)  sh] -- h0 (ns h, the simulated host's NIC).
 * Port sh admits only h0's MAC (nft: iifname "sh" ether saddr != h0 drop).
 *  - ipvlan l2, 4 containers: every ping answered, the rule drops nothing;
 *  - macvlan bridge, 4 containers on the same NIC (promiscuous, as macvlan needs): no
 *    container answers, and the rule counts the dropped frames;
 *  - the same macvlan host with the rule removed: every container answers (the bridge,
 *    not the model, blocked it).
 */
BOOST_AUTO_TEST_CASE(emu_port_security_real_bridge,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(90))
{
    BOOST_REQUIRE_MESSAGE(RunCommand("command -v nft && command -v ping").status == 0,
                          "nft and ping are needed (apt-get install nftables iputils-ping)");
    const uint32_t n = 4;
    const std::string subnet = "10.199.1.0";
    EmuTestBed bed;
    std::string nsR = bed.AddNetns("r");
    std::string nsS = bed.AddNetns("s");
    std::string nsH = bed.AddNetns("h");
    bed.AddVeth(nsR, "r0", nsS, "sr");
    bed.AddVeth(nsH, "h0", nsS, "sh");
    bed.Ip(nsS, "link add br0 type bridge");
    bed.Ip(nsS, "link set sr master br0");
    bed.Ip(nsS, "link set sh master br0");
    bed.Ip(nsS, "link set br0 up");
    bed.Ip(nsR, "addr add 10.199.1.1/24 dev r0");
    Mac48Address h0 = bed.MacOf(nsH, "h0");

    std::ostringstream rules;
    rules << "table bridge ipvemu {\n  chain portsec {\n"
          << "    type filter hook forward priority 0; policy accept;\n"
          << "    iifname \"sh\" ether saddr != " << h0 << " counter drop\n  }\n}";
    std::string ruleFile = bed.TempFile("portsec.nft");
    {
        std::ofstream f(ruleFile);
        f << rules.str() << "\n";
    }
    bed.Exec(nsS, "nft -f " + ruleFile);

    PortRun ipvlan = PingThroughBridge(bed, nsR, nsH, "l2", n, subnet);
    uint64_t dropsIpvlan = PortSecurityDrops(bed, nsS);
    BOOST_TEST_MESSAGE("ipvlan l2 behind a one-MAC port: "
                       << ipvlan.answered << "/" << n << " containers answered, port "
                       << "dropped " << dropsIpvlan << " frames");
    BOOST_CHECK_EQUAL(ipvlan.answered, n);
    BOOST_CHECK_EQUAL(dropsIpvlan, 0);

    PortRun macvlan = PingThroughBridge(bed, nsR, nsH, "macvlan", n, subnet);
    uint64_t dropsMacvlan = PortSecurityDrops(bed, nsS) - dropsIpvlan;
    BOOST_TEST_MESSAGE("macvlan behind a one-MAC port: "
                       << macvlan.answered << "/" << n << " containers answered, port "
                       << "dropped " << dropsMacvlan << " frames");
    BOOST_CHECK_EQUAL(macvlan.silent, n);
    BOOST_CHECK_GE(dropsMacvlan, n); // at least each container's ARP reply

    bed.Exec(nsS, "nft delete table bridge ipvemu");
    PortRun open = PingThroughBridge(bed, nsR, nsH, "macvlan", n, subnet);
    BOOST_TEST_MESSAGE("macvlan behind an open port: " << open.answered << "/" << n
                                                       << " containers answered");
    BOOST_CHECK_EQUAL(open.answered, n);
}

BOOST_AUTO_TEST_SUITE_END()
