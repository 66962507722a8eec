/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_L3_KEY_H
#define IPVLAN_L3_KEY_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/ptr.h"

#include <cstdint>

/**
 * @file
 * @ingroup ipvlan
 * The L3 demux key of a frame (kernel: ipvlan_get_L3_hdr + ipvlan_addr_lookup key choice).
 */

namespace ns3
{

class Packet;

/**
 * @ingroup ipvlan
 * The address an ipvlan port looks up for one frame: an IPv4 or IPv6 address, or
 * nothing when the frame is not IP/ARP or does not parse. Read from at most the
 * first 64 bytes of the packet (no Packet copy, no header object).
 */
struct IpvlanL3Key
{
    /// Kind of header found (kernel: IPVL_IPV4, IPVL_ARP, IPVL_IPV6, IPVL_ICMPV6)
    enum Type : uint8_t
    {
        NONE = 0, ///< not IP/ARP, or malformed: no key
        IPV4,     ///< IPv4 header
        ARP,      ///< ARP over Ethernet/IPv4
        IPV6,     ///< IPv6 header
        ICMPV6,   ///< IPv6 with source :: carrying ICMPv6 (DAD); keyed on the NS target
    };

    Type type{NONE};   ///< what was parsed
    bool isV6{false};  ///< the key is an IPv6 address (else IPv4)
    bool valid{false}; ///< a key was found (ICMPV6 that is not an NS has none)
    Ipv4Address v4;    ///< the IPv4 key when !isV6
    Ipv6Address v6;    ///< the IPv6 key when isV6

    /**
     * Parse a frame's L3 header.
     * @param packet the frame payload (no Ethernet header)
     * @param protocol the ethertype
     * @param useDest true: destination (daddr, ARP tpa, NS target); false: source (saddr, spa)
     * @return the key
     */
    static IpvlanL3Key Parse(Ptr<const Packet> packet, uint16_t protocol, bool useDest);
};

} // namespace ns3

#endif /* IPVLAN_L3_KEY_H */
