/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A leaf-spine data centre whose hosts run their containers on ipvlan, simulated on one
// or more MPI ranks (ns-3's distributed simulator).
//
//                                internet (one external host)
//                                    | p2p 100 Gb/s, 1 ms
//                                  spine                                    rank 0
//              p2p 100 Gb/s, 20 us /   |   \        the only links between ranks
//     - - - - - - - - - - - - - - /- - | - -\- - - - - - - - - - - - - - - - - - - -
//                             leaf0  leaf1 ... leafR-1     one router per rack
//                               | CSMA 100 Gb/s                           rack r on
//                             ToR0   (EthernetSwitchNetDevice; port security:  rank
//                             /  \    one MAC per port, violation = shutdown)  r % ranks
//               CSMA 25 Gb/s /    \   (one CSMA link per switch port)
//                        host0    host1 ...                  --hosts per rack
//                        eth0 = the ipvlan master (its MAC is all the ToR sees)
//                   ipvlan port (--mode l2|l3|l3s), host interface on eth0
//                  /    |    |    \   (one IpvlanNetDevice per container)
//                c0    c1   c2    c3                          --containers per host
//
// Each container is its own Node with an IPv4 stack and an IpvlanNetDevice on its host's
// eth0 (IpvlanHelper). The ToR admits one MAC address per port; every host shows it only
// its master's MAC, however many containers it runs: that is why ipvlan exists (kernel
// ipvlan.rst section 6). A macvlan host would trip the port.
//
// Addresses (IPv4): rack r is one prefix, 10.(r+1).0.0/16 while every field fits in an
// octet (else the racks, host blocks and containers are packed into 10.0.0.0/8 with as
// many bits as each needs): the leaf router is 10.(r+1).0.1, host h's interface
// 10.(r+1).0.(2+h), host h's containers 10.(r+1).(h+1).(1+c). The leaf routes each host's
// block (10.(r+1).(h+1).0/24) to the host's address, as a fabric that routes to the host
// does; in l2 the containers are also on-link with each other and answer ARP with the
// master's MAC. Hosts route the other hosts' blocks to them (l3/l3s: a NOARP slave's
// neighbours cannot ARP for it) and everything else to the leaf. Routing is static
// (Ipv4StaticRouting): it works alike on one rank and on many, and costs O(nodes) to set
// up, where global routing's per-node shortest-path runs grow with the square of the
// container count. Hosts do not forward (Linux's default ip_forward=0): ipvlan l3 egress is
// the host's own output, not forwarding.
//
// Flows, UDP at a constant --pps (200-byte payloads carrying their flow id), every flow
// from 0.1 s + a stagger (flows spread evenly over one period) until 0.1 s before
// --duration, so everything sent is delivered or dropped before the end:
//
//   cross-rack      east-west: container (r,h,c) -> (r+1,h,c)       (with 2 racks or more)
//   cross-host      east-west: (r,h,c) -> (r,h+1,c), through the ToR (2 hosts or more)
//   same-host       east-west: (r,h,c) -> (r,h,c+1), inside the port (2 containers or more)
//   to-internet     north-south: every container -> internet
//   from-internet   north-south: internet -> every container
//   undeliverable   internet -> an address in each host's block that no slave holds (a
//                   container that is gone): the leaf routes it to the host, the ipvlan
//                   port finds no slave and hands it to the host's own stack, as Linux
//                   does (the master gets what no slave claims), and the host, which does
//                   not forward, drops it: reason host-ipv4/route-error
//
// Distribution: every rank builds the whole topology (ns-3's usual pattern); each node has
// the system id of its rack's rank, r % ranks; the spine and the internet host are on rank
// 0, so only spine-leaf point-to-point links cross ranks (their 20 us delay is the
// lookahead). Applications and trace sinks go only on the nodes of this rank. After
// Simulator::Run, rank 0 sums every rank's counts (MPI_Reduce) and prints them. With one
// rank the example runs ns-3's default simulator; with MPI (ns-3 built with --enable-mpi,
// run under mpirun) the distributed one. Without ns-3's mpi module it builds and runs on one
// rank. The number of ranks follows MPI (mpirun -np N); --ranks=N only asserts it.
//
// Queues and ARP as in Linux: every NIC (the masters too) has the default root queue disc,
// pfifo_fast of 1000 packets; ARP requests go at once (ns-3's default waits up to 10 ms,
// and a leaf router then holds that long's packets for a host and bursts them into its
// device queue), and up to 1000 packets may wait for one ARP answer. In l2 every ARP
// request of a container is a broadcast in its rack that each ipvlan port hands to all its
// slaves: the start costs O(containers per rack ^ 2) events, which l3's NOARP slaves avoid.
//
// Rack links have no propagation delay. Their devices must be Ethernet ports of a switch
// (SendFrom), so they are CSMA, and ns-3.37's CsmaChannel is a half-duplex bus with carrier
// sense, where real 25 and 100 Gb/s Ethernet is full duplex without it. The bus stays busy
// for the delay after each frame, and the interframe gap (96 bit times, 1 ns at 100 Gb/s) is
// shorter: a device with a frame queued finds the bus busy with its own last frame and
// backs off one slot, 1 us (ns-3's fixed default, 50 frame times at 100 Gb/s), so it sends
// at most about one frame per microsecond, however fast the link. In l2 a rack's start-up
// (each container's ARP requests, broadcast and flooded to the leaf's port as well, and its
// first datagrams) comes near that, with the leaf's answers on the same bus: with 50 ns of
// cable and 416 containers per host the queue of a ToR's leaf port (100 frames, CsmaHelper's)
// overflowed at 101 ms (tor/tx-failed, 3,193 frames). Some were containers' ARP requests
// for the leaf; ARP asks again after 1 s, and the retries were lost in the same way, so
// 5,760 datagrams still waited for an ARP answer when the run stopped: 32 containers' flows
// across the uplink. (With 500 ns, the ToRs' host ports had overflowed at 300 per host.)
// Without the delay a device sends what it has queued back to back: with 512 containers per
// host in l2, no frame backs off more than twice and no rack device ever queues more than
// one frame. 10 m of cable, 50 ns, is nothing beside the fabric's 20 us.
//
// Measured: per flow, datagrams sent (at the sender) and delivered (at the receiving socket,
// by the flow id in the payload); drops by reason from the ipvlan ports' Drop traces, the
// ToRs' Drop traces, and on every node the IPv4, ARP, traffic-control (TcDrop), queue-disc
// and link (MacTxDrop, CSMA's PhyTxDrop) drop traces; and what still waited on a node when
// the run stopped, lost to its flow as much as a drop: a packet held by ARP for an answer
// (<role>-arp/waiting-at-end) or in a queue disc or a device's queue
// (<role>-queue/waiting-at-end). A drop counts for its flow when the packet shows the flow
// id ("dropped" sums those); a link's MacTxDrop never does (the layer above reports the same
// loss). Also the event count (Simulator::GetEventCount, summed over the ranks)
// and the wall time of Simulator::Run (the slowest rank's). Printed: a table per flow class
// and the totals, one line per flow
//
//   flow <id> <src> -> <dst> sent <n> delivered <n>
//
// (left out with --quiet), one line per drop reason, `drops <reason> <n>`, and
//
//   summary: ranks=<r> racks=<n> containers=<n> flows=<n> sent=<n> delivered=<n>
//            dropped=<n> events=<n> wall_s=<x.xxx> events_per_s=<x>     (one line)
//
// then the checks. --plot=PREFIX writes PREFIX.dat and PREFIX.plt and runs gnuplot for
// PREFIX.png (sent, delivered and dropped per flow class). utils/datacenter-mpi-check.sh
// runs the example on one rank and on two and compares their flow and drops lines.
//
// Usage: ipvlan-datacenter [--racks=4] [--hosts=2] [--containers=4] [--mode=l2|l3|l3s]
//                          [--duration=2] [--pps=50] [--ranks=N] [--plot=PREFIX] [--quiet]
//        mpirun -np 2 ipvlan-datacenter ...

#include "ipvlan-example-check.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#ifdef NS3_MPI
#include "ns3/mpi-interface.h"

#include <mpi.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanDatacenter");

