/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L3S mode and the host's netfilter (doc/kernel-behaviour.rst §2.2 column L3S, §4.4; acceptance
// case §7(m); doc/field-reports.rst #15). Sections (§) are those of doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/ipvlan-netfilter.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// A host INPUT rule: drop UDP to the echo port
bool
DropEcho(Ptr<const Packet>, const IpvlanPacketInfo& info)
{
    return !(info.protocol == 17 && info.dstPort == UdpEcho::PORT);
}

/// Router -> container 0 and container 0 -> router, with the given host policy
struct PolicyRun
{
    uint32_t inboundServed;   ///< router -> container 0: datagrams served
    uint32_t outboundReplies; ///< container 0 -> router: echoes back
    uint32_t netfilterDrops;  ///< port drops with reason netfilter
};

PolicyRun
RunWithPolicy(IpvlanMode mode, bool establishedOnly, bool dropEcho)
{
    L2TestBed bed(1, 0, true, mode);
    bed.RouteContainersViaHost();
    Ptr<IpvlanNetfilter> nf = IpvlanNetfilter::GetOrCreate(bed.host);
    if (establishedOnly)
    {
        nf->AcceptEstablishedOnly(IPVLAN_HOOK_INPUT);
    }
    if (dropEcho)
    {
        nf->AddHook(IPVLAN_HOOK_INPUT, MakeCallback(&DropEcho));
    }
    DropCounter drops;
    drops.CountPort(bed.port);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    echo.Serve(bed.router);
    echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    uint32_t out = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(2));
    RunFor(Seconds(4));
    return {echo.Served(bed.containers.Get(0)), echo.Replies(out), drops[IPVLAN_DROP_NETFILTER]};
}
} // namespace

BOOST_AUTO_TEST_SUITE(l3s_mode)

// Acceptance case §7(m): in l3s slave-bound traffic passes the master namespace's INPUT
// (ipvlan_l3_rcv + ipvlan_nf_input run after LOCAL_IN), so a host rule drops it; in l3
// the rx_handler hands it to the slave directly and the rule never sees it.
BOOST_AUTO_TEST_CASE(host_input_rule_drops_slave_traffic_in_l3s_only)
{
    PolicyRun l3s = RunWithPolicy(IPVLAN_MODE_L3S, false, true);
    BOOST_CHECK_EQUAL(l3s.inboundServed, 0U);
    BOOST_CHECK_EQUAL(l3s.netfilterDrops, 1U);
    PolicyRun l3 = RunWithPolicy(IPVLAN_MODE_L3, false, true);
    BOOST_CHECK_EQUAL(l3.inboundServed, 1U);
    BOOST_CHECK_EQUAL(l3.netfilterDrops, 0U);
}

// Why l3s exists (the kernel's Documentation/networking/ipvlan.rst 4.3, doc/field-reports.rst #15):
// conntrack sees both directions, so "accept established, drop the rest" on INPUT lets the slaves'
// own flows back in and keeps new inbound flows out. In l3 the same policy sees no inbound slave
// traffic.
BOOST_AUTO_TEST_CASE(established_only_policy_works_for_l3s_and_is_bypassed_in_l3)
{
    PolicyRun l3s = RunWithPolicy(IPVLAN_MODE_L3S, true, false);
    BOOST_CHECK_EQUAL(l3s.inboundServed, 0U);   // new inbound flow: dropped
    BOOST_CHECK_EQUAL(l3s.outboundReplies, 1U); // reply to the slave's own flow: accepted
    BOOST_CHECK_EQUAL(l3s.netfilterDrops, 1U);
    PolicyRun l3 = RunWithPolicy(IPVLAN_MODE_L3, true, false);
    BOOST_CHECK_EQUAL(l3.inboundServed, 1U);
    BOOST_CHECK_EQUAL(l3.outboundReplies, 1U);
    BOOST_CHECK_EQUAL(l3.netfilterDrops, 0U);
}

// §2.1 row 1 L3S: local slave-to-slave delivery bypasses the master's netfilter.
BOOST_AUTO_TEST_CASE(l3s_slave_to_slave_skips_the_hooks)
{
    L2TestBed bed(2, 0, true, IPVLAN_MODE_L3S);
    Ptr<IpvlanNetfilter> nf = IpvlanNetfilter::GetOrCreate(bed.host);
    nf->AddHook(IPVLAN_HOOK_INPUT, MakeCallback(&DropEcho));
    nf->AddHook(IPVLAN_HOOK_OUTPUT, MakeCallback(&DropEcho));
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(nf->GetAccepted() + nf->GetDropped(), 0U);
    BOOST_CHECK(!bed.slaves[0]->NeedsArp()); // NOARP as l3
}

// §2.2 row 3 L3S (ARP request for a slave's IP): PASS to the master, which does not answer
// for the slave (no proxy ARP): the slave never sees it.
BOOST_AUTO_TEST_CASE(l3s_arp_for_a_slave_goes_to_the_master)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3S);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxPackets, 0U);
    BOOST_CHECK_GE(bed.hostIf->GetCounters().rxPackets, 1U); // the host got the requests
}

// The OUTPUT hook sees slave egress in l3 (ip_local_out in the master's namespace).
BOOST_AUTO_TEST_CASE(output_hook_sees_l3_egress)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3);
    Ptr<IpvlanNetfilter> nf = IpvlanNetfilter::GetOrCreate(bed.host);
    nf->AddHook(IPVLAN_HOOK_OUTPUT, MakeCallback(&DropEcho));
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
    BOOST_CHECK_EQUAL(nf->GetDropped(), 1U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txDropped, 1U);
}

BOOST_AUTO_TEST_SUITE_END()
