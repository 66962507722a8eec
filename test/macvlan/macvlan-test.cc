/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The macvlan model, kept for comparison with ipvlan. Every case names the kernel behaviour it
// checks in drivers/net/macvlan.c (macvlan_queue_xmit, macvlan_handle_frame,
// macvlan_process_broadcast, macvlan_open, macvlan_common_newlink) and, for the comparison, the
// reason ipvlan exists (the kernel's Documentation/networking/ipvlan.rst; doc/field-reports.rst §2,
// #14, #23, #26). Hosts are SimpleNetDevices on SimpleChannels; the host's master hangs off port 0
// of an EthernetSwitchNetDevice, the "router" off port 1, and a promiscuous observer sits on the
// host's link. Traffic is real UDP (UdpEcho) with ARP, or raw frames where the case is about L2
// only.
#include "../ipvlan-test-utils.h"

#include "ns3/arp-header.h"
#include "ns3/boolean.h"
#include "ns3/ethernet-switch-helper.h"
#include "ns3/ethernet-switch-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/ipvlan-l3-key.h"
#include "ns3/macvlan-helper.h"
#include "ns3/macvlan-net-device.h"
#include "ns3/macvlan-port.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <functional>
#include <set>
#include <vector>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// What a slave delivered up to its node (from its MacRx trace)
struct SlaveRx
{
    uint64_t uid;      ///< packet uid
    uint16_t arpOp;    ///< ARP operation (1 request, 2 reply), 0 when not ARP
    Ipv4Address ipSrc; ///< IPv4 source, or ARP sender IP
    Ipv4Address ipDst; ///< IPv4 destination, or ARP target IP
};

/// Record a delivery, reading ARP or IPv4 from the payload
void
RecordSlaveRx(std::vector<SlaveRx>* rx, Ptr<const Packet> p)
{
    SlaveRx r{p->GetUid(), 0, Ipv4Address(), Ipv4Address()};
    uint8_t b[28];
    uint32_t n = p->CopyData(b, 28);
    // ARP for IPv4 over Ethernet: hardware type 1, protocol type IPv4, lengths 6 and 4
    bool arp = n >= 28 && b[0] == 0 && b[1] == 1 &&
               ((uint16_t(b[2]) << 8) | b[3]) == Ipv4L3Protocol::PROT_NUMBER && b[4] == 6 &&
               b[5] == 4;
    if (arp)
    {
        r.arpOp = (uint16_t(b[6]) << 8) | b[7];
        r.ipSrc = Ipv4Address::Deserialize(b + 14);
        r.ipDst = Ipv4Address::Deserialize(b + 24);
    }
    else if (n >= 20 && (b[0] >> 4) == 4)
    {
        r.ipSrc = Ipv4Address::Deserialize(b + 12);
        r.ipDst = Ipv4Address::Deserialize(b + 16);
    }
    rx->push_back(r);
}

/// One port drop
struct PortDrop
{
    IpvlanDropReason reason; ///< why
    uint64_t uid;            ///< packet uid
};

/// Record a macvlan port drop
void
RecordPortDrop(std::vector<PortDrop>* v,
               Ptr<const Packet> p,
               IpvlanDropReason r,
               Ptr<const NetDevice>)
{
    v->push_back({r, p->GetUid()});
}

/// N times the same mode
std::vector<MacvlanMode>
Modes(uint32_t n, MacvlanMode mode)
{
    return std::vector<MacvlanMode>(n, mode);
}

/**
 * A host whose master (eth0) is on port 0 of a switch, with one macvlan container per
 * mode given; a router on port 1; an observer on the host's link.
 * Addresses (10.0.0.0/24): router .1, container i .(10+i).
 */
