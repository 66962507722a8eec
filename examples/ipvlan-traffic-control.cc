/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// One queue disc for a host and all its containers. In Linux every frame an ipvlan slave
// sends leaves through its master's transmit path: in l2, ipvlan_xmit_mode_l2 ends in
// dev_queue_xmit(master); in l3 and l3s, ipvlan_process_outbound routes the packet in the
// master's namespace and ip_local_out sends it out of the master; the multicast worker
// (ipvlan_process_multicast) uses dev_queue_xmit(master) as well. The slave itself is
// `noqueue` (IFF_NO_QUEUE): the only qdisc on the way is the master's root qdisc, shared
// with the host's own traffic. So
//
//   tc qdisc add dev eth0 root fq_codel
//
// on the host NIC shapes the host and every container together; a qdisc drop at enqueue
// makes dev_queue_xmit return NET_XMIT_DROP, which ipvlan_start_xmit counts in the slave's
// tx_drps. In this module the line above is
//
//   TrafficControlHelper tch;  tch.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
//   tch.Install(eth0);         // the master, not the host's interface nor a slave
//
//   +=================================================================+
//   |  host1                                                          |
//   |   ns0 (ipvl0) ... nsN-1 (ipvlN-1)      host's own TCP bulk flow |
//   |   UDP flood       UDP flood            (host interface on eth0) |
//   |        \             |                        /                 |
//   |         +--- eth0: root queue disc (--qdisc) -+                 |
//   |                      | device queue (--device-queue packets)    |
//   +======================|==========================================+
//                          |  100 Mb/s Ethernet (CSMA)
//                        sink 10.0.0.1 (PacketSinks)
//
// Each of N containers (--containers, ipvlan --mode l2|l3|l3s) sends a UDP flood to the
// sink: 1472-byte datagrams (1500-byte IP packets) with Poisson arrivals at a mean payload
// rate of --offered (floods of constant rate would reach a full FIFO in lock step, always
// in the same order, and one of them would take a double share). With --container-tcp they
// run TCP bulk flows instead. The host runs a TCP bulk flow (BulkSendApplication, CUBIC,
// 1448-byte segments) to the sink through its host interface. All start at 1 s and run for
// --duration seconds; the measurements cover that window and the run ends with it.
// eth0's root queue disc is --qdisc:
//
//   pfifo_fast  Linux's classic default: three FIFO bands by TOS, 1000 packets (txqueuelen)
//   fq_codel    per-flow queues served by deficit round robin, CoDel in each (5 ms target,
//               100 ms interval, 10240 packets): the default of most distributions today
//   tbf         a token bucket of --rate with a --burst bytes bucket and a limit set as tc's
//               `latency 50ms` does (rate x 50 ms + burst): `tc qdisc add dev eth0 root tbf
//               rate 50mbit burst 30000 latency 50ms`
//   none        noqueue: straight to the driver's queue; when it is full the frame is
//               dropped (Linux: "Virtual device eth0 asks to queue packet!")
//
// The device queue: Linux keeps the driver's queue short with byte queue limits (BQL), so
// that packets wait in the qdisc, which can schedule them, and not in the NIC's FIFO, which
// cannot. The CSMA device's queue is --device-queue packets: 3 by default, 0.36 ms at
// 100 Mb/s, a few full-size frames as BQL allows at this rate. CsmaHelper aggregates a
// NetDeviceQueueInterface, so the queue disc stops when that queue is full and is woken when
// it drains (what BQL's queue stop and wake do in Linux).
//
// The wire: a CSMA channel is a half-duplex bus, where a real NIC on a switch port is full
// duplex. With eth0 always busy, the sink's TCP acknowledgements find the wire idle only in
// the 0.96 us interframe gap, and with CSMA's default backoff (1 us slots, growing
// exponentially) they waited 66 ms on average here, which throttles the host's TCP flow for
// no reason Linux has. The sink therefore retries every 200 ns and takes the next gap: its
// acknowledgements wait at most one frame; they still take their airtime from the wire (a
// few percent with five TCP flows).
//
// Output: per flow (each container, the host) its goodput (the payload the sink's
// application received in the window, Mb/s) and share of the total; the mean one-way delay
// of its packets received (FlowMonitor: from the sender's IP layer to the sink's, so it
// includes the time in the master's queue disc and device queue); the IP packets it sent,
// those dropped (and where: queue disc or device queue) and those still queued at the end;
// and Jain's fairness index over the flows' goodputs. Then the master's queue-disc
// statistics (drops before enqueue and after dequeue, by reason) and the accounting: the
// containers' tx_dropped (StackedNetDevice counters, `ip -s link`'s tx_drps) equal the
// container frames the queue disc dropped at enqueue plus, with no queue disc, those the
// full device queue refused. Drops after enqueue (fq_codel's CoDel and overlimit drops) are
// the queue disc's own: dev_queue_xmit returned success for those frames. Writes
// OUTDIR/ipvlan-traffic-control.dat and .plt (gnuplot draws
// OUTDIR/ipvlan-traffic-control.png: goodput and delay per flow).
//
// --sweep runs pfifo_fast, fq_codel, tbf and none and writes
// OUTDIR/ipvlan-traffic-control-sweep.dat and .plt (the host's goodput against the
// containers', Jain's index and delays per queue disc). What it shows: with one FIFO
// (pfifo_fast, tbf's, or the driver's own with noqueue) the floods fill the queue and the
// host's TCP flow is all but starved; fq_codel gives the host its fair share, at the CoDel
// target's delay, while the floods queue in their own flows; tbf caps the total at its rate.
//
// Not modelled: Linux's TCP sees a local qdisc drop (tcp_transmit_skb gets NET_XMIT_DROP and
// reduces its window, tcp_enter_cwr) and limits its own bytes in the qdisc (TCP small
// queues); ns-3's TCP sees such a drop only as a loss.
//
// Usage: ipvlan-traffic-control [--containers=4] [--mode=l2|l3|l3s]
//                               [--qdisc=pfifo_fast|fq_codel|tbf|none] [--rate=50Mbps]
//                               [--burst=30000] [--offered=50Mbps] [--container-tcp]
//                               [--duration=5] [--device-queue=3] [--sweep] [--outdir=.]

#include "ipvlan-example-check.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanTrafficControl");

