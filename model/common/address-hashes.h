/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_ADDRESS_HASHES_H
#define IPVLAN_ADDRESS_HASHES_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

/**
 * @file
 * @ingroup ipvlan
 * Hashes of MAC, IPv4 and IPv6 addresses for the O(1) tables of the ports, the switch and
 * the NIC filter.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Hash of a Mac48Address for unordered containers (its six bytes as one integer).
 */
struct IpvlanMac48Hash
{
    /**
     * @param mac the address
     * @return its hash
     */
    std::size_t operator()(const Mac48Address& mac) const
    {
        uint8_t b[6];
        mac.CopyTo(b);
        uint64_t v = 0;
        for (uint8_t byte : b)
        {
            v = (v << 8) | byte;
        }
        return std::hash<uint64_t>()(v);
    }
};

/**
 * @ingroup ipvlan
 * Hash of an IPv4 address. ns-3's Ipv4AddressHash is deprecated from 3.47, and the
 * std::hash<Ipv4Address> that replaces it does not exist before 3.47.
 */
struct IpvlanIpv4AddressHash
{
    /**
     * @param a the address
     * @return its hash
     */
    std::size_t operator()(const Ipv4Address& a) const
    {
        return std::hash<uint32_t>()(a.Get());
    }
};

/**
 * @ingroup ipvlan
 * Hash of an IPv6 address (see IpvlanIpv4AddressHash).
 */
struct IpvlanIpv6AddressHash
{
    /**
     * @param a the address
     * @return its hash
     */
    std::size_t operator()(const Ipv6Address& a) const
    {
        uint8_t buf[16];
        a.GetBytes(buf);
        return std::hash<std::string_view>()(
            std::string_view(reinterpret_cast<const char*>(buf), sizeof(buf)));
    }
};

} // namespace ns3

#endif /* IPVLAN_ADDRESS_HASHES_H */