struct MacvlanBed
{
    /**
     * @param modes one container per mode, in order
     * @param hairpin hairpin (reflective relay) on the host's switch port
     * @param setup applied to the helper before the slaves are created
     */
    explicit MacvlanBed(const std::vector<MacvlanMode>& modes,
                        bool hairpin = false,
                        const std::function<void(MacvlanHelper&)>& setup = {})
    {
        host = CreateObject<Node>();
        router = CreateObject<Node>();
        swNode = CreateObject<Node>();
        observer = CreateObject<Node>();
        containers.Create(modes.size());

        SimpleNetDeviceHelper link;
        NetDeviceContainer a = link.Install(NodeContainer(host, swNode, observer));
        NetDeviceContainer b = link.Install(NodeContainer(router, swNode));
        master = DynamicCast<SimpleNetDevice>(a.Get(0));
        routerDev = DynamicCast<SimpleNetDevice>(b.Get(0));
        master->SetMtu(1500); // Ethernet (SimpleNetDevice defaults to 65535)
        routerDev->SetMtu(1500);
        a.Get(2)->SetPromiscReceiveCallback(MakeBoundCallback(&RecordWireFrame, &wire));
        sw = EthernetSwitchHelper().Install(swNode, NetDeviceContainer(a.Get(1), b.Get(1)));
        sw->SetHairpin(0, hairpin);
        sw->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordSwitchDrop, &swDrops));

        InternetStackHelper stack;
        stack.Install(router);
        stack.Install(containers);
        MacvlanHelper macvlan;
        if (setup)
        {
            setup(macvlan);
        }
        rx.resize(modes.size());
        for (uint32_t i = 0; i < modes.size(); ++i)
        {
            macvlan.SetMode(modes[i]);
            slaves.push_back(
                DynamicCast<MacvlanNetDevice>(macvlan.Install(master, containers.Get(i)).Get(0)));
            slaves[i]->TraceConnectWithoutContext("MacRx",
                                                  MakeBoundCallback(&RecordSlaveRx, &rx[i]));
        }
        port = MacvlanPort::Find(master);
        port->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordPortDrop, &drops));
        Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
        addr.Assign(NetDeviceContainer(routerDev)); // .1
        for (uint32_t i = 0; i < 8; ++i)
        {
            addr.NewAddress(); // .2 .. .9
        }
        for (uint32_t i = 0; i < slaves.size(); ++i)
        {
            addr.Assign(NetDeviceContainer(slaves[i])); // .10 + i
        }
    }

    ~MacvlanBed()
    {
        Simulator::Destroy();
    }

    /**
     * @param i container index
     * @return its address
     */
    static Ipv4Address Addr(uint32_t i)
    {
        return Ipv4Address(Ipv4Address("10.0.0.10").Get() + i);
    }

    /**
     * @param i container index
     * @return its slave's MAC
     */
    Mac48Address Mac(uint32_t i) const
    {
        return Mac48Address::ConvertFrom(slaves[i]->GetAddress());
    }

    /**
     * @param i container index
     * @param sender an ARP sender address
     * @return ARP requests from that sender that container i's slave delivered up
     */
    uint32_t ArpRequestsFrom(uint32_t i, Ipv4Address sender) const
    {
        uint32_t n = 0;
        for (const auto& r : rx[i])
        {
            n += (r.arpOp == ArpHeader::ARP_TYPE_REQUEST && r.ipSrc == sender) ? 1 : 0;
        }
        return n;
    }

    /**
     * @param i container index
     * @param uid a packet uid
     * @return how many times container i's slave delivered it
     */
    uint32_t Got(uint32_t i, uint64_t uid) const
    {
        uint32_t n = 0;
        for (const auto& r : rx[i])
        {
            n += r.uid == uid ? 1 : 0;
        }
        return n;
    }

    /**
     * Send a raw frame from container i's slave to a MAC.
     * @param at when
     * @param i container index
     * @param dst destination MAC
     * @return the packet uid
     */
    uint64_t SendRawFrom(Time at, uint32_t i, Mac48Address dst)
    {
        Ptr<Packet> p = Create<Packet>(100);
        Simulator::ScheduleWithContext(containers.Get(i)->GetId(),
                                       at,
                                       &SendPacket,
                                       Ptr<NetDevice>(slaves[i]),
                                       p,
                                       dst,
                                       ETH_P_EXPERIMENTAL);
        return p->GetUid();
    }

    Ptr<Node> host;                            ///< the host (master's node)
    Ptr<Node> router;                          ///< on switch port 1
    Ptr<Node> swNode;                          ///< the switch's node
    Ptr<Node> observer;                        ///< watches the host's link
    NodeContainer containers;                  ///< one per slave
    Ptr<SimpleNetDevice> master;               ///< eth0, on switch port 0
    Ptr<SimpleNetDevice> routerDev;            ///< the router's device
    Ptr<EthernetSwitchNetDevice> sw;           ///< the switch
    std::vector<Ptr<MacvlanNetDevice>> slaves; ///< the slaves
    Ptr<MacvlanPort> port;                     ///< the macvlan port
    std::vector<WireFrame> wire;               ///< frames on the host's link (both ways)
    std::vector<std::vector<SlaveRx>> rx;      ///< deliveries, per slave
    std::vector<PortDrop> drops;               ///< port drops
    std::vector<SwitchDropRecord> swDrops;     ///< switch drops
};
} // namespace

BOOST_AUTO_TEST_SUITE(macvlan)

