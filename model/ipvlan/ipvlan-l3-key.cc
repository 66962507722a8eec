/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-l3-key.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/packet.h"

namespace ns3
{

namespace
{
constexpr uint8_t IPPROTO_ICMPV6 = 58;
constexpr uint8_t NDISC_NEIGHBOUR_SOLICITATION = 135;
constexpr uint32_t IPV6_HLEN = 40;
constexpr uint32_t ARP_IPV4_LEN = 28;
} // namespace

IpvlanL3Key
IpvlanL3Key::Parse(Ptr<const Packet> packet, uint16_t protocol, bool useDest)
{
    IpvlanL3Key key;
    uint8_t buf[64];
    uint32_t n = packet->CopyData(buf, sizeof(buf));
    if (protocol == Ipv4L3Protocol::PROT_NUMBER)
    {
        // ipvlan_get_L3_hdr: ihl >= 5, version 4, skb->len >= tot_len >= ihl * 4
        if (n < 20 || (buf[0] >> 4) != 4 || (buf[0] & 0x0f) < 5)
        {
            return key;
        }
        uint32_t ihl = (buf[0] & 0x0f) * 4U;
        uint32_t totLen = (uint32_t(buf[2]) << 8) | buf[3];
        if (totLen < ihl || packet->GetSize() < totLen)
        {
            return key;
        }
        key.type = IPV4;
        key.v4 = Ipv4Address::Deserialize(buf + (useDest ? 16 : 12));
        key.valid = true;
        return key;
    }
    if (protocol == ArpL3Protocol::PROT_NUMBER)
    {
        // Ethernet/IPv4 ARP only: htype 1, ptype 0x0800, hlen 6, plen 4
        if (n < ARP_IPV4_LEN || buf[0] != 0 || buf[1] != 1 || buf[2] != 0x08 || buf[3] != 0x00 ||
            buf[4] != 6 || buf[5] != 4)
        {
            return key;
        }
        key.type = ARP;
        key.v4 = Ipv4Address::Deserialize(buf + (useDest ? 24 : 14));
        key.valid = true;
        return key;
    }
    if (protocol == Ipv6L3Protocol::PROT_NUMBER)
    {
        if (n < IPV6_HLEN || (buf[0] >> 4) != 6)
        {
            return key;
        }
        bool srcUnspecified = true;
        for (int i = 8; i < 24; ++i)
        {
            srcUnspecified = srcUnspecified && buf[i] == 0;
        }
        key.isV6 = true;
        if (srcUnspecified && buf[6] == IPPROTO_ICMPV6)
        {
            // DAD: only an NS is keyed, on its target (ipvlan_addr_lookup, IPVL_ICMPV6)
            key.type = ICMPV6;
            if (n >= IPV6_HLEN + 24 && buf[IPV6_HLEN] == NDISC_NEIGHBOUR_SOLICITATION)
            {
                key.v6 = Ipv6Address(buf + IPV6_HLEN + 8);
                key.valid = true;
            }
            return key;
        }
        key.type = IPV6;
        key.v6 = Ipv6Address(buf + (useDest ? 24 : 8));
        key.valid = true;
        return key;
    }
    return key;
}

} // namespace ns3
