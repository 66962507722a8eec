/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stacked-queue-disc-item.h"

#include "ns3/hash.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/packet.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StackedQueueDiscItem");

namespace
{

constexpr uint8_t PROTO_TCP = 6;   ///< IP protocol number of TCP
constexpr uint8_t PROTO_UDP = 17;  ///< IP protocol number of UDP
constexpr uint8_t ECN_MASK = 0x03; ///< the ECN bits of the DS field
constexpr uint8_t ECN_CE = 0x03;   ///< Congestion Experienced

/// The first bytes of an IP packet, as far as the classification reads them
struct IpHead
{
    uint8_t bytes[44];  ///< copied from the packet's start
    uint32_t length;    ///< how many of them the packet has
    bool v4;            ///< a well-formed IPv4 header is there
    bool v6;            ///< an IPv6 header is there
    uint32_t l4Offset;  ///< where the transport header starts (v4: IHL * 4; v6: 40)
    uint8_t l4Protocol; ///< IPv4 protocol or IPv6 next header
    bool firstFragment; ///< the transport header is in this packet (not a later fragment)
};

/**
 * Read the IP header at the packet's start, if the EtherType says there is one.
 * @param packet the packet
 * @param protocol its EtherType
 * @return what was found
 */
IpHead
ReadIpHead(Ptr<const Packet> packet, uint16_t protocol)
{
    IpHead h{};
    h.length = packet->CopyData(h.bytes, sizeof(h.bytes));
    if (protocol == Ipv4L3Protocol::PROT_NUMBER && h.length >= 20 && (h.bytes[0] >> 4) == 4)
    {
        uint32_t ihl = (h.bytes[0] & 0x0f) * 4u;
        if (ihl >= 20)
        {
            h.v4 = true;
            h.l4Offset = ihl;
            h.l4Protocol = h.bytes[9];
            uint16_t fragment = static_cast<uint16_t>((h.bytes[6] << 8) | h.bytes[7]);
            // more-fragments set or a non-zero offset: ports only in the first fragment
            h.firstFragment = (fragment & 0x1fff) == 0 && (fragment & 0x2000) == 0;
        }
    }
    else if (protocol == Ipv6L3Protocol::PROT_NUMBER && h.length >= 40 && (h.bytes[0] >> 4) == 6)
    {
        h.v6 = true;
        h.l4Offset = 40;
        h.l4Protocol = h.bytes[6];
        h.firstFragment = true;
    }
    return h;
}

} // namespace

StackedQueueDiscItem::StackedQueueDiscItem(Ptr<Packet> packet,
                                           const Address& dest,
                                           uint16_t protocol)
    : QueueDiscItem(packet, dest, protocol),
      m_hasSource(false)
{
}

StackedQueueDiscItem::~StackedQueueDiscItem() = default;

void
StackedQueueDiscItem::SetSource(Mac48Address source)
{
    m_source = source;
    m_hasSource = true;
}

bool
StackedQueueDiscItem::HasSource() const
{
    return m_hasSource;
}

Mac48Address
StackedQueueDiscItem::GetSource() const
{
    return m_source;
}

void
StackedQueueDiscItem::AddHeader()
{
}

bool
StackedQueueDiscItem::Mark()
{
    Ptr<Packet> packet = GetPacket();
    IpHead h = ReadIpHead(packet, GetProtocol());
    if (h.v4)
    {
        uint8_t tos = h.bytes[1];
        if ((tos & ECN_MASK) == 0 || h.l4Offset != 20)
        {
            return false; // not ECN-capable (or options the header class would not keep)
        }
        if ((tos & ECN_MASK) == ECN_CE)
        {
            return true;
        }
        bool hadChecksum = h.bytes[10] != 0 || h.bytes[11] != 0;
        Ipv4Header header;
        packet->RemoveHeader(header);
        header.SetTos(static_cast<uint8_t>(tos | ECN_CE));
        if (hadChecksum)
        {
            header.EnableChecksum(); // the kernel updates the checksum with the DS field
        }
        packet->AddHeader(header);
        return true;
    }
    if (h.v6)
    {
        Ipv6Header header;
        packet->RemoveHeader(header);
        uint8_t tclass = header.GetTrafficClass();
        if ((tclass & ECN_MASK) == 0)
        {
            packet->AddHeader(header);
            return false;
        }
        header.SetTrafficClass(static_cast<uint8_t>(tclass | ECN_CE));
        packet->AddHeader(header);
        return true;
    }
    return false;
}

bool
StackedQueueDiscItem::GetUint8Value(Uint8Values field, uint8_t& value) const
{
    if (field != IP_DSFIELD)
    {
        return false;
    }
    IpHead h = ReadIpHead(GetPacket(), GetProtocol());
    if (h.v4)
    {
        value = h.bytes[1];
        return true;
    }
    if (h.v6)
    {
        value = static_cast<uint8_t>(((h.bytes[0] & 0x0f) << 4) | (h.bytes[1] >> 4));
        return true;
    }
    return false;
}

uint32_t
StackedQueueDiscItem::Hash(uint32_t perturbation) const
{
    IpHead h = ReadIpHead(GetPacket(), GetProtocol());
    if (!h.v4 && !h.v6)
    {
        return 0;
    }
    // addresses, protocol, ports (when this packet has them), perturbation
    uint8_t key[32 + 1 + 4 + 4];
    uint32_t n = 0;
    uint32_t addrOffset = h.v4 ? 12 : 8;
    uint32_t addrBytes = h.v4 ? 8 : 32;
    std::memcpy(key, h.bytes + addrOffset, addrBytes);
    n += addrBytes;
    key[n++] = h.l4Protocol;
    bool ports = (h.l4Protocol == PROTO_TCP || h.l4Protocol == PROTO_UDP) && h.firstFragment &&
                 h.length >= h.l4Offset + 4;
    if (ports)
    {
        std::memcpy(key + n, h.bytes + h.l4Offset, 4);
        n += 4;
    }
    std::memcpy(key + n, &perturbation, sizeof(perturbation));
    n += sizeof(perturbation);
    return Hash32(reinterpret_cast<const char*>(key), n);
}

void
StackedQueueDiscItem::Print(std::ostream& os) const
{
    QueueDiscItem::Print(os);
    if (m_hasSource)
    {
        os << " src=" << m_source;
    }
}

} // namespace ns3
