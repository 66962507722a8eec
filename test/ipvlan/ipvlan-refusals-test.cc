/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What used to be accepted silently: each case asserts the kernel's behaviour (a refusal
// naming the value, an EBUSY naming the holder, a drop with its reason) and that nothing
// else changed.
#include "../ipvlan-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/config.h"
#include "ns3/ethernet-switch-helper.h"
#include "ns3/ethernet-switch-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/macvlan-helper.h"
#include "ns3/nstime.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// A master whose carrier the test can take away (SimpleNetDevice has no switch for it)
class CarrierDevice : public SimpleNetDevice
{
  public:
    bool m_carrier{true}; ///< carrier present

    bool IsLinkUp() const override
    {
        return m_carrier && SimpleNetDevice::IsLinkUp();
    }
};

/// A host node and a master device on it, with the internet stack
struct Host
{
    Ptr<Node> node = CreateObject<Node>();
    Ptr<SimpleNetDevice> master = CreateObject<SimpleNetDevice>();

    Host()
    {
        master->SetAddress(Mac48Address::Allocate());
        node->AddDevice(master);
        InternetStackHelper().Install(node);
    }

    ~Host()
    {
        Simulator::Destroy();
    }

    /// A container with an ipvlan slave (the helper's defaults) on the master
    void AddContainer()
    {
        Ptr<Node> c = CreateObject<Node>();
        InternetStackHelper().Install(c);
        IpvlanHelper().Install(master, c);
    }
};
} // namespace

BOOST_AUTO_TEST_SUITE(refusals)

// ipvlan_link_new: "Master is either lo or non-ether device" (ARPHRD_ETHER only). A
// point-to-point device has a Mac48Address in ns-3 but is no Ethernet.
BOOST_AUTO_TEST_CASE(point_to_point_master_is_refused)
{
    CheckFatalOutput(
        []() {
            Host h;
            h.master->SetAttribute("PointToPointMode", BooleanValue(true));
            h.AddContainer();
        },
        {"point-to-point or non-broadcast", "Ethernet master", "non-ether device"});
}

// ns-3's distributed simulator: a port, its master and its slaves live on one rank (system
// id); a container node on another rank is refused, naming both ranks, for ipvlan and
// macvlan alike (no kernel counterpart: a namespace is always on the host's kernel).
BOOST_AUTO_TEST_CASE(a_slave_on_another_rank_is_refused)
{
    CheckFatalOutput(
        []() {
            Host h;
            Ptr<Node> remote = CreateObject<Node>(1);
            IpvlanHelper ipvlan;
            ipvlan.SetMode("l2");
            ipvlan.Install(h.master, remote);
        },
        {"ns3::IpvlanNetDevice",
         "(rank 1) cannot stack on master",
         "(rank 0)",
         "CreateObject<Node>(0)"});
    CheckFatalOutput(
        []() {
            Host h;
            Ptr<Node> remote = CreateObject<Node>(2);
            MacvlanHelper().Install(h.master, remote);
        },
        {"ns3::MacvlanNetDevice", "(rank 2) cannot stack on master", "(rank 0)"});
}

// One rx_handler per device, in either order (netdev_rx_handler_register: EBUSY).
BOOST_AUTO_TEST_CASE(a_switch_port_and_an_ipvlan_master_refuse_each_other)
{
    CheckFatalOutput(
        []() {
            Host h;
            h.AddContainer();
            EthernetSwitchHelper().Install(h.node, NetDeviceContainer(h.master));
        },
        {"is already in use (EBUSY)", "the master of an ipvlan port"});
    CheckFatalOutput(
        []() {
            Host h;
            EthernetSwitchHelper().Install(h.node, NetDeviceContainer(h.master));
            h.AddContainer();
        },
        {"is already in use (EBUSY)", "port 0 of switch"});
}

