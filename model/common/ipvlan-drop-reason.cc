/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-drop-reason.h"

namespace ns3
{

std::ostream&
operator<<(std::ostream& os, IpvlanDropReason reason)
{
    switch (reason)
    {
    case IPVLAN_DROP_OTHERHOST:
        return os << "otherhost";
    case IPVLAN_DROP_SLAVE_DOWN:
        return os << "slave-down";
    case IPVLAN_DROP_PRIVATE:
        return os << "private";
    case IPVLAN_DROP_NO_HOST:
        return os << "no-host-interface";
    case IPVLAN_DROP_BACKLOG_FULL:
        return os << "backlog-full";
    case IPVLAN_DROP_NOT_ETHERNET:
        return os << "not-ethernet";
    case IPVLAN_DROP_MASTER_REFUSED:
        return os << "master-refused";
    case IPVLAN_DROP_NO_PORT:
        return os << "no-port";
    case IPVLAN_DROP_MODE_UNSUPPORTED:
        return os << "mode-unsupported";
    case IPVLAN_DROP_LINK_DOWN:
        return os << "link-down";
    case IPVLAN_DROP_L3_MULTICAST:
        return os << "l3-multicast";
    case IPVLAN_DROP_NOT_IP:
        return os << "not-ip";
    case IPVLAN_DROP_NO_ROUTE:
        return os << "no-route";
    case IPVLAN_DROP_NOARP:
        return os << "noarp";
    case IPVLAN_DROP_MTU_EXCEEDED:
        return os << "mtu-exceeded";
    case IPVLAN_DROP_NETFILTER:
        return os << "netfilter";
    case IPVLAN_DROP_TAP_REFUSED:
        return os << "tap-refused";
    case IPVLAN_DROP_HOST_BACKLOG:
        return os << "host-backlog";
    case IPVLAN_DROP_CONNTRACK_FULL:
        return os << "conntrack-full";
    case IPVLAN_DROP_FRAME_TOO_BIG:
        return os << "frame-too-big";
    case IPVLAN_DROP_SLAVE_DELETED:
        return os << "slave-deleted";
    case IPVLAN_DROP_QUEUE_DISC:
        return os << "queue-disc";
    case IPVLAN_DROP_FOREIGN_SOURCE:
        return os << "foreign-source";
    case IPVLAN_DROP_STALE_DAD:
        return os << "stale-dad";
    }
    return os << "unknown(" << static_cast<int>(reason) << ")";
}

} // namespace ns3
