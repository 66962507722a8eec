/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_DROP_REASON_H
#define IPVLAN_DROP_REASON_H

#include <ostream>

/**
 * @file
 * @ingroup ipvlan
 * Why the ipvlan model dropped a packet.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * The reason carried by every ipvlan drop trace. Each names the kernel path that
 * drops (or would hand the frame to nobody) in the same situation.
 */
enum IpvlanDropReason
{
    IPVLAN_DROP_OTHERHOST = 1,  ///< frame for another MAC seen by a promiscuous master
    IPVLAN_DROP_SLAVE_DOWN,     ///< the sending or receiving slave is administratively down
    IPVLAN_DROP_PRIVATE,        ///< unicast slave-to-slave on a private port (ipvlan_xmit_mode_l2)
    IPVLAN_DROP_NO_HOST,        ///< frame for the master's own stack, but the host has no interface
    IPVLAN_DROP_BACKLOG_FULL,   ///< multicast backlog already holds 1000 frames
    IPVLAN_DROP_NOT_ETHERNET,   ///< destination is not an Ethernet (Mac48Address) address
    IPVLAN_DROP_MASTER_REFUSED, ///< the master's Send() refused the frame
    IPVLAN_DROP_NO_PORT,        ///< the slave is not (or no longer) attached to a port
    IPVLAN_DROP_MODE_UNSUPPORTED, ///< the port's mode has no data path in this model
    IPVLAN_DROP_LINK_DOWN,        ///< the master has no carrier
    IPVLAN_DROP_L3_MULTICAST,     ///< multicast/broadcast sent by a slave in l3/l3s
    IPVLAN_DROP_NOT_IP,           ///< non-IP frame sent by a slave in l3/l3s
    IPVLAN_DROP_NO_ROUTE,         ///< the host's stack has no route (or no interface) for it
    IPVLAN_DROP_NOARP,            ///< ARP delivered to a NOARP (l3/l3s) slave: arp_rcv drops it
    IPVLAN_DROP_MTU_EXCEEDED,     ///< larger than the master's MTU
    IPVLAN_DROP_NETFILTER,        ///< dropped by a hook of the host's netfilter (l3/l3s)
    IPVLAN_DROP_TAP_REFUSED,      ///< the TAP of a TAP-bridged slave did not take the frame
    IPVLAN_DROP_HOST_BACKLOG,     ///< the host's receive backlog is full (netdev_max_backlog)
    IPVLAN_DROP_CONNTRACK_FULL,   ///< the l3s connection table is full (nf_conntrack_max)
    IPVLAN_DROP_FRAME_TOO_BIG,    ///< a received frame is larger than the master can carry
    IPVLAN_DROP_SLAVE_DELETED,    ///< in flight to (or queued for) a slave deleted meanwhile
    IPVLAN_DROP_QUEUE_DISC,       ///< the master's queue disc dropped it
    IPVLAN_DROP_FOREIGN_SOURCE,   ///< SendFrom with a source MAC that is not the device's own
    IPVLAN_DROP_STALE_DAD,        ///< ns-3's DAD probe for the shared-MAC link-local it replaced
};

/**
 * Stream a drop reason as a short kebab-case word.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, IpvlanDropReason reason);

} // namespace ns3

#endif /* IPVLAN_DROP_REASON_H */
