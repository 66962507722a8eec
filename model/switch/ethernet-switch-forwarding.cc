/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// EthernetSwitchNetDevice: the path of a frame through the switch (receive, learn, forward
// or flood, egress), its drops, and the forwarding table with its aging. Port security,
// which the path consults, is in ethernet-switch-port-security.cc.

#include "ethernet-switch-log.h"
#include "ethernet-switch-net-device.h"

#include "ns3/ethernet-header.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

static LogComponent& g_log [[maybe_unused]] = EthernetSwitchLogComponent();

// --- the path of a frame ------------------------------------------------------------

void
EthernetSwitchNetDevice::ReceiveFromPort(Ptr<NetDevice> device,
                                         Ptr<const Packet> packet,
                                         uint16_t protocol,
                                         const Address& from,
                                         const Address& to,
                                         NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    auto it = m_portIndex.find(PeekPointer(device));
    NS_ASSERT_MSG(it != m_portIndex.end(), "frame from a device that is not a port");
    uint32_t index = it->second;
    m_ports[index].rxFrames++;
    Mac48Address src = Mac48Address::ConvertFrom(from);
    Mac48Address dst = Mac48Address::ConvertFrom(to);
    if (m_ports[index].state == SWITCH_PORT_ERR_DISABLED)
    {
        Drop(packet, index, SWITCH_DROP_ERR_DISABLED);
        return;
    }
    if (src.IsGroup())
    {
        Drop(packet, index, SWITCH_DROP_INVALID_SOURCE); // !is_valid_ether_addr(h_source)
        return;
    }
    if (!CheckSecurity(index, packet, src))
    {
        return;
    }
    Learn(index, src);
    Forward(index, Frame{packet, protocol, src, dst});
}

void
EthernetSwitchNetDevice::Learn(uint32_t index, Mac48Address src)
{
    if (FindSecureOwner(src, index) != NO_PORT)
    {
        return; // secure on another port (this one is not secure): the entry stays there
    }
    FdbEntry entry{index, Simulator::Now(), IsPinnedOn(index, src)};
    auto it = m_fdb.find(src);
    if (it != m_fdb.end())
    {
        if (it->second.pinned && it->second.port != index)
        {
            return; // static or sticky elsewhere: never moves
        }
        if (it->second.port != index)
        {
            NS_LOG_LOGIC(src << " moved to " << DescribePort(index));
        }
        PutFdbEntry(src, entry);
        return;
    }
    if (!entry.pinned && m_learnt >= m_maxFdbEntries)
    {
        Sweep(); // purge what has aged before deciding that the table is full
        if (m_learnt >= m_maxFdbEntries)
        {
            NS_LOG_LOGIC("forwarding table full (" << m_maxFdbEntries << "): " << src
                                                   << " not learnt");
            return;
        }
    }
    PutFdbEntry(src, entry);
    ScheduleSweep(FdbExpiry(entry));
}

void
EthernetSwitchNetDevice::Forward(uint32_t ingress, const Frame& frame)
{
    if (ingress != NO_PORT && DeliverUp(frame) == NetDevice::PACKET_HOST)
    {
        return; // for the switch itself
    }
    if (frame.dst.IsGroup())
    {
        Flood(ingress, frame);
        return;
    }
    uint32_t egress = LookupFdb(frame.dst);
    if (egress == NO_PORT)
    {
        Flood(ingress, frame); // unknown unicast
        return;
    }
    if (egress == ingress && !m_ports[ingress].hairpin)
    {
        Drop(frame.packet, ingress, SWITCH_DROP_HAIRPIN_OFF);
        return;
    }
    if (m_ports[egress].state == SWITCH_PORT_ERR_DISABLED)
    {
        Drop(frame.packet, ingress, SWITCH_DROP_ERR_DISABLED);
        return;
    }
    if (!m_ports[egress].device->IsLinkUp())
    {
        Drop(frame.packet, ingress, SWITCH_DROP_EGRESS_LINK_DOWN);
        return;
    }
    SendOut(egress, frame);
}

