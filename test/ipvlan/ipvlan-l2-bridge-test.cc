/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// L2 mode data path. Every case names the kernel behaviour it checks: a function of
// drivers/net/ipvlan/ and its section of doc/kernel-behaviour.rst (cited as §N).
#include "../ipvlan-test-utils.h"

#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdio>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// Put a raw IPv4 frame on the wire from the router (bypassing its stack)
void
InjectFromRouter(L2TestBed& bed, Ipv4Address dst, Mac48Address dstMac, Time at)
{
    Ptr<Packet> p = MakeIpv4Packet(L2TestBed::RouterAddress(), dst, 32, 64);
    Simulator::Schedule(at,
                        &SendPacket,
                        Ptr<NetDevice>(bed.routerDev),
                        p,
                        dstMac,
                        Ipv4L3Protocol::PROT_NUMBER);
}

/// Remember where in the wire sequence the first delivery happened (odd = before frame i)
void
NoteFirstDelivery(L2TestBed* bed, size_t* first, Ptr<const Packet>)
{
    *first = std::min(*first, bed->wire.size() * 2 + 1);
}
} // namespace

BOOST_AUTO_TEST_SUITE(l2_bridge)

// ipvlan_xmit_mode_l2, local branch (doc/kernel-behaviour.rst §2.1 row 1 L2, unicast to a
// running slave D): S resolves D by ARP, the reply MAC is the master's, so h_dest ==
// h_source and the frame is switched by destination IP to D without touching the wire.
// Acceptance case §7(a): slave<->slave works and the master sees no unicast.
BOOST_AUTO_TEST_CASE(slave_to_slave_never_reaches_the_wire)
{
    L2TestBed bed(2);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(1));
    uint32_t id2 = echo.Send(bed.containers.Get(0), L2TestBed::ContainerAddress(1), Seconds(2));
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 2U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(id2), 1U);
    // no IPv4 frame between the two containers on the wire
    BOOST_CHECK_EQUAL(
        CountIpv4Between(bed.wire, L2TestBed::ContainerAddress(0), L2TestBed::ContainerAddress(1)),
        0U);
    // the ARP request is broadcast: the multicast path sends it to the wire too
    // (ipvlan_multicast_enqueue + dev_queue_xmit after local delivery); the unicast ARP
    // reply (dst == master MAC) is switched locally and never leaves.
    // one request each way: ns-3's ARP does not learn from a request it answers, so
    // container 1 resolves container 0 before echoing
    BOOST_CHECK_EQUAL(CountArp(bed.wire, ArpHeader::ARP_TYPE_REQUEST), 2U);
    BOOST_CHECK_EQUAL(CountArp(bed.wire, ArpHeader::ARP_TYPE_REPLY), 0U);
    // switched locally: 2 datagrams, 2 echoes and the 2 unicast ARP replies
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 6U);
    // the master's own stack saw nothing: the master does not receive its own TX
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 0U);
}

// Wire MACs in L2 (doc/kernel-behaviour.rst §2.4 row 3): frames leave as the slave built
// them, with the master's MAC as source (ipvlan_hard_header uses phy_dev->dev_addr);
// external hosts see every slave IP at the one master MAC. RX of unicast for a slave's
// address goes to that slave (ipvlan_handle_mode_l2 -> ipvlan_handle_mode_l3 ->
// ipvlan_rcv_frame).
BOOST_AUTO_TEST_CASE(external_host_sees_only_the_master_mac)
{
    L2TestBed bed(3);
    UdpEcho echo;
    echo.Serve(bed.router);
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < 3; ++i)
    {
        ids.push_back(echo.Send(bed.containers.Get(i), L2TestBed::RouterAddress(), Seconds(1 + i)));
    }
    RunFor(Seconds(6));

    BOOST_CHECK_EQUAL(echo.Served(bed.router), 3U);
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(echo.Replies(ids[i]), 1U);
        std::vector<WireFrame> frames = bed.FramesWith(L2TestBed::ContainerAddress(i));
        BOOST_CHECK_GE(frames.size(), 2U);
        for (const auto& f : frames)
        {
            if (f.ipSrc == L2TestBed::ContainerAddress(i))
            {
                BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
            }
            if (f.ipDst == L2TestBed::ContainerAddress(i) && f.IsIpv4())
            {
                BOOST_CHECK_EQUAL(f.dst, bed.MasterMac());
            }
        }
    }
    // no frame on the wire has any source MAC but the master's or the router's
    for (const auto& f : bed.wire)
    {
        BOOST_CHECK(f.src == bed.MasterMac() || f.src == bed.RouterMac());
    }
    // each slave received its own echo only (demux by destination IP): one unicast IPv4
    // frame each, besides ARP
    BOOST_CHECK_EQUAL(bed.port->GetCounters().rxToSlave, 3U /* echoes */ + 3U /* ARP replies */);
}

