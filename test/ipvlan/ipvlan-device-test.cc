/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Device properties (doc/kernel-behaviour.rst §5) and the multicast backlog limit (§1.6).
// Sections (§) are those of doc/kernel-behaviour.rst.
#include "../ipvlan-test-utils.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
void
CountCall(uint32_t* n)
{
    (*n)++;
}

/// A master whose carrier can be switched off and on
class CarrierTestDevice : public SimpleNetDevice
{
  public:
    bool IsLinkUp() const override
    {
        return m_carrier;
    }

    void AddLinkChangeCallback(Callback<void> cb) override
    {
        m_callbacks.push_back(cb);
    }

    void SetCarrier(bool on)
    {
        m_carrier = on;
        for (auto& cb : m_callbacks)
        {
            cb();
        }
    }

  private:
    bool m_carrier{true};
    std::vector<Callback<void>> m_callbacks;
};

/// A broadcast IPv4/UDP frame from the router, handed to the master as the wire would
void
ReceiveBroadcasts(Ptr<SimpleNetDevice> master, Mac48Address from, uint32_t n)
{
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Packet> p =
            MakeIpv4Packet(L2TestBed::RouterAddress(), Ipv4Address("255.255.255.255"), 8);
        master->Receive(p, Ipv4L3Protocol::PROT_NUMBER, Mac48Address::GetBroadcast(), from);
    }
}
} // namespace

BOOST_AUTO_TEST_SUITE(device_properties)

// §5.2 MTU: a slave takes the master's MTU at newlink (ipvlan_adjust_mtu); NETDEV_CHANGEMTU
// on the master overwrites every slave's MTU. Acceptance case §7(i), MTU part.
BOOST_AUTO_TEST_CASE(mtu_follows_the_master)
{
    L2TestBed bed(2);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetMtu(), bed.master->GetMtu());
    bed.slaves[1]->SetMtu(1400); // a slave may set its own
    BOOST_CHECK(bed.port->SetMasterMtu(9000));
    BOOST_CHECK_EQUAL(bed.master->GetMtu(), 9000);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetMtu(), 9000);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetMtu(), 9000); // overwritten
    BOOST_CHECK_EQUAL(bed.hostIf->GetMtu(), 9000);
}

// §5.2 MTU and doc/field-reports.rst #19/#20: the device accepts a slave MTU above the master's (no
// ndo_change_mtu, max_mtu 65535) but the CNI plugin refuses it; the helper validates as the plugin
// does unless told otherwise; what the master cannot carry is dropped.
BOOST_AUTO_TEST_CASE(mtu_above_the_master_is_refused_by_the_helper_and_dropped_on_the_wire)
{
    CheckFatalOutput(
        []() {
            L2TestBed bed(1);
            IpvlanHelper helper;
            helper.SetMode("l2");
            helper.SetMtu(9000);
            helper.Install(bed.master, CreateObject<Node>());
        },
        {"MTU 9000 is larger than the master's MTU 1500", "SetMtu(mtu, true)"});

    L2TestBed bed(1);
    IpvlanHelper helper;
    helper.SetMode("l2");
    helper.SetMtu(9000, true);
    Ptr<Node> extra = CreateObject<Node>();
    Ptr<IpvlanNetDevice> big =
        DynamicCast<IpvlanNetDevice>(helper.Install(bed.master, extra).Get(0));
    BOOST_CHECK_EQUAL(big->GetMtu(), 9000);
    BOOST_CHECK(bed.slaves[0]->SetMtu(9000)); // the device itself accepts it
    DropCounter drops;
    drops.CountPort(bed.port);
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t small = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1), 100);
    uint32_t large = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(2), 3000);
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Replies(small), 1U);
    BOOST_CHECK_EQUAL(echo.Replies(large), 0U);
    BOOST_CHECK_EQUAL(drops[IPVLAN_DROP_MTU_EXCEEDED], 1U);
    BOOST_CHECK_EQUAL(echo.Served(bed.router), 1U);
}

// §5.1 MAC: a slave's MAC is its master's and follows changes (NETDEV_CHANGEADDR); frames
// then leave with the new MAC. Acceptance case §7(i), MAC part. A slave's own MAC cannot be
// set (no ndo_set_mac_address: EOPNOTSUPP).
BOOST_AUTO_TEST_CASE(mac_follows_the_master)
{
    L2TestBed bed(1);
    Mac48Address fresh("02:00:00:00:aa:01");
    bed.master->SetAddress(fresh);
    BOOST_CHECK_EQUAL(Mac48Address::ConvertFrom(bed.slaves[0]->GetAddress()), fresh);
    BOOST_CHECK_EQUAL(Mac48Address::ConvertFrom(bed.hostIf->GetAddress()), fresh);
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    for (const auto& f : bed.FramesWith(L2TestBed::ContainerAddress(0)))
    {
        if (f.ipSrc == L2TestBed::ContainerAddress(0))
        {
            BOOST_CHECK_EQUAL(f.src, fresh);
        }
    }
    CheckFatalOutput([&]() { bed.slaves[0]->SetAddress(Mac48Address("02:00:00:00:bb:01")); },
                     {"cannot set address", "EOPNOTSUPP"});
}

// §5.3 link state: netif_stacked_transfer_operstate copies the master's carrier to every
// slave and raises their link-change notifications. Acceptance case §7(k).
BOOST_AUTO_TEST_CASE(master_carrier_loss_is_slave_carrier_loss)
{
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> c = CreateObject<Node>();
    Ptr<CarrierTestDevice> master = CreateObject<CarrierTestDevice>();
    master->SetAddress(Mac48Address::Allocate());
    host->AddDevice(master);
    IpvlanHelper helper;
    helper.SetMode("l2");
    Ptr<NetDevice> slave = helper.Install(master, c).Get(0);
    uint32_t changes = 0;
    slave->AddLinkChangeCallback(MakeBoundCallback(&CountCall, &changes));
    BOOST_CHECK(slave->IsLinkUp());
    master->SetCarrier(false);
    BOOST_CHECK(!slave->IsLinkUp());
    BOOST_CHECK_EQUAL(changes, 1U);
    master->SetCarrier(true);
    BOOST_CHECK(slave->IsLinkUp());
    BOOST_CHECK_EQUAL(changes, 2U);
    Simulator::Destroy();
}

// §1.6 and acceptance case §7(l): at most IPVLAN_QBACKLOG_LIMIT (1000) frames wait on the
// multicast backlog; the 1001st is dropped and counted; the master still gets every one
// (its copy is passed, not queued).
BOOST_AUTO_TEST_CASE(the_1001st_queued_multicast_frame_is_dropped)
{
    L2TestBed bed(2);
    DropCounter drops;
    drops.CountPort(bed.port);
    // 1001 broadcasts reach the master within one instant, before the drain runs
    Simulator::ScheduleWithContext(bed.host->GetId(),
                                   Seconds(1),
                                   &ReceiveBroadcasts,
                                   bed.master,
                                   bed.RouterMac(),
                                   1001U);
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(drops[IPVLAN_DROP_BACKLOG_FULL], 1U);
    BOOST_CHECK_EQUAL(bed.port->GetCounters().multicastQueued, 1000U);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().rxMulticast, 1000U);
    BOOST_CHECK_EQUAL(bed.slaves[1]->GetCounters().rxMulticast, 1000U);
    BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().rxPackets, 1001U);
    BOOST_CHECK_EQUAL(bed.port->GetBacklogLength(), 0U);
}

BOOST_AUTO_TEST_SUITE_END()
