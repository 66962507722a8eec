/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-netfilter.h"

#include "../common/ipvlan-compat.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanNetfilter");

NS_OBJECT_ENSURE_REGISTERED(IpvlanNetfilter);

namespace
{
/// TCP flag bits
constexpr uint8_t TCP_FIN = 0x01;
constexpr uint8_t TCP_SYN = 0x02;

/// Full attribute name, for messages
std::string
Attr(const std::string& name)
{
    return "ns3::IpvlanNetfilter::" + name;
}

/// A conntrack timeout attribute: a positive time
Ptr<const AttributeChecker>
TimeoutChecker(const std::string& name)
{
    return MakeIpvlanTimeChecker(Attr(name),
                                 true,
                                 "a flow with a zero timeout would be forgotten at once");
}
} // namespace

std::ostream&
operator<<(std::ostream& os, IpvlanCtTimeoutClass c)
{
    switch (c)
    {
    case IPVLAN_CT_UDP_UNREPLIED:
        return os << "udp";
    case IPVLAN_CT_UDP_STREAM:
        return os << "udp-stream";
    case IPVLAN_CT_ICMP:
        return os << "icmp";
    case IPVLAN_CT_GENERIC:
        return os << "generic";
    case IPVLAN_CT_TCP_SYN_SENT:
        return os << "syn-sent";
    case IPVLAN_CT_TCP_SYN_RECV:
        return os << "syn-recv";
    case IPVLAN_CT_TCP_ESTABLISHED:
        return os << "established";
    case IPVLAN_CT_TCP_FIN_WAIT:
        return os << "fin-wait";
    case IPVLAN_CT_TCP_CLOSE_WAIT:
        return os << "close-wait";
    case IPVLAN_CT_TCP_LAST_ACK:
        return os << "last-ack";
    case IPVLAN_CT_TCP_TIME_WAIT:
        return os << "time-wait";
    case IPVLAN_CT_TCP_CLOSE:
        return os << "close";
    case IPVLAN_CT_TIMEOUT_CLASSES:
        break;
    }
    return os << "unknown(" << static_cast<int>(c) << ")";
}