namespace
{

constexpr uint16_t DC_PORT = 7000;           ///< every endpoint's UDP port (sends and receives)
constexpr uint32_t PAYLOAD = 200;            ///< UDP payload bytes of every datagram
constexpr uint32_t MAGIC = 0x44434631;       ///< "DCF1": the payload starts with it
constexpr uint32_t NO_FLOW = UINT32_MAX;     ///< a packet that carries no flow id
const Time FLOW_START = Seconds(0.1);        ///< the first flow starts here
const Time DRAIN = Seconds(0.1);             ///< flows stop this long before the end
const Time FABRIC_DELAY = MicroSeconds(20);  ///< spine-leaf links: the MPI lookahead
const Time INTERNET_DELAY = MilliSeconds(1); ///< spine-internet link
/// Rack CSMA links: no propagation delay. With one, ns-3's CSMA device backs off 1 us after
/// each frame it has more queued behind, and the ToRs' port queues overflowed in l2's
/// start-up (see "Rack links have no propagation delay" in the header comment)
const Time LAN_DELAY = NanoSeconds(0);

/// The flow classes, in the order of the table
enum FlowClass
{
    CROSS_RACK = 0,
    CROSS_HOST,
    SAME_HOST,
    TO_INTERNET,
    FROM_INTERNET,
    UNDELIVERABLE,
    CLASS_COUNT
};

/// The classes' names (table, .dat)
const char* const CLASS_NAMES[CLASS_COUNT] =
    {"cross-rack", "cross-host", "same-host", "to-internet", "from-internet", "undeliverable"};

/// What a node is, for the drop reasons
enum Role
{
    ROLE_CONTAINER = 0,
    ROLE_HOST,
    ROLE_LEAF,
    ROLE_SPINE,
    ROLE_INTERNET,
    ROLE_COUNT
};

/// The roles' names
const char* const ROLE_NAMES[ROLE_COUNT] = {"container", "host", "leaf", "spine", "internet"};

// Drop reasons are counted in fixed slots, the same on every rank, so that MPI can sum
// them element by element: an ipvlan port reason, a ToR reason, and per role an IPv4
// reason, ARP (no resolution), a refused socket send, the traffic-control layer's drop (no
// queue disc, device queue stopped), a queue disc's drop; then a link's MacTxDrop and a
// CSMA device's PhyTxDrop; then per role what still waited when the run stopped, in an ARP
// cache for an answer or in a queue (a queue disc, a device's queue).
constexpr size_t SLOT_PORT = 0;                                    ///< + IpvlanDropReason
constexpr size_t SLOT_TOR = 64;                                    ///< + EthernetSwitchDropReason
constexpr size_t IPV4_REASONS = 16;                                ///< room per role
constexpr size_t SLOT_IPV4 = 128;                                  ///< + role * 16 + reason
constexpr size_t SLOT_ARP = SLOT_IPV4 + ROLE_COUNT * IPV4_REASONS; ///< + role
constexpr size_t SLOT_SEND = SLOT_ARP + ROLE_COUNT;                ///< + role
constexpr size_t SLOT_TC = SLOT_SEND + ROLE_COUNT;                 ///< + role
constexpr size_t SLOT_QDISC = SLOT_TC + ROLE_COUNT;                ///< + role
constexpr size_t SLOT_LINK_CSMA = SLOT_QDISC + ROLE_COUNT;         ///< a CSMA device's MacTxDrop
constexpr size_t SLOT_LINK_P2P = SLOT_LINK_CSMA + 1;               ///< a p2p device's MacTxDrop
constexpr size_t SLOT_CSMA_ABORT = SLOT_LINK_P2P + 1;              ///< CSMA gave up (PhyTxDrop)
constexpr size_t SLOT_ARP_END = SLOT_CSMA_ABORT + 1;               ///< + role: ARP's, at the end
constexpr size_t SLOT_QUEUE_END = SLOT_ARP_END + ROLE_COUNT;       ///< + role: queued, at the end
constexpr size_t SLOTS = SLOT_QUEUE_END + ROLE_COUNT;              ///< number of slots

/**
 * Name of a drop slot, `<where>/<reason>` (one word).
 * @param slot the slot
 * @return its name
 */
std::string
SlotName(size_t slot)
{
    std::ostringstream os;
    if (slot < SLOT_TOR)
    {
        os << "ipvlan-port/" << static_cast<IpvlanDropReason>(slot - SLOT_PORT);
    }
    else if (slot < SLOT_IPV4)
    {
        os << "tor/" << static_cast<EthernetSwitchDropReason>(slot - SLOT_TOR);
    }
    else if (slot < SLOT_ARP)
    {
        static const char* const ipv4[] = {"0",
                                           "ttl-expired",
                                           "no-route",
                                           "bad-checksum",
                                           "interface-down",
                                           "route-error",
                                           "fragment-timeout",
                                           "duplicate"};
        size_t role = (slot - SLOT_IPV4) / IPV4_REASONS;
        size_t reason = (slot - SLOT_IPV4) % IPV4_REASONS;
        os << ROLE_NAMES[role] << "-ipv4/";
        if (reason < sizeof(ipv4) / sizeof(ipv4[0]))
        {
            os << ipv4[reason];
        }
        else
        {
            os << "reason-" << reason;
        }
    }
    else if (slot < SLOT_SEND)
    {
        os << ROLE_NAMES[slot - SLOT_ARP] << "-arp/unresolved";
    }
    else if (slot < SLOT_TC)
    {
        os << ROLE_NAMES[slot - SLOT_SEND] << "-udp/send-refused";
    }
    else if (slot < SLOT_QDISC)
    {
        os << ROLE_NAMES[slot - SLOT_TC] << "-tc/device-queue-stopped";
    }
    else if (slot < SLOT_LINK_CSMA)
    {
        os << ROLE_NAMES[slot - SLOT_QDISC] << "-qdisc/drop";
    }
    else if (slot < SLOT_CSMA_ABORT)
    {
        os << (slot == SLOT_LINK_CSMA ? "csma" : "p2p") << "/mac-tx-drop";
    }
    else if (slot == SLOT_CSMA_ABORT)
    {
        os << "csma/phy-tx-drop";
    }
    else if (slot < SLOT_QUEUE_END)
    {
        os << ROLE_NAMES[slot - SLOT_ARP_END] << "-arp/waiting-at-end";
    }
    else
    {
        os << ROLE_NAMES[slot - SLOT_QUEUE_END] << "-queue/waiting-at-end";
    }
    return os.str();
}

/// One flow
struct Flow
{
    FlowClass cls;    ///< its class
    uint32_t src;     ///< index of the sending endpoint
    Ipv4Address dst;  ///< where it goes (port DC_PORT)
    std::string from; ///< the sender's name
    std::string to;   ///< the receiver's name
    Time start;       ///< its first datagram
};

/// The counts of one rank, summed on rank 0 (every field a uint64_t, see Pack)
struct Tally
{
    std::vector<uint64_t> sent;      ///< per flow: datagrams sent
    std::vector<uint64_t> delivered; ///< per flow: datagrams received by the destination
    std::vector<uint64_t> dropped;   ///< per flow: drops that showed the flow's id
    std::vector<uint64_t> reasons;   ///< per slot: drops, whether or not they showed a flow
    uint64_t stray{0};               ///< datagrams received that carried no known flow id

    /**
     * Size the per-flow vectors.
     * @param flows number of flows
     */
    explicit Tally(size_t flows)
        : sent(flows, 0),
          delivered(flows, 0),
          dropped(flows, 0),
          reasons(SLOTS, 0)
    {
    }
};

/**
 * The flow a packet belongs to, from the bytes it carries.
 * @param packet an IPv4 packet (header first) or its UDP datagram (UDP header first)
 * @param flows number of flows (a larger id is not ours)
 * @return the flow id, or NO_FLOW
 */
uint32_t
FlowOf(Ptr<const Packet> packet, size_t flows)
{
    uint8_t b[60 + 8 + 8];
    uint32_t n = packet->CopyData(b, sizeof(b));
    uint32_t off = 0;
    // Our datagrams' UDP source port is DC_PORT (0x1b58): a first byte 0x45 is IPv4
    if (n >= 20 && (b[0] >> 4) == 4)
    {
        if (b[9] != 17) // not UDP
        {
            return NO_FLOW;
        }
        off = (b[0] & 0x0f) * 4;
    }
    if (n < off + 16 || ((b[off + 2] << 8) | b[off + 3]) != DC_PORT)
    {
        return NO_FLOW;
    }
    off += 8; // the UDP header
    auto word = [&b](uint32_t at) {
        return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8) |
               uint32_t(b[at + 3]);
    };
    if (word(off) != MAGIC || word(off + 4) >= flows)
    {
        return NO_FLOW;
    }
    return word(off + 4);
}

/**
 * Count a drop in its slot and, if the packet shows it, for its flow.
 * @param tally the counts
 * @param slot the reason's slot
 * @param packet the dropped packet (IPv4 or UDP first; anything else counts for no flow)
 */