// macvlan_queue_xmit, bridge mode: a unicast frame whose destination MAC is a bridge-mode
// slave's goes through dev_forward_skb(lowerdev) to that slave and never reaches the
// wire; a group frame (the ARP request) goes to the other bridge slaves directly and then
// to the wire. So two containers talk without a single IPv4 frame on the wire, and the
// unicast ARP reply stays inside the host too.
BOOST_AUTO_TEST_CASE(bridge_switches_slave_to_slave_locally)
{
    MacvlanBed bed(Modes(2, MACVLAN_MODE_BRIDGE));
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    uint32_t id = echo.Send(bed.containers.Get(0), MacvlanBed::Addr(1), Seconds(1));
    uint32_t id2 = echo.Send(bed.containers.Get(0), MacvlanBed::Addr(1), Seconds(2));
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(id2), 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 2U);
    BOOST_CHECK_EQUAL(CountIpv4Between(bed.wire, MacvlanBed::Addr(0), MacvlanBed::Addr(1)), 0U);
    // each container resolves the other once (ns-3's ARP does not learn from a request it
    // answers); the requests also go out, the replies do not
    BOOST_CHECK_EQUAL(CountArp(bed.wire, ArpHeader::ARP_TYPE_REQUEST), 2U);
    BOOST_CHECK_EQUAL(CountArp(bed.wire, ArpHeader::ARP_TYPE_REPLY), 0U);
    // switched locally: 2 datagrams, 2 echoes and the 2 unicast ARP replies
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 6U);
    // the peer got each request once, by the local path (the switch does not hairpin)
    BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(1, MacvlanBed::Addr(0)), 1U);
    BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(0, MacvlanBed::Addr(0)), 0U);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().rxMulticast, 1U);
    // nothing came back from the wire for a slave
    BOOST_CHECK_EQUAL(bed.port->GetCounters().rxToSlave, 0U);
}

// macvlan_hard_header: dev_hard_header(..., saddr ?: dev->dev_addr): every slave's frames
// leave with the slave's own MAC (from Mac48Address::Allocate, as eth_hw_addr_random),
// so the switch learns one MAC per container on the host's port, and the master's NIC
// holds one unicast filter entry per running slave (dev_uc_add in macvlan_open).
// macvlan_handle_frame demultiplexes the router's replies by destination MAC.
BOOST_AUTO_TEST_CASE(each_slave_sends_with_its_own_mac)
{
    MacvlanBed bed(Modes(3, MACVLAN_MODE_BRIDGE));
    UdpEcho echo;
    echo.Serve(bed.router);
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < 3; ++i)
    {
        ids.push_back(echo.Send(bed.containers.Get(i), Ipv4Address("10.0.0.1"), Seconds(1 + i)));
    }
    RunFor(Seconds(6));

    std::set<Mac48Address> macs;
    Mac48Address masterMac = Mac48Address::ConvertFrom(bed.master->GetAddress());
    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(echo.Replies(ids[i]), 1U);
        macs.insert(bed.Mac(i));
        BOOST_CHECK(bed.Mac(i) != masterMac);
        uint32_t seen = 0;
        for (const auto& f : bed.wire)
        {
            if (f.IsIpv4() && f.ipSrc == MacvlanBed::Addr(i))
            {
                BOOST_CHECK_EQUAL(f.src, bed.Mac(i));
                seen++;
            }
            if (f.IsIpv4() && f.ipDst == MacvlanBed::Addr(i))
            {
                BOOST_CHECK_EQUAL(f.dst, bed.Mac(i)); // the router's reply
            }
            BOOST_CHECK(f.src != masterMac); // the master itself never sent
        }
        BOOST_CHECK_EQUAL(seen, 1U);
        BOOST_CHECK_EQUAL(bed.sw->LookupFdb(bed.Mac(i)), 0U);
        BOOST_CHECK(bed.port->GetNicFilter()->HasUnicast(bed.Mac(i)));
    }
    BOOST_CHECK_EQUAL(macs.size(), 3U);
    BOOST_CHECK_EQUAL(bed.port->GetNicFilter()->GetUnicastCount(), 3U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().rxToSlave, 6U); // 3 ARP replies, 3 echoes
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
}

