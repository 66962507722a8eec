/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The NIC's unicast MAC filter and its fall-back to promiscuous mode. Each case names the kernel
// behaviour it checks: __dev_set_rx_mode (net/core/dev.c) and the drivers' receive address tables
// (doc/field-reports.rst §3c), dev_uc_add in macvlan_open (drivers/net/macvlan.c), and ipvlan's
// shared MAC (no secondary address at all).
#include "../ipvlan-test-utils.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/macvlan-helper.h"
#include "ns3/macvlan-port.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// A locally administered MAC that no allocated device has (02:00:00:00:bb:n)
Mac48Address
Local(uint8_t n)
{
    return LocalMac(0xbb, n);
}

/// Record the PromiscuousChange trace
void
RecordPromisc(std::vector<bool>* changes, bool promiscuous)
{
    changes->push_back(promiscuous);
}

/// Stand-in for a port: the promiscuous handler every frame passes, as a port's rx_handler
void
AccountOnly(Ptr<NetDevice> device,
            Ptr<const Packet>,
            uint16_t,
            const Address&,
            const Address& to,
            NetDevice::PacketType)
{
    NicUnicastFilter::AccountFrame(device, Mac48Address::ConvertFrom(to));
}

/// Send a frame from a device (scheduled through a function pointer for ns-3.35)
void
SendFrame(Ptr<NetDevice> dev, Mac48Address dst)
{
    SendNewPacket(dev, 100, dst, ETH_P_EXPERIMENTAL);
}

/// A sender and a host NIC on one wire; the NIC has a filter and a port stand-in
struct NicBed
{
    NicBed()
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer d = SimpleNetDeviceHelper().Install(nodes);
        sender = d.Get(0);
        nic = d.Get(1);
        filter = NicUnicastFilter::GetOrCreate(nic);
        nodes.Get(1)->RegisterProtocolHandler(MakeCallback(&AccountOnly), 0, nic, true);
    }

    ~NicBed()
    {
        Simulator::Destroy();
    }

    /**
     * Send one frame of each kind at a time: to the NIC's own MAC, to a secondary
     * address, to a MAC nobody asked for, and broadcast.
     * @param at when
     * @param secondary the secondary address
     */
    void SendFour(Time at, Mac48Address secondary)
    {
        Simulator::Schedule(at, &SendFrame, sender, Mac48Address::ConvertFrom(nic->GetAddress()));
        Simulator::Schedule(at, &SendFrame, sender, secondary);
        Simulator::Schedule(at, &SendFrame, sender, Local(200));
        Simulator::Schedule(at, &SendFrame, sender, Mac48Address::GetBroadcast());
    }

    Ptr<NetDevice> sender;        ///< puts frames on the wire
    Ptr<NetDevice> nic;           ///< the host's NIC
    Ptr<NicUnicastFilter> filter; ///< its filter
};
} // namespace

BOOST_AUTO_TEST_SUITE(nic_unicast_filter)