void
CountDrop(Tally* tally, size_t slot, Ptr<const Packet> packet)
{
    tally->reasons[slot]++;
    uint32_t flow = FlowOf(packet, tally->sent.size());
    if (flow != NO_FLOW)
    {
        tally->dropped[flow]++;
    }
}

/**
 * The L3 packet of a frame a CSMA or point-to-point device holds (its link header, which
 * the device adds before it queues the frame, removed from a copy).
 * @param frame the frame (Ethernet header first, DIX, as CsmaHelper's devices; or PPP)
 * @param csma whether it is a CSMA device's (else a point-to-point device's)
 * @return the IPv4 packet, or nullptr if the frame carries something else
 */
Ptr<Packet>
PayloadOfFrame(Ptr<const Packet> frame, bool csma)
{
    Ptr<Packet> copy = frame->Copy();
    if (csma)
    {
        EthernetHeader eth(false);
        if (copy->RemoveHeader(eth) == 0 || eth.GetLengthType() != Ipv4L3Protocol::PROT_NUMBER)
        {
            return nullptr;
        }
    }
    else
    {
        PppHeader ppp;
        if (copy->RemoveHeader(ppp) == 0 || ppp.GetProtocol() != 0x0021) // PPP's IPv4
        {
            return nullptr;
        }
    }
    return copy;
}

/**
 * Count a drop of a frame with its link header in its slot and, if it shows it, for its
 * flow.
 * @param tally the counts
 * @param slot the reason's slot
 * @param csma whether a CSMA device holds the frame (else a point-to-point one)
 * @param frame the frame
 */
void
CountFrameDrop(Tally* tally, size_t slot, bool csma, Ptr<const Packet> frame)
{
    Ptr<Packet> packet = PayloadOfFrame(frame, csma);
    if (packet)
    {
        CountDrop(tally, slot, packet);
    }
    else
    {
        tally->reasons[slot]++;
    }
}

/**
 * An ipvlan port's Drop trace.
 * @param tally the counts
 * @param packet the frame's L3 payload
 * @param reason why
 * @param device the device concerned
 */
void
PortDrop(Tally* tally,
         Ptr<const Packet> packet,
         IpvlanDropReason reason,
         Ptr<const NetDevice> device)
{
    CountDrop(tally, SLOT_PORT + std::min<size_t>(reason, SLOT_TOR - SLOT_PORT - 1), packet);
}

/**
 * A ToR's Drop trace.
 * @param tally the counts
 * @param packet the frame's payload
 * @param port the port index
 * @param reason why
 */
void
TorDrop(Tally* tally, Ptr<const Packet> packet, uint32_t port, EthernetSwitchDropReason reason)
{
    CountDrop(tally, SLOT_TOR + std::min<size_t>(reason, SLOT_IPV4 - SLOT_TOR - 1), packet);
}

/**
 * A node's Ipv4L3Protocol Drop trace.
 * @param tally the counts
 * @param role the node's role
 * @param header the IPv4 header
 * @param packet the packet (without its header, or with it)
 * @param reason why
 * @param ipv4 the stack
 * @param interface the interface
 */
void
Ipv4Drop(Tally* tally,
         Role role,
         const Ipv4Header& header,
         Ptr<const Packet> packet,
         Ipv4L3Protocol::DropReason reason,
         Ptr<Ipv4> ipv4,
         uint32_t interface)
{
    size_t r = std::min<size_t>(reason, IPV4_REASONS - 1);
    CountDrop(tally, SLOT_IPV4 + role * IPV4_REASONS + r, packet);
}

/**
 * Drops of packets waiting for ARP (ArpL3Protocol: queue full or entry dead; ArpCache: no
 * reply).
 * @param tally the counts
 * @param role the node's role
 * @param packet the IPv4 payload
 */
void
ArpDrop(Tally* tally, Role role, Ptr<const Packet> packet)
{
    CountDrop(tally, SLOT_ARP + role, packet);
}

/**
 * The traffic-control layer's TcDrop: no queue disc on the device and its queue stopped.
 * @param tally the counts
 * @param role the node's role
 * @param packet the IPv4 packet
 */
void
TcDrop(Tally* tally, Role role, Ptr<const Packet> packet)
{
    CountDrop(tally, SLOT_TC + role, packet);
}

/**
 * A root queue disc's drop (before enqueue or after dequeue). On a master, the ipvlan port
 * reports the same loss of a container's packet (queue-disc), which counts for the flow.
 * @param tally the counts
 * @param slot SLOT_QDISC + the node's role
 * @param perFlow whether to count it for its flow too (not on a master)
 * @param item the dropped item (its packet without the IPv4 header)
 * @param reason the queue disc's reason
 */
void
QdiscDrop(Tally* tally,
          size_t slot,
          bool perFlow,
          Ptr<const QueueDiscItem> item,
          const char* reason)
{
    if (perFlow)
    {
        CountDrop(tally, slot, item->GetPacket());
    }
    else
    {
        tally->reasons[slot]++;
    }
}

/**
 * A link's MacTxDrop (the device's queue refused the frame), counted in its slot only: the
 * sender above, a ToR or an ipvlan port, reports the same loss for its flow.
 * @param tally the counts
 * @param slot SLOT_LINK_CSMA or SLOT_LINK_P2P
 * @param packet the frame
 */
void
LinkDrop(Tally* tally, size_t slot, Ptr<const Packet> packet)
{
    tally->reasons[slot]++;
}

/**
 * A CSMA device's PhyTxDrop: it gave up a frame it had taken (too many backoffs, or its
 * sending disabled). Nothing above reports that loss: it counts for the frame's flow.
 * @param tally the counts
 * @param frame the frame (Ethernet header first)
 */
void
CsmaAbort(Tally* tally, Ptr<const Packet> frame)
{
    CountFrameDrop(tally, SLOT_CSMA_ABORT, true, frame);
}

/**
 * After the run: count, per flow, what still waited on a node when it stopped, and take it
 * out. The flows stop DRAIN before the end, so only a long wait leaves anything: a packet
 * held in an ARP cache for an answer (an entry in WaitReply; ns-3 asks again only after
 * ArpCache::WaitReplyTimeout, 1 s, so a request lost late in a run strands that
 * destination's packets past the end), or one in a root queue disc or a CSMA or
 * point-to-point device's queue. (A frame a CSMA device holds in backoff, or one on a
 * wire, is out of reach: "delivered + dropped = sent" would show it.)
 * @param node the node (of this rank)
 * @param role its role
 * @param tally the counts
 */
void
CountWaiting(Ptr<Node> node, Role role, Tally* tally)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<ArpCache> cache = ipv4->GetInterface(i)->GetArpCache();
        if (!cache)
        {
            continue;
        }
        // An ArpCache lists its entries only as text, one a line, "<address> dev <device>
        // lladdr <mac> <state>"; DELAY is an entry waiting for a reply
        std::ostringstream list;
        cache->PrintArpCache(Create<OutputStreamWrapper>(&list));
        std::istringstream lines(list.str());
        const std::string waiting = " DELAY";
        std::string line;
        while (std::getline(lines, line))
        {
            if (line.size() < waiting.size() ||
                line.compare(line.size() - waiting.size(), waiting.size(), waiting) != 0)
            {
                continue;
            }
            ArpCache::Entry* entry =
                cache->Lookup(Ipv4Address(line.substr(0, line.find(' ')).c_str()));
            while (entry)
            {
                ArpCache::Ipv4PayloadHeaderPair pending = entry->DequeuePending();
                if (!pending.first)
                {
                    break;
                }
                CountDrop(tally, SLOT_ARP_END + role, pending.first);
            }
        }
    }
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> dev = node->GetDevice(i);
        // the queue disc first: the device's queue, once emptied, may wake it
        Ptr<QueueDisc> qdisc = tc ? tc->GetRootQueueDiscOnDevice(dev) : nullptr;
        while (qdisc)
        {
            Ptr<QueueDiscItem> item = qdisc->Dequeue();
            if (!item)
            {
                break;
            }
            CountDrop(tally, SLOT_QUEUE_END + role, item->GetPacket());
        }
        Ptr<Queue<Packet>> queue;
        Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(dev);
        Ptr<PointToPointNetDevice> p2p = DynamicCast<PointToPointNetDevice>(dev);
        if (csma)
        {
            queue = csma->GetQueue();
        }
        else if (p2p)
        {
            queue = p2p->GetQueue();
        }
        while (queue)
        {
            Ptr<Packet> frame = queue->Dequeue();
            if (!frame)
            {
                break;
            }
            CountFrameDrop(tally, SLOT_QUEUE_END + role, bool(csma), frame);
        }
    }
}