TypeId
IpvlanNetfilter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvlanNetfilter")
            .SetParent<Object>()
            .SetGroupName("Ipvlan")
            .AddConstructor<IpvlanNetfilter>()
            .AddAttribute("UdpTimeout",
                          "A UDP flow not answered yet lives this long after its last packet "
                          "(nf_conntrack_udp_timeout, 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_udpTimeout),
                          TimeoutChecker("UdpTimeout"))
            .AddAttribute("UdpStreamTimeout",
                          "A UDP flow that has been answered (assured) lives this long after "
                          "its last packet (nf_conntrack_udp_timeout_stream, 120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_udpStreamTimeout),
                          TimeoutChecker("UdpStreamTimeout"))
            .AddAttribute("IcmpTimeout",
                          "An ICMP or ICMPv6 echo flow lives this long after its last packet "
                          "(nf_conntrack_icmp_timeout, nf_conntrack_icmpv6_timeout, 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_icmpTimeout),
                          TimeoutChecker("IcmpTimeout"))
            .AddAttribute("GenericTimeout",
                          "A flow of any other protocol lives this long after its last packet "
                          "(nf_conntrack_generic_timeout, 600 s).",
                          TimeValue(Seconds(600)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_genericTimeout),
                          TimeoutChecker("GenericTimeout"))
            .AddAttribute("TcpSynSentTimeout",
                          "TCP flow with only the SYN seen (nf_conntrack_tcp_timeout_syn_sent, "
                          "120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpSynSentTimeout),
                          TimeoutChecker("TcpSynSentTimeout"))
            .AddAttribute("TcpSynRecvTimeout",
                          "TCP flow with the SYN+ACK seen (nf_conntrack_tcp_timeout_syn_recv, "
                          "60 s).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpSynRecvTimeout),
                          TimeoutChecker("TcpSynRecvTimeout"))
            .AddAttribute("TcpEstablishedTimeout",
                          "Established TCP flow (nf_conntrack_tcp_timeout_established, "
                          "432000 s: five days).",
                          TimeValue(Seconds(432000)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpEstablishedTimeout),
                          TimeoutChecker("TcpEstablishedTimeout"))
            .AddAttribute("TcpFinWaitTimeout",
                          "TCP flow with a FIN seen one way (nf_conntrack_tcp_timeout_fin_wait, "
                          "120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpFinWaitTimeout),
                          TimeoutChecker("TcpFinWaitTimeout"))
            .AddAttribute("TcpCloseWaitTimeout",
                          "TCP flow whose first FIN was acknowledged "
                          "(nf_conntrack_tcp_timeout_close_wait, 60 s).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpCloseWaitTimeout),
                          TimeoutChecker("TcpCloseWaitTimeout"))
            .AddAttribute("TcpLastAckTimeout",
                          "TCP flow with a FIN seen both ways "
                          "(nf_conntrack_tcp_timeout_last_ack, 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpLastAckTimeout),
                          TimeoutChecker("TcpLastAckTimeout"))
            .AddAttribute("TcpTimeWaitTimeout",
                          "TCP flow whose last FIN was acknowledged "
                          "(nf_conntrack_tcp_timeout_time_wait, 120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpTimeWaitTimeout),
                          TimeoutChecker("TcpTimeWaitTimeout"))
            .AddAttribute("TcpCloseTimeout",
                          "TCP flow reset (nf_conntrack_tcp_timeout_close, 10 s).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_tcpCloseTimeout),
                          TimeoutChecker("TcpCloseTimeout"))
            .AddAttribute(
                "MaxEntries",
                "Flows the table holds (nf_conntrack_max). The kernel sizes it from "
                "memory; 65536 is its value on a small machine. A new flow that "
                "finds the table full evicts a non-assured flow (EarlyDrop) or is "
                "refused (drop reason conntrack-full).",
                UintegerValue(65536),
                MakeUintegerAccessor(&IpvlanNetfilter::m_maxEntries),
                MakeIpvlanUintegerChecker<uint32_t>(Attr("MaxEntries"),
                                                    1,
                                                    UINT32_MAX,
                                                    "a table of 0 flows would refuse every flow"))
            .AddAttribute("EarlyDrop",
                          "When the table is full, evict the non-assured flow closest to "
                          "expiry to make room for a new one (the kernel's early_drop).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpvlanNetfilter::m_earlyDrop),
                          MakeIpvlanBooleanChecker(Attr("EarlyDrop")))
            .AddAttribute("GcBatch",
                          "Expired flows checked per packet (the amortised garbage "
                          "collection, the model's gc_worker): each packet purges at most "
                          "this many, oldest first.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&IpvlanNetfilter::m_gcBatch),
                          MakeIpvlanUintegerChecker<uint32_t>(
                              Attr("GcBatch"),
                              1,
                              1024,
                              "at least one, so the table drains faster than it fills; "
                              "bounded, so no packet pays for a large purge"))
            .AddAttribute(
                "Conntrack",
                "When the connection tracker runs. \"on-demand\" (the default): from the "
                "first hook or stateful policy on, as nf_conntrack is loaded by the first "
                "rule that needs it and stays loaded; before that, packets pass untracked "
                "and uncounted in the table. \"always\": every packet from the start, as "
                "on a host where something (a container runtime's NAT rules) loaded it "
                "already.",
                EnumValue(IpvlanNetfilter::CONNTRACK_ON_DEMAND),
                MakeIpvlanEnumAccessor<IpvlanNetfilter::ConntrackLoad>(
                    &IpvlanNetfilter::m_conntrackLoad),
                MakeIpvlanEnumChecker(Attr("Conntrack"),
                                      IpvlanNetfilter::CONNTRACK_ON_DEMAND,
                                      "on-demand",
                                      IpvlanNetfilter::CONNTRACK_ALWAYS,
                                      "always"))
            .AddTraceSource("Verdict",
                            "A slave packet went through a hook point, with the verdict.",
                            MakeTraceSourceAccessor(&IpvlanNetfilter::m_verdictTrace),
                            "ns3::IpvlanNetfilter::VerdictTracedCallback")
            .AddTraceSource("Drop",
                            "A slave packet was dropped, with the reason (netfilter: a hook or "
                            "the policy; conntrack-full: the table was full).",
                            MakeTraceSourceAccessor(&IpvlanNetfilter::m_dropTrace),
                            "ns3::IpvlanNetfilter::DropTracedCallback")
            .AddTraceSource("Conntrack",
                            "The connection table changed: a flow was inserted, expired or "
                            "evicted, or a new flow was refused; with the flows left.",
                            MakeTraceSourceAccessor(&IpvlanNetfilter::m_conntrackTrace),
                            "ns3::IpvlanNetfilter::ConntrackTracedCallback");
    return tid;
}