// __dev_set_rx_mode and the drivers' RAR tables (doc/field-reports.rst §3c): a NIC with N exact
// filter entries filters up to N secondary unicast addresses; the (N+1)-th makes it fall back to
// unicast promiscuous mode; giving one back (dev_uc_del) leaves promiscuous mode again. dev_uc_add
// is reference counted: the same address twice takes one entry.
BOOST_AUTO_TEST_CASE(promiscuous_exactly_when_addresses_exceed_the_slots)
{
    NicBed bed;
    std::vector<bool> changes;
    bed.filter->TraceConnectWithoutContext("PromiscuousChange",
                                           MakeBoundCallback(&RecordPromisc, &changes));
    bed.filter->SetAttribute("UnicastFilterSlots", UintegerValue(4));
    for (uint8_t i = 1; i <= 4; ++i)
    {
        bed.filter->AddUnicast(Local(i));
        BOOST_CHECK(!bed.filter->IsPromiscuous());
    }
    BOOST_CHECK_EQUAL(bed.filter->GetUnicastCount(), 4U);
    bed.filter->AddUnicast(Local(1)); // again: reference counted, no new slot
    BOOST_CHECK_EQUAL(bed.filter->GetUnicastCount(), 4U);
    BOOST_CHECK(!bed.filter->IsPromiscuous());
    bed.filter->AddUnicast(Local(5)); // N + 1
    BOOST_CHECK(bed.filter->IsPromiscuous());
    BOOST_CHECK(bed.filter->IsOverflowed());
    bed.filter->RemoveUnicast(Local(5)); // back to N
    BOOST_CHECK(!bed.filter->IsPromiscuous());
    bed.filter->RemoveUnicast(Local(1)); // one of two references to Local(1)
    BOOST_CHECK(bed.filter->HasUnicast(Local(1)));
    BOOST_CHECK_EQUAL(bed.filter->GetUnicastCount(), 4U);
    // Lowering the slots below the addresses held overflows too
    bed.filter->SetUnicastFilterSlots(3);
    BOOST_CHECK(bed.filter->IsPromiscuous());
    bed.filter->SetUnicastFilterSlots(4);
    BOOST_REQUIRE_EQUAL(changes.size(), 4U);
    BOOST_CHECK(changes[0] && !changes[1] && changes[2] && !changes[3]);
    // The own MAC is always filtered and never takes a slot
    bed.filter->AddUnicast(Mac48Address::ConvertFrom(bed.nic->GetAddress()));
    BOOST_CHECK_EQUAL(bed.filter->GetUnicastCount(), 4U);
}

// A driver without IFF_UNICAST_FLT (0 slots): __dev_set_rx_mode sets promiscuity as soon
// as dev->uc holds one address; the device's own address alone does not. Explicit
// promiscuity (dev_set_promiscuity, as tcpdump or a passthru macvlan takes) is counted.
BOOST_AUTO_TEST_CASE(zero_slots_go_promiscuous_with_one_extra_mac)
{
    NicBed bed;
    bed.filter->SetUnicastFilterSlots(0);
    BOOST_CHECK(!bed.filter->IsPromiscuous());
    BOOST_CHECK(bed.filter->Accepts(Mac48Address::ConvertFrom(bed.nic->GetAddress())));
    BOOST_CHECK(!bed.filter->Accepts(Local(9)));
    bed.filter->AddUnicast(Local(1));
    BOOST_CHECK(bed.filter->IsPromiscuous());
    BOOST_CHECK(bed.filter->Accepts(Local(9)));
    bed.filter->RemoveUnicast(Local(1));
    BOOST_CHECK(!bed.filter->IsPromiscuous());
    bed.filter->SetPromiscuity(1);
    bed.filter->SetPromiscuity(1);
    bed.filter->SetPromiscuity(-1);
    BOOST_CHECK(bed.filter->IsPromiscuous());
    bed.filter->SetPromiscuity(-1);
    BOOST_CHECK(!bed.filter->IsPromiscuous());
}