// macvlan_process_broadcast, frame from an external address (no local source): every
// running slave gets a copy, whatever its mode (PRIVATE|VEPA|PASSTHRU|BRIDGE). A slave
// that is down (macvlan_stop: unhashed, dev_uc_del) gets nothing and its MAC leaves the
// NIC's filter, so unicast for it is dropped as a frame for another host.
BOOST_AUTO_TEST_CASE(broadcast_from_the_wire_reaches_every_slave)
{
    MacvlanBed bed(
        {MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE, MACVLAN_MODE_BRIDGE});
    bed.slaves[3]->SetAdminUp(false);
    BOOST_CHECK_EQUAL(bed.port->GetNicFilter()->GetUnicastCount(), 3U);
    UdpEcho echo;
    for (uint32_t i = 0; i < 4; ++i)
    {
        echo.Serve(bed.containers.Get(i));
    }
    uint32_t id = echo.Send(bed.router, Ipv4Address("10.0.0.255"), Seconds(1));
    Ptr<Packet> p = Create<Packet>(50);
    Simulator::ScheduleWithContext(bed.router->GetId(),
                                   Seconds(3),
                                   &SendPacket,
                                   Ptr<NetDevice>(bed.routerDev),
                                   p,
                                   bed.Mac(3),
                                   ETH_P_EXPERIMENTAL);
    RunFor(Seconds(5));

    for (uint32_t i = 0; i < 3; ++i)
    {
        BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(i)), 1U);
    }
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(3)), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(id), 3U);
    BOOST_CHECK_EQUAL(bed.Got(3, p->GetUid()), 0U);
    uint32_t otherhost = 0;
    for (const auto& d : bed.drops)
    {
        otherhost += (d.uid == p->GetUid() && d.reason == IPVLAN_DROP_OTHERHOST) ? 1 : 0;
    }
    BOOST_CHECK_EQUAL(otherhost, 1U);
    BOOST_CHECK_EQUAL(bed.port->GetNicFilter()->GetCounters().framesFiltered, 1U);
}

// Private mode (macvlan.rst: "do not allow communication between macvlan instances on the
// same physical interface, even if the external switch supports hairpin mode"):
// macvlan_queue_xmit sends everything to the wire, and macvlan_handle_frame gives a group
// frame whose source is a private slave back to that slave only ("forward to original
// port"). So even behind a hairpin port the ARP request never reaches the peer: no
// unicast and no broadcast between private slaves.
BOOST_AUTO_TEST_CASE(private_blocks_slave_to_slave)
{
    MacvlanBed bed(Modes(2, MACVLAN_MODE_PRIVATE), true);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(1));
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(0), MacvlanBed::Addr(1), Seconds(1));
    uint32_t bid = echo.Send(bed.containers.Get(0), Ipv4Address("10.0.0.255"), Seconds(3));
    RunFor(Seconds(6));

    BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U); // neither unicast nor broadcast
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 1U);            // the broadcast did leave
    BOOST_CHECK_EQUAL(echo.Replies(bid), 1U);
    BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(1, MacvlanBed::Addr(0)), 0U);
    // the reflected requests came back to their sender only
    BOOST_CHECK_GE(bed.ArpRequestsFrom(0, MacvlanBed::Addr(0)), 1U);
    BOOST_CHECK_GE(bed.port->GetCounters().reflectedToSource, 1U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
    uint32_t requests = 0;
    for (const auto& f : bed.wire)
    {
        requests += (f.IsArp(ArpHeader::ARP_TYPE_REQUEST) && f.src == bed.Mac(0)) ? 1 : 0;
    }
    BOOST_CHECK_GE(requests, 2U); // out, and reflected back by the hairpin port
}

// Private mode, unicast: nothing is switched locally. A frame from one private slave to
// the other's MAC leaves on the wire with the sender's MAC; a switch port without
// hairpin drops it. (With hairpin the kernel would deliver a reflected unicast frame,
// since macvlan_handle_frame checks no mode for unicast: private mode relies on the
// peer's MAC never being learnt, which the broadcast rule above ensures.)
BOOST_AUTO_TEST_CASE(private_unicast_goes_to_the_wire)
{
    {
        MacvlanBed bed(Modes(2, MACVLAN_MODE_PRIVATE), false);
        // container 1 speaks first, so that the switch learns its MAC on the host's port
        bed.SendRawFrom(Seconds(0.5), 1, Mac48Address::GetBroadcast());
        uint64_t uid = bed.SendRawFrom(Seconds(1), 0, bed.Mac(1));
        RunFor(Seconds(2));
        BOOST_CHECK_EQUAL(bed.Got(1, uid), 0U);
        BOOST_REQUIRE_EQUAL(bed.wire.size(), 2U);
        BOOST_CHECK_EQUAL(bed.wire[1].src, bed.Mac(0));
        BOOST_CHECK_EQUAL(bed.wire[1].dst, bed.Mac(1));
        BOOST_REQUIRE_EQUAL(bed.swDrops.size(), 1U);
        BOOST_CHECK_EQUAL(bed.swDrops[0].uid, uid);
        BOOST_CHECK_EQUAL(bed.swDrops[0].reason, SWITCH_DROP_HAIRPIN_OFF);
        BOOST_CHECK_EQUAL(bed.port->GetCounters().txToWire, 2U);
        BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
    }
    {
        MacvlanBed bed(Modes(2, MACVLAN_MODE_PRIVATE), true);
        uint64_t bcast = bed.SendRawFrom(Seconds(0.5), 1, Mac48Address::GetBroadcast());
        uint64_t uid = bed.SendRawFrom(Seconds(1), 0, bed.Mac(1));
        RunFor(Seconds(2));
        BOOST_CHECK_EQUAL(bed.Got(0, bcast), 0U); // the peer's broadcast: back to its source only
        BOOST_CHECK_EQUAL(bed.Got(1, bcast), 1U);
        BOOST_CHECK_EQUAL(bed.Got(1, uid), 1U); // reflected: delivered by destination MAC
        BOOST_CHECK_EQUAL(bed.wire.size(), 4U); // each frame out and back
    }
}

