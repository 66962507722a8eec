/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ARP filter (IpvlanPort::ArpFilter, off by default): in l2 a broadcast ARP request
// goes to the slave that holds its target address (plus the host), not to every slave,
// as the netdev paper "IPVLAN - The beginning" proposes. Without it the port does what
// ipvlan_process_multicast does: a clone for every slave (doc/kernel-behaviour.rst §2.3).
// The filter must not change who can reach whom.
#include "../ipvlan-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// Replies seen by each sender to each destination, the router and every container
/// sending to every other container and the router to every container
std::vector<uint32_t>
ReachabilityMatrix(bool arpFilter, uint32_t n)
{
    L2TestBed bed(n);
    bed.port->SetAttribute("ArpFilter", BooleanValue(arpFilter));
    UdpEcho echo;
    for (uint32_t i = 0; i < n; ++i)
    {
        echo.Serve(bed.containers.Get(i));
    }
    echo.Serve(bed.router);
    std::vector<uint32_t> ids;
    double t = 1;
    for (uint32_t i = 0; i < n; ++i)
    {
        ids.push_back(echo.Send(bed.router, L2TestBed::ContainerAddress(i), Seconds(t)));
        ids.push_back(echo.Send(bed.containers.Get(i), L2TestBed::RouterAddress(), Seconds(t)));
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i != j)
            {
                ids.push_back(
                    echo.Send(bed.containers.Get(i), L2TestBed::ContainerAddress(j), Seconds(t)));
            }
        }
        t += 0.5;
    }
    RunFor(Seconds(t + 2));
    std::vector<uint32_t> replies;
    for (uint32_t id : ids)
    {
        replies.push_back(echo.Replies(id));
    }
    return replies;
}
} // namespace

BOOST_AUTO_TEST_SUITE(arp_filter)

// Default: ipvlan_process_multicast gives every slave a clone of the router's request
// (§2.3); with ArpFilter only its target's slave gets it, the host the original.
BOOST_AUTO_TEST_CASE(a_request_reaches_only_the_slave_that_holds_its_target)
{
    for (bool filter : {false, true})
    {
        BOOST_TEST_CONTEXT("ArpFilter " << filter)
        {
            L2TestBed bed(4);
            bed.port->SetAttribute("ArpFilter", BooleanValue(filter));
            UdpEcho echo;
            echo.Serve(bed.containers.Get(2));
            uint32_t id = echo.Send(bed.router, L2TestBed::ContainerAddress(2), Seconds(1));
            RunFor(Seconds(3));
            BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
            for (uint32_t i = 0; i < 4; ++i)
            {
                // without the filter slave 2's own request for the router reaches the
                // other three too (the TX multicast path): 2 each, 1 for slave 2
                uint32_t expected = filter ? (i == 2 ? 1U : 0U) : (i == 2 ? 1U : 2U);
                BOOST_CHECK_EQUAL(bed.slaves[i]->GetCounters().rxMulticast, expected);
            }
            // the host gets the router's request either way
            BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 1U);
            // filtered: the router's request and slave 2's own request for the router
            BOOST_CHECK_EQUAL(bed.port->GetCounters().arpFiltered, filter ? 2U : 0U);
        }
    }
}

// A request for an address no slave holds goes to the host alone under the filter; the
// frame is not lost (it is the master's stack's to answer or ignore).
BOOST_AUTO_TEST_CASE(a_request_for_an_unowned_address_reaches_only_the_host)
{
    L2TestBed bed(3);
    bed.port->SetAttribute("ArpFilter", BooleanValue(true));
    UdpEcho echo;
    echo.Send(bed.router, Ipv4Address("10.0.0.99"), Seconds(1));
    RunFor(Seconds(3));
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(bed.slaves[i]->GetCounters().rxMulticast, 0U);
    }
    // ns-3's ARP retries: every request reached the host's interface
    BOOST_CHECK_GE(bed.hostIf->GetCounters().rxPackets, 1U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().arpFiltered, bed.hostIf->GetCounters().rxPackets);
}

// Only ARP requests are filtered: an IPv4 broadcast still reaches every slave (§2.3).
BOOST_AUTO_TEST_CASE(other_broadcasts_still_reach_every_slave)
{
    L2TestBed bed(3);
    bed.port->SetAttribute("ArpFilter", BooleanValue(true));
    UdpEcho echo;
    for (uint32_t i = 0; i < 3; ++i)
    {
        echo.Serve(bed.containers.Get(i));
    }
    echo.Send(bed.router, Ipv4Address("255.255.255.255"), Seconds(1));
    RunFor(Seconds(2));
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(i)), 1U);
    }
    // the three filtered requests are the containers' own, for the router they answer
    BOOST_CHECK_EQUAL(bed.port->GetCounters().arpFiltered, 3U);
}

// The filter changes the cost of a request, not who reaches whom: router <-> every
// container and container <-> container get the same answers with and without it.
BOOST_AUTO_TEST_CASE(reachability_is_the_same_with_and_without_the_filter)
{
    std::vector<uint32_t> off = ReachabilityMatrix(false, 4);
    std::vector<uint32_t> on = ReachabilityMatrix(true, 4);
    BOOST_CHECK_EQUAL_COLLECTIONS(off.begin(), off.end(), on.begin(), on.end());
    for (uint32_t r : on)
    {
        BOOST_CHECK_EQUAL(r, 1U);
    }
}

// IpvlanHelper::SetPortAttribute sets it on the port Install creates; a name the port
// does not have stops with a message naming it.
BOOST_AUTO_TEST_CASE(the_helper_sets_it_and_names_a_bad_attribute)
{
    Ptr<Node> host = CreateObject<Node>();
    Ptr<SimpleNetDevice> master = CreateObject<SimpleNetDevice>();
    master->SetAddress(Mac48Address::Allocate());
    host->AddDevice(master);
    NodeContainer containers;
    containers.Create(2);
    IpvlanHelper ipvlan;
    ipvlan.SetMode("l2");
    ipvlan.SetPortAttribute("ArpFilter", BooleanValue(true));
    ipvlan.Install(master, containers);
    BooleanValue value;
    IpvlanPort::Find(master)->GetAttribute("ArpFilter", value);
    BOOST_CHECK(value.Get());
    CheckFatalOutput(
        [] {
            IpvlanHelper h;
            h.SetPortAttribute("ArpFilterr", BooleanValue(true));
        },
        {"ns3::IpvlanPort has no attribute \"ArpFilterr\""});
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()