// What the host must look at (the CPU cost of promiscuous mode, cni#779: doc/field-reports.rst
// #23): with the filter in use, the host inspects frames for its own MAC, its secondary addresses
// and group frames, and the hardware drops the rest; promiscuous, it inspects every frame on the
// segment, and frames for MACs it never asked for are extra work. PerFrameCost accounts the host's
// time per inspected frame.
BOOST_AUTO_TEST_CASE(inspected_frames_with_and_without_promiscuous_mode)
{
    NicBed bed;
    bed.filter->SetUnicastFilterSlots(1);
    bed.filter->SetAttribute("PerFrameCost", TimeValue(MicroSeconds(10)));
    bed.filter->AddUnicast(Local(1));
    bed.SendFour(Seconds(1), Local(1)); // filtered: 3 inspected, 1 dropped by the NIC
    RunFor(Seconds(2));
    NicUnicastFilterCounters c = bed.filter->GetCounters();
    BOOST_CHECK_EQUAL(c.framesSeen, 4U);
    BOOST_CHECK_EQUAL(c.framesInspected, 3U);
    BOOST_CHECK_EQUAL(c.framesFiltered, 1U);
    BOOST_CHECK_EQUAL(c.framesPromiscOnly, 0U);
    BOOST_CHECK_EQUAL(bed.filter->GetBusyTime(), MicroSeconds(30));
    // the four frames arrive together: the third waits for the first two
    BOOST_CHECK_EQUAL(bed.filter->GetMaxQueueDelay(), MicroSeconds(20));

    bed.filter->AddUnicast(Local(2)); // 2 > 1 slot: promiscuous
    BOOST_REQUIRE(bed.filter->IsPromiscuous());
    bed.filter->ResetCounters();
    bed.SendFour(Seconds(3), Local(1)); // every frame reaches the host
    RunFor(Seconds(4));
    c = bed.filter->GetCounters();
    BOOST_CHECK_EQUAL(c.framesSeen, 4U);
    BOOST_CHECK_EQUAL(c.framesInspected, 4U);
    BOOST_CHECK_EQUAL(c.framesFiltered, 0U);
    BOOST_CHECK_EQUAL(c.framesPromiscOnly, 1U); // the frame for Local(200)
    BOOST_CHECK_EQUAL(bed.filter->GetBusyTime(), MicroSeconds(40));
}

// With PerFrameCost the host serves one frame at a time and at most MaxBacklog frames
// wait (net.core.netdev_max_backlog; enqueue_to_backlog drops past it): a burst larger
// than the backlog loses frames, which is how a busy (promiscuous) host loses throughput.
BOOST_AUTO_TEST_CASE(backlog_full_drops_frames)
{
    NicBed bed;
    bed.filter->SetUnicastFilterSlots(1);
    bed.filter->SetAttribute("PerFrameCost", TimeValue(MicroSeconds(10)));
    bed.filter->SetAttribute("MaxBacklog", UintegerValue(1));
    bed.filter->AddUnicast(Local(1));
    bed.SendFour(Seconds(1), Local(1)); // 3 pass the filter together: 1 served, 1 waits
    RunFor(Seconds(2));
    NicUnicastFilterCounters c = bed.filter->GetCounters();
    BOOST_CHECK_EQUAL(c.framesSeen, 4U);
    BOOST_CHECK_EQUAL(c.framesFiltered, 1U);
    BOOST_CHECK_EQUAL(c.framesInspected, 2U);
    BOOST_CHECK_EQUAL(c.framesBacklogDropped, 1U);
    BOOST_CHECK_EQUAL(bed.filter->GetBusyTime(), MicroSeconds(20));

    // Bursts 1 ms apart: the host is idle again before each, so each loses one frame only.
    bed.filter->ResetCounters();
    for (uint32_t i = 0; i < 3; ++i)
    {
        bed.SendFour(Seconds(3) + MilliSeconds(i), Local(1));
    }
    RunFor(Seconds(4));
    c = bed.filter->GetCounters();
    BOOST_CHECK_EQUAL(c.framesInspected, 6U);
    BOOST_CHECK_EQUAL(c.framesBacklogDropped, 3U);
}