// RX of a broadcast ARP request for a slave's IP in L2 (ipvlan_handle_mode_l2,
// doc/kernel-behaviour.rst §2.2 row 3 L2): the multicast path queues a clone for every
// running slave (the broadcast bit is always set) and the original is passed to the
// master; the owner answers.
BOOST_AUTO_TEST_CASE(broadcast_arp_reaches_every_slave_and_the_host)
{
    L2TestBed bed(2);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    uint32_t id = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    RunFor(Seconds(3));

    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    // both slaves got the router's request through the multicast path (slave 1 also got
    // container 0's own request for the router, from the TX multicast path)
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxMulticast, 1U);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().rxMulticast, 2U);
    // the host's interface got the router's broadcast and nothing else: the
    // container's own broadcast is not given to the master's stack
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 1U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().rxToHost, 1U);
    // one answer for 10.0.0.10 on the wire: from its owner, with the master's MAC
    uint32_t answers = 0;
    for (const auto& f : bed.wire)
    {
        if (f.IsArp(ArpHeader::ARP_TYPE_REPLY) && f.ipSrc == L2TestBed::ContainerAddress(0))
        {
            answers++;
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
            BOOST_CHECK_EQUAL(f.dst, bed.RouterMac());
        }
    }
    BOOST_CHECK_EQUAL(answers, 1U);
}

// A miss in the address table passes the frame to the master's own stack
// (ipvlan_handle_mode_l3: ipvlan_addr_lookup misses -> RX_HANDLER_PASS;
// doc/kernel-behaviour.rst §2.2 row 2, destination not a slave's address).
BOOST_AUTO_TEST_CASE(unowned_address_goes_to_the_host_only)
{
    L2TestBed bed(2);
    InjectFromRouter(bed, Ipv4Address("10.0.0.99"), bed.MasterMac(), Seconds(1));
    InjectFromRouter(bed, L2TestBed::HostAddress(), bed.MasterMac(), Seconds(2));
    RunFor(Seconds(3));

    // both reached the host (which then answers .2 with an ICMP error: more traffic)
    BOOST_CHECK_GE(bed.hostIf->GetCounters().rxPackets, 2U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().rxToSlave, 0U);
    for (const auto& s : bed.slaves)
    {
        BOOST_CHECK_EQUAL(s->GetCounters().rxPackets, 0U);
    }
}

// Same demux when the host has no interface: the frame is for the master's stack and
// nobody takes it; the port says so with a drop reason.
BOOST_AUTO_TEST_CASE(unowned_address_without_host_interface_is_dropped_with_reason)
{
    L2TestBed bed(1, 0, false);
    InjectFromRouter(bed, Ipv4Address("10.0.0.99"), bed.MasterMac(), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(bed.CountDrops(IPVLAN_DROP_NO_HOST), 1U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxPackets, 0U);
}

// PACKET_OTHERHOST frames (for another MAC) are not delivered (doc/kernel-behaviour.rst
// §3: the slave's stack would drop them; ns-3 hands promiscuous handlers every frame).
BOOST_AUTO_TEST_CASE(otherhost_frames_are_not_delivered)
{
    L2TestBed bed(1);
    InjectFromRouter(bed,
                     L2TestBed::ContainerAddress(0),
                     Mac48Address("02:00:00:00:00:99"),
                     Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxPackets, 0U);
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 0U);
    BOOST_CHECK_EQUAL(bed.CountDrops(IPVLAN_DROP_OTHERHOST), 1U);
}

// Broadcast data from a slave in L2 (doc/kernel-behaviour.rst §2.1 row 5 L2, and §1.6):
// ipvlan_multicast_enqueue(tx=true), then ipvlan_process_multicast
// delivers to every other running slave and only then sends the original on the wire;
// not to the master's own stack, not back to the sender.
BOOST_AUTO_TEST_CASE(broadcast_from_slave_reaches_other_slaves_then_the_wire)
{
    L2TestBed bed(3);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    echo.Serve(bed.containers.Get(2));
    echo.Serve(bed.router);
    // the sequence of "wire" (observer) and "slave" (slave 1 receives) events
    size_t firstSlave = SIZE_MAX;
    size_t firstWire = SIZE_MAX;
    bed.slaves[1]->TraceConnectWithoutContext(
        "MacRx",
        MakeBoundCallback(&NoteFirstDelivery, &bed, &firstSlave));
    std::vector<Ipv4Address> atSender;
    std::vector<Ipv4Address> atHost;
    TapIpv4Deliveries(bed.slaves[0], &atSender);
    TapIpv4Deliveries(bed.hostIf, &atHost);
    echo.Send(bed.containers.Get(0), Ipv4Address("255.255.255.255"), Seconds(1));
    RunFor(Seconds(2));
    // slave 1's delivery happened while the wire had seen nothing yet
    for (size_t i = 0; i < bed.wire.size(); ++i)
    {
        if (bed.wire[i].dst == Mac48Address::GetBroadcast() && bed.wire[i].IsIpv4())
        {
            firstWire = i * 2 + 2;
            break;
        }
    }
    BOOST_CHECK_EQUAL(firstSlave, 1U); // wire.size() was 0 when slave 1 received
    BOOST_CHECK_EQUAL(firstWire, 2U);  // the broadcast is the first frame on the wire

    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(2)), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 1U);
    const Ipv4Address bcast("255.255.255.255");
    BOOST_CHECK_EQUAL(CountOf(atSender, bcast), 0U); // not back to the sender
    BOOST_CHECK_EQUAL(CountOf(atHost, bcast), 0U);   // not to the master's own stack
    uint32_t broadcasts = 0;
    for (const auto& f : bed.wire)
    {
        if (f.IsIpv4() && f.dst == Mac48Address::GetBroadcast())
        {
            broadcasts++;
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
        }
    }
    BOOST_CHECK_EQUAL(broadcasts, 1U);
}

