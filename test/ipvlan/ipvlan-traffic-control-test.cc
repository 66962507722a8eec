/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Container traffic through the master's queue disc (doc: "Traffic control on the master"). In
// Linux every frame a slave sends leaves through the master's transmit path: l2 through
// ipvlan_xmit_mode_l2 -> dev_queue_xmit(master), l3/l3s through ipvlan_process_outbound ->
// ip_local_out in the master's namespace, the multicast worker (ipvlan_process_multicast)
// through dev_queue_xmit too; macvlan_queue_xmit likewise. So the master's qdisc shapes the
// host's own traffic and every container's together, and the slave itself is noqueue
// (IFF_NO_QUEUE). A qdisc enqueue drop returns NET_XMIT_DROP and ipvlan_start_xmit counts it in
// the slave's tx_drps.
#include "../ipvlan-test-utils.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/macvlan-helper.h"
#include "ns3/macvlan-net-device.h"
#include "ns3/macvlan-port.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/queue-disc.h"
#include "ns3/queue-size.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <memory>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{

constexpr uint32_t PAYLOAD = 1000;             ///< UDP payload of every flood datagram
constexpr uint32_t IP_SIZE = PAYLOAD + 8 + 20; ///< what an IPv4 queue disc item weighs

/// A UDP flow sent at an even pace, and what its receiver got
struct Flow
{
    Ptr<Socket> tx;         ///< the sending socket
    Ptr<Socket> rx;         ///< the receiving socket
    Time gap;               ///< between two datagrams
    Time stop;              ///< no datagram at or after this
    uint32_t sent{0};       ///< datagrams sent
    uint32_t received{0};   ///< datagrams received
    std::vector<Time> when; ///< arrival times
};

void
SendTick(Flow* f)
{
    if (Simulator::Now() >= f->stop)
    {
        return;
    }
    if (f->tx->Send(Create<Packet>(PAYLOAD)) >= 0)
    {
        f->sent++;
    }
    Simulator::Schedule(f->gap, &SendTick, f);
}

void
Receive(Flow* f, Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        f->received++;
        f->when.push_back(Simulator::Now());
    }
}

/**
 * A flow of `rate` (UDP payload bits) from `from` to `to`:`port`, sent in [start, stop).
 * @return the flow, owned by the caller
 */
std::unique_ptr<Flow>
StartFlow(Ptr<Node> from,
          Ptr<Node> toNode,
          const Address& to,
          bool v6,
          DataRate rate,
          Time start,
          Time stop)
{
    auto f = std::make_unique<Flow>();
    TypeId udp = UdpSocketFactory::GetTypeId();
    f->rx = Socket::CreateSocket(toNode, udp);
    if (v6)
    {
        f->rx->Bind(Inet6SocketAddress(Ipv6Address::GetAny(),
                                       Inet6SocketAddress::ConvertFrom(to).GetPort()));
    }
    else
    {
        f->rx->Bind(
            InetSocketAddress(Ipv4Address::GetAny(), InetSocketAddress::ConvertFrom(to).GetPort()));
    }
    f->rx->SetRecvCallback(MakeBoundCallback(&Receive, f.get()));
    f->tx = Socket::CreateSocket(from, udp);
    v6 ? f->tx->Bind6() : f->tx->Bind();
    f->tx->Connect(to);
    f->gap = rate.CalculateBytesTxTime(PAYLOAD);
    f->stop = stop;
    Simulator::Schedule(start, &SendTick, f.get());
    return f;
}

/// Datagrams of a flow received in [from, to)
uint32_t
ReceivedIn(const Flow& f, Time from, Time to)
{
    uint32_t n = 0;
    for (Time t : f.when)
    {
        n += (t >= from && t < to) ? 1 : 0;
    }
    return n;
}

/**
 * A UDP flow of `rate` from `from` to the bed's router, port `port`, sent in [start, stop).
 * @return the flow
 */
