/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IPv6 (doc/kernel-behaviour.rst §1.3, §2.2 and §3). Sections (§) are those of
// doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>
#include <set>

using namespace ns3;
using namespace ns3::ipvlantest;

BOOST_AUTO_TEST_SUITE(ipv6)

// §1.3 and acceptance case §7(h): slaves get dev_ids 1, 2, ... (ipvlan_link_new, IDA from
// dev_id_start) and their link-locals are MAC[0..2] | dev_id | MAC[3..5] with the U/L bit
// untouched (addrconf_ifid_eui48), so they differ although the MAC is shared; the master
// (dev_id 0) keeps the ordinary EUI-64 form. DAD then passes on every slave.
BOOST_AUTO_TEST_CASE(link_locals_embed_the_dev_id_and_pass_dad)
{
    L2TestBed bed(3);
    bed.AddIpv6();
    RunFor(Seconds(3));

    uint8_t mac[6];
    bed.MasterMac().CopyTo(mac);
    std::set<Ipv6Address> linkLocals;
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(bed.slaves[i]->GetDevId(), i + 1);
        uint8_t expected[16] = {0xfe,
                                0x80,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                mac[0],
                                mac[1],
                                mac[2],
                                0,
                                static_cast<uint8_t>(i + 1),
                                mac[3],
                                mac[4],
                                mac[5]};
        Ipv6Address want(expected);
        uint32_t found = 0;
        for (const auto& a : Ipv6AddressesOf(bed.containers.Get(i), bed.slaves[i]))
        {
            if (a.GetAddress().IsLinkLocal() && bed.slaves[i]->HasSharedInterfaceId(a.GetAddress()))
            {
                continue; // ns-3's own bookkeeping copy, never claimed nor on the wire
            }
            if (a.GetAddress().IsLinkLocal())
            {
                found++;
                BOOST_CHECK_EQUAL(a.GetAddress(), want);
                BOOST_CHECK(a.GetState() == Ipv6InterfaceAddress::PREFERRED); // DAD passed
                linkLocals.insert(a.GetAddress());
            }
            else
            {
                BOOST_CHECK(a.GetState() == Ipv6InterfaceAddress::PREFERRED);
            }
        }
        BOOST_CHECK_EQUAL(found, 1U);
        // the port demultiplexes the link-local to its slave
        BOOST_CHECK_EQUAL(bed.port->Lookup(want), PeekPointer(bed.slaves[i]));
    }
    BOOST_CHECK_EQUAL(linkLocals.size(), 3U);
    Ipv6Address masterLl =
        Ipv6Address::MakeAutoconfiguredLinkLocalAddress(bed.MasterMac()); // dev_id 0
    bool hostHasIt = false;
    for (const auto& a : Ipv6AddressesOf(bed.host, bed.hostIf))
    {
        hostHasIt = hostHasIt || a.GetAddress() == masterLl;
    }
    BOOST_CHECK(hostHasIt);
    BOOST_CHECK(linkLocals.count(masterLl) == 0);
}

// §2.2 row 1, §3: IPv6 unicast is demultiplexed by destination address (ipvlan_addr_lookup,
// IPVL_IPV6); in L2 neighbour discovery works through the multicast path; slave to
// slave is switched locally; the wire sees only the master's MAC for the slaves.
BOOST_AUTO_TEST_CASE(ipv6_unicast_demux_in_l2)
{
    L2TestBed bed(2);
    bed.AddIpv6();
    UdpEcho echo;
    echo.Serve(bed.router);
    echo.Serve(bed.containers.Get(1));
    uint32_t out = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress6(), Seconds(3));
    uint32_t in = echo.Send(bed.router, L2TestBed::ContainerAddress6(1), Seconds(4));
    uint32_t local = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress6(1), Seconds(5));
    RunFor(Seconds(7));

    BOOST_CHECK_EQUAL(echo.Replies(out), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(in), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(local), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 2U);
    uint32_t betweenContainers = 0;
    for (const auto& f : bed.wire)
    {
        if (!f.IsIpv6())
        {
            continue;
        }
        if (f.src != bed.RouterMac())
        {
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
        }
        bool a = f.ip6Src == L2TestBed::ContainerAddress6(0) ||
                 f.ip6Src == L2TestBed::ContainerAddress6(1);
        bool b = f.ip6Dst == L2TestBed::ContainerAddress6(0) ||
                 f.ip6Dst == L2TestBed::ContainerAddress6(1);
        betweenContainers += (a && b) ? 1 : 0;
    }
    BOOST_CHECK_EQUAL(betweenContainers, 0U);
}

BOOST_AUTO_TEST_SUITE_END()