namespace
{

/// The --qdisc words, in the order --sweep runs them
const char* const QDISCS[] = {"pfifo_fast", "fq_codel", "tbf", "none"};

constexpr uint32_t UDP_PAYLOAD = 1472;  ///< a UDP datagram in a 1500-byte IP packet
constexpr uint32_t TCP_SEGMENT = 1448;  ///< TCP MSS: 1500 - 20 (IP) - 32 (TCP + timestamps)
constexpr uint16_t TCP_PORT = 5000;     ///< the sink's TCP port (host, --container-tcp)
constexpr uint16_t UDP_PORT = 6000;     ///< the sink's UDP port (container floods)
constexpr uint16_t WARM_PORT = 9;       ///< warm-up datagrams (resolve every neighbour)
constexpr double START = 1.0;           ///< the flows start (s)
const DataRate LINK_RATE("100Mbps");    ///< the master's link
constexpr double TBF_LATENCY_S = 0.050; ///< tbf's `latency 50ms`

/// What one run is
struct RunConfig
{
    uint32_t containers{4};        ///< N
    std::string mode{"l2"};        ///< ipvlan mode word
    std::string qdisc{"fq_codel"}; ///< the master's root queue disc
    DataRate rate{"50Mbps"};       ///< tbf rate
    uint32_t burst{30000};         ///< tbf burst (bytes)
    DataRate offered{"50Mbps"};    ///< each container's UDP payload rate
    bool containerTcp{false};      ///< containers run TCP bulk flows instead
    double duration{5.0};          ///< seconds of traffic
    uint32_t deviceQueue{3};       ///< the CSMA device's queue (packets)
};

/// One flow's outcome
struct FlowResult
{
    std::string name;          ///< "ns0".. or "host1"
    std::string proto;         ///< "udp" or "tcp"
    Ipv4Address source;        ///< its sender's address
    uint64_t appBytes{0};      ///< payload received by the sink within the sending window
    double goodputMbps{0};     ///< appBytes over the window
    uint32_t txPackets{0};     ///< IP packets sent in the window (FlowMonitor)
    uint32_t rxPackets{0};     ///< IP packets received in the window (FlowMonitor)
    uint32_t dropped{0};       ///< IP packets dropped in the window, any reason (FlowMonitor)
    double delayMs{0};         ///< mean one-way delay of those received (FlowMonitor)
    uint32_t qdiscDropped{0};  ///< of the drops, those in a queue disc
    uint32_t deviceDropped{0}; ///< of the drops, those in a device queue
};

/// Frames counted by whose they are
struct FrameCount
{
    uint64_t containers{0}; ///< the containers' (IPv4 source or ARP sender)
    uint64_t host{0};       ///< the host's
    uint64_t other{0};      ///< anything else
};

/// One run's outcome
struct RunResult
{
    RunConfig cfg;                              ///< what ran
    std::vector<FlowResult> flows;              ///< containers, then the host
    double jain{0};                             ///< Jain's index over the goodputs
    bool hasQdisc{false};                       ///< a root queue disc was installed
    QueueDisc::Stats qdisc;                     ///< its statistics at the end
    double sojournMs{0};                        ///< mean time in it of the dequeued packets
    FrameCount enqDrops;                        ///< the queue disc's enqueue drops
    FrameCount refused;                         ///< frames eth0's full device queue refused
    uint64_t slaveTxDropped{0};                 ///< sum of the slaves' tx_dropped
    uint64_t hostIfTxDropped{0};                ///< the host interface's tx_dropped
    std::map<IpvlanDropReason, uint64_t> slave; ///< port Drop trace, slaves, by reason
    std::map<IpvlanDropReason, uint64_t> host;  ///< port Drop trace, host, by reason
};

/// The state the trace sinks of one run write into
struct RunState
{
    std::map<Ipv4Address, size_t> flowOf;    ///< sender address -> flow index
    std::vector<FlowResult>* flows{nullptr}; ///< the run's flows
    Time windowEnd;                          ///< goodput counts up to here
    Ptr<NetDevice> hostIf;                   ///< the host's interface
    double sojournSumS{0};                   ///< sum of the queue disc's sojourn times
    uint64_t sojournCount{0};                ///< and their number
    RunResult* result{nullptr};              ///< where the drop counts go
    uint32_t containers{0};                  ///< N (flows[0..N-1] are containers)
};

/**
 * The sinks' Rx trace: payload received from a flow's sender within the window.
 * @param st the run
 * @param packet the payload
 * @param from the sender
 */
void
SinkRx(RunState* st, Ptr<const Packet> packet, const Address& from)
{
    if (Simulator::Now() > st->windowEnd || !InetSocketAddress::IsMatchingType(from))
    {
        return;
    }
    auto it = st->flowOf.find(InetSocketAddress::ConvertFrom(from).GetIpv4());
    if (it != st->flowOf.end())
    {
        (*st->flows)[it->second].appBytes += packet->GetSize();
    }
}

/**
 * Count a frame by whose it is: the container or host that sent the IPv4 packet or the ARP
 * message.
 * @param st the run
 * @param l3 the packet, from its IPv4 or ARP header on
 * @param protocol its EtherType
 * @param count where to count it
 */
void
CountFrame(const RunState* st, Ptr<const Packet> l3, uint16_t protocol, FrameCount& count)
{
    Ipv4Address source;
    if (protocol == Ipv4L3Protocol::PROT_NUMBER)
    {
        Ipv4Header h;
        l3->PeekHeader(h);
        source = h.GetSource();
    }
    else if (protocol == ArpL3Protocol::PROT_NUMBER)
    {
        ArpHeader a;
        l3->PeekHeader(a);
        source = a.GetSourceIpv4Address();
    }
    auto it = st->flowOf.find(source);
    if (it == st->flowOf.end())
    {
        count.other++;
    }
    else if (it->second < st->containers)
    {
        count.containers++;
    }
    else
    {
        count.host++;
    }
}

/**
 * The root queue disc's DropBeforeEnqueue trace: whose frame it refused.
 * @param st the run
 * @param item the dropped item (the model's items carry the IP header on the packet)
 * @param reason the queue disc's reason
 */
void
EnqueueDrop(RunState* st, Ptr<const QueueDiscItem> item, const char* reason)
{
    CountFrame(st, item->GetPacket(), item->GetProtocol(), st->result->enqDrops);
}

/**
 * eth0's MacTxDrop trace: its device queue was full and it refused a frame.
 * @param st the run
 * @param frame the Ethernet frame
 */
void
DeviceRefused(RunState* st, Ptr<const Packet> frame)
{
    Ptr<Packet> p = frame->Copy();
    EthernetHeader eth;
    p->RemoveHeader(eth);
    CountFrame(st, p, eth.GetLengthType(), st->result->refused);
}

/**
 * The root queue disc's SojournTime trace.
 * @param st the run
 * @param sojourn the time the dequeued packet spent in the queue disc
 */
void
Sojourn(RunState* st, Time sojourn)
{
    st->sojournSumS += sojourn.GetSeconds();
    st->sojournCount++;
}

/**
 * The port's Drop trace: drops of slaves and of the host interface, by reason.
 * @param st the run
 * @param packet the dropped packet
 * @param reason why
 * @param device the slave, the host interface or the master
 */
void
PortDrop(RunState* st,
         Ptr<const Packet> packet,
         IpvlanDropReason reason,
         Ptr<const NetDevice> device)
{
    if (device == st->hostIf)
    {
        st->result->host[reason]++;
    }
    else if (DynamicCast<const IpvlanNetDevice>(device))
    {
        st->result->slave[reason]++;
    }
}

/**
 * A UDP flood: datagrams of UDP_PAYLOAD bytes with exponentially distributed gaps (Poisson
 * arrivals, as from many independent senders) at a mean payload rate. Floods of constant
 * rate meet a full FIFO in lock step, always in the same order, and one of them takes a
 * double share (seen here with OnOffApplication: 38 against 19 Mb/s).
 */
class Flood
{
  public:
    /**
     * Start a flood.
     * @param node the sender
     * @param to the receiver
     * @param rate the mean payload rate
     * @param start when to start
     * @param stop when to stop
     * @param stream the random stream of its gaps (the same in every run of a sweep)
     */
    Flood(Ptr<Node> node, const Address& to, DataRate rate, Time start, Time stop, int64_t stream)
        : m_stop(stop)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->Connect(to);
        m_gap = CreateObject<ExponentialRandomVariable>();
        m_gap->SetStream(stream);
        m_gap->SetAttribute("Mean",
                            DoubleValue(rate.CalculateBytesTxTime(UDP_PAYLOAD).GetSeconds()));
        Simulator::Schedule(start, &Flood::Tick, this);
    }