NetDevice::PacketType
EthernetSwitchNetDevice::DeliverUp(const Frame& frame)
{
    // the switch's own interface (management address), as a bridge's local port
    NetDevice::PacketType type = NetDevice::PACKET_OTHERHOST;
    if (frame.dst == m_address)
    {
        type = NetDevice::PACKET_HOST;
    }
    else if (frame.dst.IsBroadcast())
    {
        type = NetDevice::PACKET_BROADCAST;
    }
    else if (frame.dst.IsGroup())
    {
        type = NetDevice::PACKET_MULTICAST;
    }
    bool forUs = type != NetDevice::PACKET_OTHERHOST;
    Sniff(frame, forUs);
    if (!m_promiscRxCallback.IsNull())
    {
        m_macPromiscRxTrace(frame.packet);
        m_promiscRxCallback(this, frame.packet, frame.protocol, frame.src, frame.dst, type);
    }
    if (forUs && !m_rxCallback.IsNull())
    {
        m_macRxTrace(frame.packet);
        m_rxCallback(this, frame.packet, frame.protocol, frame.src);
    }
    return type;
}

void
EthernetSwitchNetDevice::Sniff(const Frame& frame, bool forUs) const
{
    bool sniffer = forUs && !m_snifferTrace.IsEmpty();
    if (!sniffer && m_promiscSnifferTrace.IsEmpty())
    {
        return; // nobody listens: no copy
    }
    // the sniffers take whole Ethernet frames (pcap DLT_EN10MB); the ports hand the
    // switch the payload, so the header is put back on a copy
    EthernetHeader header(false);
    header.SetSource(frame.src);
    header.SetDestination(frame.dst);
    header.SetLengthType(frame.protocol);
    Ptr<Packet> whole = frame.packet->Copy();
    whole->AddHeader(header);
    if (sniffer)
    {
        m_snifferTrace(whole);
    }
    m_promiscSnifferTrace(whole);
}

void
EthernetSwitchNetDevice::Flood(uint32_t ingress, const Frame& frame)
{
    bool sent = false;
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if ((i == ingress && !m_ports[i].hairpin) || !IsEligible(i))
        {
            continue;
        }
        SendOut(i, frame);
        sent = true;
    }
    if (!sent)
    {
        Drop(frame.packet, ingress, SWITCH_DROP_NO_EGRESS);
    }
}

bool
EthernetSwitchNetDevice::IsEligible(uint32_t index) const
{
    return m_ports[index].state == SWITCH_PORT_UP && m_ports[index].device->IsLinkUp();
}

void
EthernetSwitchNetDevice::SendOut(uint32_t egress, const Frame& frame)
{
    // The received packet is shared with the port's other handlers and the device adds
    // its own tags and headers: every egress port gets its copy (the kernel clones too).
    if (m_ports[egress].device->SendFrom(frame.packet->Copy(),
                                         frame.src,
                                         frame.dst,
                                         frame.protocol))
    {
        m_ports[egress].txFrames++;
    }
    else
    {
        Drop(frame.packet, egress, SWITCH_DROP_TX_FAILED);
    }
}

// --- drops --------------------------------------------------------------------------

std::ostream&
operator<<(std::ostream& os, EthernetSwitchDropReason reason)
{
    switch (reason)
    {
    case SWITCH_DROP_VIOLATION:
        return os << "violation";
    case SWITCH_DROP_ERR_DISABLED:
        return os << "port-err-disabled";
    case SWITCH_DROP_HAIRPIN_OFF:
        return os << "hairpin-off";
    case SWITCH_DROP_EGRESS_LINK_DOWN:
        return os << "egress-link-down";
    case SWITCH_DROP_NO_EGRESS:
        return os << "no-egress";
    case SWITCH_DROP_INVALID_SOURCE:
        return os << "invalid-source";
    case SWITCH_DROP_TX_FAILED:
        return os << "tx-failed";
    }
    return os << "unknown(" << static_cast<int>(reason) << ")";
}

