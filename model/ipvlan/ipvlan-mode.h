/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_MODE_H
#define IPVLAN_MODE_H

#include <cstdint>
#include <ostream>
#include <string>

/**
 * @file
 * @ingroup ipvlan
 * Operating modes and port flags of an ipvlan port, with the iproute2 words
 * (`ip link add ... type ipvlan mode l2 bridge`).
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Operating mode of an ipvlan port (kernel: IFLA_IPVLAN_MODE, u16).
 * The numeric values are the kernel's (IPVLAN_MODE_L2=0, L3=1, L3S=2).
 */
enum IpvlanMode : uint16_t
{
    IPVLAN_MODE_L2 = 0,  ///< slaves do their own L2 (ARP/ND); frames switched by L3 address
    IPVLAN_MODE_L3 = 1,  ///< slaves are NOARP; egress routed in the host's stack
    IPVLAN_MODE_L3S = 2, ///< as L3, but ingress passes the host's input hooks
};

/**
 * @ingroup ipvlan
 * Port flag bits (kernel: IFLA_IPVLAN_FLAGS, u16). No bit set means `bridge`.
 * PRIVATE and VEPA together are invalid, as in `ipvlan_nl_validate`.
 */
enum IpvlanFlags : uint16_t
{
    IPVLAN_F_BRIDGE = 0x0,  ///< the default: slaves switch unicast to each other locally
    IPVLAN_F_PRIVATE = 0x1, ///< no unicast between slaves (dropped at the sender)
    IPVLAN_F_VEPA = 0x2,    ///< no local switching: all unicast goes to the wire
};

/**
 * @ingroup ipvlan
 * Parse an iproute2 mode word: "l2", "l3" or "l3s" (case-insensitive).
 * Aborts with a message naming the word and the allowed ones otherwise.
 * @param word the mode word
 * @return the mode
 */
IpvlanMode ParseIpvlanMode(const std::string& word);

/**
 * @ingroup ipvlan
 * Parse iproute2 flag words: "bridge", "private" or "vepa", several separated by
 * blanks or '|' (so "private vepa" can be written and is refused).
 * Aborts with a message naming the bad word, or refusing private together with vepa.
 * @param words the flag words; empty means bridge
 * @return the flag bits
 */
uint16_t ParseIpvlanFlags(const std::string& words);

/**
 * @ingroup ipvlan
 * Check a flag bit set as `ipvlan_nl_validate` does.
 * @param flags the bits
 * @return an empty string when valid, else the reason it is refused
 */
std::string ValidateIpvlanFlags(uint16_t flags);

/**
 * @ingroup ipvlan
 * @param mode a mode
 * @return its iproute2 word ("l2", "l3", "l3s")
 */
std::string IpvlanModeToString(IpvlanMode mode);

/**
 * @ingroup ipvlan
 * @param flags flag bits
 * @return the iproute2 word ("bridge", "private", "vepa")
 */
std::string IpvlanFlagsToString(uint16_t flags);

/**
 * Stream an ipvlan mode as its iproute2 word.
 * @param os the stream
 * @param mode the mode
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, IpvlanMode mode);

} // namespace ns3

#endif /* IPVLAN_MODE_H */
