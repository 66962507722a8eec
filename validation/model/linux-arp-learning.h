/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_LINUX_ARP_LEARNING_H
#define IPVLAN_VALIDATION_LINUX_ARP_LEARNING_H

#include "ns3/net-device.h"

/**
 * @file
 * One behaviour of the Linux IPv4 stack that ns-3's ARP lacks, added by the model
 * runner so that the comparison with the kernel is about ipvlan, not about ARP: when a
 * host answers an ARP request for one of its addresses, Linux also records the
 * requester (arp_process -> neigh_event_ns, entry STALE), so its own reply traffic
 * needs no ARP request of its own. ns-3's ArpL3Protocol deliberately does not
 * ("we do not update the ARP cache when we receive an ARP request").
 */

namespace ipvlanval
{

/**
 * Make a device's IPv4 interface learn the sender of ARP requests for its addresses.
 * @param device a device with an IPv4 interface (or one added later)
 */
void EnableArpLearningFromRequests(ns3::Ptr<ns3::NetDevice> device);

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_LINUX_ARP_LEARNING_H */
