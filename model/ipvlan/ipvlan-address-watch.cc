/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-address-watch.h"

#include "ipvlan-net-device.h"
#include "ipvlan-port.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-list-routing.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/rx-handler-claim.h"

#include <algorithm>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanAddressWatch");

NS_OBJECT_ENSURE_REGISTERED(IpvlanIpv4AddressWatcher);
NS_OBJECT_ENSURE_REGISTERED(IpvlanIpv6AddressWatcher);

namespace
{
/// Lowest list-routing priority: asked last, and it never routes anyway.
constexpr int16_t WATCH_PRIORITY = std::numeric_limits<int16_t>::min();

/// Find or add a watcher of type W in a list routing protocol L.
template <typename W, typename L>
Ptr<W>
EnsureInList(Ptr<L> list)
{
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t prio;
        if (Ptr<W> w = DynamicCast<W>(list->GetRoutingProtocol(i, prio)))
        {
            return w;
        }
    }
    Ptr<W> w = CreateObject<W>();
    list->AddRoutingProtocol(w, WATCH_PRIORITY);
    return w;
}

/// An IP interface on an ipvlan master: refused, whenever the stack adds it.
void
RefuseMasterInterface(Ptr<NetDevice> device)
{
    if (device && !DynamicCast<StackedNetDevice>(device) && IpvlanPort::Find(device))
    {
        NS_FATAL_ERROR("ipvlan: master "
                       << RxHandlerClaim::Describe(device)
                       << " was given an IP address of its own; put the host's addresses on its "
                          "IpvlanHostNetDevice instead (IpvlanHelper::InstallHost), as with a "
                          "bridge");
    }
}

bool
IsWatched(Ipv6Address a)
{
    return !a.IsLocalhost();
}

bool
IsWatched(Ipv4Address a)
{
    return a != Ipv4Address::GetLoopback();
}
} // namespace

void
IpvlanAddressWatch::Install(Ptr<Node> node)
{
    if (!node)
    {
        return;
    }
    if (Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>())
    {
        Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
        if (list)
        {
            EnsureInList<IpvlanIpv4AddressWatcher>(list)->SyncAll();
        }
        else if (ipv4->GetRoutingProtocol())
        {
            NS_LOG_WARN("node " << node->GetId() << ": IPv4 routing is not a list routing; "
                                << "ipvlan learns slave addresses only at start-up");
            Ptr<IpvlanIpv4AddressWatcher> w = CreateObject<IpvlanIpv4AddressWatcher>();
            w->SetIpv4(ipv4);
            w->SyncAll();
        }
    }
    if (Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>())
    {
        Ptr<Ipv6ListRouting> list = DynamicCast<Ipv6ListRouting>(ipv6->GetRoutingProtocol());
        if (list)
        {
            EnsureInList<IpvlanIpv6AddressWatcher>(list)->SyncAll();
        }
        else if (ipv6->GetRoutingProtocol())
        {
            NS_LOG_WARN("node " << node->GetId() << ": IPv6 routing is not a list routing; "
                                << "ipvlan learns slave addresses only at start-up");
            Ptr<IpvlanIpv6AddressWatcher> w = CreateObject<IpvlanIpv6AddressWatcher>();
            w->SetIpv6(ipv6);
            w->SyncAll();
        }
    }
}

// ---------------------------------------------------------------------------
// IPv4
// ---------------------------------------------------------------------------

TypeId
IpvlanIpv4AddressWatcher::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpvlanIpv4AddressWatcher")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Ipvlan")
                            .AddConstructor<IpvlanIpv4AddressWatcher>();
    return tid;
}

void
IpvlanIpv4AddressWatcher::DoDispose()
{
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
IpvlanIpv4AddressWatcher::SyncAll()
{
    if (!m_ipv4)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        NotifyInterfaceUp(i);
    }
}

Ptr<Ipv4Route>
IpvlanIpv4AddressWatcher::RouteOutput(Ptr<Packet> p,
                                      const Ipv4Header& header,
                                      Ptr<NetDevice> oif,
                                      Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
IpvlanIpv4AddressWatcher::RouteInput(
    Ptr<const Packet> p,
    const Ipv4Header& header,
    Ptr<const NetDevice> idev,
    IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<3> ucb,
    IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<4> mcb,
    IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<5> lcb,
    IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<6> ecb)
{
    return false;
}

void
IpvlanIpv4AddressWatcher::NotifyInterfaceUp(uint32_t interface)
{
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv4->GetNetDevice(interface));
    if (!slave)
    {
        if (m_ipv4->GetNAddresses(interface) > 0)
        {
            RefuseMasterInterface(m_ipv4->GetNetDevice(interface));
        }
        return;
    }
    if (!m_ipv4->IsUp(interface))
    {
        slave->NotifyIpInterfaceState(false);
        return;
    }
    const auto& known = slave->GetIpv4Addresses();
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, j);
        if (std::find(known.begin(), known.end(), a.GetLocal()) == known.end())
        {
            NotifyAddAddress(interface, a);
        }
    }
    slave->NotifyIpInterfaceState(false);
}

