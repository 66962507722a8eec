/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// UDP at a stated rate for a stated time through the emulated ipvlan host: sent, received
// and lost are counted and printed for each flow. The
// assertions are on counts that do not depend on timing: something arrives on every flow,
// nothing arrives twice, and sent = received + lost.
#include "ipvlan-emu-test-bed.h"

#include "ns3/ipvlan-emu-helper.h"
#include "ns3/ipvlan-tap-helper.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>
#include <iomanip>
#include <sstream>

using namespace ns3;
using namespace ns3::ipvlanemutest;

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * 1000-byte datagrams at 1000 per second (8 Mb/s of payload) for 3 s on three flows at
 * once, through an l2 ipvlan host whose master is h0:
 *  1. real host (ns r) -> simulated container 0: wire -> raw socket -> port demux -> slave;
 *  2. simulated container 1 -> real host: slave -> port -> raw socket -> wire;
 *  3. TAP namespace (ns c) -> simulated container 2: TAP -> slave -> port, switched locally.
 */
BOOST_AUTO_TEST_CASE(emu_udp_rate,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    const uint32_t size = 1000;
    const uint32_t rate = 1000;
    const double seconds = 3;
    const uint32_t count = static_cast<uint32_t>(rate * seconds);
    const std::string subnet = "10.199.5.0";
    const Ipv4Address real = AddressIn(subnet, 1);
    const Ipv4Address tapAddress = AddressIn(subnet, 50);

    EmuTestBed bed;
    std::string nsR = bed.AddNetns("r");
    std::string nsH = bed.AddNetns("h");
    std::string nsC = bed.AddNetns("c");
    bed.AddVeth(nsR, "r0", nsH, "h0");
    bed.Ip(nsR, "addr add 10.199.5.1/24 dev r0");
    // A local sender's UDP checksums are left to the NIC (veth): partial on the wire,
    // which the simulated stacks (checksums on) rightly drop. ethtool -K r0 tx off ...
    IpvlanEmuHelper::DisableOffloads("r0", nsR);
    bed.Ip(nsC, "tuntap add dev ipvt0 mode tap");
    bed.Ip(nsC, "addr add 10.199.5.50/24 dev ipvt0");
    bed.Ip(nsC, "link set ipvt0 up");

    EmuHost h = BuildEmuHost(nsH, "h0", 3, "l2", subnet, subnet, real);
    IpvlanTapHelper ipvtap;
    ipvtap.SetMode("l2");
    ipvtap.SetNetns(nsC);
    ipvtap.Install(h.master, CreateObject<Node>(), "ipvt0", tapAddress);

    SimUdpSink sink0;
    sink0.Install(h.containers.Get(0), 5001);
    SimUdpSink sink2;
    sink2.Install(h.containers.Get(2), 5003);
    SimUdpSender sender1;
    sender1.Start(h.containers.Get(1), real, 5002, size, rate, count, Seconds(1));
    RealUdpFlow flow1 =
        RealUdpFlow::StartSender(nsR, AddressIn(subnet, 10), 5001, size, rate, count, 1.0);
    RealUdpFlow flow2 = RealUdpFlow::StartReceiver(nsR, 5002, 1.0 + seconds + 1.5);
    RealUdpFlow flow3 =
        RealUdpFlow::StartSender(nsC, AddressIn(subnet, 12), 5003, size, rate, count, 1.0);

    Simulator::Stop(Seconds(1.0 + seconds + 1.5));
    Simulator::Run();
    FlowCounts rx0 = sink0.Counts();
    FlowCounts rx2 = sink2.Counts();
    FlowCounts tx1 = sender1.Counts();
    Simulator::Destroy();
    FlowCounts tx0 = flow1.Wait();
    FlowCounts rx1 = flow2.Wait();
    FlowCounts tx2 = flow3.Wait();

    struct Row
    {
        const char* name;
        FlowCounts tx;
        FlowCounts rx;
    };

    const Row rows[] = {
        {"real host -> container 0 (wire, demux)", tx0, rx0},
        {"container 1 -> real host (port, wire)", tx1, rx1},
        {"TAP namespace -> container 2 (local)", tx2, rx2},
    };
    BOOST_TEST_MESSAGE("UDP, " << size << "-byte datagrams at " << rate << "/s ("
                               << size * 8 * rate / 1e6 << " Mb/s) for " << seconds << " s:");
    for (const Row& r : rows)
    {
        uint32_t lost = r.tx.sent >= r.rx.received ? r.tx.sent - r.rx.received : 0;
        std::ostringstream line;
        line << std::left << std::setw(42) << r.name << " sent " << std::setw(5) << r.tx.sent
             << " received " << std::setw(5) << r.rx.received << " lost " << std::setw(5) << lost
             << " (" << std::fixed << std::setprecision(2)
             << (r.tx.sent ? 100.0 * lost / r.tx.sent : 0.0) << "%)";
        BOOST_TEST_MESSAGE("  " << line.str());
        BOOST_CHECK_MESSAGE(r.tx.sent > 0, r.name << ": nothing was sent");
        BOOST_CHECK_MESSAGE(r.rx.received > 0, r.name << ": nothing arrived");
        BOOST_CHECK_LE(r.rx.received, r.tx.sent);
        BOOST_CHECK_EQUAL(r.rx.received + lost, r.tx.sent);
        BOOST_CHECK_EQUAL(r.rx.duplicates, 0);
    }
}

BOOST_AUTO_TEST_SUITE_END()