    ~Flood()
    {
        m_socket->Close();
    }

    Flood(const Flood&) = delete;
    Flood& operator=(const Flood&) = delete;

  private:
    /// Send one datagram and schedule the next
    void Tick()
    {
        if (Simulator::Now() >= m_stop)
        {
            return;
        }
        m_socket->Send(Create<Packet>(UDP_PAYLOAD));
        Simulator::Schedule(Seconds(m_gap->GetValue()), &Flood::Tick, this);
    }

    Ptr<Socket> m_socket;                 ///< the sending socket
    Ptr<ExponentialRandomVariable> m_gap; ///< the gap between datagrams (s)
    Time m_stop;                          ///< no datagram at or after this
};

/**
 * A socket on `node` that accepts (and forgets) the warm-up datagrams.
 * @param node the node
 * @return the socket
 */
Ptr<Socket>
WarmReceiver(Ptr<Node> node)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), WARM_PORT));
    s->SetRecvCallback(MakeCallback(+[](Ptr<Socket> r) {
        while (r->Recv())
        {
        }
    }));
    return s;
}

/**
 * One datagram from `from` to `to` at `at`, so that ARP has resolved every neighbour before
 * the flows start (a flood would otherwise lose its first datagrams in ns-3's ARP queue).
 * @param from the sender
 * @param to the receiver's address
 * @param at when
 */
void
WarmUp(Ptr<Node> from, Ipv4Address to, Time at)
{
    Ptr<Socket> s = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    s->Bind();
    s->Connect(InetSocketAddress(to, WARM_PORT));
    Simulator::Schedule(at, [s]() {
        s->Send(Create<Packet>(64));
        s->Close();
    });
}

/**
 * Install the master's root queue disc for a --qdisc word (nothing for "none").
 * @param cfg the run
 * @param master the master
 * @return the queue disc, or nullptr
 */
Ptr<QueueDisc>
InstallQdisc(const RunConfig& cfg, Ptr<NetDevice> master)
{
    TrafficControlHelper tch;
    if (cfg.qdisc == "none")
    {
        return nullptr; // noqueue
    }
    if (cfg.qdisc == "pfifo_fast")
    {
        // tc qdisc add dev eth0 root pfifo_fast (txqueuelen 1000)
        tch.SetRootQueueDisc("ns3::PfifoFastQueueDisc", "MaxSize", StringValue("1000p"));
    }
    else if (cfg.qdisc == "fq_codel")
    {
        // tc qdisc add dev eth0 root fq_codel (limit 10240p, target 5ms, interval 100ms)
        tch.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
    }
    else
    {
        // tc qdisc add dev eth0 root tbf rate R burst B latency 50ms: limit = R x 50 ms + B
        uint32_t limit =
            static_cast<uint32_t>(cfg.rate.GetBitRate() * TBF_LATENCY_S / 8) + cfg.burst;
        tch.SetRootQueueDisc("ns3::TbfQueueDisc",
                             "Rate",
                             DataRateValue(cfg.rate),
                             "Burst",
                             UintegerValue(cfg.burst),
                             "MaxSize",
                             QueueSizeValue(QueueSize(QueueSizeUnit::BYTES, limit)));
    }
    return tch.Install(master).Get(0);
}

/**
 * One simulation: build the host, its containers and the sink, run, collect.
 * Each call is a fresh simulation (Simulator::Destroy at its end).
 * @param cfg the run
 * @return what happened
 */