/**
 * An endpoint (a container or the internet host): one UDP socket on DC_PORT that sends
 * this node's flows at a constant rate and counts what arrives, by flow id.
 */
class FlowEndpoint : public Application
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::IpvlanDatacenterFlowEndpoint")
                                .SetParent<Application>()
                                .SetGroupName("Ipvlan");
        return tid;
    }

    /**
     * Set the endpoint up (before the simulation runs).
     * @param tally the counts
     * @param flows every flow
     * @param mine the ids of the flows this endpoint sends
     * @param interval the gap between two datagrams of a flow
     * @param stop no datagram is sent at or after this time
     * @param role the node's role (for a refused send)
     */
    void Setup(Tally* tally,
               const std::vector<Flow>* flows,
               std::vector<uint32_t> mine,
               Time interval,
               Time stop,
               Role role)
    {
        m_tally = tally;
        m_flows = flows;
        m_mine = std::move(mine);
        m_interval = interval;
        m_stop = stop;
        m_role = role;
    }

  private:
    void StartApplication() override
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), DC_PORT)) != 0,
                        "cannot bind UDP port " << DC_PORT << " on node " << GetNode()->GetId());
        m_socket->SetRecvCallback(MakeCallback(&FlowEndpoint::Receive, this));
        m_events.resize(m_mine.size());
        for (size_t k = 0; k < m_mine.size(); ++k)
        {
            Time at = (*m_flows)[m_mine[k]].start;
            if (at < m_stop)
            {
                m_events[k] =
                    Simulator::Schedule(at - Simulator::Now(), &FlowEndpoint::Send, this, k, 0);
            }
        }
    }

    void StopApplication() override
    {
        for (EventId& e : m_events)
        {
            e.Cancel();
        }
        if (m_socket)
        {
            m_socket->Close();
            m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            m_socket = nullptr;
        }
    }

    /**
     * Send one datagram of a flow and schedule the next.
     * @param k the flow's index in m_mine
     * @param seq its sequence number
     */
    void Send(size_t k, uint32_t seq)
    {
        const uint32_t id = m_mine[k];
        uint8_t payload[PAYLOAD] = {};
        const uint32_t words[3] = {MAGIC, id, seq};
        for (uint32_t w = 0; w < 3; ++w)
        {
            for (uint32_t b = 0; b < 4; ++b)
            {
                payload[4 * w + b] = static_cast<uint8_t>(words[w] >> (24 - 8 * b));
            }
        }
        m_tally->sent[id]++;
        if (m_socket->SendTo(Create<Packet>(payload, PAYLOAD),
                             0,
                             InetSocketAddress((*m_flows)[id].dst, DC_PORT)) < 0)
        {
            m_tally->reasons[SLOT_SEND + m_role]++;
            m_tally->dropped[id]++;
        }
        if (Simulator::Now() + m_interval < m_stop)
        {
            m_events[k] = Simulator::Schedule(m_interval, &FlowEndpoint::Send, this, k, seq + 1);
        }
    }

    /**
     * Count the datagrams waiting on the socket.
     * @param socket the socket
     */
    void Receive(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        while ((p = socket->Recv()))
        {
            uint8_t b[8];
            if (p->CopyData(b, 8) == 8)
            {
                uint32_t magic = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) |
                                 (uint32_t(b[2]) << 8) | uint32_t(b[3]);
                uint32_t id = (uint32_t(b[4]) << 24) | (uint32_t(b[5]) << 16) |
                              (uint32_t(b[6]) << 8) | uint32_t(b[7]);
                if (magic == MAGIC && id < m_tally->delivered.size())
                {
                    m_tally->delivered[id]++;
                    continue;
                }
            }
            m_tally->stray++;
        }
    }

    Tally* m_tally{nullptr};                   ///< the counts
    const std::vector<Flow>* m_flows{nullptr}; ///< every flow
    std::vector<uint32_t> m_mine;              ///< the flows sent from here
    std::vector<EventId> m_events;             ///< each one's next send
    Time m_interval;                           ///< the gap between datagrams
    Time m_stop;                               ///< no send at or after this
    Role m_role{ROLE_CONTAINER};               ///< the node's role
    Ptr<Socket> m_socket;                      ///< bound to DC_PORT
};

/// What one run is
struct DcConfig
{
    uint32_t racks{4};      ///< racks
    uint32_t hosts{2};      ///< hosts per rack
    uint32_t containers{4}; ///< containers per host
    std::string mode{"l2"}; ///< ipvlan mode word
    double duration{2.0};   ///< simulated seconds
    double pps{50};         ///< datagrams per second per flow
};

/**
 * Smallest number of bits that counts n values.
 * @param n values
 * @return bits
 */
uint32_t
BitsFor(uint64_t n)
{
    uint32_t b = 0;
    while ((uint64_t(1) << b) < n)
    {
        ++b;
    }
    return b;
}

/// Where the racks, hosts and containers are in 10.0.0.0/8
class AddressPlan
{
  public:
    /**
     * Lay the plan out: octets (10.(r+1).block.offset) when they fit, else packed.
     * @param c the configuration
     */
    explicit AddressPlan(const DcConfig& c)
    {
        // offsets in a block: leaf 1 and hosts 2..H+1 (block 0), containers 1..C and the
        // dark address C+1 (block h+1); none may be the block's last (the rack's broadcast)
        uint32_t cb = BitsFor(std::max(c.containers, c.hosts) + 3);
        uint32_t hb = BitsFor(c.hosts + 1);
        if (cb <= 8 && hb <= 8 && BitsFor(c.racks + 1) <= 8)
        {
            m_cb = 8;
            m_hb = 8;
            m_rackBase = 1;
        }
        else
        {
            m_cb = cb;
            m_hb = hb;
            m_rackBase = 0;
        }
        uint32_t rb = BitsFor(c.racks + m_rackBase);
        NS_ABORT_MSG_IF(m_cb + m_hb + rb > 24,
                        "--racks=" << c.racks << " --hosts=" << c.hosts
                                   << " --containers=" << c.containers << " need "
                                   << m_cb + m_hb + rb << " address bits; 10.0.0.0/8 has 24");
    }

    /**
     * @param rack the rack
     * @param block 0 (routers and hosts) or host + 1 (its containers)
     * @param offset the address within the block
     * @return the address
     */
    Ipv4Address Get(uint32_t rack, uint32_t block, uint32_t offset) const
    {
        return Ipv4Address((10u << 24) | ((rack + m_rackBase) << (m_hb + m_cb)) | (block << m_cb) |
                           offset);
    }

    /** @return the mask of a rack's prefix */
    Ipv4Mask RackMask() const
    {
        return Ipv4Mask(~((1u << (m_hb + m_cb)) - 1));
    }

    /** @return the mask of a host's block */
    Ipv4Mask BlockMask() const
    {
        return Ipv4Mask(~((1u << m_cb) - 1));
    }

  private:
    uint32_t m_cb;       ///< bits of the offset in a block
    uint32_t m_hb;       ///< bits of the block in a rack
    uint32_t m_rackBase; ///< rack r is r + this
};

/// The rank this process is
uint32_t
MyRank()
{
#ifdef NS3_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSystemId() : 0;
#else
    return 0;
#endif
}

/// The number of ranks
uint32_t
RankCount()
{
#ifdef NS3_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSize() : 1;
#else
    return 1;
#endif
}

/**
 * Give a device an IPv4 address and bring its interface up.
 * @param dev the device (its node has an IPv4 stack)
 * @param address the address
 * @param mask its mask
 * @return the interface index
 */
uint32_t
AddIpv4(Ptr<NetDevice> dev, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = dev->GetNode()->GetObject<Ipv4>();
    int32_t i = ipv4->GetInterfaceForDevice(dev);
    if (i < 0)
    {
        i = ipv4->AddInterface(dev);
    }
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, mask));
    ipv4->SetMetric(i, 1);
    ipv4->SetUp(i);
    return i;
}

/**
 * Connect a trace source, or stop: a misspelt name would leave its drops uncounted.
 * @tparam T the object's type
 * @param object the object
 * @param name the trace source
 * @param callback the sink
 */
template <typename T>
void
Connect(Ptr<T> object, const std::string& name, const CallbackBase& callback)
{
    NS_ABORT_MSG_UNLESS(object->TraceConnectWithoutContext(name, callback),
                        "no trace source " << name << " on "
                                           << object->GetInstanceTypeId().GetName());
}

/**
 * Connect a node's IPv4 and ARP drop traces.
 * @param node the node (of this rank)
 * @param role its role
 * @param tally the counts
 */
