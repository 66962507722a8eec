/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ns-3's standard device traces beside the typed Drop trace, and where a frame the master
// refuses is counted (ipvlan_start_xmit: NET_XMIT_DROP from dev_queue_xmit or from
// ipvlan_process_outbound's ip_local_out is the slave's tx_drps).
#include "../ipvlan-test-utils.h"

#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/queue-size.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

#include <boost/test/unit_test.hpp>
#include <map>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// Count a Packet::TracedCallback
void
CountPacket(uint32_t* n, Ptr<const Packet>)
{
    ++*n;
}

/// Send `count` datagrams of `size` bytes from `socket`, one every `gap`
void
SendEvery(Ptr<Socket> socket, uint32_t size, Time gap, uint32_t count)
{
    if (count == 0)
    {
        return;
    }
    socket->Send(Create<Packet>(size));
    Simulator::Schedule(gap, &SendEvery, socket, size, gap, count - 1);
}
} // namespace

BOOST_AUTO_TEST_SUITE(device_properties)

// MacTxDrop and MacRxDrop, through the usual Config paths, fire for every drop on the
// transmit and the receive side, beside the typed Drop trace.
BOOST_AUTO_TEST_CASE(standard_mac_drop_traces_fire_through_config_paths)
{
    L2TestBed bed(1);
    uint32_t txDrops = 0;
    uint32_t rxDrops = 0;
    DropCounter typed;
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::IpvlanNetDevice/MacTxDrop",
                                  MakeBoundCallback(&CountPacket, &txDrops));
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::IpvlanNetDevice/MacRxDrop",
                                  MakeBoundCallback(&CountPacket, &rxDrops));
    typed.CountDevice(bed.slaves[0]);
    Ptr<IpvlanNetDevice> slave = bed.slaves[0];
    Simulator::Schedule(Seconds(1), [slave]() {
        // not an Ethernet destination: refused by the send checks (transmit side)
        slave->Send(Create<Packet>(100), Ipv4Address("10.0.0.1"), Ipv4L3Protocol::PROT_NUMBER);
    });
    Simulator::ScheduleWithContext(bed.containers.Get(0)->GetId(), Seconds(2), [slave]() {
        // a frame still in flight to a slave deleted meanwhile (receive side)
        slave->Delete();
        slave->DeliverUp(Create<Packet>(100),
                         Ipv4L3Protocol::PROT_NUMBER,
                         Mac48Address("02:00:00:00:00:99"),
                         Mac48Address::ConvertFrom(slave->GetAddress()),
                         NetDevice::PACKET_HOST,
                         DELIVERY_WIRE);
    });
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(typed[IPVLAN_DROP_NOT_ETHERNET], 1u);
    BOOST_CHECK_EQUAL(typed[IPVLAN_DROP_SLAVE_DELETED], 1u);
    BOOST_CHECK_EQUAL(txDrops, 1u);
    BOOST_CHECK_EQUAL(rxDrops, 1u);
    BOOST_CHECK_EQUAL(slave->GetCounters().txDropped, 1u);
    BOOST_CHECK_EQUAL(slave->GetCounters().rxErrors, 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(traffic_control)

// No queue disc on the master, its driver queue full: the master refuses frames. In l2 the
// refusal comes back through dev_queue_xmit, in l3/l3s through the master namespace's
// ip_local_out (ipvlan_process_outbound returns NET_XMIT_DROP): either way it is the
// sending slave's tx_dropped (master-refused), never the host interface's, and the slave
// counts as transmitted only what the master took.
BOOST_AUTO_TEST_CASE(a_master_refusal_is_the_sending_slaves_drop_in_every_mode)
{
    for (IpvlanMode mode : {IPVLAN_MODE_L2, IPVLAN_MODE_L3, IPVLAN_MODE_L3S})
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            L2TestBed bed(1, 0, true, mode);
            bed.master->SetAttribute("DataRate", DataRateValue(DataRate("10Mbps")));
            bed.master->GetQueue()->SetMaxSize(QueueSize("5p"));
            DropCounter typed;
            typed.CountDevice(bed.slaves[0]);
            UdpEcho echo;
            echo.Serve(bed.router);
            echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(0.5));
            Ptr<Socket> tx =
                Socket::CreateSocket(bed.containers.Get(0), UdpSocketFactory::GetTypeId());
            tx->Bind();
            tx->Connect(InetSocketAddress(L2TestBed::RouterAddress(), 9));
            const uint32_t count = 2000;
            // 1000-byte datagrams at 50 Mb/s into a 10 Mb/s master
            Simulator::Schedule(Seconds(1),
                                &SendEvery,
                                tx,
                                1000,
                                DataRate("50Mbps").CalculateBytesTxTime(1000),
                                count);
            // the counters just before the flood (the echo exchange, ARP/ND, IPv6's own)
            StackedDeviceCounters before;
            Ptr<IpvlanNetDevice> slave = bed.slaves[0];
            Simulator::Schedule(Seconds(0.99),
                                [&before, slave]() { before = slave->GetCounters(); });
            uint32_t refusedBefore = 0;
            Simulator::Schedule(Seconds(0.99), [&refusedBefore, &typed]() {
                refusedBefore = typed[IPVLAN_DROP_MASTER_REFUSED];
            });
            RunFor(Seconds(4));
            const StackedDeviceCounters& c = slave->GetCounters();
            uint32_t refused = typed[IPVLAN_DROP_MASTER_REFUSED] - refusedBefore;
            BOOST_CHECK_GT(refused, count / 2);
            BOOST_CHECK_EQUAL(c.txDropped - before.txDropped, refused);
            BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().txDropped, 0u);
            // every datagram is either transmitted (the master took it) or a tx drop
            BOOST_CHECK_EQUAL((c.txPackets - before.txPackets) + refused, count);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