RunResult
Run(const RunConfig& cfg)
{
    RunResult r;
    r.cfg = cfg;
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> sink = CreateObject<Node>();
    NodeContainer containers;
    containers.Create(cfg.containers);

    // eth0: a 100 Mb/s NIC with a short driver queue (see the header comment: BQL)
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(LINK_RATE));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
    csma.SetQueue("ns3::DropTailQueue",
                  "MaxSize",
                  QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, cfg.deviceQueue)));
    NetDeviceContainer wire = csma.Install(NodeContainer(host, sink));
    Ptr<NetDevice> eth0 = wire.Get(0);
    // the half-duplex bus (see the header comment): the sink retries every 200 ns (one
    // slot, no exponential growth, no give-up), so its TCP acknowledgements take the next
    // interframe gap instead of waiting tens of milliseconds
    DynamicCast<CsmaNetDevice>(wire.Get(1))->SetBackoffParams(NanoSeconds(200), 1, 1, 1000000, 1);

    InternetStackHelper stack;
    stack.Install(host);
    stack.Install(sink);
    stack.Install(containers);

    // ip link add link eth0 ipvlN type ipvlan mode MODE ; ip link set ipvlN netns nsN
    IpvlanHelper ipvlan;
    ipvlan.SetMode(cfg.mode);
    NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
    NetDeviceContainer hostIf = ipvlan.InstallHost(eth0);

    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    Ipv4Address sinkAddr = addr.Assign(NetDeviceContainer(wire.Get(1))).GetAddress(0);
    Ipv4Address hostAddr = addr.Assign(hostIf).GetAddress(0);
    addr.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.10");
    Ipv4InterfaceContainer slaveIfs = addr.Assign(slaves);
    if (cfg.mode != "l2")
    {
        // l3/l3s slaves do not answer ARP: the sink reaches them via the host
        Ipv4StaticRoutingHelper routing;
        Ptr<Ipv4StaticRouting> rt = routing.GetStaticRouting(sink->GetObject<Ipv4>());
        for (uint32_t i = 0; i < cfg.containers; ++i)
        {
            rt->AddHostRouteTo(slaveIfs.GetAddress(i), hostAddr, 1);
        }
    }

    // tc qdisc add dev eth0 root ...: before FlowMonitor, whose probes watch its drops
    Ptr<QueueDisc> root = InstallQdisc(cfg, eth0);
    r.hasQdisc = root != nullptr;

    RunState st;
    st.flows = &r.flows;
    st.result = &r;
    st.hostIf = hostIf.Get(0);
    st.containers = cfg.containers;
    st.windowEnd = Seconds(START + cfg.duration);
    for (uint32_t i = 0; i < cfg.containers; ++i)
    {
        FlowResult f;
        f.name = "ns" + std::to_string(i);
        f.proto = cfg.containerTcp ? "tcp" : "udp";
        f.source = slaveIfs.GetAddress(i);
        st.flowOf[f.source] = r.flows.size();
        r.flows.push_back(f);
    }
    {
        FlowResult f;
        f.name = "host1";
        f.proto = "tcp";
        f.source = hostAddr;
        st.flowOf[f.source] = r.flows.size();
        r.flows.push_back(f);
    }
    if (root)
    {
        root->TraceConnectWithoutContext("DropBeforeEnqueue", MakeBoundCallback(&EnqueueDrop, &st));
        root->TraceConnectWithoutContext("SojournTime", MakeBoundCallback(&Sojourn, &st));
    }
    eth0->TraceConnectWithoutContext("MacTxDrop", MakeBoundCallback(&DeviceRefused, &st));
    IpvlanPort::Find(eth0)->TraceConnectWithoutContext("Drop", MakeBoundCallback(&PortDrop, &st));

    // Warm-up: every neighbour resolved in both directions before the flows start
    std::vector<Ptr<Socket>> warm = {WarmReceiver(sink), WarmReceiver(host)};
    WarmUp(host, sinkAddr, Seconds(0.3));
    WarmUp(sink, hostAddr, Seconds(0.35));
    for (uint32_t i = 0; i < cfg.containers; ++i)
    {
        warm.push_back(WarmReceiver(containers.Get(i)));
        WarmUp(containers.Get(i), sinkAddr, Seconds(0.4 + 0.01 * i));
        WarmUp(sink, slaveIfs.GetAddress(i), Seconds(0.6 + 0.01 * i));
    }

    // The sinks
    ApplicationContainer sinks;
    PacketSinkHelper tcpSink("ns3::TcpSocketFactory",
                             InetSocketAddress(Ipv4Address::GetAny(), TCP_PORT));
    PacketSinkHelper udpSink("ns3::UdpSocketFactory",
                             InetSocketAddress(Ipv4Address::GetAny(), UDP_PORT));
    sinks.Add(tcpSink.Install(sink));
    sinks.Add(udpSink.Install(sink));
    for (uint32_t k = 0; k < sinks.GetN(); ++k)
    {
        sinks.Get(k)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&SinkRx, &st));
    }
    sinks.Start(Seconds(0));

    // The flows: the containers' floods (or bulk flows), the host's bulk flow
    Time start = Seconds(START);
    Time stop = Seconds(START + cfg.duration);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(sinkAddr, TCP_PORT));
    bulk.SetAttribute("SendSize", UintegerValue(TCP_SEGMENT));
    std::vector<std::unique_ptr<Flood>> floods;
    ApplicationContainer senders;
    for (uint32_t i = 0; i < cfg.containers; ++i)
    {
        if (cfg.containerTcp)
        {
            senders.Add(bulk.Install(containers.Get(i)));
        }
        else
        {
            floods.push_back(std::make_unique<Flood>(containers.Get(i),
                                                     InetSocketAddress(sinkAddr, UDP_PORT),
                                                     cfg.offered,
                                                     start,
                                                     stop,
                                                     i));
        }
    }
    senders.Add(bulk.Install(host));
    senders.Start(start);
    senders.Stop(stop);

    // FlowMonitor on every node, from the start of the flows (not the warm-up)
    FlowMonitorHelper fmh;
    fmh.SetMonitorAttribute("StartTime", TimeValue(start));
    NodeContainer all(host, sink);
    all.Add(containers);
    Ptr<FlowMonitor> monitor = fmh.Install(all);

    // Everything is measured over the window [start, stop]: the run ends with it. Packets
    // still queued then are neither received nor dropped (and a TCP sender's Close would
    // go on sending its buffer to an idle link afterwards).
    Simulator::Stop(stop);
    Simulator::Run();

    // Per flow: goodput from the sinks, packets, drops and delay from FlowMonitor
    Ptr<Ipv4FlowClassifier> classifier = DynamicCast<Ipv4FlowClassifier>(fmh.GetClassifier());
    for (const auto& [id, s] : monitor->GetFlowStats())
    {
        Ipv4FlowClassifier::FiveTuple t = classifier->FindFlow(id);
        auto it = st.flowOf.find(t.sourceAddress);
        if (it == st.flowOf.end() ||
            (t.destinationPort != TCP_PORT && t.destinationPort != UDP_PORT))
        {
            continue; // the TCP acknowledgements
        }
        FlowResult& f = r.flows[it->second];
        f.txPackets += s.txPackets;
        f.rxPackets += s.rxPackets;
        f.delayMs = s.rxPackets ? s.delaySum.GetSeconds() * 1e3 / s.rxPackets : 0;
        for (uint32_t n : s.packetsDropped)
        {
            f.dropped += n;
        }
        if (s.packetsDropped.size() > Ipv4FlowProbe::DROP_QUEUE_DISC)
        {
            f.qdiscDropped += s.packetsDropped[Ipv4FlowProbe::DROP_QUEUE_DISC];
        }
        if (s.packetsDropped.size() > Ipv4FlowProbe::DROP_QUEUE)
        {
            f.deviceDropped += s.packetsDropped[Ipv4FlowProbe::DROP_QUEUE];
        }
    }
    // Jain's fairness index over the flows' goodputs x_1..x_n:
    //   J = (sum x_i)^2 / (n * sum x_i^2),
    // 1 when all are equal, 1/n when one flow takes everything, (n-1)/n when one flow
    // starves and the others share equally (0.8 for the host and four containers).
    double sum = 0;
    double sumSq = 0;
    for (FlowResult& f : r.flows)
    {
        f.goodputMbps = f.appBytes * 8.0 / cfg.duration / 1e6;
        sum += f.goodputMbps;
        sumSq += f.goodputMbps * f.goodputMbps;
    }
    r.jain = sumSq > 0 ? sum * sum / (r.flows.size() * sumSq) : 0;

    if (root)
    {
        r.qdisc = root->GetStats();
        r.sojournMs = st.sojournCount ? st.sojournSumS * 1e3 / st.sojournCount : 0;
    }
    for (uint32_t i = 0; i < slaves.GetN(); ++i)
    {
        r.slaveTxDropped += DynamicCast<StackedNetDevice>(slaves.Get(i))->GetCounters().txDropped;
    }
    r.hostIfTxDropped = DynamicCast<StackedNetDevice>(hostIf.Get(0))->GetCounters().txDropped;

    for (auto& s : warm)
    {
        s->Close();
    }
    floods.clear();
    Simulator::Destroy();
    return r;
}