std::unique_ptr<Flow>
ToRouter(const L2TestBed& bed,
         Ptr<Node> from,
         uint16_t port,
         DataRate rate = DataRate("50Mbps"),
         Time start = Seconds(1),
         Time stop = Seconds(2))
{
    return StartFlow(from,
                     bed.router,
                     InetSocketAddress(L2TestBed::RouterAddress(), port),
                     false,
                     rate,
                     start,
                     stop);
}

/// TBF parameters of these tests: 10 Mb/s, a 3000-byte bucket
const DataRate TBF_RATE("10Mbps");
constexpr uint32_t TBF_BURST = 3000;

/**
 * Check the datagrams received in the steady state of a 1 s flood started at 1 s
 * ([1.2 s, 2 s): the bucket is empty, the rate is the TBF's) against TBF_RATE, within one
 * burst (and `slack` datagrams).
 * @param got datagrams received in that window
 * @param itemSize what one datagram weighs in the queue disc
 * @param slack datagrams of slack
 */
void
CheckTbfRate(uint32_t got, uint32_t itemSize, double slack = 1.0)
{
    double expected = TBF_RATE.GetBitRate() * 0.8 / 8 / itemSize;
    BOOST_CHECK_LE(std::abs(got - expected), slack + double(TBF_BURST) / itemSize);
}

/// One datagram from `from` to `to` at `at`, so that every neighbour is resolved before a flood
void
Warm(UdpEcho& echo, Ptr<Node> from, Ipv4Address to, Time at)
{
    echo.Send(from, to, at);
}

/// A TBF of `rate` with a one-packet-and-a-bit burst and `limit` packets behind it
QueueDiscContainer
InstallTbf(Ptr<NetDevice> master, DataRate rate, uint32_t burst, uint32_t limitPackets)
{
    TrafficControlHelper tch;
    tch.SetRootQueueDisc("ns3::TbfQueueDisc",
                         "Rate",
                         DataRateValue(rate),
                         "Burst",
                         UintegerValue(burst),
                         "MaxSize",
                         QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, limitPackets)));
    return tch.Install(master);
}

/**
 * Count a device's queue-disc drops of one size (a flood's datagrams, not the slave's
 * neighbour discovery, which may be dropped as well).
 */
struct QdiscDrops
{
    uint32_t size;     ///< the IP size of the counted packets
    uint32_t count{0}; ///< how many were dropped as queue-disc

    /// the Drop trace sink
    void Sink(Ptr<const Packet> p, IpvlanDropReason reason)
    {
        count += (reason == IPVLAN_DROP_QUEUE_DISC && p->GetSize() == size) ? 1 : 0;
    }
};

const char* const MODES[] = {"l2", "l3", "l3s"};

IpvlanMode
ModeOf(const std::string& m)
{
    return m == "l2" ? IPVLAN_MODE_L2 : m == "l3" ? IPVLAN_MODE_L3 : IPVLAN_MODE_L3S;
}

} // namespace

BOOST_AUTO_TEST_SUITE(traffic_control)

// The slave is noqueue (IFF_NO_QUEUE), and so is the host's interface (it stands for the
// master): ns-3's address helpers put pfifo_fast only on devices with a
// NetDeviceQueueInterface, and neither has one. The master's queue disc is the only one.
BOOST_AUTO_TEST_CASE(slaves_and_the_host_interface_are_noqueue)
{
    L2TestBed bed(2);
    QueueDiscContainer q = InstallTbf(bed.master, DataRate("10Mbps"), 3000, 50);
    Ptr<TrafficControlLayer> tc = bed.host->GetObject<TrafficControlLayer>();
    BOOST_CHECK(!tc->GetRootQueueDiscOnDevice(bed.hostIf));
    for (uint32_t i = 0; i < bed.slaves.size(); ++i)
    {
        Ptr<TrafficControlLayer> ctc = bed.containers.Get(i)->GetObject<TrafficControlLayer>();
        BOOST_CHECK(!ctc->GetRootQueueDiscOnDevice(bed.slaves[i]));
        BOOST_CHECK(!bed.slaves[i]->GetObject<NetDeviceQueueInterface>());
    }
    BOOST_CHECK(!bed.hostIf->GetObject<NetDeviceQueueInterface>());
    BOOST_CHECK_EQUAL(tc->GetRootQueueDiscOnDevice(bed.master), q.Get(0));
}