// VEPA (doc/field-reports.rst #14, pipework#239: same-host containers stop talking unless the
// bridge has hairpin): macvlan_queue_xmit sends every frame to the wire. Without hairpin the switch
// never sends a frame back out of the port it came in on, so the ARP request does not reach the
// peer. With hairpin the switch reflects it: macvlan_process_broadcast floods a vepa slave's
// reflected group frame to every vepa/bridge slave except the source, and the reflected unicast
// frames are delivered by destination MAC. The traffic crosses the wire twice (out and back) and
// nothing is switched locally.
BOOST_AUTO_TEST_CASE(vepa_slave_to_slave_needs_a_hairpin_port)
{
    {
        MacvlanBed bed(Modes(3, MACVLAN_MODE_VEPA), false);
        UdpEcho echo;
        echo.Serve(bed.containers.Get(1));
        uint32_t id = echo.Send(bed.containers.Get(0), MacvlanBed::Addr(1), Seconds(1));
        RunFor(Seconds(5));
        BOOST_CHECK_EQUAL(echo.Replies(id), 0U);
        BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 0U);
        BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(1, MacvlanBed::Addr(0)), 0U);
        BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(2, MacvlanBed::Addr(0)), 0U);
        BOOST_CHECK_GE(bed.port->GetCounters().txToWire, 1U);
        BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
    }
    {
        MacvlanBed bed(Modes(3, MACVLAN_MODE_VEPA), true);
        UdpEcho echo;
        echo.Serve(bed.containers.Get(1));
        uint32_t id = echo.Send(bed.containers.Get(0), MacvlanBed::Addr(1), Seconds(1));
        RunFor(Seconds(5));
        BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
        BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(1)), 1U);
        // datagram and echo, each out of the host and reflected back in
        BOOST_CHECK_EQUAL(CountIpv4Between(bed.wire, MacvlanBed::Addr(0), MacvlanBed::Addr(1)), 4U);
        BOOST_CHECK_EQUAL(bed.port->GetCounters().txLocal, 0U);
        // the reflected request: to everyone but its source
        BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(1, MacvlanBed::Addr(0)), 1U);
        BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(2, MacvlanBed::Addr(0)), 1U);
        BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(0, MacvlanBed::Addr(0)), 0U);
        BOOST_CHECK_GE(bed.sw->GetPortStatus(0).txFrames, 4U);
    }
}

// Bridge slaves behind a hairpin port: their group frames come back from the switch, and
// macvlan_process_broadcast sends a bridge slave's reflected frame only to vepa slaves
// ("bridge ports already saw the frame on the way out"): no duplicates.
BOOST_AUTO_TEST_CASE(bridge_broadcast_reflected_by_hairpin_is_not_duplicated)
{
    MacvlanBed bed({MACVLAN_MODE_BRIDGE, MACVLAN_MODE_BRIDGE, MACVLAN_MODE_VEPA}, true);
    uint64_t uid = bed.SendRawFrom(Seconds(1), 0, Mac48Address::GetBroadcast());
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(bed.Got(0, uid), 0U); // never to the source
    BOOST_CHECK_EQUAL(bed.Got(1, uid), 1U); // locally, on the way out
    BOOST_CHECK_EQUAL(bed.Got(2, uid), 1U); // the vepa slave: from the reflection
}

