/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A real network namespace as a container on a simulated host: a TAP in the namespace is bridged to
// a simulated ipvlan slave (IpvlanTapBridge, the kernel's ipvtap: frames from /dev/tapN enter the
// ipvtap device's transmit path, frames demultiplexed to it are queued to /dev/tapN;
// doc/kernel-behaviour.rst §5.10, ipvtap). Real ping and UDP between that namespace and simulated
// containers (switched locally by the port), and between it and a real host on the wire, in l2 and
// l3.
#include "ipvlan-emu-test-bed.h"

#include "ns3/ipvlan-emu-interface.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
#include "ns3/ipvlan-tap-helper.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <sstream>

using namespace ns3;
using namespace ns3::ipvlanemutest;

namespace
{
/**
 * Build ns r (r0, a real host on the wire), ns h (h0, the simulated host's NIC) and ns c
 * (a persistent TAP ipvt0 with the container's address), the simulated host with two
 * containers and the TAP-bridged slave, and run real pings and UDP both ways.
 * @param mode "l2" or "l3"
 */
void
RunTapContainer(const std::string& mode)
{
    BOOST_REQUIRE_MESSAGE(RunCommand("command -v ping").status == 0,
                          "ping is needed (apt-get install iputils-ping)");
    const bool l3 = mode == "l3";
    // l2: one subnet; l3: the containers in their own subnet, routed via the host
    const std::string wire = l3 ? "10.199.3.0" : "10.199.2.0";
    const std::string ctrs = l3 ? "10.199.4.0" : "10.199.2.0";
    const Ipv4Address real = AddressIn(wire, 1);
    const Ipv4Address tapAddress = AddressIn(ctrs, 50);
    EmuTestBed bed;
    std::string nsR = bed.AddNetns("r");
    std::string nsH = bed.AddNetns("h");
    std::string nsC = bed.AddNetns("c");
    bed.AddVeth(nsR, "r0", nsH, "h0");
    std::ostringstream a;
    a << "addr add " << real << "/24 dev r0";
    bed.Ip(nsR, a.str());
    if (l3)
    {
        bed.Ip(nsR, "route add " + ctrs + "/24 via " + "10.199.3.2");
    }
    bed.Ip(nsC, "tuntap add dev ipvt0 mode tap");
    std::ostringstream c;
    c << "addr add " << tapAddress << "/24 dev ipvt0";
    bed.Ip(nsC, c.str());
    bed.Ip(nsC, "link set ipvt0 up");
    Mac48Address h0 = bed.MacOf(nsH, "h0");

    EmuHost h = BuildEmuHost(nsH, "h0", 2, mode, ctrs, wire, real);
    IpvlanTapHelper ipvtap;
    ipvtap.SetMode(mode);
    ipvtap.SetNetns(nsC);
    Ptr<IpvlanTapBridge> bridge =
        ipvtap.Install(h.master, CreateObject<Node>(), "ipvt0", tapAddress);
    {
        ipvlanemu::NetnsScope scope(nsC);
        ipvlanemu::InterfaceInfo tap = ipvlanemu::QueryInterface("ipvt0");
        BOOST_CHECK_MESSAGE(tap.mac == h0, "the TAP shares the master's MAC, as ipvtap does");
        BOOST_CHECK_EQUAL(tap.noArp, l3); // NOARP in l3, as the ipvtap device
    }
    if (l3)
    {
        bed.Ip(nsC, "route add default dev ipvt0");
    }

    // Real pings: from the TAP namespace to both simulated containers and the real host
    // on the wire; from the real host to the TAP namespace.
    struct Ping
    {
        std::string from;
        Ipv4Address to;
        std::unique_ptr<BackgroundCommand> cmd;
    };

    std::vector<Ping> pings;
    for (auto [from, to] :
         std::vector<std::pair<std::string, Ipv4Address>>{{nsC, AddressIn(ctrs, 10)},
                                                          {nsC, AddressIn(ctrs, 11)},
                                                          {nsC, real},
                                                          {nsR, tapAddress}})
    {
        std::ostringstream cmd;
        cmd << "sleep 0.5; ip netns exec " << from << " ping -c 3 -i 0.2 -W 2 " << to;
        pings.push_back({from, to, std::make_unique<BackgroundCommand>(cmd.str(), 15)});
    }
    // Real UDP: the TAP namespace to container 0, container 1 to the TAP namespace
    const uint32_t count = 20;
    SimUdpSink sink;
    sink.Install(h.containers.Get(0), 5001);
    RealUdpFlow toSim =
        RealUdpFlow::StartSender(nsC, AddressIn(ctrs, 10), 5001, 200, 50, count, 0.8);
    RealUdpFlow fromSim = RealUdpFlow::StartReceiver(nsC, 5002, 3.8);
    SimUdpSender sender;
    sender.Start(h.containers.Get(1), tapAddress, 5002, 200, 50, count, Seconds(1.0));

    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    IpvlanTapBridgeCounters b = bridge->GetCounters();
    IpvlanPortCounters port = bridge->GetSlave()->GetPort()->GetCounters();
    FlowCounts simRx = sink.Counts();
    FlowCounts simTx = sender.Counts();
    Simulator::Destroy();

    for (auto& p : pings)
    {
        CommandResult r = p.cmd->Wait();
        PingResult pr = ParsePing(r.output);
        BOOST_TEST_MESSAGE(mode << ": ping " << (p.from == nsC ? "tap-ns" : "real-host") << " -> "
                                << p.to << ": " << pr.received << "/" << pr.transmitted
                                << " replies");
        BOOST_CHECK_MESSAGE(pr.transmitted == 3 && pr.received == 3,
                            "every ping is answered; ping said:\n"
                                << r.output);
    }
    FlowCounts realTx = toSim.Wait();
    FlowCounts realRx = fromSim.Wait();
    BOOST_TEST_MESSAGE(mode << ": UDP tap-ns -> container: sent " << realTx.sent << ", received "
                            << simRx.received << "; container -> tap-ns: sent " << simTx.sent
                            << ", received " << realRx.received);
    BOOST_CHECK_EQUAL(realTx.sent, count);
    BOOST_CHECK_EQUAL(simRx.received, count);
    BOOST_CHECK_EQUAL(simTx.sent, count);
    BOOST_CHECK_EQUAL(realRx.received, count);
    BOOST_CHECK_EQUAL(simRx.duplicates + realRx.duplicates, 0);

    BOOST_TEST_MESSAGE(mode << ": bridge: from TAP " << b.fromTap << ", to TAP " << b.toTap
                            << ", drops " << b.drops << "; port: local " << port.txLocal
                            << ", to wire " << port.txToWire << ", to slaves " << port.rxToSlave);
    BOOST_CHECK_EQUAL(b.foreignSource, 0);
    BOOST_CHECK_EQUAL(b.drops, 0);
    // The namespace's traffic with the simulated containers is switched by the port
    // (ipvlan_xmit_mode_l2/l3: local delivery), never crossing the wire: 6 echo
    // requests, 6 replies, 2 x 20 datagrams at least.
    BOOST_CHECK_GE(port.txLocal, 12 + 2 * count);
    BOOST_CHECK_GE(b.fromTap, 9 + count);
    BOOST_CHECK_GE(b.toTap, 9 + count);
}
} // namespace

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * l2: ns c (TAP ipvt0, 10.199.2.50) is an ipvlan l2 slave of the simulated host whose
 * master is h0; it pings the simulated containers .10/.11 and the real host .1, the real
 * host pings it, and UDP flows both ways between it and the containers.
 */
BOOST_AUTO_TEST_CASE(emu_tap_container_l2,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    RunTapContainer("l2");
}

/*
 * l3: the containers (TAP 10.199.4.50, simulated .10/.11) are in their own subnet; the
 * TAP is NOARP with a default route on it; the real host reaches them via the simulated
 * host's address (10.199.3.2), whose stack routes the slaves' egress.
 */
BOOST_AUTO_TEST_CASE(emu_tap_container_l3,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    RunTapContainer("l3");
}

BOOST_AUTO_TEST_SUITE_END()