// A TBF on the master caps a container's 50 Mb/s UDP flood at the TBF's rate, in every
// mode (l2: dev_queue_xmit(master); l3/l3s: ip_local_out, then out of the master), within
// one burst; every datagram is accounted for: received, or dropped by the queue disc at
// enqueue and counted in the slave's tx_dropped (ipvlan_start_xmit: NET_XMIT_DROP ->
// tx_drps) and on the port's Drop trace as queue-disc.
BOOST_AUTO_TEST_CASE(tbf_caps_a_container_flood_in_every_mode)
{
    for (const char* mode : MODES)
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            L2TestBed bed(1, 0, true, ModeOf(mode));
            QueueDiscContainer q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20);
            UdpEcho echo;
            echo.Serve(bed.router);
            Warm(echo, bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(0.5));
            auto flow = ToRouter(bed, bed.containers.Get(0), 5000);
            RunFor(Seconds(3));
            CheckTbfRate(ReceivedIn(*flow, Seconds(1.2), Seconds(2.0)), IP_SIZE);
            // the offered load is five times that: most of it is dropped at enqueue
            uint32_t dropped = bed.slaves[0]->GetCounters().txDropped;
            BOOST_CHECK_GT(dropped, flow->sent / 2);
            BOOST_CHECK_EQUAL(flow->sent, flow->received + dropped);
            BOOST_CHECK_EQUAL(q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue, dropped);
            BOOST_CHECK_EQUAL(bed.CountDrops(IPVLAN_DROP_QUEUE_DISC), dropped);
            BOOST_CHECK_EQUAL(q.Get(0)->GetNPackets(), 0u);
        }
    }
}

// The same over IPv6, in l2 and l3 (ip6_local_out in the master's namespace).
BOOST_AUTO_TEST_CASE(tbf_caps_a_container_ipv6_flood)
{
    for (const char* mode : {"l2", "l3"})
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            L2TestBed bed(1, 0, true, ModeOf(mode));
            bed.AddIpv6();
            QueueDiscContainer q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20);
            UdpEcho echo;
            echo.Serve(bed.router);
            echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress6(), Seconds(0.5));
            QdiscDrops flowDrops{PAYLOAD + 8 + 40};
            bed.slaves[0]->TraceConnectWithoutContext("Drop",
                                                      MakeCallback(&QdiscDrops::Sink, &flowDrops));
            auto flow = StartFlow(bed.containers.Get(0),
                                  bed.router,
                                  Inet6SocketAddress(L2TestBed::RouterAddress6(), 5000),
                                  true,
                                  DataRate("50Mbps"),
                                  Seconds(1),
                                  Seconds(2));
            RunFor(Seconds(3));
            CheckTbfRate(ReceivedIn(*flow, Seconds(1.2), Seconds(2.0)), PAYLOAD + 8 + 40);
            // ND may be dropped too: the flow's own datagrams are counted by size
            BOOST_CHECK_GT(flowDrops.count, flow->sent / 2);
            BOOST_CHECK_EQUAL(flow->sent, flow->received + flowDrops.count);
            BOOST_CHECK_GE(q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue, flowDrops.count);
            // and every queue-disc drop is on the port's trace (multicast drain included)
            BOOST_CHECK_EQUAL(q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue,
                              bed.CountDrops(IPVLAN_DROP_QUEUE_DISC));
        }
    }
}

