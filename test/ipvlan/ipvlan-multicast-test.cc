/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The per-slave multicast filter (doc/kernel-behaviour.rst §1.5) on the multicast path
// (§1.6). Sections (§) are those of doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// A UDP/IPv4 frame to a group, handed to the master as the wire would
void
ReceiveGroupFrame(Ptr<SimpleNetDevice> master, Mac48Address from, Ipv4Address group)
{
    Ptr<Packet> p = MakeIpv4Packet(L2TestBed::RouterAddress(), group, 8);
    Mac48Address dst =
        group.IsBroadcast() ? Mac48Address::GetBroadcast() : Mac48Address::GetMulticast(group);
    master->Receive(p, Ipv4L3Protocol::PROT_NUMBER, dst, from);
}

/// Remember a slave's multicast-path delivery count now
void
SnapshotMulticast(Ptr<IpvlanNetDevice> slave, uint64_t* out)
{
    *out = slave->GetCounters().rxMulticast;
}
} // namespace

BOOST_AUTO_TEST_SUITE(multicast_filter)

// ipvlan_process_multicast skips slaves whose filter bit is clear; the broadcast bit is
// always set; IFF_ALLMULTI sets every bit (ipvlan_set_multicast_mac_filter). The master's
// copy is passed regardless.
BOOST_AUTO_TEST_CASE(groups_reach_only_the_slaves_that_joined_them)
{
    L2TestBed bed(3);
    Ipv4Address group("239.1.2.3");
    bed.slaves[0]->JoinMulticastGroup(Mac48Address::GetMulticast(group));
    bed.slaves[2]->SetAllMulti(true);
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(1),
                                   &ReceiveGroupFrame,
                                   bed.master,
                                   bed.RouterMac(),
                                   group);
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(2),
                                   &ReceiveGroupFrame,
                                   bed.master,
                                   bed.RouterMac(),
                                   Ipv4Address("224.0.0.251")); // joined by nobody
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(3),
                                   &ReceiveGroupFrame,
                                   bed.master,
                                   bed.RouterMac(),
                                   Ipv4Address("255.255.255.255"));
    RunFor(Seconds(4));
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxMulticast, 2U); // group + broadcast
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().rxMulticast, 1U); // broadcast only
    BOOST_CHECK_EQUAL(bed.slaves[2]->GetCounters().rxMulticast, 3U); // all-multicast
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 3U);      // the master: all
    bed.slaves[0]->LeaveMulticastGroup(Mac48Address::GetMulticast(group));
    BOOST_CHECK(!bed.slaves[0]->AcceptsMulticast(Mac48Address::GetMulticast(group)));
    BOOST_CHECK(bed.slaves[1]->AcceptsMulticast(Mac48Address("01:00:5e:00:00:01")));
}

// §2.2 row 7 L2 (IPv6 NS for address resolution, solicited-node multicast): only the slaves
// that joined the solicited-node group of the target (its owner) get the NS.
BOOST_AUTO_TEST_CASE(neighbour_solicitations_reach_only_the_owner)
{
    L2TestBed bed(2);
    bed.AddIpv6();
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.router, L2TestBed::ContainerAddress6(1), Seconds(3));
    // (before: DAD probes for the slaves' link-locals, which share their low 24 bits and
    // so one solicited-node group, as in the kernel, reach every slave)
    uint64_t before0 = 0;
    uint64_t before1 = 0;
    Simulator::Schedule(Seconds(2.5), &SnapshotMulticast, bed.slaves[0], &before0);
    Simulator::Schedule(Seconds(2.5), &SnapshotMulticast, bed.slaves[1], &before1);
    RunFor(Seconds(5));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    // the router's NS for 2001:db8::11 went to its owner only
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxMulticast - before0, 0U);
    BOOST_CHECK_GE(bed.slaves[1]->GetCounters().rxMulticast - before1, 1U);
    CheckFatalOutput([&]() { bed.slaves[0]->JoinMulticastGroup(Mac48Address::GetBroadcast()); },
                     {"not a multicast group MAC"});
}

BOOST_AUTO_TEST_SUITE_END()
