/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L2 mode with the private and vepa flags (doc/kernel-behaviour.rst §2.3).
#include "../ipvlan-test-utils.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

BOOST_AUTO_TEST_SUITE(l2_flags)

// private (ipvlan_xmit_mode_l2, local branch: consume_skb + NET_XMIT_DROP, tx_drps++):
// unicast slave-to-slave is dropped at the sender; broadcast still flows
// (ipvlan_process_multicast ignores the flags), so the ARP request reaches the peer but
// its unicast ARP reply is dropped. §2.3 private; acceptance case §7(b).
BOOST_AUTO_TEST_CASE(private_drops_unicast_between_slaves_but_not_broadcast)
{
    L2TestBed bed(2, IPVLAN_F_PRIVATE);
    DropCounter peerDrops;
    peerDrops.CountDevice(bed.slaves[1]);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    echo.Serve(bed.router);
    uint32_t toPeer = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    uint32_t toRouter = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(5));
    RunFor(Seconds(8));

    // the broadcast ARP request from container 0 reached container 1
    BOOST_CHECK_GE(bed.slaves[1]->GetCounters().rxMulticast, 1U);
    // container 1's unicast ARP reply was dropped at container 1 (the sender), as private
    BOOST_CHECK_GE(peerDrops[IPVLAN_DROP_PRIVATE], 1U);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().txDropped, peerDrops[IPVLAN_DROP_PRIVATE]);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(toPeer), 0U);
    // nothing was switched locally
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
    // traffic to the outside is untouched by the flag
    BOOST_CHECK_EQUAL(echo.Replies(toRouter), 1U);
}

// vepa (ipvlan_xmit_mode_l2 skips the local branch): slave-to-slave unicast leaves on the wire with
// source MAC == destination MAC == the master's, and arrives only if the switch reflects it; a
// plain wire does not (§2.3 vepa, §4.5; acceptance case §7(c); doc/field-reports.rst #13).
BOOST_AUTO_TEST_CASE(vepa_sends_slave_to_slave_unicast_to_the_wire)
{
    L2TestBed bed(2, IPVLAN_F_VEPA);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    RunFor(Seconds(5));

    uint32_t selfAddressed = 0;
    for (const auto& f : bed.wire)
    {
        if (f.src == bed.MasterMac() && f.dst == bed.MasterMac())
        {
            selfAddressed++;
            // the ARP reply, then nothing else can follow without a reflecting switch
            BOOST_CHECK(f.protocol == ArpL3Protocol::PROT_NUMBER || f.IsIpv4());
        }
    }
    BOOST_CHECK_GE(selfAddressed, 1U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
    // no hairpin on a plain wire: the reply never comes back, the request never arrives
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
}

BOOST_AUTO_TEST_SUITE_END()