// Passthru (macvlan_common_newlink): one slave only ("Only 1 macvlan device can be
// created in passthru mode": EINVAL), which inherits the master's MAC
// (eth_hw_addr_inherit) and makes the master promiscuous in macvlan_open unless
// MACVLAN_FLAG_NOPROMISC. A passthru slave on a port that has slaves is refused too.
BOOST_AUTO_TEST_CASE(passthru_takes_the_master_and_refuses_a_second_slave)
{
    {
        MacvlanBed bed(Modes(1, MACVLAN_MODE_PASSTHRU));
        UdpEcho echo;
        echo.Serve(bed.router);
        uint32_t id = echo.Send(bed.containers.Get(0), Ipv4Address("10.0.0.1"), Seconds(1));
        RunFor(Seconds(3));
        Mac48Address masterMac = Mac48Address::ConvertFrom(bed.master->GetAddress());
        BOOST_CHECK_EQUAL(bed.Mac(0), masterMac);
        BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
        for (const auto& f : bed.wire)
        {
            if (f.ipSrc == MacvlanBed::Addr(0))
            {
                BOOST_CHECK_EQUAL(f.src, masterMac);
            }
        }
        Ptr<NicUnicastFilter> filter = bed.port->GetNicFilter();
        BOOST_CHECK(bed.port->IsPassthru());
        BOOST_CHECK(filter->IsPromiscuous());
        BOOST_CHECK_EQUAL(filter->GetPromiscuity(), 1U);
        BOOST_CHECK_EQUAL(filter->GetUnicastCount(), 0U);
        bed.slaves[0]->SetAdminUp(false); // macvlan_stop: promiscuity back
        BOOST_CHECK(!filter->IsPromiscuous());
    }
    {
        MacvlanBed bed(Modes(1, MACVLAN_MODE_PASSTHRU), false, [](MacvlanHelper& h) {
            h.SetDeviceAttribute("NoPromisc", BooleanValue(true));
        });
        BOOST_CHECK(!bed.port->GetNicFilter()->IsPromiscuous());
    }
    CheckFatalOutput([]() { MacvlanBed bed(Modes(2, MACVLAN_MODE_PASSTHRU)); },
                     {"already has a passthru slave",
                      "only one macvlan device can be created in passthru mode (EINVAL)"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed({MACVLAN_MODE_PASSTHRU, MACVLAN_MODE_BRIDGE});
        },
        {"already has a passthru slave", "EINVAL"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed({MACVLAN_MODE_BRIDGE, MACVLAN_MODE_PASSTHRU});
        },
        {"a passthru slave must be the only one", "already has 1 slave(s) (EINVAL)"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_PASSTHRU));
            bed.slaves[0]->SetMode(MACVLAN_MODE_BRIDGE);
        },
        {"passthru cannot be set or cleared dynamically (EINVAL)"});
}

// Refused configurations, each with a message naming the value and what is allowed:
// a master an ipvlan port already uses (netdev_is_rx_handler_busy: EBUSY), a switch port,
// a master without SendFrom, an unknown mode word, an MTU above the master's
// (macvlan_common_newlink: EINVAL), a slave MAC the master or another slave has
// (macvlan_addr_busy: EADDRINUSE), a group MAC (EADDRNOTAVAIL).
BOOST_AUTO_TEST_CASE(bad_configuration_is_refused)
{
    // the other order: ipvlan refuses a macvlan master (ipvlan_link_new: EBUSY)
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
            IpvlanHelper ipv;
            ipv.SetMode("l2");
            ipv.Install(bed.master, CreateObject<Node>());
        },
        {"is already in use (EBUSY)", "the master of a macvlan port"});
    CheckFatalOutput(
        []() {
            L2TestBed bed(1);
            Ptr<Node> c = CreateObject<Node>();
            MacvlanHelper().Install(bed.master, c);
        },
        {"macvlan: master", "is already in use (EBUSY)", "the master of an ipvlan port"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
            Ptr<Node> c = CreateObject<Node>();
            MacvlanHelper().Install(bed.sw->GetSwitchPort(1), c);
        },
        {"is already in use (EBUSY)", "port 1 of switch"});
    CheckFatalOutput(
        []() {
            Ptr<NoSendFromDevice> d = CreateObject<NoSendFromDevice>();
            AddToNewNode(d);
            MacvlanHelper().Install(d, CreateObject<Node>());
        },
        {"does not support SendFrom"});
    CheckFatalOutput([]() { MacvlanHelper().SetMode("l2"); },
                     {"mode \"l2\" is not a macvlan mode", "bridge, private, vepa, passthru"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE), false, [](MacvlanHelper& h) {
                h.SetDeviceAttribute("Mtu", UintegerValue(9000));
            });
        },
        {"MTU 9000 is larger than the master's MTU", "allowed: 68 to"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(2, MACVLAN_MODE_BRIDGE));
            bed.slaves[1]->SetAddress(bed.slaves[0]->GetAddress());
        },
        {"refused on slave", "EADDRINUSE"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
            bed.slaves[0]->SetAddress(bed.master->GetAddress());
        },
        {"master", "has it (EADDRINUSE)"});
    CheckFatalOutput(
        []() {
            MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
            bed.slaves[0]->SetAddress(Mac48Address("01:00:5e:00:00:01"));
        },
        {"01:00:5e:00:00:01 is not a valid unicast address (EADDRNOTAVAIL)"});
    // An MTU above the master's is refused at runtime too (macvlan_change_mtu: EINVAL)
    MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
    BOOST_CHECK(!bed.slaves[0]->SetMtu(1501));
    BOOST_CHECK(bed.slaves[0]->SetMtu(1400));
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetMtu(), 1400U);
    // A slave that is down can take any address; it is checked when it comes up
    Mac48Address fresh = Mac48Address::Allocate();
    bed.slaves[0]->SetAdminUp(false);
    bed.slaves[0]->SetAddress(fresh);
    bed.slaves[0]->SetAdminUp(true);
    BOOST_CHECK(bed.port->GetNicFilter()->HasUnicast(fresh));
    BOOST_CHECK_EQUAL(bed.port->Lookup(fresh), PeekPointer(bed.slaves[0]));
}

