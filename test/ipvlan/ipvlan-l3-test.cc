/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L3 mode (doc/kernel-behaviour.rst §2.1 and §2.2, column L3; §4.3). Sections (§) are those
// of doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/arp-header.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
// §2.2 row 9 L3 and L3S, broadcast/multicast data: the lookup misses, so the master only.
void
BroadcastRxGoesToTheHostOnly(IpvlanMode mode)
{
    L2TestBed bed(2, 0, true, mode);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    echo.Serve(bed.containers.Get(1));
    echo.Serve(bed.host);
    echo.Send(bed.router, Ipv4Address("255.255.255.255"), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(echo.Served(bed.host), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().multicastQueued, 0U);
}

// §2.4 row 2, slave -> master: one-way in l3 and l3s.
void
SlaveToHostIsOneWay(IpvlanMode mode)
{
    L2TestBed bed(1, 0, true, mode);
    UdpEcho echo;
    echo.Serve(bed.host);
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::HostAddress(), Seconds(1));
    RunFor(Seconds(4));
    BOOST_CHECK_EQUAL(echo.Served(bed.host), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
}

} // namespace

BOOST_AUTO_TEST_SUITE(l3_mode)

// L3 slaves are NOARP (ipvlan_set_port_mode / ipvlan_open set IFF_NOARP in l3 and l3s).
BOOST_AUTO_TEST_CASE(l3_slaves_do_not_arp)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3);
    BOOST_CHECK(!bed.slaves[0]->NeedsArp());
    BOOST_CHECK_EQUAL(bed.port->GetMode(), IPVLAN_MODE_L3);
}

// Acceptance case §7(d) and §2.2 row 3 L3 (broadcast ARP request for a slave's IP): the
// request is looked up by target IP and diverted to the slave, whose arp_rcv drops it
// (IFF_NOARP); the master never sees it, so nobody answers and an on-link external host
// cannot reach an L3 slave.
BOOST_AUTO_TEST_CASE(on_link_host_cannot_resolve_an_l3_slave)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3);
    DropCounter slaveDrops;
    slaveDrops.CountDevice(bed.slaves[0]);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    uint32_t id = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
    BOOST_CHECK_GE(slaveDrops[IPVLAN_DROP_NOARP], 1U);          // the requests reached the slave
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 0U); // the master saw none
    BOOST_CHECK_EQUAL(CountArp(bed.wire, ArpHeader::ARP_TYPE_REPLY), 0U);
}

// Acceptance case §7(d), second half, and §2.4 row 4 (wire MACs in L3): with a route to the
// master the external host reaches the slave; the slave's egress is routed in the host's
// stack (ipvlan_process_v4_outbound, oif = master), whose ARP (with the host's own address
// as sender) resolves the next hop; every frame carries the master's MAC.
BOOST_AUTO_TEST_CASE(external_host_reaches_l3_slave_through_a_route_to_the_master)
{
    L2TestBed bed(2, 0, true, IPVLAN_MODE_L3);
    bed.RouteContainersViaHost();
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    echo.Serve(bed.router);
    uint32_t in = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    uint32_t out = echo.Send(bed.containers.Get(1), L2TestBed::RouterAddress(), Seconds(2));
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(in), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(out), 1U);
    uint32_t arpRequestsFromMaster = 0;
    for (const auto& f : bed.wire)
    {
        if (f.src != bed.RouterMac())
        {
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
        }
        if (f.IsArp(ArpHeader::ARP_TYPE_REQUEST) && f.src == bed.MasterMac())
        {
            // the master's ARP speaks for the host, never for a slave address
            BOOST_CHECK_EQUAL(f.ipSrc, L2TestBed::HostAddress());
            arpRequestsFromMaster++;
        }
        if (f.IsIpv4() && f.ipSrc == L2TestBed::ContainerAddress(1))
        {
            BOOST_CHECK_EQUAL(f.dst, bed.RouterMac());
        }
    }
    BOOST_CHECK_GE(arpRequestsFromMaster, 1U);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().txPackets, 1U); // no ARP of its own
}

