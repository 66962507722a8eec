/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The slave's IPv6 addresses (doc/kernel-behaviour.rst §1.3, doc/ipvlan.rst "IPv6 link-local
// addresses and dev_id"): the kernel's dev_id link-local beside the one ns-3 derives from
// the shared MAC, addresses learnt from the slave's Ipv6Interface as ns-3's stack adds and
// removes them (the kernel's addrconf and ipvlan_addr6_event), and the frames ns-3 would
// send from the shared-MAC address, rewritten or dropped as the kernel's slave never sends
// them.
#include "../common/ipvlan-compat.h"
#include "ipvlan-address-watch.h"
#include "ipvlan-net-device.h"
#include "ipvlan-port.h"

#include "ns3/abort.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanNetDeviceIpv6");

Ipv6Address
IpvlanNetDevice::GetKernelLinkLocalAddress() const
{
    return KernelFormOf(Ipv6Address("fe80::"));
}

bool
IpvlanNetDevice::HasSharedInterfaceId(Ipv6Address address) const
{
    if (!GetLowerDevice())
    {
        return false;
    }
    uint8_t mac[6];
    Mac48Address::ConvertFrom(GetAddress()).CopyTo(mac);
    // ns-3's (and the kernel's without dev_id) modified EUI-64 of the shared MAC
    const uint8_t eui[8] =
        {static_cast<uint8_t>(mac[0] ^ 0x02), mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]};
    uint8_t a[16];
    address.GetBytes(a);
    return std::equal(eui, eui + 8, a + 8);
}

Ipv6Address
IpvlanNetDevice::KernelFormOf(Ipv6Address address) const
{
    // addrconf_ifid_eui48 with dev->dev_id set: MAC[0..2] | dev_id | MAC[3..5], the U/L
    // bit left as it is in the MAC
    uint8_t mac[6];
    Mac48Address::ConvertFrom(GetAddress()).CopyTo(mac);
    uint8_t a[16];
    address.GetBytes(a);
    a[8] = mac[0];
    a[9] = mac[1];
    a[10] = mac[2];
    a[11] = static_cast<uint8_t>(m_devId >> 8);
    a[12] = static_cast<uint8_t>(m_devId & 0xff);
    a[13] = mac[3];
    a[14] = mac[4];
    a[15] = mac[5];
    return Ipv6Address(a);
}

Ptr<Packet>
IpvlanNetDevice::RewriteSharedSource(Ptr<Packet> packet) const
{
    uint8_t head[24];
    if (packet->CopyData(head, sizeof(head)) != sizeof(head))
    {
        return packet;
    }
    Ipv6Address src(head + 8);
    if (!src.IsLinkLocal() || !HasSharedInterfaceId(src))
    {
        return packet;
    }
    // The source ns-3 chose is its MAC-derived address; the kernel's slave sends from its
    // dev_id one. ns-3 also names that address as the target of its neighbour
    // advertisements for a link-local (Icmpv6L4Protocol::ForgeNA). Rebuilt with the
    // kernel's address in both places and, where ns-3 computes checksums, the upper-layer
    // checksum adjusted (RFC 1624 incremental update).
    uint32_t n = packet->GetSize();
    std::vector<uint8_t> b(n);
    packet->CopyData(b.data(), n);
    uint8_t own[16];
    KernelFormOf(src).GetBytes(own);
    uint32_t csumAt = b[6] == 58 ? 42 : b[6] == 17 ? 46 : b[6] == 6 ? 56 : 0;
    bool fixSum = Node::ChecksumEnabled() && csumAt != 0 && csumAt + 2 <= n;
    auto replace = [&](uint32_t at) {
        if (fixSum)
        {
            uint32_t sum = static_cast<uint16_t>(~((b[csumAt] << 8) | b[csumAt + 1]));
            for (uint32_t k = 0; k < 16; k += 2)
            {
                sum += static_cast<uint16_t>(~((b[at + k] << 8) | b[at + k + 1]));
                sum += static_cast<uint32_t>((own[k] << 8) | own[k + 1]);
            }
            while (sum >> 16)
            {
                sum = (sum & 0xffff) + (sum >> 16);
            }
            uint16_t csum = static_cast<uint16_t>(~sum);
            b[csumAt] = static_cast<uint8_t>(csum >> 8);
            b[csumAt + 1] = static_cast<uint8_t>(csum & 0xff);
        }
        std::copy(own, own + 16, b.begin() + at);
    };
    constexpr uint32_t NA_TARGET = 40 + 8; // IPv6 header, then type, code, sum, flags
    if (b[6] == 58 && n >= NA_TARGET + 16 && b[40] == 136 &&
        std::equal(b.begin() + 8, b.begin() + 24, b.begin() + NA_TARGET))
    {
        replace(NA_TARGET);
    }
    replace(8);
    return Create<Packet>(b.data(), n);
}

// ---------------------------------------------------------------------------
// IPv6 address life cycle: the kernel's addrconf on a slave with a dev_id
// ---------------------------------------------------------------------------

void
IpvlanNetDevice::HookIpInterfaces()
{
    Ptr<Node> node = IsDeleted() ? nullptr : GetNode();
    if (!node)
    {
        return;
    }
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    int32_t i4 = ipv4 && !m_ip4If ? ipv4->GetInterfaceForDevice(this) : -1;
    if (i4 >= 0)
    {
        m_ip4If = ipv4->GetInterface(i4);
    }
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    int32_t i = ipv6 && !m_ip6If ? ipv6->GetInterfaceForDevice(this) : -1;
    if (i < 0)
    {
        return;
    }
    m_ip6If = ipv6->GetInterface(i);
    bool hooked =
        ipvlancompat::HookAddressCallbacks(PeekPointer(m_ip6If),
                                           MakeCallback(&IpvlanNetDevice::Ipv6AddressAdded, this),
                                           MakeCallback(&IpvlanNetDevice::Ipv6AddressRemoved, this),
                                           0);
    NS_LOG_LOGIC("IPv6 interface " << i << (hooked ? " hooked" : " watched by list routing only"));
}