// The host's own flow and a container's share the one TBF: together they leave at its
// rate, and each gets a part of it (Linux: one qdisc on the master for both).
BOOST_AUTO_TEST_CASE(host_and_container_share_the_master_queue_disc)
{
    for (const char* mode : MODES)
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            L2TestBed bed(1, 0, true, ModeOf(mode));
            QueueDiscContainer q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20);
            UdpEcho echo;
            echo.Serve(bed.router);
            Warm(echo, bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(0.4));
            Warm(echo, bed.host, L2TestBed::RouterAddress(), Seconds(0.5));
            auto c = ToRouter(bed, bed.containers.Get(0), 5000);
            // half a gap later: two flows in lock step would always meet the TBF's free
            // slot in the same order
            Time half = DataRate("50Mbps").CalculateBytesTxTime(PAYLOAD) / 2;
            auto h = ToRouter(bed, bed.host, 5001, DataRate("50Mbps"), Seconds(1) + half);
            RunFor(Seconds(3));
            uint32_t gc = ReceivedIn(*c, Seconds(1.2), Seconds(2.0));
            uint32_t gh = ReceivedIn(*h, Seconds(1.2), Seconds(2.0));
            CheckTbfRate(gc + gh, IP_SIZE, 2.0);
            double expected = TBF_RATE.GetBitRate() * 0.8 / 8 / IP_SIZE;
            BOOST_CHECK_GT(gc, expected / 4);
            BOOST_CHECK_GT(gh, expected / 4);
            // the container's drops are its own tx drops; the host's are the qdisc's only
            uint32_t cDropped = bed.slaves[0]->GetCounters().txDropped;
            BOOST_CHECK_EQUAL(c->sent, c->received + cDropped);
            BOOST_CHECK_EQUAL(q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue,
                              (c->sent - c->received) + (h->sent - h->received));
            BOOST_CHECK_EQUAL(bed.hostIf->GetCounters().txDropped, 0u);
            BOOST_CHECK_EQUAL(bed.CountDrops(IPVLAN_DROP_QUEUE_DISC),
                              (c->sent - c->received) + (h->sent - h->received));
        }
    }
}

// fq_codel on a 10 Mb/s master: a container's 50 Mb/s flood does not starve the host's
// 1 Mb/s flow (its own flow queue), while with one FIFO the flood takes most of the
// queue and the host loses most of its datagrams. Every datagram is accounted for:
// received, or dropped by the queue disc (before or after enqueue).
BOOST_AUTO_TEST_CASE(fq_codel_keeps_the_host_flow_alive)
{
    auto run = [](const std::string& qdisc, uint32_t& hostSent, uint32_t& hostGot) {
        L2TestBed bed(1);
        bed.master->SetAttribute("DataRate", DataRateValue(DataRate("10Mbps")));
        bed.master->GetQueue()->SetMaxSize(QueueSize("5p"));
        TrafficControlHelper tch;
        if (qdisc == "fq_codel")
        {
            tch.SetRootQueueDisc("ns3::FqCoDelQueueDisc", "MaxSize", StringValue("1000p"));
        }
        else
        {
            tch.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", StringValue("100p"));
        }
        QueueDiscContainer q = tch.Install(bed.master);
        UdpEcho echo;
        echo.Serve(bed.router);
        Warm(echo, bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(0.4));
        Warm(echo, bed.host, L2TestBed::RouterAddress(), Seconds(0.5));
        auto c =
            ToRouter(bed, bed.containers.Get(0), 5000, DataRate("50Mbps"), Seconds(1), Seconds(3));
        auto h = ToRouter(bed, bed.host, 5001, DataRate("1Mbps"), Seconds(1), Seconds(3));
        RunFor(Seconds(5));
        const QueueDisc::Stats& st = q.Get(0)->GetStats();
        uint64_t qdiscDrops =
            st.nTotalDroppedPacketsBeforeEnqueue + st.nTotalDroppedPacketsAfterDequeue;
        BOOST_TEST_CONTEXT(qdisc)
        {
            BOOST_CHECK_EQUAL(c->sent + h->sent, c->received + h->received + qdiscDrops);
            BOOST_CHECK_EQUAL(q.Get(0)->GetNPackets(), 0u);
        }
        hostSent = h->sent;
        hostGot = h->received;
    };
    uint32_t sent = 0;
    uint32_t got = 0;
    run("fq_codel", sent, got);
    BOOST_CHECK_GT(sent, 200u);
    BOOST_CHECK_GE(got, sent * 95 / 100);
    run("pfifo", sent, got);
    BOOST_CHECK_LE(got, sent / 2);
}