// A macvlan master may keep IP addresses of its own (unlike an ipvlan master in this
// model): slaves have MACs of their own, so the master's stack gets only frames for its
// MAC and group frames (macvlan_handle_frame: RX_HANDLER_PASS when no slave has the
// destination MAC). And, as in Linux, the host cannot reach its own macvlan containers:
// its transmissions go straight to the wire and never pass the port's receive handler,
// and a switch port without hairpin sends nothing back.
BOOST_AUTO_TEST_CASE(master_keeps_its_own_ip_and_cannot_reach_its_slaves)
{
    MacvlanBed bed(Modes(1, MACVLAN_MODE_BRIDGE));
    InternetStackHelper().Install(bed.host);
    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0", "0.0.0.100");
    addr.Assign(NetDeviceContainer(bed.master)); // the host: .100
    UdpEcho echo;
    echo.Serve(bed.router);
    echo.Serve(bed.containers.Get(0));
    echo.Serve(bed.host);
    uint32_t hostToRouter = echo.Send(bed.host, Ipv4Address("10.0.0.1"), Seconds(1));
    uint32_t slaveToRouter = echo.Send(bed.containers.Get(0), Ipv4Address("10.0.0.1"), Seconds(2));
    uint32_t hostToSlave = echo.Send(bed.host, MacvlanBed::Addr(0), Seconds(3));
    uint32_t slaveToHost = echo.Send(bed.containers.Get(0), Ipv4Address("10.0.0.100"), Seconds(8));
    RunFor(Seconds(14));

    BOOST_CHECK_EQUAL(echo.Replies(hostToRouter), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(slaveToRouter), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(hostToSlave), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(slaveToHost), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.host), 0U);
    // the router's frames for the master's MAC were left to the master's stack
    BOOST_CHECK_GE(bed.port->GetCounters().rxToMaster, 2U);
    // the host's and the slave's ARP requests for each other died at the switch port
    // broadcasts are flooded, not reflected
    BOOST_CHECK_EQUAL(CountSwitchDrops(bed.swDrops, SWITCH_DROP_HAIRPIN_OFF), 0U);
    BOOST_CHECK_EQUAL(bed.ArpRequestsFrom(0, Ipv4Address("10.0.0.100")), 0U);
}