/**
 * The reasons of a queue disc's drops, "reason: n, ..." (or "-").
 * @param m the per-reason counts
 * @return the text
 */
std::string
Reasons(const std::map<std::string, uint32_t, std::less<>>& m)
{
    std::ostringstream os;
    for (const auto& [reason, n] : m)
    {
        os << (os.tellp() > 0 ? ", " : "") << reason << " " << n;
    }
    return os.tellp() > 0 ? os.str() : "-";
}

/**
 * The host's goodput, the containers' mean and total, and the all-flow total.
 * @param r the run
 * @param[out] host the host's
 * @param[out] containerMean the containers' mean
 * @param[out] containerTotal the containers' total
 */
void
Totals(const RunResult& r, double& host, double& containerMean, double& containerTotal)
{
    host = r.flows.back().goodputMbps;
    containerTotal = 0;
    for (size_t i = 0; i + 1 < r.flows.size(); ++i)
    {
        containerTotal += r.flows[i].goodputMbps;
    }
    containerMean = r.flows.size() > 1 ? containerTotal / (r.flows.size() - 1) : 0;
}

/**
 * The mean delay over a set of flows, weighted by their packets received.
 * @param r the run
 * @param containers the containers' flows (else the host's)
 * @return milliseconds
 */
double
MeanDelay(const RunResult& r, bool containers)
{
    double sum = 0;
    double n = 0;
    for (size_t i = 0; i < r.flows.size(); ++i)
    {
        if ((i + 1 < r.flows.size()) == containers)
        {
            sum += r.flows[i].delayMs * r.flows[i].rxPackets;
            n += r.flows[i].rxPackets;
        }
    }
    return n > 0 ? sum / n : 0;
}

/**
 * A short description of the queue disc of a run, as tc would name it.
 * @param cfg the run
 * @return the text
 */
std::string
QdiscText(const RunConfig& cfg)
{
    std::ostringstream os;
    os << cfg.qdisc;
    if (cfg.qdisc == "tbf")
    {
        os << " rate " << cfg.rate.GetBitRate() / 1e6 << "Mbit burst " << cfg.burst
           << " latency 50ms";
    }
    else if (cfg.qdisc == "none")
    {
        os << " (noqueue)";
    }
    return os.str();
}

/**
 * Print a run's table, its queue-disc statistics and the drop accounting.
 * @param r the run
 */