IpvlanNetfilter::IpvlanNetfilter()
{
    NS_LOG_FUNCTION(this);
}

IpvlanNetfilter::~IpvlanNetfilter()
{
    NS_LOG_FUNCTION(this);
}

void
IpvlanNetfilter::DoDispose()
{
    ClearHooks();
    m_table.clear();
    for (auto& perClass : m_lists)
    {
        perClass[0].clear();
        perClass[1].clear();
    }
    Object::DoDispose();
}

Ptr<IpvlanNetfilter>
IpvlanNetfilter::GetOrCreate(Ptr<Node> host)
{
    Ptr<IpvlanNetfilter> nf = host->GetObject<IpvlanNetfilter>();
    if (!nf)
    {
        nf = CreateObject<IpvlanNetfilter>();
        host->AggregateObject(nf);
    }
    return nf;
}

void
IpvlanNetfilter::AddHook(IpvlanHookPoint point, Hook hook)
{
    IpvlanCheckEnumInteger("IpvlanNetfilter::AddHook: hook point",
                           point,
                           {IPVLAN_HOOK_INPUT, IPVLAN_HOOK_OUTPUT},
                           "input (0), output (1)");
    m_hooks[point].push_back(hook);
    m_tracking = true; // the rule's match may look at the flow's state
}

void
IpvlanNetfilter::AcceptEstablishedOnly(IpvlanHookPoint point)
{
    IpvlanCheckEnumInteger("IpvlanNetfilter::AcceptEstablishedOnly: hook point",
                           point,
                           {IPVLAN_HOOK_INPUT, IPVLAN_HOOK_OUTPUT},
                           "input (0), output (1)");
    m_establishedOnly[point] = true;
    m_tracking = true;
}

bool
IpvlanNetfilter::IsTracking() const
{
    return m_tracking || m_conntrackLoad == CONNTRACK_ALWAYS;
}

void
IpvlanNetfilter::ClearHooks()
{
    for (int i = 0; i < 2; ++i)
    {
        m_hooks[i].clear();
        m_establishedOnly[i] = false;
    }
}

bool
IpvlanNetfilter::Parse(Ptr<const Packet> packet, uint16_t protocol, IpvlanPacketInfo& info)
{
    uint8_t b[80];
    uint32_t n = packet->CopyData(b, sizeof(b));
    uint32_t l4 = 0;
    if (protocol == Ipv4L3Protocol::PROT_NUMBER && n >= 20 && (b[0] >> 4) == 4)
    {
        info.isV6 = false;
        info.protocol = b[9];
        info.src4 = Ipv4Address::Deserialize(b + 12);
        info.dst4 = Ipv4Address::Deserialize(b + 16);
        l4 = (b[0] & 0x0f) * 4U;
    }
    else if (protocol == Ipv6L3Protocol::PROT_NUMBER && n >= 40 && (b[0] >> 4) == 6)
    {
        info.isV6 = true;
        info.protocol = b[6]; // no extension headers are followed
        info.src6 = Ipv6Address(b + 8);
        info.dst6 = Ipv6Address(b + 24);
        l4 = 40;
    }
    else
    {
        return false;
    }
    if ((info.protocol == 6 || info.protocol == 17) && n >= l4 + 4)
    {
        info.srcPort = static_cast<uint16_t>((b[l4] << 8) | b[l4 + 1]);
        info.dstPort = static_cast<uint16_t>((b[l4 + 2] << 8) | b[l4 + 3]);
        if (info.protocol == 6 && n >= l4 + 14)
        {
            info.tcpFlags = b[l4 + 13];
        }
    }
    else if ((info.protocol == 1 || info.protocol == 58) && n >= l4 + 6)
    {
        // ICMP echo: both directions share the identifier
        info.srcPort = static_cast<uint16_t>((b[l4 + 4] << 8) | b[l4 + 5]);
        info.dstPort = info.srcPort;
    }
    return true;
}

bool
IpvlanNetfilter::Process(IpvlanHookPoint point,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         Ptr<const NetDevice> slave)
{
    return Process(point, packet, protocol, slave, nullptr);
}

