/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Further cells of the behaviour tables (doc/kernel-behaviour.rst §2.1 and §2.2), one case
// each. Sections (§) are those of doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/icmpv6-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/ipv6.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// A frame of an ethertype no stack knows, sent by a slave at a time
void
SendExperimental(Ptr<IpvlanNetDevice> slave, Mac48Address dst, Time at)
{
    Simulator::Schedule(at, &SendNewPacket, Ptr<NetDevice>(slave), 46, dst, ETH_P_EXPERIMENTAL);
}

/// Count delivered DAD probes (IPv6 from ::, ICMPv6 NS) for a target
void
CountDadProbe(uint32_t* n, Ipv6Address target, Ptr<const Packet> p)
{
    uint8_t b[64];
    if (p->CopyData(b, 64) < 64 || (b[0] >> 4) != 6 || b[6] != 58 || b[40] != 135)
    {
        return;
    }
    bool fromAny = true;
    for (int i = 8; i < 24; ++i)
    {
        fromAny = fromAny && b[i] == 0;
    }
    *n += (fromAny && Ipv6Address(b + 48) == target) ? 1 : 0;
}

/// A DAD probe (NS from :: for target) arriving at the master from the router
void
ReceiveDadProbe(Ptr<SimpleNetDevice> master, Mac48Address from, Ipv6Address target)
{
    Ptr<Packet> p = Create<Packet>();
    Icmpv6NS ns(target);
    p->AddHeader(ns);
    Ipv6Header h;
    h.SetSource(Ipv6Address::GetAny());
    Ipv6Address group = Ipv6Address::MakeSolicitedAddress(target);
    h.SetDestination(group);
    h.SetNextHeader(58);
    h.SetPayloadLength(p->GetSize());
    h.SetHopLimit(255);
    p->AddHeader(h);
    master->Receive(p, Ipv6L3Protocol::PROT_NUMBER, Mac48Address::GetMulticast(group), from);
}

/// A frame of an ethertype ipvlan cannot parse (ipvlan_get_L3_hdr returns NULL),
/// handed to the master. (A malformed IPv4 header would do for the port too, but ns-3's
/// own IP stack asserts on one in debug builds once the host receives it.)
void
ReceiveOtherEthertype(Ptr<SimpleNetDevice> master, Mac48Address from, Mac48Address to)
{
    master->Receive(Create<Packet>(46), ETH_P_EXPERIMENTAL, to, from);
}

void
SnapshotPort(Ptr<IpvlanPort> port, IpvlanPortCounters* out)
{
    *out = port->GetCounters();
}
} // namespace

BOOST_AUTO_TEST_SUITE(table_cells)

// §2.2 row 11 L2, unparseable or other ethertype: unicast is passed to the master;
// multicast is treated as external and queued for the slaves as well.
BOOST_AUTO_TEST_CASE(unparseable_frames_in_l2)
{
    L2TestBed bed(1);
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(1),
                                   &ReceiveOtherEthertype,
                                   bed.master,
                                   bed.RouterMac(),
                                   bed.MasterMac());
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(2),
                                   &ReceiveOtherEthertype,
                                   bed.master,
                                   bed.RouterMac(),
                                   Mac48Address::GetBroadcast());
    // the port's counters right after each arrival (the host's stack reacts later)
    IpvlanPortCounters afterUnicast;
    IpvlanPortCounters afterBroadcast;
    Simulator::Schedule(Seconds(1) + NanoSeconds(1), &SnapshotPort, bed.port, &afterUnicast);
    Simulator::Schedule(Seconds(2) + NanoSeconds(1), &SnapshotPort, bed.port, &afterBroadcast);
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(afterUnicast.rxToSlave, 0U);
    BOOST_CHECK_EQUAL(afterUnicast.rxToHost, 1U);
    BOOST_CHECK_EQUAL(afterUnicast.multicastQueued, 0U);
    BOOST_CHECK_EQUAL(afterBroadcast.rxToSlave, 0U);
    BOOST_CHECK_EQUAL(afterBroadcast.rxToHost, 2U);
    BOOST_CHECK_EQUAL(afterBroadcast.multicastQueued, 1U);
}

// §2.1 row 6 L2, other ethertypes: dst == src (the master's MAC): ipvlan_get_L3_hdr finds
// no L3 header, so dev_forward_skb(master) gives it to the master's stack; dst != src: it
// goes to the wire as built.
BOOST_AUTO_TEST_CASE(l2_other_ethertypes)
{
    L2TestBed bed(1);
    SendExperimental(bed.slaves[0], bed.MasterMac(), Seconds(1));
    SendExperimental(bed.slaves[0], bed.RouterMac(), Seconds(2));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 1U);
    BOOST_CHECK_EQUAL(bed.CountWire(ETH_P_EXPERIMENTAL), 1U);
    for (const auto& f : bed.wire)
    {
        if (f.protocol == ETH_P_EXPERIMENTAL)
        {
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
            BOOST_CHECK_EQUAL(f.dst, bed.RouterMac());
        }
    }
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txPackets, 2U);
}