void
PrintRun(const RunResult& r)
{
    const RunConfig& c = r.cfg;
    std::cout << std::defaultfloat << std::setprecision(6);
    std::cout << "\nipvlan-traffic-control: host1 and " << c.containers
              << (c.containers == 1 ? " container" : " containers") << " (ipvlan " << c.mode
              << ") on a " << LINK_RATE.GetBitRate() / 1e6 << " Mb/s eth0, root qdisc "
              << QdiscText(c) << ", device queue " << c.deviceQueue << " packets, " << c.duration
              << " s; containers send "
              << (c.containerTcp
                      ? std::string("TCP bulk")
                      : "UDP floods of " +
                            std::to_string(static_cast<int>(c.offered.GetBitRate() / 1e6)) +
                            " Mb/s")
              << ", the host TCP bulk\n\n";
    double total = 0;
    for (const FlowResult& f : r.flows)
    {
        total += f.goodputMbps;
    }
    std::cout << std::left << std::setw(7) << "flow" << std::setw(6) << "proto" << std::right
              << std::setw(9) << "Mb/s" << std::setw(8) << "share" << std::setw(11) << "delay_ms"
              << std::setw(9) << "sent" << std::setw(9) << "dropped" << std::setw(8) << "loss%"
              << std::setw(8) << "qdisc" << std::setw(8) << "device" << std::setw(10) << "queued"
              << "\n";
    for (const FlowResult& f : r.flows)
    {
        // sent = received + dropped + still queued or on the wire when the window closed
        uint32_t queued = f.txPackets - std::min(f.txPackets, f.rxPackets + f.dropped);
        std::cout << std::left << std::setw(7) << f.name << std::setw(6) << f.proto << std::right
                  << std::fixed << std::setprecision(2) << std::setw(9) << f.goodputMbps
                  << std::setprecision(1) << std::setw(7)
                  << (total > 0 ? 100 * f.goodputMbps / total : 0) << "%" << std::setprecision(2)
                  << std::setw(11) << f.delayMs << std::setw(9) << f.txPackets << std::setw(9)
                  << f.dropped << std::setprecision(1) << std::setw(8)
                  << (f.txPackets ? 100.0 * f.dropped / f.txPackets : 0) << std::setw(8)
                  << f.qdiscDropped << std::setw(8) << f.deviceDropped << std::setw(10) << queued
                  << "\n";
    }
    double host;
    double mean;
    double containers;
    Totals(r, host, mean, containers);
    std::cout << std::setprecision(2) << "total goodput " << total << " Mb/s (host " << host
              << ", containers " << containers << "); Jain's fairness index over the "
              << r.flows.size() << " flows: " << std::setprecision(3) << r.jain
              << " (1: equal shares; " << r.flows.size() - 1 << "/" << r.flows.size()
              << ": one flow starved, the others equal)\n";
    std::cout << "(Mb/s: goodput, the payload the sink's application received in the "
              << std::defaultfloat << c.duration
              << " s window; delay: mean one-way, sender's IP layer to the sink's, queue disc "
                 "included; sent, dropped: IP packets in the window, drops of which in the "
                 "queue disc and the device queue; queued: still queued at the end)\n";

    if (r.hasQdisc)
    {
        const QueueDisc::Stats& q = r.qdisc;
        std::cout << "\neth0 queue disc " << c.qdisc << ": received " << q.nTotalReceivedPackets
                  << ", sent " << q.nTotalSentPackets << ", requeued " << q.nTotalRequeuedPackets
                  << ", mean sojourn " << std::fixed << std::setprecision(2) << r.sojournMs
                  << " ms\n"
                  << "  dropped before enqueue " << q.nTotalDroppedPacketsBeforeEnqueue << " ("
                  << Reasons(q.nDroppedPacketsBeforeEnqueue) << "): " << r.enqDrops.containers
                  << " container frames, " << r.enqDrops.host << " host frames, "
                  << r.enqDrops.other << " other\n"
                  << "  dropped after dequeue " << q.nTotalDroppedPacketsAfterDequeue << " ("
                  << Reasons(q.nDroppedPacketsAfterDequeue) << ")\n";
    }
    else
    {
        std::cout << "\neth0 has no queue disc (noqueue): frames go straight to the CSMA "
                     "device's queue, which refuses them when full\n";
    }
    std::cout << "eth0's device queue refused " << r.refused.containers << " container frames, "
              << r.refused.host << " host frames, " << r.refused.other << " other\n";
    auto count = [](const std::map<IpvlanDropReason, uint64_t>& m, IpvlanDropReason k) {
        auto it = m.find(k);
        return it == m.end() ? uint64_t(0) : it->second;
    };
    uint64_t slaveQdisc = count(r.slave, IPVLAN_DROP_QUEUE_DISC);
    uint64_t slaveRefused = count(r.slave, IPVLAN_DROP_MASTER_REFUSED);
    uint64_t slaveOther = 0;
    for (const auto& [reason, n] : r.slave)
    {
        slaveOther +=
            (reason == IPVLAN_DROP_QUEUE_DISC || reason == IPVLAN_DROP_MASTER_REFUSED) ? 0 : n;
    }
    // ipvlan_start_xmit counts a tx drop whenever dev_queue_xmit(master) fails: the queue
    // disc refused the frame (NET_XMIT_DROP), or there is none and the driver is busy
    bool balanced = r.slaveTxDropped == r.enqDrops.containers + r.refused.containers + slaveOther;
    std::cout << "accounting: containers' tx_dropped (sum) " << r.slaveTxDropped
              << (balanced ? " = " : " != ") << "container frames the queue disc dropped at "
              << "enqueue " << r.enqDrops.containers << " + refused by the device queue "
              << r.refused.containers;
    if (slaveOther > 0)
    {
        std::cout << " + other reasons " << slaveOther;
    }
    std::cout << (balanced ? "  [holds]" : "  [DOES NOT HOLD]") << "\n  port Drop trace: slaves "
              << slaveQdisc << " queue-disc, " << slaveRefused << " master-refused; host "
              << count(r.host, IPVLAN_DROP_QUEUE_DISC) << " queue-disc, "
              << count(r.host, IPVLAN_DROP_MASTER_REFUSED)
              << " master-refused; host interface tx_dropped " << r.hostIfTxDropped << "\n";
}

/**
 * The run's claims: the drop accounting, and what its queue disc does to the host's flow.
 * The queue-disc claims are the ones the header comment makes; the starvation one only
 * where the containers' UDP floods offer the link more than it carries.
 * @param checks where the claims go
 * @param r the run
 * @param where the queue disc's name in a sweep ("" for a single run)
 */