void
WatchStack(Ptr<Node> node, Role role, Tally* tally)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    Connect(ipv4, "Drop", MakeBoundCallback(&Ipv4Drop, tally, role));
    Connect(node->GetObject<TrafficControlLayer>(),
            "TcDrop",
            MakeBoundCallback(&TcDrop, tally, role));
    Connect(node->GetObject<ArpL3Protocol>(), "Drop", MakeBoundCallback(&ArpDrop, tally, role));
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<ArpCache> cache = ipv4->GetInterface(i)->GetArpCache();
        if (cache)
        {
            Connect(cache, "Drop", MakeBoundCallback(&ArpDrop, tally, role));
        }
    }
}

/**
 * Connect the MacTxDrop trace of a node's CSMA and point-to-point devices (and CSMA's
 * PhyTxDrop), and the drop traces of their root queue discs.
 * @param node the node (of this rank)
 * @param role its role (for a queue disc's drops)
 * @param tally the counts
 */
void
WatchLinks(Ptr<Node> node, Role role, Tally* tally)
{
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> dev = node->GetDevice(i);
        if (DynamicCast<CsmaNetDevice>(dev))
        {
            Connect(dev, "MacTxDrop", MakeBoundCallback(&LinkDrop, tally, SLOT_LINK_CSMA));
            // a frame given up after too many backoffs (the link was never free)
            Connect(dev, "PhyTxDrop", MakeBoundCallback(&CsmaAbort, tally));
        }
        else if (DynamicCast<PointToPointNetDevice>(dev))
        {
            Connect(dev, "MacTxDrop", MakeBoundCallback(&LinkDrop, tally, SLOT_LINK_P2P));
        }
        Ptr<QueueDisc> qdisc = tc ? tc->GetRootQueueDiscOnDevice(dev) : nullptr;
        if (qdisc)
        {
            for (const char* trace : {"DropBeforeEnqueue", "DropAfterDequeue"})
            {
                Connect(qdisc,
                        trace,
                        MakeBoundCallback(&QdiscDrop, tally, SLOT_QDISC + role, role != ROLE_HOST));
            }
        }
    }
}

/**
 * Sum a vector over the ranks onto rank 0 (no-op on one rank).
 * @param v the local values; on rank 0, the sums afterwards
 */
void
SumOnRoot(std::vector<uint64_t>& v)
{
#ifdef NS3_MPI
    if (RankCount() > 1)
    {
        std::vector<uint64_t> sum(v.size(), 0);
        MPI_Reduce(v.data(),
                   sum.data(),
                   static_cast<int>(v.size()),
                   MPI_UINT64_T,
                   MPI_SUM,
                   0,
                   MpiInterface::GetCommunicator());
        v.swap(sum);
    }
#endif
}

/**
 * The largest value of a double over the ranks, on rank 0 (no-op on one rank).
 * @param x the local value; on rank 0, the largest afterwards
 */
void
MaxOnRoot(double& x)
{
#ifdef NS3_MPI
    if (RankCount() > 1)
    {
        double m = x;
        MPI_Reduce(&x, &m, 1, MPI_DOUBLE, MPI_MAX, 0, MpiInterface::GetCommunicator());
        x = m;
    }
#endif
}

/**
 * Write the per-class .dat and its gnuplot script, and run gnuplot.
 * @param prefix PREFIX of PREFIX.dat, .plt, .png
 * @param c the configuration
 * @param ranks ranks that ran
 * @param flows flows per class
 * @param sent sent per class
 * @param delivered delivered per class
 * @param dropped dropped per class
 * @return true if gnuplot drew PREFIX.png
 */
bool
WritePlot(const std::string& prefix,
          const DcConfig& c,
          uint32_t ranks,
          const std::vector<uint64_t>& flows,
          const std::vector<uint64_t>& sent,
          const std::vector<uint64_t>& delivered,
          const std::vector<uint64_t>& dropped)
{
    std::string dat = prefix + ".dat";
    std::ofstream out(dat);
    NS_ABORT_MSG_IF(!out, "cannot write " << dat);
    out << "# ipvlan-datacenter: " << c.racks << " racks x " << c.hosts << " hosts x "
        << c.containers << " containers, ipvlan " << c.mode << ", " << ranks << " rank(s)\n"
        << "# class flows sent delivered dropped\n";
    for (uint32_t k = 0; k < CLASS_COUNT; ++k)
    {
        if (flows[k] > 0)
        {
            out << CLASS_NAMES[k] << " " << flows[k] << " " << sent[k] << " " << delivered[k] << " "
                << dropped[k] << "\n";
        }
    }
    out.close();
    std::string plt = prefix + ".plt";
    std::ofstream g(plt);
    NS_ABORT_MSG_IF(!g, "cannot write " << plt);
    g << "# gnuplot " << plt << "\n"
      << "set terminal pngcairo noenhanced size 1000,480 font 'Sans,10'\n"
      << "set output '" << prefix << ".png'\n"
      << "set title \"ipvlan " << c.mode << " data centre: " << c.racks << " racks x " << c.hosts
      << " hosts x " << c.containers << " containers, " << ranks
      << " rank(s): datagrams per flow class\"\n"
      << "set style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.8 border -1\nset boxwidth 0.9\nset grid ytics\n"
      << "set yrange [0:*]\nset offsets 0, 0, graph 0.12, 0\nset key top right\n"
      << "set ylabel 'datagrams'\n"
      << "plot '" << dat << "' using 3:xtic(1) title 'sent' lc rgb '#4477aa', "
      << "'' using 4 title 'delivered' lc rgb '#228833', "
      << "'' using 5 title 'dropped' lc rgb '#cc6677'\n";
    g.close();
    std::cout << "\nwrote " << dat << " and " << plt << "\n";
    std::string cmd = "gnuplot '" + plt + "'";
    int rc = std::system(cmd.c_str());
    std::ifstream png(prefix + ".png");
    bool drawn = rc == 0 && png.good();
    std::cout << (drawn ? "gnuplot drew " : "gnuplot did not draw ") << prefix << ".png\n";
    return drawn;
}

} // namespace