// No queue disc on the master is today's path (noqueue): a 50 Mb/s flood on an
// infinitely fast master is delivered whole. A TBF installed while the simulation runs
// (tc qdisc add) takes effect at once; deleting it again (tc qdisc del), once it is empty,
// restores the uncapped path.
BOOST_AUTO_TEST_CASE(queue_disc_added_and_deleted_at_run_time)
{
    for (const char* mode : MODES)
    {
        BOOST_TEST_CONTEXT("mode " << mode)
        {
            L2TestBed bed(1, 0, true, ModeOf(mode));
            UdpEcho echo;
            echo.Serve(bed.router);
            Warm(echo, bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(0.5));
            Ptr<Node> c = bed.containers.Get(0);
            auto before = ToRouter(bed, c, 5000);
            QueueDiscContainer q;
            Simulator::Schedule(Seconds(2.5),
                                [&]() { q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20); });
            auto capped = ToRouter(bed, c, 5001, DataRate("50Mbps"), Seconds(3), Seconds(4));
            Simulator::Schedule(Seconds(4.5), [&]() {
                bed.host->GetObject<TrafficControlLayer>()->DeleteRootQueueDiscOnDevice(bed.master);
            });
            auto after = ToRouter(bed, c, 5002, DataRate("50Mbps"), Seconds(5), Seconds(6));
            RunFor(Seconds(7));
            BOOST_CHECK_GT(before->sent, 6000u);
            BOOST_CHECK_EQUAL(before->received, before->sent);
            BOOST_CHECK_EQUAL(after->received, after->sent);
            uint32_t dropped = bed.slaves[0]->GetCounters().txDropped;
            BOOST_CHECK_EQUAL(capped->sent, capped->received + dropped);
            // one second at the TBF's rate, plus what the queue held when it stopped
            double expected = TBF_RATE.GetBitRate() / 8.0 / IP_SIZE;
            BOOST_CHECK_LE(std::abs(capped->received - expected),
                           2.0 + double(TBF_BURST) / IP_SIZE + 20);
        }
    }
}

// The multicast worker transmits with dev_queue_xmit too: a container's broadcast flood
// leaves at the TBF's rate. Its qdisc drops are not the sender's tx drops (the slave was
// counted when ipvlan_multicast_enqueue took the frame: NET_XMIT_SUCCESS), they are on the
// port's Drop trace as queue-disc.
BOOST_AUTO_TEST_CASE(multicast_drain_goes_through_the_queue_disc)
{
    L2TestBed bed(1);
    QueueDiscContainer q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20);
    auto flow = StartFlow(bed.containers.Get(0),
                          bed.router,
                          InetSocketAddress(Ipv4Address("10.0.0.255"), 5000),
                          false,
                          DataRate("50Mbps"),
                          Seconds(1),
                          Seconds(2));
    flow->tx->SetAllowBroadcast(true);
    RunFor(Seconds(3));
    CheckTbfRate(ReceivedIn(*flow, Seconds(1.2), Seconds(2.0)), IP_SIZE);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetCounters().txDropped, 0u);
    uint32_t qdropped = q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue;
    BOOST_CHECK_GT(qdropped, 0u);
    BOOST_CHECK_EQUAL(bed.CountDrops(IPVLAN_DROP_QUEUE_DISC), qdropped);
    BOOST_CHECK_EQUAL(flow->sent, flow->received + qdropped);
}

// The ARP a slave's own stack sends in l2 leaves through the master's queue disc too.
BOOST_AUTO_TEST_CASE(l2_arp_goes_through_the_queue_disc)
{
    L2TestBed bed(1);
    QueueDiscContainer q = InstallTbf(bed.master, TBF_RATE, TBF_BURST, 20);
    std::map<uint16_t, uint32_t> byProtocol;
    q.Get(0)->TraceConnectWithoutContext(
        "Enqueue",
        MakeBoundCallback(
            +[](std::map<uint16_t, uint32_t>* m, Ptr<const QueueDiscItem> item) {
                (*m)[item->GetProtocol()]++;
            },
            &byProtocol));
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
    RunFor(Seconds(3));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1u);
    uint32_t arpOnWire = 0;
    for (const WireFrame& f : bed.wire)
    {
        arpOnWire += (f.protocol == ArpL3Protocol::PROT_NUMBER && f.src == bed.MasterMac()) ? 1 : 0;
    }
    BOOST_CHECK_GE(arpOnWire, 1u); // at least the slave's request
    BOOST_CHECK_EQUAL(byProtocol[ArpL3Protocol::PROT_NUMBER], arpOnWire); // every one queued first
    BOOST_CHECK_EQUAL(byProtocol[Ipv4L3Protocol::PROT_NUMBER], 1u);       // and its datagram
}