// ns-3's bridge takes a port without asking: made a bridge port after it became an ipvlan
// master, the master is refused when the simulation starts.
BOOST_AUTO_TEST_CASE(a_master_bridged_afterwards_is_refused_at_start)
{
    CheckFatalOutput(
        []() {
            Host h;
            h.AddContainer();
            Ptr<BridgeNetDevice> br = CreateObject<BridgeNetDevice>();
            h.node->AddDevice(br);
            br->AddBridgePort(h.master);
            RunFor(Seconds(1));
        },
        {"was made a port of bridge", "EBUSY"});
}

// The master's own addresses go on its host interface: an IP address put on the master
// itself while the simulation runs stops it, saying where the address belongs.
BOOST_AUTO_TEST_CASE(an_address_put_on_the_master_later_is_refused)
{
    CheckFatalOutput(
        []() {
            L2TestBed bed(1);
            Simulator::Schedule(Seconds(1), [&bed]() {
                Ptr<Ipv4> ipv4 = bed.host->GetObject<Ipv4>();
                int32_t i = ipv4->AddInterface(bed.master);
                ipv4->AddAddress(i, Ipv4InterfaceAddress("10.0.9.1", "255.255.255.0"));
                ipv4->SetUp(i);
            });
            RunFor(Seconds(2));
        },
        {"was given an IP address of its own", "IpvlanHostNetDevice"});
}

// Mtu: 0 (the master's) or 68..65535 (ether_setup min_mtu, ETH_MAX_MTU); SetMasterMtu
// refuses below 68 and changes nothing.
BOOST_AUTO_TEST_CASE(mtu_out_of_range_is_refused)
{
    CheckFatalOutput(
        []() {
            Ptr<IpvlanNetDevice> d = CreateObject<IpvlanNetDevice>();
            d->SetAttribute("Mtu", UintegerValue(40));
        },
        {"Mtu 40", "allowed: 0 (take the master's) or 68 to 65535"});
    L2TestBed bed(2);
    BOOST_CHECK(!bed.port->SetMasterMtu(0));
    BOOST_CHECK(!bed.port->SetMasterMtu(67));
    BOOST_CHECK_EQUAL(bed.master->GetMtu(), 1500);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetMtu(), 1500);
    BOOST_CHECK(bed.port->SetMasterMtu(1400));
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetMtu(), 1400);
    BOOST_CHECK_EQUAL(bed.hostIf->GetMtu(), 1400);
}

// The host's interface and the slaves send only to Ethernet addresses, and only as
// themselves: refused, with a reason on the Drop trace.
BOOST_AUTO_TEST_CASE(non_ethernet_destination_and_foreign_source_are_dropped)
{
    L2TestBed bed(1);
    DropCounter hostDrops;
    DropCounter slaveDrops;
    hostDrops.CountDevice(bed.hostIf);
    slaveDrops.CountDevice(bed.slaves[0]);
    BOOST_CHECK(!bed.hostIf->Send(Create<Packet>(10),
                                  Ipv4Address("10.0.0.1"),
                                  Ipv4L3Protocol::PROT_NUMBER));
    BOOST_CHECK(!bed.slaves[0]->Send(Create<Packet>(10),
                                     Ipv4Address("10.0.0.1"),
                                     Ipv4L3Protocol::PROT_NUMBER));
    BOOST_CHECK(!bed.slaves[0]->SendFrom(Create<Packet>(10),
                                         Mac48Address("00:00:00:00:00:99"),
                                         bed.RouterMac(),
                                         Ipv4L3Protocol::PROT_NUMBER));
    BOOST_CHECK_EQUAL(hostDrops[IPVLAN_DROP_NOT_ETHERNET], 1U);
    BOOST_CHECK_EQUAL(slaveDrops[IPVLAN_DROP_NOT_ETHERNET], 1U);
    BOOST_CHECK_EQUAL(slaveDrops[IPVLAN_DROP_FOREIGN_SOURCE], 1U);
    RunFor(Seconds(1));
    BOOST_CHECK(bed.wire.empty());
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().txPackets, 0U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txPackets, 0U);
}