bool
IpvlanNetfilter::Process(IpvlanHookPoint point,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         Ptr<const NetDevice> slave,
                         IpvlanDropReason* reason)
{
    NS_ABORT_MSG_IF(point != IPVLAN_HOOK_INPUT && point != IPVLAN_HOOK_OUTPUT,
                    "IpvlanNetfilter::Process: hook point " << static_cast<int>(point)
                                                            << " is invalid; allowed: input (0), "
                                                               "output (1)");
    IpvlanPacketInfo info;
    info.hook = point;
    info.slave = slave;
    if (!IsTracking() && m_hooks[point].empty() && !m_establishedOnly[point])
    {
        // No rule at this hook and nf_conntrack not loaded: the packet passes untouched
        // (nothing to parse, no table to look at)
        m_accepted++;
        if (!m_verdictTrace.IsEmpty())
        {
            Parse(packet, protocol, info);
            m_verdictTrace(packet, info, true);
        }
        return true;
    }
    bool tracked = Parse(packet, protocol, info);
    PurgeExpired(m_gcBatch); // the amortised gc: a bounded number of checks per packet
    Table::iterator it = m_table.end();
    FlowKey key;
    bool low = true;
    bool refused = false;
    if (tracked)
    {
        key = KeyOf(info, low);
        it = m_table.find(key);
        if (it != m_table.end() && it->second.expires <= Simulator::Now())
        {
            Remove(it, IPVLAN_CT_EVENT_EXPIRED); // timed out: the flow is gone
            it = m_table.end();
        }
        if (it != m_table.end())
        {
            // conntrack runs before the filter: the flow moves on even if a hook drops
            bool reply = low != it->second.origLow;
            Advance(it, info, reply);
            info.state = (reply || it->second.seenReply) ? IPVLAN_CT_ESTABLISHED : IPVLAN_CT_NEW;
        }
        else
        {
            info.state = IPVLAN_CT_NEW;
            refused = !MakeRoom(); // the entry is allocated before the hooks run
        }
    }
    bool accept = !refused;
    IpvlanDropReason why = refused ? IPVLAN_DROP_CONNTRACK_FULL : IPVLAN_DROP_NETFILTER;
    if (refused)
    {
        m_refused++;
        m_conntrackTrace(IPVLAN_CT_EVENT_REFUSED,
                         InitialClass(info),
                         static_cast<uint32_t>(m_table.size()));
        NS_LOG_LOGIC("conntrack table full (" << m_table.size() << "): new flow refused");
    }
    if (accept && m_establishedOnly[point] && info.state != IPVLAN_CT_ESTABLISHED)
    {
        accept = false;
    }
    for (auto& hook : m_hooks[point])
    {
        if (!accept)
        {
            break;
        }
        accept = hook(packet, info);
    }
    if (accept && tracked && it == m_table.end())
    {
        // a dropped packet leaves no flow behind (the entry is confirmed on accept)
        auto ins = m_table.emplace(key, Conn()).first;
        Conn& c = ins->second;
        c.origLow = low;
        c.cls = InitialClass(info);
        c.assured = false;
        c.expires = Simulator::Now() + GetTimeout(c.cls);
        ExpiryList& list = ListOf(c.cls, false);
        c.pos = list.insert(list.end(), &ins->first);
        m_inserted++;
        m_conntrackTrace(IPVLAN_CT_EVENT_NEW, c.cls, static_cast<uint32_t>(m_table.size()));
    }
    if (accept)
    {
        m_accepted++;
    }
    else
    {
        m_dropped++;
        m_lastDropReason = why;
        if (reason != nullptr)
        {
            *reason = why;
        }
        m_dropTrace(packet, info, why);
    }
    m_verdictTrace(packet, info, accept);
    NS_LOG_LOGIC("hook " << static_cast<int>(point) << " state " << static_cast<int>(info.state)
                         << ": " << (accept ? "accept" : "drop"));
    return accept;
}

IpvlanDropReason
IpvlanNetfilter::GetLastDropReason() const
{
    return m_lastDropReason;
}

uint32_t
IpvlanNetfilter::GetNConnections() const
{
    return static_cast<uint32_t>(m_table.size());
}

uint64_t
IpvlanNetfilter::GetInserted() const
{
    return m_inserted;
}

uint64_t
IpvlanNetfilter::GetExpired() const
{
    return m_expired;
}

uint64_t
IpvlanNetfilter::GetEarlyDropped() const
{
    return m_earlyDropped;
}

uint64_t
IpvlanNetfilter::GetRefused() const
{
    return m_refused;
}

uint64_t
IpvlanNetfilter::GetAccepted() const
{
    return m_accepted;
}

uint64_t
IpvlanNetfilter::GetDropped() const
{
    return m_dropped;
}

uint64_t
IpvlanNetfilter::GetPurgeChecks() const
{
    return m_purgeChecks;
}

} // namespace ns3