// Master -> slave fails in every mode (doc/kernel-behaviour.rst §2.4 row 1, §7(f)): the
// master transmits on its own device and the rx_handler runs only on receive, so the
// slave never sees the host's ARP request and the host gets no answer.
BOOST_AUTO_TEST_CASE(host_cannot_reach_a_slave)
{
    L2TestBed bed(1);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    uint32_t id = echo.Send(bed.host, L2TestBed::ContainerAddress(0), Seconds(1));
    RunFor(Seconds(5));
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxPackets, 0U);
    // the host's ARP requests did go out on the wire, from the master's MAC
    uint32_t hostArps = 0;
    for (const auto& f : bed.wire)
    {
        if (f.protocol == ArpL3Protocol::PROT_NUMBER && f.ipSrc == L2TestBed::HostAddress())
        {
            hostArps++;
            BOOST_CHECK_EQUAL(f.src, bed.MasterMac());
        }
    }
    BOOST_CHECK_GE(hostArps, 1U);
}

// Per-slave counters (doc/kernel-behaviour.rst §6): rx/tx packets and bytes count the
// Ethernet header (skb->len + ETH_HLEN).
BOOST_AUTO_TEST_CASE(counters_follow_traffic)
{
    L2TestBed bed(1);
    UdpEcho echo;
    echo.Serve(bed.router);
    echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1), 100);
    RunFor(Seconds(2));
    const StackedDeviceCounters& c = bed.slaves[0]->GetCounters();
    // TX: ARP request (28 + 14), the datagram (100 + 8 UDP + 20 IP + 14), and the ARP
    // reply to the router's own request (ns-3's ARP does not learn from requests)
    BOOST_CHECK_EQUAL(c.txPackets, 3U);
    BOOST_CHECK_EQUAL(c.txBytes, 42U + 142U + 42U);
    // RX: the ARP reply, the router's broadcast request (multicast path), the echo
    BOOST_CHECK_EQUAL(c.rxPackets, 3U);
    BOOST_CHECK_EQUAL(c.rxBytes, 42U + 42U + 142U);
    BOOST_CHECK_EQUAL(c.rxMulticast, 1U);
    BOOST_CHECK_EQUAL(c.txDropped, 0U);
}

// pcap through the helper: the slave's capture holds Ethernet frames whose source is
// the master's MAC (tcpdump on an ipvlan slave shows the shared MAC).
BOOST_AUTO_TEST_CASE(pcap_of_a_slave_shows_the_shared_mac)
{
    std::string prefix = "ipvlan-test-pcap";
    std::string file = prefix + "-slave.pcap";
    std::remove(file.c_str());
    Mac48Address master;
    {
        L2TestBed bed(1);
        IpvlanHelper helper;
        helper.EnablePcap(file, bed.slaves[0], false, true);
        UdpEcho echo;
        echo.Serve(bed.router);
        echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
        RunFor(Seconds(2));
        master = bed.MasterMac();
    } // the bed and its devices are gone: the capture is closed

    {
        PcapFile pcap;
        pcap.Open(file, std::ios::in);
        BOOST_REQUIRE(!pcap.Fail());
        BOOST_CHECK_EQUAL(pcap.GetDataLinkType(), 1U); // DLT_EN10MB
        uint8_t data[2048];
        uint32_t sec, usec, inclLen, origLen, readLen;
        uint32_t frames = 0;
        uint32_t fromMaster = 0;
        while (true)
        {
            pcap.Read(data, sizeof(data), sec, usec, inclLen, origLen, readLen);
            if (pcap.Fail() || pcap.Eof())
            {
                break;
            }
            frames++;
            uint8_t mac[6];
            master.CopyTo(mac);
            fromMaster += std::equal(mac, mac + 6, data + 6) ? 1 : 0;
        }
        pcap.Close();
        // sent: ARP request, datagram, ARP reply to the router's request;
        // received: the router's ARP reply, its ARP request, the echo
        BOOST_CHECK_EQUAL(frames, 6U);
        // the three frames the slave sent carry the master's MAC as source
        BOOST_CHECK_EQUAL(fromMaster, 3U);
    }
    std::remove(file.c_str());
}

BOOST_AUTO_TEST_SUITE_END()