// macvlan_queue_xmit ends in dev_queue_xmit(lowerdev) as well: the TBF caps a macvlan
// slave's flood, the enqueue drops are the slave's tx drops, and the frames keep the
// slave's own source MAC through the queue disc.
BOOST_AUTO_TEST_CASE(macvlan_slaves_go_through_the_master_queue_disc)
{
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> container = CreateObject<Node>();
    SimpleNetDeviceHelper wire;
    NetDeviceContainer d = wire.Install(NodeContainer(host, router));
    InternetStackHelper stack;
    stack.Install(NodeContainer(host, router, container));
    MacvlanHelper macvlan;
    macvlan.SetMode("bridge");
    Ptr<MacvlanNetDevice> slave =
        DynamicCast<MacvlanNetDevice>(macvlan.Install(d.Get(0), container).Get(0));
    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    addr.Assign(NetDeviceContainer(d.Get(1)));
    addr.Assign(NetDeviceContainer(slave));
    std::map<Mac48Address, uint32_t> sources;
    d.Get(1)->SetPromiscReceiveCallback(MakeBoundCallback(
        +[](std::map<Mac48Address, uint32_t>* m,
            Ptr<NetDevice>,
            Ptr<const Packet>,
            uint16_t,
            const Address& from,
            const Address&,
            NetDevice::PacketType) {
            (*m)[Mac48Address::ConvertFrom(from)]++;
            return true;
        },
        &sources));
    QueueDiscContainer q = InstallTbf(d.Get(0), TBF_RATE, TBF_BURST, 20);
    UdpEcho echo;
    echo.Serve(router);
    echo.Send(container, Ipv4Address("10.0.0.1"), Seconds(0.5));
    auto flow = StartFlow(container,
                          router,
                          InetSocketAddress(Ipv4Address("10.0.0.1"), 5000),
                          false,
                          DataRate("50Mbps"),
                          Seconds(1),
                          Seconds(2));
    RunFor(Seconds(3));
    CheckTbfRate(ReceivedIn(*flow, Seconds(1.2), Seconds(2.0)), IP_SIZE);
    uint32_t dropped = slave->GetCounters().txDropped;
    BOOST_CHECK_GT(dropped, 0u);
    BOOST_CHECK_EQUAL(flow->sent, flow->received + dropped);
    BOOST_CHECK_EQUAL(q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue, dropped);
    Mac48Address slaveMac = Mac48Address::ConvertFrom(slave->GetAddress());
    BOOST_CHECK_GE(sources[slaveMac], flow->received);
    BOOST_CHECK_EQUAL(sources[Mac48Address::ConvertFrom(d.Get(0)->GetAddress())], 0u);
    Simulator::Destroy();
}

// A queue disc on the host's interface would be a second qdisc on the master (Linux has
// only the master): refused with a message that names the way.
BOOST_AUTO_TEST_CASE(a_queue_disc_on_the_host_interface_is_refused)
{
    CheckFatalOutput(
        []() {
            L2TestBed bed(1);
            TrafficControlHelper tch;
            tch.SetRootQueueDisc("ns3::FifoQueueDisc");
            tch.Install(bed.hostIf);
            UdpEcho echo;
            echo.Serve(bed.router);
            echo.Send(bed.host, L2TestBed::RouterAddress(), Seconds(1));
            RunFor(Seconds(2));
        },
        {"has a queue disc of its own", "TrafficControlHelper::Install(master)"});
}

BOOST_AUTO_TEST_SUITE_END()
