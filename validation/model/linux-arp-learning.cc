/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "linux-arp-learning.h"

#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/node.h"
#include "ns3/packet.h"

using namespace ns3;

namespace ipvlanval
{

namespace
{

void
LearnFromRequest(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type)
{
    Ptr<Ipv4L3Protocol> l3 = device->GetNode()->GetObject<Ipv4L3Protocol>();
    int32_t i = l3 ? l3->GetInterfaceForDevice(device) : -1;
    if (i < 0)
    {
        return;
    }
    Ptr<Ipv4Interface> iface = l3->GetInterface(i);
    Ptr<ArpCache> cache = iface->GetArpCache();
    ArpHeader arp;
    if (!cache || packet->PeekHeader(arp) == 0 || !arp.IsRequest())
    {
        return;
    }
    bool forUs = false;
    for (uint32_t k = 0; k < iface->GetNAddresses(); ++k)
    {
        forUs |= iface->GetAddress(k).GetLocal() == arp.GetDestinationIpv4Address();
    }
    Ipv4Address sender = arp.GetSourceIpv4Address();
    if (!forUs || sender == Ipv4Address::GetAny())
    {
        return;
    }
    // Only a new entry: an existing one (alive, waiting or dead) is ns-3's own business.
    if (!cache->Lookup(sender))
    {
        ArpCache::Entry* entry = cache->Add(sender); // a new entry starts ALIVE
        entry->SetMacAddress(arp.GetSourceHardwareAddress());
    }
}

} // namespace

void
EnableArpLearningFromRequests(Ptr<NetDevice> device)
{
    device->GetNode()->RegisterProtocolHandler(MakeCallback(&LearnFromRequest),
                                               ArpL3Protocol::PROT_NUMBER,
                                               device,
                                               false);
}

} // namespace ipvlanval