// §2.1 row 6 L3 and L3S, other ethertypes: ipvlan_process_outbound drops them ("Dropped
// outbound packet type"), counted as a tx drop.
BOOST_AUTO_TEST_CASE(l3_and_l3s_drop_other_ethertypes)
{
    for (IpvlanMode mode : {IPVLAN_MODE_L3, IPVLAN_MODE_L3S})
    {
        L2TestBed bed(1, 0, true, mode);
        DropCounter drops;
        drops.CountDevice(bed.slaves[0]);
        SendExperimental(bed.slaves[0], Mac48Address::GetBroadcast(), Seconds(1));
        RunFor(Seconds(2));
        BOOST_CHECK_EQUAL(drops[IPVLAN_DROP_NOT_IP], 1U);
        BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txDropped, 1U);
        BOOST_CHECK_EQUAL(bed.CountWire(ETH_P_EXPERIMENTAL), 0U);
    }
}

// §2.2 row 6, IPv6 NS with saddr :: (DAD) for a slave's address: L3 looks it up by the NS
// target and diverts it to the slave ("avoid DAD issue"); L2 takes the multicast path
// (the slave whose solicited-node group it is, and the master); L3S passes it to the
// master.
BOOST_AUTO_TEST_CASE(dad_probe_for_a_slave_per_mode)
{
    for (IpvlanMode mode : {IPVLAN_MODE_L2, IPVLAN_MODE_L3, IPVLAN_MODE_L3S})
    {
        L2TestBed bed(2, 0, true, mode);
        bed.AddIpv6();
        Simulator::Stop(Seconds(2)); // the slaves' own DAD is over
        Simulator::Run();
        uint32_t toSlave0 = 0;
        uint32_t toSlave1 = 0;
        uint32_t toHost = 0;
        Ipv6Address target = L2TestBed::ContainerAddress6(0);
        bed.slaves[0]->TraceConnectWithoutContext(
            "MacRx",
            MakeBoundCallback(&CountDadProbe, &toSlave0, target));
        bed.slaves[1]->TraceConnectWithoutContext(
            "MacRx",
            MakeBoundCallback(&CountDadProbe, &toSlave1, target));
        bed.hostIf->TraceConnectWithoutContext("MacRx",
                                               MakeBoundCallback(&CountDadProbe, &toHost, target));
        Simulator::ScheduleWithContext(bed.host->GetId(),
                                       Seconds(0.1),
                                       &ReceiveDadProbe,
                                       bed.master,
                                       bed.RouterMac(),
                                       target);
        RunFor(Seconds(1));
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            // (in l3 the NOARP slave's stack still sees it: ns-3's ND does not check NOARP)
            BOOST_CHECK_EQUAL(toSlave0, mode == IPVLAN_MODE_L3S ? 0U : 1U);
            BOOST_CHECK_EQUAL(toSlave1, 0U);
            BOOST_CHECK_EQUAL(toHost, mode == IPVLAN_MODE_L3 ? 0U : 1U);
        }
    }
}

// §2.1 row 2 L3, unicast to an external host, IPv6 (ipvlan_route_v6_outbound +
// ipvlan_process_v6_outbound): routed by the host's IPv6 with the master as output
// interface; the host's ND resolves the next hop, and the frame carries the master's MAC.
// §2.2 row 7 L3, IPv6 NS for address resolution: the solicited-node multicast misses, so
// only the master gets it and an on-link neighbour cannot resolve the slave: the router
// needs a route via the host.
BOOST_AUTO_TEST_CASE(l3_ipv6_egress_is_routed_by_the_host)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3);
    bed.AddIpv6();
    Ipv6StaticRoutingHelper routing;
    Ptr<Ipv6StaticRouting> r = routing.GetStaticRouting(bed.router->GetObject<Ipv6>());
    uint32_t routerIf = bed.router->GetObject<Ipv6>()->GetInterfaceForDevice(bed.routerDev);
    UdpEcho echo;
    echo.Serve(bed.router);
    echo.Serve(bed.containers.Get(0));
    // without a route: the router's NS for the container reaches only the host
    uint32_t onLink = echo.Send(bed.router, L2TestBed::ContainerAddress6(0), Seconds(2));
    RunFor(Seconds(6));
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(onLink), 0U);
    // with a route via the host: both directions work
    r->AddHostRouteTo(L2TestBed::ContainerAddress6(0), Ipv6Address("2001:db8::2"), routerIf);
    uint32_t out = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress6(), Seconds(1));
    uint32_t in = echo.Send(bed.router, L2TestBed::ContainerAddress6(0), Seconds(2));
    RunFor(Seconds(4));
    BOOST_CHECK_EQUAL(echo.Replies(out), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(in), 1U);
    for (const auto& f : bed.wire)
    {
        if (f.IsIpv6() && f.ip6Src == L2TestBed::ContainerAddress6(0))
        {
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
            BOOST_CHECK_EQUAL(f.dst, bed.RouterMac());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