void
CheckRun(ExampleChecks& checks, const RunResult& r, const std::string& where)
{
    const RunConfig& c = r.cfg;
    auto at = [&where](const std::string& seen) {
        return where.empty() ? seen : where + ": " + seen;
    };
    auto mbps = [](double v) {
        std::ostringstream os;
        os << std::fixed << std::setprecision(2) << v;
        return os.str();
    };
    uint64_t slaveOther = 0;
    for (const auto& [reason, n] : r.slave)
    {
        slaveOther +=
            (reason == IPVLAN_DROP_QUEUE_DISC || reason == IPVLAN_DROP_MASTER_REFUSED) ? 0 : n;
    }
    checks.Check("containers' tx_dropped = their frames dropped at enqueue or refused by the "
                 "device queue",
                 r.slaveTxDropped == r.enqDrops.containers + r.refused.containers + slaveOther,
                 at("tx_dropped " + std::to_string(r.slaveTxDropped) + ", enqueue drops " +
                    std::to_string(r.enqDrops.containers) + ", refused " +
                    std::to_string(r.refused.containers) + ", other reasons " +
                    std::to_string(slaveOther)));

    double host;
    double mean;
    double containers;
    Totals(r, host, mean, containers);
    double total = host + containers;
    double equalShare = total / r.flows.size();
    std::string hostSeen =
        at("host " + mbps(host) + " Mb/s, equal share " + mbps(equalShare) + " Mb/s");
    bool floodsOverload =
        !c.containerTcp &&
        c.containers * static_cast<double>(c.offered.GetBitRate()) > LINK_RATE.GetBitRate();
    if (c.qdisc == "fq_codel")
    {
        checks.Check("fq_codel keeps the host's TCP flow alive (at least half an equal share)",
                     host >= 0.5 * equalShare && host > 0,
                     hostSeen);
    }
    else if (c.qdisc == "tbf")
    {
        uint64_t bytes = 0;
        for (const FlowResult& f : r.flows)
        {
            bytes += f.appBytes;
        }
        // what the bucket lets through in the window: rate x duration, plus one full bucket
        double cap = c.rate.GetBitRate() * c.duration / 8 + c.burst;
        checks.Check("tbf caps the total goodput at its rate within one burst",
                     bytes <= cap,
                     at("total " + mbps(total) + " Mb/s, rate " + mbps(c.rate.GetBitRate() / 1e6) +
                        " Mb/s, burst " + std::to_string(c.burst) + " bytes"));
    }
    else if (floodsOverload)
    {
        checks.Check((c.qdisc == "none" ? std::string("none (noqueue)") : c.qdisc) +
                         " lets the floods starve the host's TCP flow (under a tenth of an "
                         "equal share)",
                     host < 0.1 * equalShare,
                     hostSeen);
    }
}

/**
 * Write the per-flow .dat and its gnuplot script (goodput and delay per flow).
 * @param r the run
 * @param outDir where
 */
void
WriteRun(const RunResult& r, const std::string& outDir)
{
    std::string dat = outDir + "/ipvlan-traffic-control.dat";
    std::ofstream out(dat);
    NS_ABORT_MSG_IF(!out, "cannot write " << dat);
    out << "# ipvlan-traffic-control: qdisc " << QdiscText(r.cfg) << ", mode " << r.cfg.mode
        << ", Jain " << r.jain << "\n# flow proto goodput_mbps delay_ms sent dropped\n";
    for (const FlowResult& f : r.flows)
    {
        out << f.name << " " << f.proto << " " << f.goodputMbps << " " << f.delayMs << " "
            << f.txPackets << " " << f.dropped << "\n";
    }
    out.close();
    std::string plt = outDir + "/ipvlan-traffic-control.plt";
    std::ofstream g(plt);
    NS_ABORT_MSG_IF(!g, "cannot write " << plt);
    std::ostringstream title;
    title << "ipvlan " << r.cfg.mode << ": host1 and " << r.cfg.containers
          << " containers share eth0's root qdisc " << QdiscText(r.cfg) << " (100 Mb/s; Jain "
          << std::fixed << std::setprecision(3) << r.jain << ")";
    g << "# gnuplot " << plt << "\n"
      << "set terminal pngcairo noenhanced size 1100,450 font 'Sans,10'\n"
      << "set output '" << outDir << "/ipvlan-traffic-control.png'\n"
      << "set multiplot layout 1,2 title \"" << title.str() << "\"\n"
      << "set style fill solid 0.8 border -1\nset boxwidth 0.7\nset grid ytics\n"
      << "unset key\nset yrange [0:*]\nset offsets 0.5, 0.5, graph 0.1, 0\n"
      << "set title 'goodput per flow'\nset ylabel 'Mb/s'\n"
      << "plot '" << dat << "' using 0:3:xtic(1) with boxes lc rgb '#4477aa', \\\n"
      << "     '' using 0:3:(sprintf('%.1f', $3)) with labels offset 0,0.7\n"
      << "set title 'mean one-way delay (queue disc included)'\nset ylabel 'ms'\n"
      << "set logscale y\nset yrange [0.1:*]\n"
      << "plot '" << dat << "' using 0:4:xtic(1) with boxes lc rgb '#cc6677', \\\n"
      << "     '' using 0:4:(sprintf('%.2f', $4)) with labels offset 0,0.7\n"
      << "unset multiplot\n";
    g.close();
    std::cout << "\nwrote " << dat << " and " << plt << "\n";
}

/**
 * Write the sweep's .dat (one row per queue disc) and its gnuplot script.
 * @param runs the runs, in QDISCS order
 * @param outDir where
 */
