/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-netfilter.h"

#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanNetfilter");

NS_OBJECT_ENSURE_REGISTERED(IpvlanNetfilter);

TypeId
IpvlanNetfilter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvlanNetfilter")
            .SetParent<Object>()
            .SetGroupName("Ipvlan")
            .AddConstructor<IpvlanNetfilter>()
            .AddAttribute("ConntrackTimeout",
                          "How long a tracked flow lives without packets.",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&IpvlanNetfilter::m_timeout),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Verdict",
                            "A slave packet went through a hook point, with the verdict.",
                            MakeTraceSourceAccessor(&IpvlanNetfilter::m_verdictTrace),
                            "ns3::IpvlanNetfilter::VerdictTracedCallback");
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
    m_flows.clear();
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
    m_hooks[point].push_back(hook);
}

void
IpvlanNetfilter::AcceptEstablishedOnly(IpvlanHookPoint point)
{
    m_establishedOnly[point] = true;
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
    uint8_t b[64];
    uint32_t n = packet->CopyData(b, sizeof(b));
    uint32_t l4 = 0;
    if (protocol == 0x0800 && n >= 20 && (b[0] >> 4) == 4)
    {
        info.isV6 = false;
        info.protocol = b[9];
        info.src4 = Ipv4Address::Deserialize(b + 12);
        info.dst4 = Ipv4Address::Deserialize(b + 16);
        l4 = (b[0] & 0x0f) * 4U;
    }
    else if (protocol == 0x86DD && n >= 40 && (b[0] >> 4) == 6)
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
    }
    else if ((info.protocol == 1 || info.protocol == 58) && n >= l4 + 6)
    {
        // ICMP echo: both directions share the identifier
        info.srcPort = static_cast<uint16_t>((b[l4 + 4] << 8) | b[l4 + 5]);
        info.dstPort = info.srcPort;
    }
    return true;
}

IpvlanNetfilter::FlowKey
IpvlanNetfilter::KeyOf(const IpvlanPacketInfo& info)
{
    std::vector<uint8_t> a(info.isV6 ? 16 : 4);
    std::vector<uint8_t> b(a.size());
    if (info.isV6)
    {
        info.src6.GetBytes(a.data());
        info.dst6.GetBytes(b.data());
    }
    else
    {
        info.src4.Serialize(a.data());
        info.dst4.Serialize(b.data());
    }
    uint16_t pa = info.srcPort;
    uint16_t pb = info.dstPort;
    if (std::tie(b, pb) < std::tie(a, pa))
    {
        std::swap(a, b);
        std::swap(pa, pb);
    }
    return FlowKey(info.protocol, a, pa, b, pb);
}

bool
IpvlanNetfilter::Process(IpvlanHookPoint point,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         Ptr<const NetDevice> slave)
{
    IpvlanPacketInfo info;
    info.hook = point;
    info.slave = slave;
    bool tracked = Parse(packet, protocol, info);
    FlowKey key;
    if (tracked)
    {
        key = KeyOf(info);
        auto it = m_flows.find(key);
        bool live = it != m_flows.end() &&
                    (m_timeout.IsZero() || Simulator::Now() - it->second <= m_timeout);
        info.state = live ? IPVLAN_CT_ESTABLISHED : IPVLAN_CT_NEW;
    }
    bool accept = true;
    if (m_establishedOnly[point] && info.state != IPVLAN_CT_ESTABLISHED)
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
    if (accept && tracked)
    {
        m_flows[key] = Simulator::Now(); // a dropped packet creates no connection
    }
    accept ? m_accepted++ : m_dropped++;
    m_verdictTrace(packet, info, accept);
    NS_LOG_LOGIC("hook " << point << " state " << info.state << ": "
                         << (accept ? "accept" : "drop"));
    return accept;
}

uint32_t
IpvlanNetfilter::GetNConnections() const
{
    return m_flows.size();
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

} // namespace ns3