// The reason ipvlan exists (the kernel's Documentation/networking/ipvlan.rst: "switch/router has
// policy configured that allows only one mac per port"; doc/field-reports.rst #26): two identical
// hosts, each with three containers, on two switch ports with port security maximum 1. The ipvlan
// host shows the switch one MAC and passes all traffic; the macvlan host shows three, and its
// second and third containers violate: with restrict their frames are dropped and counted, with
// shutdown the whole port goes err-disabled and the first container is cut off too.
BOOST_AUTO_TEST_CASE(macvlan_trips_max_1_mac_while_ipvlan_passes)
{
    for (PortSecurityViolationMode mode : {PORT_SECURITY_RESTRICT, PORT_SECURITY_SHUTDOWN})
    {
        BOOST_TEST_CONTEXT("violation mode " << mode)
        {
            Ptr<Node> swNode = CreateObject<Node>();
            Ptr<Node> macvlanHost = CreateObject<Node>(); // port 0
            Ptr<Node> ipvlanHost = CreateObject<Node>();  // port 1
            Ptr<Node> router = CreateObject<Node>();      // port 2
            NodeContainer mc;
            mc.Create(3);
            NodeContainer ic;
            ic.Create(3);
            SimpleNetDeviceHelper link;
            NetDeviceContainer l0 = link.Install(NodeContainer(macvlanHost, swNode));
            NetDeviceContainer l1 = link.Install(NodeContainer(ipvlanHost, swNode));
            NetDeviceContainer l2 = link.Install(NodeContainer(router, swNode));
            NetDeviceContainer ports(l0.Get(1), l1.Get(1));
            ports.Add(l2.Get(1));
            // the router's port (2) is open
            Ptr<EthernetSwitchNetDevice> sw =
                InstallOneMacSwitch(swNode,
                                    ports,
                                    mode == PORT_SECURITY_RESTRICT ? "restrict" : "shutdown",
                                    2);
            std::vector<SwitchDropRecord> swDrops;
            std::vector<ViolationRecord> violators;
            sw->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordSwitchDrop, &swDrops));
            sw->TraceConnectWithoutContext("Violation",
                                           MakeBoundCallback(&RecordViolation, &violators));

            MacvlanAndIpvlanSlaves slaves =
                InstallMacvlanAndIpvlanHosts(router, l0.Get(0), mc, l1.Get(0), ic);
            const NetDeviceContainer& mslaves = slaves.macvlan;
            const NetDeviceContainer& islaves = slaves.ipvlan;
            Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
            addr.Assign(NetDeviceContainer(l2.Get(0))); // router .1
            addr.Assign(islaves);                       // ipvlan .2 .. .4
            addr.Assign(mslaves);                       // macvlan .5 .. .7

            UdpEcho echo;
            echo.Serve(router);
            std::vector<uint32_t> iids;
            std::vector<uint32_t> mids;
            for (uint32_t i = 0; i < 3; ++i)
            {
                iids.push_back(echo.Send(ic.Get(i), Ipv4Address("10.0.0.1"), Seconds(1 + i)));
                mids.push_back(echo.Send(mc.Get(i), Ipv4Address("10.0.0.1"), Seconds(4 + i)));
            }
            uint32_t again = echo.Send(mc.Get(0), Ipv4Address("10.0.0.1"), Seconds(8));
            uint32_t iagain = echo.Send(ic.Get(0), Ipv4Address("10.0.0.1"), Seconds(9));
            RunFor(Seconds(12));

            // ipvlan: one MAC, every container through, no violation
            for (uint32_t id : iids)
            {
                BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
            }
            BOOST_CHECK_EQUAL(echo.Replies(iagain), 1U);
            EthernetSwitchPortStatus pi = sw->GetPortStatus(1);
            BOOST_CHECK_EQUAL(pi.state, SWITCH_PORT_UP);
            BOOST_CHECK_EQUAL(pi.violations, 0U);
            BOOST_CHECK_EQUAL(pi.secureMacCount, 1U);
            BOOST_CHECK_EQUAL(sw->GetSecureMacs(1).at(0).mac,
                              Mac48Address::ConvertFrom(l1.Get(0)->GetAddress()));

            // macvlan: the first container's MAC is secured, the others violate
            BOOST_CHECK_EQUAL(echo.Replies(mids[0]), 1U);
            BOOST_CHECK_EQUAL(echo.Replies(mids[1]), 0U);
            BOOST_CHECK_EQUAL(echo.Replies(mids[2]), 0U);
            EthernetSwitchPortStatus pm = sw->GetPortStatus(0);
            BOOST_CHECK_EQUAL(pm.secureMacCount, 1U);
            BOOST_CHECK_EQUAL(sw->GetSecureMacs(0).at(0).mac,
                              Mac48Address::ConvertFrom(mslaves.Get(0)->GetAddress()));
            std::set<Mac48Address> offenders;
            for (const ViolationRecord& v : violators)
            {
                offenders.insert(v.mac);
            }
            BOOST_CHECK(offenders.count(Mac48Address::ConvertFrom(mslaves.Get(0)->GetAddress())) ==
                        0);
            uint32_t violationDrops = 0;
            for (const auto& d : swDrops)
            {
                BOOST_CHECK_NE(d.port, 1U); // nothing of the ipvlan host was dropped
                violationDrops += (d.port == 0 && d.reason == SWITCH_DROP_VIOLATION) ? 1 : 0;
            }
            if (mode == PORT_SECURITY_RESTRICT)
            {
                // every frame of containers 1 and 2 is a violation; the port stays up
                BOOST_CHECK_EQUAL(pm.state, SWITCH_PORT_UP);
                BOOST_CHECK_GE(pm.violations, 2U);
                BOOST_CHECK_EQUAL(offenders.size(), 2U);
                BOOST_CHECK_EQUAL(violationDrops, pm.violations);
                BOOST_CHECK_EQUAL(echo.Replies(again), 1U);
            }
            else
            {
                // the second MAC shuts the port down: container 0 is cut off as well
                BOOST_CHECK_EQUAL(pm.state, SWITCH_PORT_ERR_DISABLED);
                BOOST_CHECK_EQUAL(pm.violations, 1U);
                BOOST_CHECK_EQUAL(offenders.size(), 1U);
                BOOST_CHECK(
                    offenders.count(Mac48Address::ConvertFrom(mslaves.Get(1)->GetAddress())) == 1);
                BOOST_CHECK_EQUAL(echo.Replies(again), 0U);
            }
            Simulator::Destroy();
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