// A device without a filter: the hook lets everything through and counts nothing.
BOOST_AUTO_TEST_CASE(device_without_filter_accepts_everything)
{
    Ptr<Node> n = CreateObject<Node>();
    Ptr<NetDevice> d = SimpleNetDeviceHelper().Install(n).Get(0);
    BOOST_CHECK(!NicUnicastFilter::Find(d));
    BOOST_CHECK_EQUAL(NicUnicastFilter::AccountFrame(d, Local(7)), NIC_FRAME_ACCEPTED);
    BOOST_CHECK(NicUnicastFilter::GetOrCreate(d) == NicUnicastFilter::GetOrCreate(d));
    CheckFatalOutput(
        []() {
            Ptr<Node> n2 = CreateObject<Node>();
            Ptr<NetDevice> d2 = SimpleNetDeviceHelper().Install(n2).Get(0);
            NicUnicastFilter::GetOrCreate(d2)->RemoveUnicast(Local(3));
        },
        {"unicast address 02:00:00:00:bb:03 was never added"});
    CheckFatalOutput(
        []() {
            Ptr<Node> n2 = CreateObject<Node>();
            Ptr<NetDevice> d2 = SimpleNetDeviceHelper().Install(n2).Get(0);
            NicUnicastFilter::GetOrCreate(d2)->SetPromiscuity(-1);
        },
        {"promiscuity 0 cannot be changed by -1"});
    Simulator::Destroy();
}

// ipvlan slaves share the master's MAC (ipvlan_link_new; no dev_uc_add): however many
// slaves, the NIC's filter holds no secondary address and never goes promiscuous.
BOOST_AUTO_TEST_CASE(ipvlan_slaves_add_no_unicast_address)
{
    L2TestBed bed(8);
    Ptr<NicUnicastFilter> filter = NicUnicastFilter::GetOrCreate(bed.master);
    filter->SetUnicastFilterSlots(4);
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(7), L2TestBed::RouterAddress(), Seconds(1));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(filter->GetUnicastCount(), 0U);
    BOOST_CHECK(!filter->IsPromiscuous());
    for (const auto& slave : bed.slaves)
    {
        BOOST_CHECK(filter->Accepts(Mac48Address::ConvertFrom(slave->GetAddress())));
    }
}

