/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The host's connection tracker (IpvlanNetfilter's flow table): flow keys, the kernel's
// per-protocol timeouts and state changes (nf_conntrack_proto_tcp/udp/icmp), expiry in
// O(1) per packet (one list per timeout, an amortised purge), the table limit and early
// drop (nf_conntrack_max, early_drop). Hook points and the packet walk are in
// ipvlan-netfilter.cc; doc/hardening-notes.rst "Connection tracking that expires".
#include "ipvlan-netfilter.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanConntrack");

namespace
{
/// TCP flag bits
constexpr uint8_t TCP_FIN = 0x01;
constexpr uint8_t TCP_SYN = 0x02;
constexpr uint8_t TCP_RST = 0x04;
constexpr uint8_t TCP_ACK = 0x10;
} // namespace

bool
IpvlanNetfilter::FlowKey::operator==(const FlowKey& o) const
{
    return protocol == o.protocol && v6 == o.v6 && pa == o.pa && pb == o.pb && a == o.a && b == o.b;
}

std::size_t
IpvlanNetfilter::FlowKeyHash::operator()(const FlowKey& k) const
{
    // FNV-1a over the fields
    uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](uint8_t byte) {
        h ^= byte;
        h *= 1099511628211ULL;
    };
    std::size_t len = k.v6 ? 16 : 4;
    for (std::size_t i = 0; i < len; ++i)
    {
        mix(k.a[i]);
        mix(k.b[i]);
    }
    mix(static_cast<uint8_t>(k.pa >> 8));
    mix(static_cast<uint8_t>(k.pa));
    mix(static_cast<uint8_t>(k.pb >> 8));
    mix(static_cast<uint8_t>(k.pb));
    mix(k.protocol);
    mix(k.v6 ? 1 : 0);
    return static_cast<std::size_t>(h);
}

IpvlanNetfilter::FlowKey
IpvlanNetfilter::KeyOf(const IpvlanPacketInfo& info, bool& low)
{
    FlowKey k;
    k.protocol = info.protocol;
    k.v6 = info.isV6;
    if (info.isV6)
    {
        info.src6.GetBytes(k.a.data());
        info.dst6.GetBytes(k.b.data());
    }
    else
    {
        info.src4.Serialize(k.a.data());
        info.dst4.Serialize(k.b.data());
    }
    k.pa = info.srcPort;
    k.pb = info.dstPort;
    low = !(std::tie(k.b, k.pb) < std::tie(k.a, k.pa));
    if (!low)
    {
        std::swap(k.a, k.b);
        std::swap(k.pa, k.pb);
    }
    return k;
}

Time
IpvlanNetfilter::GetTimeout(IpvlanCtTimeoutClass c) const
{
    switch (c)
    {
    case IPVLAN_CT_UDP_UNREPLIED:
        return m_udpTimeout;
    case IPVLAN_CT_UDP_STREAM:
        return m_udpStreamTimeout;
    case IPVLAN_CT_ICMP:
        return m_icmpTimeout;
    case IPVLAN_CT_GENERIC:
        return m_genericTimeout;
    case IPVLAN_CT_TCP_SYN_SENT:
        return m_tcpSynSentTimeout;
    case IPVLAN_CT_TCP_SYN_RECV:
        return m_tcpSynRecvTimeout;
    case IPVLAN_CT_TCP_ESTABLISHED:
        return m_tcpEstablishedTimeout;
    case IPVLAN_CT_TCP_FIN_WAIT:
        return m_tcpFinWaitTimeout;
    case IPVLAN_CT_TCP_CLOSE_WAIT:
        return m_tcpCloseWaitTimeout;
    case IPVLAN_CT_TCP_LAST_ACK:
        return m_tcpLastAckTimeout;
    case IPVLAN_CT_TCP_TIME_WAIT:
        return m_tcpTimeWaitTimeout;
    case IPVLAN_CT_TCP_CLOSE:
        return m_tcpCloseTimeout;
    case IPVLAN_CT_TIMEOUT_CLASSES:
        break;
    }
    NS_FATAL_ERROR("IpvlanNetfilter::GetTimeout: timeout class " << static_cast<int>(c)
                                                                 << " refused; allowed: 0.."
                                                                 << IPVLAN_CT_TIMEOUT_CLASSES - 1);
    return Time();
}