int
main(int argc, char* argv[])
{
#ifdef NS3_MPI
    // Before anything else: the distributed simulator, then MPI (MPI_Init may edit argv)
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::DistributedSimulatorImpl"));
    MpiInterface::Enable(&argc, &argv);
    if (MpiInterface::GetSize() == 1)
    {
        // One rank: no link crosses ranks, and the distributed simulator would
        // synchronise after every event (lookahead 0); the default one runs instead
        GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::DefaultSimulatorImpl"));
    }
#endif
    const uint32_t rank = MyRank();
    const uint32_t ranks = RankCount();

    DcConfig cfg;
    uint32_t ranksFlag = 0;
    std::string plot;
    bool quiet = false;
    CommandLine cmd(__FILE__);
    cmd.Usage("A leaf-spine data centre of ipvlan containers, distributed over MPI ranks "
              "(rack r on rank r % ranks).");
    cmd.AddValue("racks", "racks (one ToR switch and one leaf router each)", cfg.racks);
    cmd.AddValue("hosts", "hosts per rack", cfg.hosts);
    cmd.AddValue("containers", "ipvlan containers per host", cfg.containers);
    cmd.AddValue("mode", "ipvlan mode word: l2, l3 or l3s", cfg.mode);
    cmd.AddValue("duration", "simulated seconds (flows stop 0.1 s before the end)", cfg.duration);
    cmd.AddValue("pps", "datagrams per second of every flow", cfg.pps);
    cmd.AddValue("ranks",
                 "expected number of MPI ranks (0: any); the ranks are mpirun's -np",
                 ranksFlag);
    cmd.AddValue("plot", "write PREFIX.dat, PREFIX.plt and (gnuplot) PREFIX.png", plot);
    cmd.AddValue("quiet", "leave out the per-flow lines", quiet);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(ranksFlag != 0 && ranksFlag != ranks,
                    "--ranks=" << ranksFlag << " but MPI runs " << ranks
                               << " rank(s) (the ranks are mpirun's -np)"
#ifndef NS3_MPI
                               << " (this build has no MPI: ns-3's mpi module was not found)"
#endif
    );
    NS_ABORT_MSG_IF(cfg.racks < 1 || cfg.racks > 4096,
                    "--racks=" << cfg.racks << " is out of range; allowed: 1..4096");
    NS_ABORT_MSG_IF(cfg.hosts < 1 || cfg.hosts > 250,
                    "--hosts=" << cfg.hosts << " is out of range; allowed: 1..250");
    NS_ABORT_MSG_IF(cfg.containers < 1,
                    "--containers=" << cfg.containers << " is out of range; at least 1");
    NS_ABORT_MSG_IF(cfg.mode != "l2" && cfg.mode != "l3" && cfg.mode != "l3s",
                    "--mode=" << cfg.mode << " is not one of l2, l3, l3s");
    NS_ABORT_MSG_IF(cfg.duration < 0.3,
                    "--duration=" << cfg.duration << " is too short; at least 0.3 s");
    NS_ABORT_MSG_IF(cfg.pps <= 0 || cfg.pps > 100000,
                    "--pps=" << cfg.pps << " is out of range; allowed: (0, 100000]");
    const AddressPlan plan(cfg);
    const bool l2 = cfg.mode == "l2";
    const uint32_t R = cfg.racks;
    const uint32_t H = cfg.hosts;
    const uint32_t C = cfg.containers;
    auto t0 = std::chrono::steady_clock::now();

    // ARP as Linux does it: the request goes at once (ns-3 waits up to 10 ms by default, and
    // a leaf router then holds every packet for a host that long), and many packets may wait
    // for one answer (Linux: unres_qlen_bytes)
    Config::SetDefault("ns3::ArpL3Protocol::RequestJitter",
                       StringValue("ns3::ConstantRandomVariable[Constant=0.0]"));
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(1000));

    // --- nodes: rack r on rank r % ranks, the spine and the internet host on rank 0 ----------
    auto rankOf = [ranks](uint32_t rack) { return rack % ranks; };
    Ptr<Node> spine = CreateObject<Node>(0);
    Ptr<Node> internet = CreateObject<Node>(0);
    std::vector<Ptr<Node>> leaf(R);
    std::vector<Ptr<Node>> tor(R);
    std::vector<std::vector<Ptr<Node>>> host(R, std::vector<Ptr<Node>>(H));
    std::vector<std::vector<NodeContainer>> ctr(R, std::vector<NodeContainer>(H));
    for (uint32_t r = 0; r < R; ++r)
    {
        leaf[r] = CreateObject<Node>(rankOf(r));
        tor[r] = CreateObject<Node>(rankOf(r));
        for (uint32_t h = 0; h < H; ++h)
        {
            host[r][h] = CreateObject<Node>(rankOf(r));
            ctr[r][h].Create(C, rankOf(r));
        }
    }

    // --- links ---------------------------------------------------------------------------------
    PointToPointHelper fabric;
    fabric.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
    fabric.SetChannelAttribute("Delay", TimeValue(FABRIC_DELAY));
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
    wan.SetChannelAttribute("Delay", TimeValue(INTERNET_DELAY));
    CsmaHelper uplink;
    uplink.SetChannelAttribute("DataRate", StringValue("100Gbps"));
    uplink.SetChannelAttribute("Delay", TimeValue(LAN_DELAY));
    CsmaHelper access;
    access.SetChannelAttribute("DataRate", StringValue("25Gbps"));
    access.SetChannelAttribute("Delay", TimeValue(LAN_DELAY));

    NetDeviceContainer wanDevs = wan.Install(spine, internet);
    std::vector<NetDeviceContainer> fabricDevs(R);
    std::vector<Ptr<NetDevice>> leafLan(R);
    std::vector<std::vector<Ptr<NetDevice>>> eth0(R, std::vector<Ptr<NetDevice>>(H));
    std::vector<Ptr<EthernetSwitchNetDevice>> sw(R);
    EthernetSwitchHelper swHelper;
    swHelper.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(true));
    swHelper.SetDeviceAttribute("MaxMacAddresses", UintegerValue(1));
    swHelper.SetDeviceAttribute("ViolationMode", StringValue("shutdown"));
    for (uint32_t r = 0; r < R; ++r)
    {
        fabricDevs[r] = fabric.Install(spine, leaf[r]);
        NetDeviceContainer torPorts;
        NetDeviceContainer up = uplink.Install(NodeContainer(leaf[r], tor[r]));
        leafLan[r] = up.Get(0);
        torPorts.Add(up.Get(1)); // port 0: the leaf router
        for (uint32_t h = 0; h < H; ++h)
        {
            NetDeviceContainer link = access.Install(NodeContainer(host[r][h], tor[r]));
            eth0[r][h] = link.Get(0);
            torPorts.Add(link.Get(1)); // port 1 + h: host h
        }
        sw[r] = swHelper.Install(tor[r], torPorts);
    }

    // --- IPv4 stacks (no IPv6: nothing here uses it) and ipvlan --------------------------------
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(spine);
    stack.Install(internet);
    for (uint32_t r = 0; r < R; ++r)
    {
        stack.Install(leaf[r]);
        for (uint32_t h = 0; h < H; ++h)
        {
            stack.Install(host[r][h]);
            stack.Install(ctr[r][h]);
            // a host does not forward (ip_forward=0): ipvlan l3 egress is its own output
            host[r][h]->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
        }
    }
    IpvlanHelper ipvlan;
    ipvlan.SetMode(cfg.mode);
    std::vector<std::vector<NetDeviceContainer>> slaves(R, std::vector<NetDeviceContainer>(H));
    std::vector<std::vector<Ptr<NetDevice>>> hostIf(R, std::vector<Ptr<NetDevice>>(H));
    for (uint32_t r = 0; r < R; ++r)
    {
        for (uint32_t h = 0; h < H; ++h)
        {
            slaves[r][h] = ipvlan.Install(eth0[r][h], ctr[r][h]);
            hostIf[r][h] = ipvlan.InstallHost(eth0[r][h]).Get(0);
        }
    }

    // Linux's default root queue disc on every NIC (pfifo_fast, 1000 packets; what
    // Ipv4AddressHelper would install); a master's is shared by its host and containers
    NetDeviceContainer nics(wanDevs);
    for (uint32_t r = 0; r < R; ++r)
    {
        nics.Add(fabricDevs[r]);
        nics.Add(leafLan[r]);
        for (uint32_t h = 0; h < H; ++h)
        {
            nics.Add(eth0[r][h]);
        }
    }
    TrafficControlHelper::Default().Install(nics);

    // --- addresses and static routes ---------------------------------------------------------
    Ipv4StaticRoutingHelper routing;
    auto staticOf = [&routing](Ptr<Node> n) {
        return routing.GetStaticRouting(n->GetObject<Ipv4>());
    };
    const Ipv4Mask p2pMask("255.255.255.252");
    AddIpv4(wanDevs.Get(0), Ipv4Address("203.0.113.1"), p2pMask);
    uint32_t internetIf = AddIpv4(wanDevs.Get(1), Ipv4Address("203.0.113.2"), p2pMask);
    staticOf(internet)->SetDefaultRoute(Ipv4Address("203.0.113.1"), internetIf);
    const Ipv4Address internetAddr("203.0.113.2");
    const Ipv4Mask rackMask = plan.RackMask();
    const Ipv4Mask blockMask = plan.BlockMask();
    // container (r,h,c) is ctrAddr[(r * H + h) * C + c]
    std::vector<Ipv4Address> ctrAddr(size_t(R) * H * C);
    for (uint32_t r = 0; r < R; ++r)
    {
        // spine-leaf: 172.16.0.0/16 in /30s, spine .1, leaf .2
        uint32_t net = (172u << 24) | (16u << 16) | (4 * r);
        uint32_t spineIf = AddIpv4(fabricDevs[r].Get(0), Ipv4Address(net + 1), p2pMask);
        uint32_t leafUp = AddIpv4(fabricDevs[r].Get(1), Ipv4Address(net + 2), p2pMask);
        staticOf(spine)->AddNetworkRouteTo(plan.Get(r, 0, 0),
                                           rackMask,
                                           Ipv4Address(net + 2),
                                           spineIf);
        staticOf(leaf[r])->SetDefaultRoute(Ipv4Address(net + 1), leafUp);
        const Ipv4Address leafAddr = plan.Get(r, 0, 1);
        uint32_t leafIf = AddIpv4(leafLan[r], leafAddr, rackMask);
        for (uint32_t h = 0; h < H; ++h)
        {
            uint32_t hIf = AddIpv4(hostIf[r][h], plan.Get(r, 0, 2 + h), rackMask);
            staticOf(host[r][h])->SetDefaultRoute(leafAddr, hIf);
            staticOf(leaf[r])->AddNetworkRouteTo(plan.Get(r, h + 1, 0),
                                                 blockMask,
                                                 plan.Get(r, 0, 2 + h),
                                                 leafIf);
            for (uint32_t g = 0; g < H && !l2; ++g)
            {
                if (g != h)
                {
                    staticOf(host[r][h])
                        ->AddNetworkRouteTo(plan.Get(r, g + 1, 0),
                                            blockMask,
                                            plan.Get(r, 0, 2 + g),
                                            hIf);
                }
            }
            for (uint32_t c = 0; c < C; ++c)
            {
                Ipv4Address a = plan.Get(r, h + 1, 1 + c);
                ctrAddr[(size_t(r) * H + h) * C + c] = a;
                uint32_t i = AddIpv4(slaves[r][h].Get(c), a, rackMask);
                staticOf(ctr[r][h].Get(c))->SetDefaultRoute(leafAddr, i);
            }
        }
    }

    // --- flows -----------------------------------------------------------------------------------
    // endpoints: the containers (index (r * H + h) * C + c), then the internet host
    const uint32_t internetEp = R * H * C;
    auto ctrName = [](uint32_t r, uint32_t h, uint32_t c) {
        std::ostringstream os;
        os << "r" << r << "h" << h << "c" << c;
        return os.str();
    };
    auto ep = [H, C](uint32_t r, uint32_t h, uint32_t c) { return (r * H + h) * C + c; };
    std::vector<Flow> flows;
    auto add =
        [&flows](FlowClass k, uint32_t src, Ipv4Address dst, std::string from, std::string to) {
            flows.push_back({k, src, dst, std::move(from), std::move(to), Time()});
        };
    for (uint32_t r = 0; r < R; ++r)
    {
        for (uint32_t h = 0; h < H; ++h)
        {
            for (uint32_t c = 0; c < C; ++c)
            {
                uint32_t me = ep(r, h, c);
                std::string name = ctrName(r, h, c);
                if (R > 1)
                {
                    uint32_t q = (r + 1) % R;
                    add(CROSS_RACK, me, ctrAddr[ep(q, h, c)], name, ctrName(q, h, c));
                }
                if (H > 1)
                {
                    uint32_t g = (h + 1) % H;
                    add(CROSS_HOST, me, ctrAddr[ep(r, g, c)], name, ctrName(r, g, c));
                }
                if (C > 1)
                {
                    uint32_t d = (c + 1) % C;
                    add(SAME_HOST, me, ctrAddr[ep(r, h, d)], name, ctrName(r, h, d));
                }
                add(TO_INTERNET, me, internetAddr, name, "internet");
                add(FROM_INTERNET, internetEp, ctrAddr[me], "internet", name);
            }
            std::ostringstream dark;
            dark << "r" << r << "h" << h << "-dark";
            add(UNDELIVERABLE, internetEp, plan.Get(r, h + 1, C + 1), "internet", dark.str());
        }
    }
    const Time interval = Seconds(1.0 / cfg.pps);
    const Time stop = Seconds(cfg.duration) - DRAIN;
    std::vector<std::vector<uint32_t>> sends(internetEp + 1);
    for (uint32_t id = 0; id < flows.size(); ++id)
    {
        // spread evenly over one period, so that no two flows start together
        flows[id].start = FLOW_START + TimeStep(interval.GetTimeStep() * id / flows.size());
        sends[flows[id].src].push_back(id);
    }

    // --- applications and traces: only on this rank's nodes ------------------------------------
    Tally tally(flows.size());
    std::vector<std::pair<Ptr<Node>, Role>> watched; // what CountWaiting looks at, after the run
    auto install = [&](Ptr<Node> node, uint32_t endpoint, Role role) {
        Ptr<FlowEndpoint> app = CreateObject<FlowEndpoint>();
        app->Setup(&tally, &flows, sends[endpoint], interval, stop, role);
        node->AddApplication(app);
        app->SetStartTime(Seconds(0));
        app->SetStopTime(Seconds(cfg.duration));
    };
    if (rank == 0)
    {
        install(internet, internetEp, ROLE_INTERNET);
        WatchStack(internet, ROLE_INTERNET, &tally);
        WatchStack(spine, ROLE_SPINE, &tally);
        WatchLinks(internet, ROLE_INTERNET, &tally);
        WatchLinks(spine, ROLE_SPINE, &tally);
        watched.emplace_back(internet, ROLE_INTERNET);
        watched.emplace_back(spine, ROLE_SPINE);
    }
    uint32_t myRacks = 0;
    for (uint32_t r = 0; r < R; ++r)
    {
        if (leaf[r]->GetSystemId() != rank)
        {
            continue;
        }
        ++myRacks;
        WatchStack(leaf[r], ROLE_LEAF, &tally);
        WatchLinks(leaf[r], ROLE_LEAF, &tally);
        WatchLinks(tor[r], ROLE_LEAF, &tally); // no queue discs: no IP stack
        Connect(sw[r], "Drop", MakeBoundCallback(&TorDrop, &tally));
        watched.emplace_back(leaf[r], ROLE_LEAF);
        watched.emplace_back(tor[r], ROLE_LEAF);
        for (uint32_t h = 0; h < H; ++h)
        {
            WatchStack(host[r][h], ROLE_HOST, &tally);
            WatchLinks(host[r][h], ROLE_HOST, &tally);
            Connect(IpvlanPort::Find(eth0[r][h]), "Drop", MakeBoundCallback(&PortDrop, &tally));
            watched.emplace_back(host[r][h], ROLE_HOST);
            for (uint32_t c = 0; c < C; ++c)
            {
                Ptr<Node> n = ctr[r][h].Get(c);
                NS_ASSERT(n->GetSystemId() == rank);
                install(n, ep(r, h, c), ROLE_CONTAINER);
                WatchStack(n, ROLE_CONTAINER, &tally);
                watched.emplace_back(n, ROLE_CONTAINER);
            }
        }
    }

    // --- run -------------------------------------------------------------------------------------
    Simulator::Stop(Seconds(cfg.duration));
    auto t1 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t2 = std::chrono::steady_clock::now();
    double setupS = std::chrono::duration<double>(t1 - t0).count();
    double wallS = std::chrono::duration<double>(t2 - t1).count();

    // What still waited on this rank's nodes when the run stopped is lost to its flows
    for (const auto& [node, role] : watched)
    {
        CountWaiting(node, role, &tally);
    }

    // What the ToRs of this rank saw: each port's secure MACs must be exactly its neighbour's
    // (the host's master, or the leaf router's), and the forwarding table no other MAC
    uint64_t violations = 0;
    uint64_t errDisabled = 0;
    uint64_t otherMacPorts = 0; // ports whose secure MACs are not exactly the neighbour's
    uint64_t fdbExtra = 0;      // learnt MACs beyond the masters' and the leaves'
    uint64_t portsChecked = 0;
    for (uint32_t r = 0; r < R; ++r)
    {
        if (tor[r]->GetSystemId() != rank)
        {
            continue;
        }
        for (uint32_t p = 0; p < sw[r]->GetNSwitchPorts(); ++p)
        {
            EthernetSwitchPortStatus st = sw[r]->GetPortStatus(p);
            violations += st.violations;
            errDisabled += st.state != SWITCH_PORT_UP ? 1 : 0;
            Mac48Address expected = Mac48Address::ConvertFrom(
                p == 0 ? leafLan[r]->GetAddress() : eth0[r][p - 1]->GetAddress());
            std::vector<SecureMacEntry> macs = sw[r]->GetSecureMacs(p);
            otherMacPorts += macs.size() != 1 || macs[0].mac != expected ? 1 : 0;
            portsChecked++;
        }
        fdbExtra += sw[r]->GetFdbSize() > H + 1 ? sw[r]->GetFdbSize() - (H + 1) : 0;
    }

    // --- combine the ranks' counts on rank 0 ----------------------------------------------------
    const size_t F = flows.size();
    std::vector<uint64_t> all;
    all.reserve(3 * F + SLOTS + 8);
    all.insert(all.end(), tally.sent.begin(), tally.sent.end());
    all.insert(all.end(), tally.delivered.begin(), tally.delivered.end());
    all.insert(all.end(), tally.dropped.begin(), tally.dropped.end());
    all.insert(all.end(), tally.reasons.begin(), tally.reasons.end());
    all.push_back(tally.stray);
    all.push_back(Simulator::GetEventCount());
    all.push_back(violations);
    all.push_back(errDisabled);
    all.push_back(otherMacPorts);
    all.push_back(fdbExtra);
    all.push_back(portsChecked);
    all.push_back(myRacks);
    SumOnRoot(all);
    MaxOnRoot(wallS);
    MaxOnRoot(setupS);
    Simulator::Destroy();

    int status = 0;
    if (rank == 0)
    {
        auto at = [&all](size_t i) { return all[i]; };
        const size_t X = 3 * F + SLOTS; // the extras
        const uint64_t stray = at(X);
        const uint64_t events = at(X + 1);
        violations = at(X + 2);
        errDisabled = at(X + 3);
        otherMacPorts = at(X + 4);
        fdbExtra = at(X + 5);
        portsChecked = at(X + 6);
        const uint64_t racksRun = at(X + 7);

        std::vector<uint64_t> nFlows(CLASS_COUNT, 0);
        std::vector<uint64_t> cSent(CLASS_COUNT, 0);
        std::vector<uint64_t> cDelivered(CLASS_COUNT, 0);
        std::vector<uint64_t> cDropped(CLASS_COUNT, 0);
        uint64_t sent = 0;
        uint64_t delivered = 0;
        uint64_t dropped = 0;
        for (size_t id = 0; id < F; ++id)
        {
            FlowClass k = flows[id].cls;
            nFlows[k]++;
            cSent[k] += at(id);
            cDelivered[k] += at(F + id);
            cDropped[k] += at(2 * F + id);
        }
        for (uint32_t k = 0; k < CLASS_COUNT; ++k)
        {
            sent += cSent[k];
            delivered += cDelivered[k];
            dropped += cDropped[k];
        }
        uint64_t reasonTotal = 0;
        for (size_t s = 0; s < SLOTS; ++s)
        {
            reasonTotal += at(3 * F + s);
        }

        std::cout << "ipvlan-datacenter: " << R << " racks x " << H << " hosts x " << C
                  << " containers = " << R * H * C << " containers (ipvlan " << cfg.mode
                  << "), 1 spine, 1 internet host; " << ranks << " rank(s)"
#ifdef NS3_MPI
                  << " (MPI)"
#else
                  << " (built without MPI)"
#endif
                  << ", " << cfg.duration << " s, " << cfg.pps << " datagrams/s per flow\n\n";
        std::cout << std::left << std::setw(16) << "class" << std::right << std::setw(8) << "flows"
                  << std::setw(12) << "sent" << std::setw(12) << "delivered" << std::setw(12)
                  << "dropped"
                  << "\n";
        for (uint32_t k = 0; k < CLASS_COUNT; ++k)
        {
            std::cout << std::left << std::setw(16) << CLASS_NAMES[k] << std::right << std::setw(8)
                      << nFlows[k] << std::setw(12) << cSent[k] << std::setw(12) << cDelivered[k]
                      << std::setw(12) << cDropped[k] << "\n";
        }
        std::cout << std::left << std::setw(16) << "total" << std::right << std::setw(8) << F
                  << std::setw(12) << sent << std::setw(12) << delivered << std::setw(12) << dropped
                  << "\n\n";
        std::cout << std::left << std::setw(28) << "containers" << R * H * C << "\n"
                  << std::setw(28) << "flows" << F << "\n"
                  << std::setw(28) << "delivered" << delivered << "\n"
                  << std::setw(28) << "drops, every reason" << reasonTotal << "\n";
        for (size_t s = 0; s < SLOTS; ++s)
        {
            if (at(3 * F + s) > 0)
            {
                // a long name still gets a space before its count
                std::cout << std::setw(27) << ("  " + SlotName(s)) << " " << at(3 * F + s) << "\n";
            }
        }
        std::cout << std::setw(28) << "setup time (s)" << std::fixed << std::setprecision(3)
                  << setupS << "\n"
                  << std::setw(28) << "run time (wall, s)" << wallS << "\n"
                  << std::setw(28) << "events" << events << "\n"
                  << std::setw(28) << "ToR ports checked" << portsChecked << std::right << "\n";
        std::cout.unsetf(std::ios::floatfield);

        if (!quiet)
        {
            std::cout << "\n";
            for (size_t id = 0; id < F; ++id)
            {
                std::cout << "flow " << id << " " << flows[id].from << " -> " << flows[id].to
                          << " sent " << at(id) << " delivered " << at(F + id) << "\n";
            }
        }
        std::cout << "\n";
        for (size_t s = 0; s < SLOTS; ++s)
        {
            if (at(3 * F + s) > 0)
            {
                std::cout << "drops " << SlotName(s) << " " << at(3 * F + s) << "\n";
            }
        }

        ExampleChecks checks;
        bool plotted = true;
        if (!plot.empty())
        {
            plotted = WritePlot(plot, cfg, ranks, nFlows, cSent, cDelivered, cDropped);
        }

        std::ostringstream eps;
        eps << std::fixed << std::setprecision(0) << (wallS > 0 ? events / wallS : 0.0);
        std::cout << "\nsummary: ranks=" << ranks << " racks=" << R << " containers=" << R * H * C
                  << " flows=" << F << " sent=" << sent << " delivered=" << delivered
                  << " dropped=" << dropped << " events=" << events << " wall_s=" << std::fixed
                  << std::setprecision(3) << wallS << " events_per_s=" << eps.str() << "\n";
        std::cout.unsetf(std::ios::floatfield);

        // --- the claims ---------------------------------------------------------------------
        uint64_t shortFlows = 0;
        uint64_t idle = 0;
        std::string firstShort;
        for (size_t id = 0; id < F; ++id)
        {
            if (flows[id].cls == UNDELIVERABLE)
            {
                continue;
            }
            idle += at(id) == 0 ? 1 : 0;
            if (at(F + id) != at(id))
            {
                if (shortFlows++ == 0)
                {
                    std::ostringstream os;
                    os << "flow " << id << " " << flows[id].from << " -> " << flows[id].to
                       << " sent " << at(id) << " delivered " << at(F + id);
                    firstShort = os.str();
                }
            }
        }
        checks.Check("every rack ran on some rank",
                     racksRun == R,
                     std::to_string(racksRun) + " of " + std::to_string(R) + " racks");
        checks.Check("every east-west and north-south flow sent, and delivered all it sent",
                     shortFlows == 0 && idle == 0,
                     std::to_string(shortFlows) + " flows short (first: " + firstShort + "), " +
                         std::to_string(idle) + " sent nothing");
        const size_t expectedSlot =
            SLOT_IPV4 + ROLE_HOST * IPV4_REASONS + Ipv4L3Protocol::DROP_ROUTE_ERROR;
        const uint64_t darkSent = cSent[UNDELIVERABLE];
        checks.Check("the undeliverable class (to addresses no slave holds) is all dropped, by "
                     "the hosts' stacks (" +
                         SlotName(expectedSlot) + ")",
                     darkSent > 0 && cDelivered[UNDELIVERABLE] == 0 &&
                         cDropped[UNDELIVERABLE] == darkSent &&
                         at(3 * F + expectedSlot) == darkSent,
                     "sent " + std::to_string(darkSent) + ", delivered " +
                         std::to_string(cDelivered[UNDELIVERABLE]) + ", dropped " +
                         std::to_string(cDropped[UNDELIVERABLE]) + ", of which " +
                         SlotName(expectedSlot) + " " + std::to_string(at(3 * F + expectedSlot)));
        checks.Check("nothing else was dropped anywhere (every drop trace counted only the "
                     "undeliverable class)",
                     reasonTotal == darkSent && stray == 0,
                     "drops of every reason " + std::to_string(reasonTotal) +
                         ", undeliverable sent " + std::to_string(darkSent) + ", stray datagrams " +
                         std::to_string(stray));
        checks.Check("the ToRs saw only the masters' MACs: each port's one secure MAC is its "
                     "host's master (or the leaf's), nothing else learnt, no violation, no "
                     "port err-disabled",
                     portsChecked == uint64_t(R) * (H + 1) && violations == 0 && errDisabled == 0 &&
                         otherMacPorts == 0 && fdbExtra == 0,
                     std::to_string(portsChecked) + " ports, " + std::to_string(violations) +
                         " violations, " + std::to_string(errDisabled) + " err-disabled, " +
                         std::to_string(otherMacPorts) + " ports with other secure MACs, " +
                         std::to_string(fdbExtra) + " other MACs learnt");
        checks.Check("delivered + dropped = sent",
                     delivered + dropped == sent,
                     std::to_string(delivered) + " + " + std::to_string(dropped) +
                         " != " + std::to_string(sent));
        if (!plot.empty())
        {
            checks.Check("gnuplot drew " + plot + ".png", plotted, "gnuplot failed");
        }
        status = checks.Report();
    }
#ifdef NS3_MPI
    if (ranks > 1)
    {
        // every rank exits with rank 0's verdict
        MPI_Bcast(&status, 1, MPI_INT, 0, MpiInterface::GetCommunicator());
    }
    MpiInterface::Disable();
#endif
    return status;
}