// netif_stacked_transfer_operstate: without the master's carrier nothing a slave sends
// reaches the wire; each frame is dropped with reason link-down. Carrier back, it works.
BOOST_AUTO_TEST_CASE(no_carrier_on_the_master_drops_with_link_down)
{
    // the container's ARP gives up on the router while there is no carrier; Linux retries a
    // failed neighbour on the next packet, ns-3 keeps it dead for DeadTimeout (100 s)
    Config::SetDefault("ns3::ArpCache::DeadTimeout", TimeValue(MilliSeconds(10)));
    Ptr<CarrierDevice> master = CreateObject<CarrierDevice>();
    OneContainerBed bed(master, IPVLAN_MODE_L2);
    Config::SetDefault("ns3::ArpCache::DeadTimeout", TimeValue(Seconds(100))); // ns-3's again
    Ptr<IpvlanNetDevice> slave = bed.slave;
    Ptr<Node> router = bed.router;
    Ptr<Node> c = bed.container;
    DropCounter drops;
    drops.CountDevice(slave);
    UdpEcho echo;
    echo.Serve(router);
    master->m_carrier = false;
    uint32_t without = echo.Send(c, Ipv4Address("10.9.0.1"), Seconds(1));
    Simulator::Schedule(Seconds(5), [master]() { master->m_carrier = true; });
    uint32_t with = echo.Send(c, Ipv4Address("10.9.0.1"), Seconds(6));
    RunFor(Seconds(8));
    BOOST_CHECK_EQUAL(echo.Replies(without), 0U);
    BOOST_CHECK_GE(drops[IPVLAN_DROP_LINK_DOWN], 1U);
    BOOST_CHECK_EQUAL(echo.Replies(with), 1U);
}

// A frame the master's MTU cannot hold never reaches ipvlan (veth's is_skb_forwardable; the
// kernel validation's rx-l2-oversize-from-wire): dropped as frame-too-big, no slave sees it.
// The multicast path's wire copy obeys the master's MTU as the unicast path does, and its
// local copy the receiving slave's: dev_forward_skb refuses a frame longer than that slave's
// MTU + 18 (rx-l2-local-oversize: rx_errors and the core's rx_dropped).
BOOST_AUTO_TEST_CASE(oversize_frames_are_dropped_both_ways)
{
    L2TestBed bed(2);
    bed.routerDev->SetMtu(9000);
    DropCounter portDrops;
    portDrops.CountPort(bed.port);
    DropCounter slave0Drops;
    slave0Drops.CountDevice(bed.slaves[0]);
    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    echo.Serve(bed.containers.Get(1));
    // a first small datagram resolves ARP both ways
    uint32_t small = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    uint32_t big = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(2), 5000);
    // a slave allowed an MTU above the master's sends a big broadcast
    bed.slaves[1]->SetMtu(9000);
    uint32_t bcast = echo.Send(bed.containers.Get(1), Ipv4Address("10.0.0.255"), Seconds(3), 5000);
    uint32_t servedBeforeBroadcast = 0;
    Simulator::Schedule(Seconds(2.9),
                        [&]() { servedBeforeBroadcast = echo.Served(bed.containers.Get(0)); });
    RunFor(Seconds(5));
    BOOST_CHECK_EQUAL(echo.Replies(small), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(big), 0U);
    BOOST_CHECK_EQUAL(servedBeforeBroadcast, 1U); // the small one only
    BOOST_CHECK_EQUAL(portDrops[IPVLAN_DROP_FRAME_TOO_BIG], 1U);
    BOOST_CHECK_EQUAL(portDrops[IPVLAN_DROP_MTU_EXCEEDED], 1U);
    BOOST_CHECK_EQUAL(echo.Replies(bcast), 0U);
    BOOST_CHECK_EQUAL(echo.Served(bed.containers.Get(0)), 1U); // still the small one only
    BOOST_CHECK_EQUAL(slave0Drops[IPVLAN_DROP_FRAME_TOO_BIG], 1U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxCoreDropped, 1U);
    for (const WireFrame& f : bed.wire)
    {
        BOOST_CHECK(!(f.src == bed.MasterMac() && f.dst.IsBroadcast() && f.IsIpv4()));
    }
}

BOOST_AUTO_TEST_SUITE_END()