// The NIC-capacity reason for ipvlan (the kernel's Documentation/networking/ipvlan.rst: "virtual
// devices exceed the mac capacity and put the NIC in promiscuous mode"; doc/field-reports.rst #23
// and §3c): two hosts on one segment, each NIC with 4 filter slots and 6 containers. The ipvlan
// host's NIC holds no secondary address and stays out of promiscuous mode; the macvlan host's holds
// 6 (dev_uc_add per slave in macvlan_open), goes promiscuous, and must inspect unicast traffic
// between two other hosts it never asked for. Stopping two slaves (macvlan_stop: dev_uc_del) brings
// it back to 4 addresses and the filter spares the host that traffic again.
BOOST_AUTO_TEST_CASE(ipvlan_never_promiscuous_macvlan_with_more_slaves_than_slots_is)
{
    Ptr<Node> macvlanHost = CreateObject<Node>();
    Ptr<Node> ipvlanHost = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    NodeContainer chatty; // two hosts talking to each other, no IP
    chatty.Create(2);
    NodeContainer mc;
    mc.Create(6);
    NodeContainer ic;
    ic.Create(6);
    NodeContainer wired(macvlanHost, ipvlanHost, router);
    wired.Add(chatty);
    NetDeviceContainer d = SimpleNetDeviceHelper().Install(wired);
    Ptr<NicUnicastFilter> mf = NicUnicastFilter::GetOrCreate(d.Get(0));
    Ptr<NicUnicastFilter> ipf = NicUnicastFilter::GetOrCreate(d.Get(1));
    mf->SetUnicastFilterSlots(4);
    ipf->SetUnicastFilterSlots(4);
    std::vector<bool> mChanges;
    std::vector<bool> iChanges;
    mf->TraceConnectWithoutContext("PromiscuousChange",
                                   MakeBoundCallback(&RecordPromisc, &mChanges));
    ipf->TraceConnectWithoutContext("PromiscuousChange",
                                    MakeBoundCallback(&RecordPromisc, &iChanges));

    MacvlanAndIpvlanSlaves slaves =
        InstallMacvlanAndIpvlanHosts(router, d.Get(0), mc, d.Get(1), ic);
    const NetDeviceContainer& mslaves = slaves.macvlan;
    const NetDeviceContainer& islaves = slaves.ipvlan;
    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    addr.Assign(NetDeviceContainer(d.Get(2)));
    addr.Assign(mslaves);
    addr.Assign(islaves);

    BOOST_CHECK_EQUAL(ipf->GetUnicastCount(), 0U);
    BOOST_CHECK(!ipf->IsPromiscuous());
    BOOST_CHECK(iChanges.empty());
    BOOST_CHECK_EQUAL(mf->GetUnicastCount(), 6U);
    BOOST_CHECK(mf->IsPromiscuous());
    BOOST_REQUIRE_EQUAL(mChanges.size(), 1U); // with the fifth slave
    BOOST_CHECK(mChanges[0]);
    BOOST_CHECK(!ipf->Accepts(Mac48Address::ConvertFrom(d.Get(4)->GetAddress())));
    BOOST_CHECK(mf->Accepts(Mac48Address::ConvertFrom(d.Get(4)->GetAddress())));

    // both hosts' containers work
    UdpEcho echo;
    echo.Serve(router);
    uint32_t mid = echo.Send(mc.Get(5), Ipv4Address("10.0.0.1"), Seconds(1));
    uint32_t iid = echo.Send(ic.Get(5), Ipv4Address("10.0.0.1"), Seconds(1));
    // 10 frames between the two other hosts while promiscuous, 10 after two slaves stop
    Mac48Address peer = Mac48Address::ConvertFrom(d.Get(4)->GetAddress());
    for (uint32_t i = 0; i < 10; ++i)
    {
        Simulator::Schedule(Seconds(3) + MilliSeconds(i), &SendFrame, d.Get(3), peer);
        Simulator::Schedule(Seconds(6) + MilliSeconds(i), &SendFrame, d.Get(3), peer);
    }
    RunFor(Seconds(2.5));
    BOOST_CHECK_EQUAL(echo.Replies(mid), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(iid), 1U);
    // the ipvlan host's exchange with the router was extra work for the macvlan host too
    NicUnicastFilterCounters start = mf->GetCounters();
    BOOST_CHECK_GT(start.framesPromiscOnly, 0U);
    Ptr<MacvlanPort> mport = MacvlanPort::Find(d.Get(0));
    uint64_t dropsAtStart = mport->GetCounters().drops;

    Simulator::Stop(Seconds(1.5)); // to 4 s
    Simulator::Run();
    NicUnicastFilterCounters before = mf->GetCounters();
    BOOST_CHECK_EQUAL(before.framesPromiscOnly - start.framesPromiscOnly, 10U);
    BOOST_CHECK_EQUAL(before.framesInspected - start.framesInspected, 10U);
    BOOST_CHECK_EQUAL(before.framesFiltered, start.framesFiltered);
    // the host looked at them, then its port dropped them (otherhost)
    BOOST_CHECK_EQUAL(mport->GetCounters().drops - dropsAtStart, 10U);

    DynamicCast<MacvlanNetDevice>(mslaves.Get(0))->SetAdminUp(false);
    DynamicCast<MacvlanNetDevice>(mslaves.Get(1))->SetAdminUp(false);
    BOOST_CHECK_EQUAL(mf->GetUnicastCount(), 4U);
    BOOST_CHECK(!mf->IsPromiscuous());
    Simulator::Stop(Seconds(3)); // to 7 s
    Simulator::Run();
    NicUnicastFilterCounters after = mf->GetCounters();
    BOOST_CHECK_EQUAL(after.framesPromiscOnly, before.framesPromiscOnly); // spared now
    BOOST_CHECK_EQUAL(after.framesFiltered - before.framesFiltered, 10U);
    BOOST_CHECK_EQUAL(after.framesInspected, before.framesInspected);
    // the ipvlan host's NIC was never promiscuous: the 20 frames between the two other
    // hosts were filtered in hardware there, and it inspected none of them
    BOOST_CHECK_EQUAL(ipf->GetCounters().framesPromiscOnly, 0U);
    BOOST_CHECK_GE(ipf->GetCounters().framesFiltered, 20U);
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()