void
EthernetSwitchNetDevice::Drop(Ptr<const Packet> packet,
                              uint32_t index,
                              EthernetSwitchDropReason reason)
{
    NS_LOG_LOGIC("drop " << packet->GetUid() << " at "
                         << (index == NO_PORT ? std::string("the switch") : DescribePort(index))
                         << ": " << reason);
    if (index == NO_PORT || reason == SWITCH_DROP_TX_FAILED)
    {
        // on transmit: a frame the switch itself sent, or a copy an egress port refused
        if (index != NO_PORT)
        {
            m_ports[index].txDropped++;
        }
        m_macTxDropTrace(packet);
    }
    else
    {
        m_ports[index].rxDropped++; // received on the port
        m_macRxDropTrace(packet);
    }
    m_dropTrace(packet, index, reason);
}

// --- the forwarding table -----------------------------------------------------------

uint32_t
EthernetSwitchNetDevice::LookupFdb(Mac48Address mac) const
{
    auto it = m_fdb.find(mac);
    if (it == m_fdb.end())
    {
        return NO_PORT;
    }
    if (FdbExpiry(it->second) <= Simulator::Now())
    {
        return NO_PORT; // aged; the sweep removes it
    }
    return it->second.port;
}

uint32_t
EthernetSwitchNetDevice::GetFdbSize() const
{
    return static_cast<uint32_t>(m_fdb.size());
}

Time
EthernetSwitchNetDevice::FdbExpiry(const FdbEntry& entry) const
{
    if (entry.pinned || !m_fdbAgingTime.IsStrictlyPositive())
    {
        return Time::Max(); // pinned entries never age; aging time 0 is off
    }
    return entry.lastSeen + m_fdbAgingTime;
}

void
EthernetSwitchNetDevice::PutFdbEntry(Mac48Address mac, const FdbEntry& entry)
{
    auto [it, added] = m_fdb.emplace(mac, entry);
    if (!added)
    {
        m_learnt -= it->second.pinned ? 0 : 1;
        it->second = entry;
    }
    m_learnt += entry.pinned ? 0 : 1;
}

EthernetSwitchNetDevice::Fdb::iterator
EthernetSwitchNetDevice::EraseFdbEntry(Fdb::iterator it)
{
    m_learnt -= it->second.pinned ? 0 : 1;
    return m_fdb.erase(it);
}

void
EthernetSwitchNetDevice::FlushPort(uint32_t index, bool pinnedToo)
{
    for (auto it = m_fdb.begin(); it != m_fdb.end();)
    {
        if (it->second.port == index && (pinnedToo || !it->second.pinned))
        {
            it = EraseFdbEntry(it);
        }
        else
        {
            ++it;
        }
    }
}

void
EthernetSwitchNetDevice::Sweep()
{
    Time now = Simulator::Now();
    Time next = Time::Max();
    for (auto it = m_fdb.begin(); it != m_fdb.end();)
    {
        Time expiry = FdbExpiry(it->second);
        if (expiry <= now)
        {
            NS_LOG_LOGIC(it->first << " aged out of the forwarding table");
            it = EraseFdbEntry(it);
            continue;
        }
        next = Min(next, expiry);
        ++it;
    }
    for (auto& port : m_ports)
    {
        port.security.Age(now);
        next = Min(next, port.security.GetNextExpiry());
    }
    Simulator::Cancel(m_sweep);
    if (next != Time::Max())
    {
        m_sweep = Simulator::Schedule(next - now, &EthernetSwitchNetDevice::Sweep, this);
    }
}

void
EthernetSwitchNetDevice::ScheduleSweep(Time when)
{
    if (when == Time::Max())
    {
        return;
    }
    if (!m_sweep.IsExpired() && m_sweep.GetTs() <= static_cast<uint64_t>(when.GetTimeStep()))
    {
        return; // an earlier sweep is pending; it will reschedule
    }
    Simulator::Cancel(m_sweep);
    m_sweep = Simulator::Schedule(Max(when - Simulator::Now(), Seconds(0)),
                                  &EthernetSwitchNetDevice::Sweep,
                                  this);
}

} // namespace ns3