// §2.1 row 1 L3, unicast to a running slave D: the lookup hits and ipvlan_rcv_frame
// delivers to D locally (no ARP, no wire).
BOOST_AUTO_TEST_CASE(l3_slave_to_slave_is_local)
{
    L2TestBed bed(2, 0, true, IPVLAN_MODE_L3);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(bed.wire.size(), 0U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 2U);
}

// §2.3 private in L3 (ipvlan_xmit_mode_l3): the local delivery is dropped (NET_XMIT_DROP,
// tx_drps).
BOOST_AUTO_TEST_CASE(l3_private_drops_slave_to_slave)
{
    L2TestBed bed(2, IPVLAN_F_PRIVATE, true, IPVLAN_MODE_L3);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txDropped, 1U);
    BOOST_CHECK_EQUAL(bed.wire.size(), 0U);
}

// Acceptance case §7(e), §2.1 row 5 L3, broadcast / multicast data: dropped
// ("Dropped {multi|broad}cast"), tx_dropped increments, nothing leaves, no slave gets it.
BOOST_AUTO_TEST_CASE(l3_multicast_and_broadcast_tx_are_dropped)
{
    L2TestBed bed(2, 0, true, IPVLAN_MODE_L3);
    DropCounter drops;
    drops.CountDevice(bed.slaves[0]);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    echo.Serve(bed.router);
    echo.Send(bed.containers.Get(0), Ipv4Address("255.255.255.255"), Seconds(1));
    echo.Send(bed.containers.Get(0), Ipv4Address("10.0.0.255"), Seconds(2));
    echo.Send(bed.containers.Get(0), Ipv4Address("224.0.0.251"), Seconds(3), 64, bed.slaves[0]);
    RunFor(Seconds(4));
    BOOST_CHECK_EQUAL(drops[IPVLAN_DROP_L3_MULTICAST], 3U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txDropped, 3U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txPackets, 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 0U);
    BOOST_CHECK_EQUAL(bed.wire.size(), 0U);
}

// §2.2 row 9 L3 and L3S, broadcast/multicast data: the lookup misses, so the master only.
BOOST_AUTO_TEST_CASE(l3_broadcast_rx_goes_to_the_host_only)
{
    for (IpvlanMode mode : {IPVLAN_MODE_L3, IPVLAN_MODE_L3S})
    {
        BroadcastRxGoesToTheHostOnly(mode);
    }
}

// §2.4 row 2, slave -> master, one-way in L3 (and L3S): the route in the master's namespace
// is RTN_LOCAL, so the host receives; its reply leaves on its own device and is lost.
BOOST_AUTO_TEST_CASE(l3_slave_to_host_is_one_way)
{
    for (IpvlanMode mode : {IPVLAN_MODE_L3, IPVLAN_MODE_L3S})
    {
        SlaveToHostIsOneWay(mode);
    }
}

// Acceptance case §7(j), §5.8: `ip link add ... type ipvlan` without a mode sets the port
// to l3 (newlink defaults IFLA_IPVLAN_MODE to L3 and always calls ipvlan_set_port_mode),
// which makes every slave NOARP; setting l2 again clears it on all of them.
BOOST_AUTO_TEST_CASE(slave_added_without_mode_flips_the_port_to_l3)
{
    L2TestBed bed(2);
    BOOST_CHECK(bed.slaves[0]->NeedsArp());
    Ptr<Node> extra = CreateObject<Node>();
    IpvlanHelper helper; // no SetMode: the kernel's default
    helper.Install(bed.master, extra);
    BOOST_CHECK_EQUAL(bed.port->GetMode(), IPVLAN_MODE_L3);
    BOOST_CHECK(!bed.slaves[0]->NeedsArp());
    BOOST_CHECK(!bed.slaves[1]->NeedsArp());
    bed.port->SetMode(IPVLAN_MODE_L2);
    BOOST_CHECK(bed.slaves[0]->NeedsArp());
}

BOOST_AUTO_TEST_SUITE_END()