void
IpvlanNetDevice::Ipv6AddressAdded(Ptr<Ipv6Interface> iface, Ipv6InterfaceAddress address)
{
    // Inside Ipv6Interface::AddAddress: learn it after the stack is done adding it
    Simulator::ScheduleWithContext(GetNode()->GetId(),
                                   Time(0),
                                   &IpvlanNetDevice::SyncIpv6Addresses,
                                   Ptr<IpvlanNetDevice>(this));
}

void
IpvlanNetDevice::Ipv6AddressRemoved(Ptr<Ipv6Interface> iface, Ipv6InterfaceAddress address)
{
    RemoveIpAddress(address.GetAddress());
}

void
IpvlanNetDevice::SyncIpv6Addresses()
{
    NS_LOG_FUNCTION(this);
    Ptr<Node> node = GetNode();
    Ptr<Ipv6> ipv6 = node && !IsDeleted() ? node->GetObject<Ipv6>() : nullptr;
    int32_t i = ipv6 ? ipv6->GetInterfaceForDevice(this) : -1;
    if (i < 0)
    {
        return;
    }
    HookIpInterfaces();
    std::vector<Ipv6Address> present;
    for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
    {
        present.push_back(ipv6->GetAddress(i, j).GetAddress());
    }
    std::vector<Ipv6Address> known = m_addrs6;
    for (const Ipv6Address& a : known)
    {
        if (std::find(present.begin(), present.end(), a) == present.end())
        {
            RemoveIpAddress(a); // cleared by Ipv6::SetDown, or removed without a word
        }
    }
    for (const Ipv6Address& a : present)
    {
        LearnIpv6(a);
    }
}

void
IpvlanNetDevice::LearnIpv6(Ipv6Address address)
{
    if (address.IsLocalhost() || address.IsAny() ||
        std::find(m_addrs6.begin(), m_addrs6.end(), address) != m_addrs6.end())
    {
        return;
    }
    Ptr<Ipv6> ipv6 = GetNode()->GetObject<Ipv6>();
    int32_t i = ipv6->GetInterfaceForDevice(this);
    if (m_port && HasSharedInterfaceId(address))
    {
        // ns-3 derived it from the shared MAC alone (Ipv6Interface::DoSetup for the
        // link-local, SLAAC from a router advertisement); the kernel's has the dev_id
        // (addrconf_ifid_eui48): add that one. ns-3's stays on the interface as its own
        // bookkeeping (its neighbour discovery sends from it, and would crash without it),
        // never claimed (every slave has it) and never on the wire: Send rewrites it.
        Ipv6Address own = KernelFormOf(address);
        for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
        {
            if (ipv6->GetAddress(i, j).GetAddress() == own)
            {
                return; // added already (ns-3 notifies routing even of a refused re-add)
            }
        }
        for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
        {
            Ipv6InterfaceAddress ifa = ipv6->GetAddress(i, j);
            if (ifa.GetAddress() == address)
            {
                Ptr<Icmpv6L4Protocol> icmpv6 = GetNode()->GetObject<Icmpv6L4Protocol>();
                if (icmpv6 && icmpv6->IsAlwaysDad() &&
                    ifa.GetState() == Ipv6InterfaceAddress::TENTATIVE_OPTIMISTIC)
                {
                    m_staleDadProbes++; // its DoDAD is scheduled already
                }
                ipv6->AddAddress(i, Ipv6InterfaceAddress(own, ifa.GetPrefix()));
                break;
            }
        }
        return;
    }
    std::string why = AddIpAddress(address);
    if (!why.empty())
    {
        std::ostringstream text;
        text << address;
        NotifyAddressRefused(text.str(), why);
        ipv6->RemoveAddress(i, address); // the validator's veto: it does not stay
        return;
    }
    // A DAD-failed address stays in the table, as in Linux: a hand-added (permanent)
    // address that fails DAD keeps its place (addrconf_dad_stop sends no NETDEV_DOWN, so
    // ipvlan_addr6_event never removes it); checked against the kernel in validation.
}

bool
IpvlanNetDevice::IsStaleDadProbe(Ptr<const Packet> packet, uint16_t protocol)
{
    constexpr uint32_t NS_TARGET_END = 40 + 8 + 16; // IPv6 header, NS header, target
    uint8_t b[NS_TARGET_END];
    if (protocol != Ipv6L3Protocol::PROT_NUMBER ||
        packet->CopyData(b, NS_TARGET_END) != NS_TARGET_END)
    {
        return false;
    }
    // next header ICMPv6, source ::, type NS (135)
    bool srcAny = std::all_of(b + 8, b + 24, [](uint8_t x) { return x == 0; });
    if (b[6] != 58 || !srcAny || b[40] != 135)
    {
        return false;
    }
    Ipv6Address target(b + 48);
    if (!HasSharedInterfaceId(target) ||
        std::find(m_addrs6.begin(), m_addrs6.end(), target) != m_addrs6.end())
    {
        return false;
    }
    m_staleDadProbes--;
    return true;
}

} // namespace ns3