void
IpvlanIpv4AddressWatcher::NotifyInterfaceDown(uint32_t interface)
{
    // ipvlan_stop's counterpart for ns-3's per-family interface state: the addresses stay
    // the slave's (still busy for others) but leave the demux table
    if (Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv4->GetNetDevice(interface)))
    {
        slave->NotifyIpInterfaceState(false);
    }
}

void
IpvlanIpv4AddressWatcher::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv4->GetNetDevice(interface));
    if (!slave)
    {
        RefuseMasterInterface(m_ipv4->GetNetDevice(interface));
        return;
    }
    if (!IsWatched(address.GetLocal()))
    {
        return;
    }
    std::string why = slave->AddIpAddress(address.GetLocal());
    if (!why.empty())
    {
        std::ostringstream text;
        text << address.GetLocal();
        slave->NotifyAddressRefused(text.str(), why);
        // The validator vetoes the address: it must not stay on the interface.
        m_ipv4->RemoveAddress(interface, address.GetLocal());
    }
}

void
IpvlanIpv4AddressWatcher::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv4->GetNetDevice(interface));
    if (slave)
    {
        slave->RemoveIpAddress(address.GetLocal());
    }
}

void
IpvlanIpv4AddressWatcher::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
IpvlanIpv4AddressWatcher::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "ipvlan address watcher: no routes\n";
}

// ---------------------------------------------------------------------------
// IPv6
// ---------------------------------------------------------------------------

TypeId
IpvlanIpv6AddressWatcher::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpvlanIpv6AddressWatcher")
                            .SetParent<Ipv6RoutingProtocol>()
                            .SetGroupName("Ipvlan")
                            .AddConstructor<IpvlanIpv6AddressWatcher>();
    return tid;
}

void
IpvlanIpv6AddressWatcher::DoDispose()
{
    m_ipv6 = nullptr;
    Ipv6RoutingProtocol::DoDispose();
}

void
IpvlanIpv6AddressWatcher::SyncAll()
{
    if (!m_ipv6)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv6->GetNInterfaces(); ++i)
    {
        NotifyInterfaceUp(i);
    }
}

Ptr<Ipv6Route>
IpvlanIpv6AddressWatcher::RouteOutput(Ptr<Packet> p,
                                      const Ipv6Header& header,
                                      Ptr<NetDevice> oif,
                                      Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
IpvlanIpv6AddressWatcher::RouteInput(
    Ptr<const Packet> p,
    const Ipv6Header& header,
    Ptr<const NetDevice> idev,
    IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<3> ucb,
    IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<4> mcb,
    IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<5> lcb,
    IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<6> ecb)
{
    return false;
}

void
IpvlanIpv6AddressWatcher::NotifyInterfaceUp(uint32_t interface)
{
    Ptr<NetDevice> device = m_ipv6->GetNetDevice(interface);
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(device);
    if (!slave)
    {
        // ns-3 gives every IPv6 interface a link-local: only a global address counts
        for (uint32_t j = 0; j < m_ipv6->GetNAddresses(interface); ++j)
        {
            if (!m_ipv6->GetAddress(interface, j).GetAddress().IsLinkLocal())
            {
                RefuseMasterInterface(device);
            }
        }
        return;
    }
    // the slave replaces ns-3's shared-MAC link-local with the kernel's and learns the rest
    slave->NotifyIpInterfaceState(true);
}

void
IpvlanIpv6AddressWatcher::NotifyInterfaceDown(uint32_t interface)
{
    // ns-3 has cleared the interface's addresses (Linux's addrconf_ifdown flushes them)
    if (Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv6->GetNetDevice(interface)))
    {
        slave->NotifyIpInterfaceState(true);
    }
}

void
IpvlanIpv6AddressWatcher::NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    Ptr<NetDevice> device = m_ipv6->GetNetDevice(interface);
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(device);
    if (!slave)
    {
        if (!address.GetAddress().IsLinkLocal())
        {
            RefuseMasterInterface(device);
        }
        return;
    }
    if (IsWatched(address.GetAddress()))
    {
        slave->SyncIpv6Addresses();
    }
}

void
IpvlanIpv6AddressWatcher::NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(m_ipv6->GetNetDevice(interface));
    if (slave)
    {
        slave->RemoveIpAddress(address.GetAddress());
    }
}

void
IpvlanIpv6AddressWatcher::NotifyAddRoute(Ipv6Address dst,
                                         Ipv6Prefix mask,
                                         Ipv6Address nextHop,
                                         uint32_t interface,
                                         Ipv6Address prefixToUse)
{
}

void
IpvlanIpv6AddressWatcher::NotifyRemoveRoute(Ipv6Address dst,
                                            Ipv6Prefix mask,
                                            Ipv6Address nextHop,
                                            uint32_t interface,
                                            Ipv6Address prefixToUse)
{
}

void
IpvlanIpv6AddressWatcher::SetIpv6(Ptr<Ipv6> ipv6)
{
    m_ipv6 = ipv6;
}

void
IpvlanIpv6AddressWatcher::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "ipvlan address watcher: no routes\n";
}

} // namespace ns3