void
WriteSweep(const std::vector<RunResult>& runs, const std::string& outDir)
{
    std::string dat = outDir + "/ipvlan-traffic-control-sweep.dat";
    std::ofstream out(dat);
    NS_ABORT_MSG_IF(!out, "cannot write " << dat);
    const RunConfig& c = runs.front().cfg;
    out << "# ipvlan-traffic-control --sweep: mode " << c.mode << ", " << c.containers
        << " containers, " << c.duration << " s\n"
        << "# qdisc host_mbps container_mean_mbps containers_total_mbps total_mbps jain "
           "host_delay_ms container_delay_ms\n";
    for (const RunResult& r : runs)
    {
        double host;
        double mean;
        double containers;
        Totals(r, host, mean, containers);
        out << r.cfg.qdisc << " " << host << " " << mean << " " << containers << " "
            << host + containers << " " << r.jain << " " << MeanDelay(r, false) << " "
            << MeanDelay(r, true) << "\n";
    }
    out.close();
    std::string plt = outDir + "/ipvlan-traffic-control-sweep.plt";
    std::ofstream g(plt);
    NS_ABORT_MSG_IF(!g, "cannot write " << plt);
    std::ostringstream title;
    title << "ipvlan " << c.mode << ": host1 (TCP) and " << c.containers << " containers ("
          << (c.containerTcp
                  ? std::string("TCP")
                  : "UDP " + std::to_string(static_cast<int>(c.offered.GetBitRate() / 1e6)) +
                        " Mb/s each")
          << ") through one root qdisc on a 100 Mb/s eth0";
    g << "# gnuplot " << plt << "\n"
      << "set terminal pngcairo noenhanced size 1500,480 font 'Sans,10'\n"
      << "set output '" << outDir << "/ipvlan-traffic-control-sweep.png'\n"
      << "set multiplot layout 1,3 title \"" << title.str() << "\"\n"
      << "set style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.8 border -1\nset boxwidth 0.9\nset grid ytics\n"
      << "set yrange [0:*]\nset offsets 0, 0, graph 0.12, 0\nset key top right\n"
      << "set title 'goodput'\nset ylabel 'Mb/s'\n"
      << "plot '" << dat << "' using 2:xtic(1) title 'host (TCP)', '' using 3 title "
      << "'container (mean)', '' using 5 title 'all flows', \\\n"
      << "     '' using ($0 - 0.25):2:(sprintf('%.1f', $2)) with labels offset 0,0.7 notitle\n"
      << "set title \"Jain's fairness index over the " << c.containers + 1 << " flows\"\n"
      << "set ylabel 'index'\nset yrange [0:1.1]\nunset key\n"
      << "plot '" << dat << "' using 6:xtic(1) title 'Jain', '' using 0:6:(sprintf('%.3f', "
      << "$6)) with labels offset 0,0.7 notitle\n"
      << "set title 'mean one-way delay'\nset ylabel 'ms'\nset logscale y\n"
      << "set yrange [0.1:*]\nset key top right\n"
      << "plot '" << dat << "' using 7:xtic(1) title 'host (TCP)', '' using 8 title "
      << "'containers'\n"
      << "unset multiplot\n";
    g.close();
    std::cout << "\nwrote " << dat << " and " << plt << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    RunConfig cfg;
    bool sweep = false;
    std::string outDir = ".";

    CommandLine cmd(__FILE__);
    cmd.AddValue("containers", "number of containers (ipvlan slaves) on host1", cfg.containers);
    cmd.AddValue("mode", "ipvlan mode word: l2, l3 or l3s", cfg.mode);
    cmd.AddValue("qdisc", "eth0's root queue disc: pfifo_fast, fq_codel, tbf or none", cfg.qdisc);
    cmd.AddValue("rate", "tbf rate", cfg.rate);
    cmd.AddValue("burst", "tbf burst (bytes)", cfg.burst);
    cmd.AddValue("offered", "each container's UDP flood (payload rate)", cfg.offered);
    cmd.AddValue("container-tcp",
                 "containers run TCP bulk flows instead of UDP floods",
                 cfg.containerTcp);
    cmd.AddValue("duration", "seconds of traffic", cfg.duration);
    cmd.AddValue("device-queue",
                 "eth0's driver queue (packets; BQL keeps it short)",
                 cfg.deviceQueue);
    cmd.AddValue("sweep",
                 "run pfifo_fast, fq_codel, tbf and none; write the sweep .dat/.plt",
                 sweep);
    cmd.AddValue("outdir", "directory for the .dat and .plt files", outDir);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(cfg.containers < 1 || cfg.containers > 200,
                    "--containers=" << cfg.containers << " is out of range; allowed: 1..200");
    NS_ABORT_MSG_IF(cfg.mode != "l2" && cfg.mode != "l3" && cfg.mode != "l3s",
                    "--mode=" << cfg.mode << " is not one of l2, l3, l3s");
    NS_ABORT_MSG_IF(std::find(std::begin(QDISCS), std::end(QDISCS), cfg.qdisc) == std::end(QDISCS),
                    "--qdisc=" << cfg.qdisc << " is not one of pfifo_fast, fq_codel, tbf, none");
    NS_ABORT_MSG_IF(cfg.duration <= 0, "--duration must be positive");
    NS_ABORT_MSG_IF(cfg.deviceQueue < 1, "--device-queue must be at least 1 packet");
    NS_ABORT_MSG_IF(cfg.qdisc == "tbf" && cfg.burst < 1514,
                    "--burst=" << cfg.burst << " is below one frame; tbf could send nothing");

    // TCP as Linux runs it: CUBIC, full-size segments, 200 ms minimum RTO, buffers that
    // do not limit the window at 100 Mb/s
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpCubic"));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(TCP_SEGMENT));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(200)));

    ExampleChecks checks;
    if (!sweep)
    {
        RunResult r = Run(cfg);
        PrintRun(r);
        WriteRun(r, outDir);
        CheckRun(checks, r, "");
        return checks.Report();
    }
    std::vector<RunResult> runs;
    for (const char* q : QDISCS)
    {
        cfg.qdisc = q;
        runs.push_back(Run(cfg));
        PrintRun(runs.back());
        CheckRun(checks, runs.back(), q);
    }
    std::cout << std::defaultfloat << std::setprecision(6);
    std::cout << "\nsweep summary (ipvlan " << cfg.mode << ", " << cfg.containers << " containers, "
              << cfg.duration << " s; goodput in Mb/s, delay in ms):\n"
              << std::left << std::setw(12) << "qdisc" << std::right << std::setw(8) << "host"
              << std::setw(12) << "container" << std::setw(12) << "containers" << std::setw(8)
              << "total" << std::setw(8) << "jain" << std::setw(12) << "host_delay" << std::setw(12)
              << "cont_delay" << std::setw(12) << "enq_drops" << std::setw(12) << "deq_drops"
              << std::setw(12) << "tx_dropped"
              << "\n"
              << std::left << std::setw(12) << "" << std::right << std::setw(8) << ""
              << std::setw(12) << "(mean)" << std::setw(12) << "(sum)"
              << "\n";
    for (const RunResult& r : runs)
    {
        double host;
        double mean;
        double containers;
        Totals(r, host, mean, containers);
        std::cout << std::left << std::setw(12) << r.cfg.qdisc << std::right << std::fixed
                  << std::setprecision(2) << std::setw(8) << host << std::setw(12) << mean
                  << std::setw(12) << containers << std::setw(8) << host + containers
                  << std::setprecision(3) << std::setw(8) << r.jain << std::setprecision(2)
                  << std::setw(12) << MeanDelay(r, false) << std::setw(12) << MeanDelay(r, true)
                  << std::setw(12) << (r.hasQdisc ? r.qdisc.nTotalDroppedPacketsBeforeEnqueue : 0)
                  << std::setw(12) << (r.hasQdisc ? r.qdisc.nTotalDroppedPacketsAfterDequeue : 0)
                  << std::setw(12) << r.slaveTxDropped << "\n";
    }
    WriteSweep(runs, outDir);
    return checks.Report();
}