IpvlanCtTimeoutClass
IpvlanNetfilter::InitialClass(const IpvlanPacketInfo& info)
{
    switch (info.protocol)
    {
    case 17:
        return IPVLAN_CT_UDP_UNREPLIED;
    case 1:
    case 58:
        return IPVLAN_CT_ICMP;
    case 6:
        if ((info.tcpFlags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN)
        {
            return IPVLAN_CT_TCP_SYN_SENT;
        }
        if (info.tcpFlags & TCP_RST)
        {
            return IPVLAN_CT_TCP_CLOSE;
        }
        // picked up in the middle (nf_conntrack_tcp_loose, on by default)
        return IPVLAN_CT_TCP_ESTABLISHED;
    default:
        return IPVLAN_CT_GENERIC;
    }
}

IpvlanNetfilter::ExpiryList&
IpvlanNetfilter::ListOf(IpvlanCtTimeoutClass cls, bool assured)
{
    return m_lists[cls][assured ? 1 : 0];
}

void
IpvlanNetfilter::Refresh(Table::iterator it, IpvlanCtTimeoutClass cls, bool assured)
{
    Conn& c = it->second;
    ExpiryList& from = ListOf(c.cls, c.assured);
    ExpiryList& to = ListOf(cls, assured);
    // same class, same timeout: the refreshed flow expires last, so the list stays
    // ordered by expiry (nf_ct_refresh)
    to.splice(to.end(), from, c.pos);
    c.cls = cls;
    c.assured = assured;
    c.expires = Simulator::Now() + GetTimeout(cls);
}

void
IpvlanNetfilter::Advance(Table::iterator it, const IpvlanPacketInfo& info, bool reply)
{
    Conn& c = it->second;
    if (reply)
    {
        c.seenReply = true;
    }
    IpvlanCtTimeoutClass cls = c.cls;
    bool assured = c.assured;
    if (info.protocol == 17)
    {
        // answered UDP is a stream, kept longer and assured
        cls = c.seenReply ? IPVLAN_CT_UDP_STREAM : IPVLAN_CT_UDP_UNREPLIED;
        assured = c.seenReply;
    }
    else if (info.protocol == 6)
    {
        uint8_t f = info.tcpFlags;
        uint8_t dirBit = reply ? 2 : 1;
        if (f & TCP_RST)
        {
            cls = IPVLAN_CT_TCP_CLOSE;
        }
        else if ((f & (TCP_SYN | TCP_ACK)) == TCP_SYN && !reply &&
                 (cls == IPVLAN_CT_TCP_TIME_WAIT || cls == IPVLAN_CT_TCP_CLOSE))
        {
            cls = IPVLAN_CT_TCP_SYN_SENT; // the pair reopened
            c.finDirs = 0;
        }
        else
        {
            switch (cls)
            {
            case IPVLAN_CT_TCP_SYN_SENT:
                if (reply && (f & TCP_SYN) && (f & TCP_ACK))
                {
                    cls = IPVLAN_CT_TCP_SYN_RECV;
                }
                break;
            case IPVLAN_CT_TCP_SYN_RECV:
                if (!reply && (f & TCP_ACK) && !(f & TCP_SYN))
                {
                    cls = IPVLAN_CT_TCP_ESTABLISHED;
                }
                break;
            case IPVLAN_CT_TCP_ESTABLISHED:
                if (f & TCP_FIN)
                {
                    c.finDirs |= dirBit;
                    cls = IPVLAN_CT_TCP_FIN_WAIT;
                }
                break;
            case IPVLAN_CT_TCP_FIN_WAIT:
            case IPVLAN_CT_TCP_CLOSE_WAIT:
                if ((c.finDirs & dirBit) == 0)
                {
                    if (f & TCP_FIN)
                    {
                        c.finDirs |= dirBit;
                        cls = IPVLAN_CT_TCP_LAST_ACK;
                    }
                    else if ((f & TCP_ACK) && cls == IPVLAN_CT_TCP_FIN_WAIT)
                    {
                        cls = IPVLAN_CT_TCP_CLOSE_WAIT;
                    }
                }
                break;
            case IPVLAN_CT_TCP_LAST_ACK:
                // the side that closed first acknowledges the other FIN
                if ((f & TCP_ACK) && !(f & TCP_FIN) && c.finDirs == 3)
                {
                    cls = IPVLAN_CT_TCP_TIME_WAIT;
                }
                break;
            default:
                break;
            }
        }
        // a connection that got through the handshake (or was picked up and answered)
        // is assured and stays so while it closes
        if (cls == IPVLAN_CT_TCP_ESTABLISHED && c.seenReply)
        {
            assured = true;
        }
        if (cls == IPVLAN_CT_TCP_SYN_SENT || cls == IPVLAN_CT_TCP_SYN_RECV)
        {
            assured = false;
        }
    }
    Refresh(it, cls, assured);
}

void
IpvlanNetfilter::Remove(Table::iterator it, IpvlanCtEvent event)
{
    IpvlanCtTimeoutClass cls = it->second.cls;
    ListOf(cls, it->second.assured).erase(it->second.pos);
    m_table.erase(it);
    if (event == IPVLAN_CT_EVENT_EXPIRED)
    {
        m_expired++;
    }
    else if (event == IPVLAN_CT_EVENT_EARLY_DROP)
    {
        m_earlyDropped++;
    }
    m_conntrackTrace(event, cls, static_cast<uint32_t>(m_table.size()));
}

uint32_t
IpvlanNetfilter::PurgeExpired(uint32_t budget)
{
    Time now = Simulator::Now();
    uint32_t removed = 0;
    // every list is ordered by expiry: only its front can be the next to expire
    for (auto& perClass : m_lists)
    {
        for (auto& list : perClass)
        {
            // at most budget removals, plus one look at each list's front: O(1) per call
            while (removed < budget && !list.empty())
            {
                m_purgeChecks++;
                auto it = m_table.find(*list.front());
                NS_ASSERT(it != m_table.end());
                if (it->second.expires > now)
                {
                    break;
                }
                Remove(it, IPVLAN_CT_EVENT_EXPIRED);
                removed++;
            }
        }
    }
    return removed;
}

bool
IpvlanNetfilter::MakeRoom()
{
    if (m_table.size() < m_maxEntries)
    {
        return true;
    }
    PurgeExpired(m_gcBatch);
    if (m_table.size() < m_maxEntries)
    {
        return true;
    }
    if (!m_earlyDrop)
    {
        return false;
    }
    // early_drop: a non-assured flow, the one closest to its end
    Table::iterator victim = m_table.end();
    for (auto& perClass : m_lists)
    {
        if (perClass[0].empty())
        {
            continue;
        }
        auto it = m_table.find(*perClass[0].front());
        if (victim == m_table.end() || it->second.expires < victim->second.expires)
        {
            victim = it;
        }
    }
    if (victim == m_table.end())
    {
        return false;
    }
    NS_LOG_LOGIC("early drop of a " << victim->second.cls << " flow");
    Remove(victim, IPVLAN_CT_EVENT_EARLY_DROP);
    return true;
}

} // namespace ns3
