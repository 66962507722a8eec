/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_ADDRESS_WATCH_H
#define IPVLAN_ADDRESS_WATCH_H

#include "../common/ipvlan-compat.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv6-routing-protocol.h"

/**
 * @file
 * @ingroup ipvlan
 * How slave addresses reach the port: the ns-3 counterpart of the kernel's inetaddr
 * and inet6addr notifiers (ipvlan_addr4_event, ipvlan_addr6_event).
 */

namespace ns3
{

class Node;

/**
 * @ingroup ipvlan
 * Installs, once per node, a routing protocol of lowest priority in the node's list
 * routing that routes nothing and only listens to the stack's address and interface
 * notifications, feeding them to the node's ipvlan slaves.
 */
class IpvlanAddressWatch
{
  public:
    /**
     * Watch a node's IPv4 and IPv6 stacks (no-op for a stack already watched or
     * absent) and learn the addresses its ipvlan slaves already have.
     * @param node the node
     */
    static void Install(Ptr<Node> node);
};

/**
 * @ingroup ipvlan
 * The IPv4 listener: routes nothing.
 */
class IpvlanIpv4AddressWatcher : public Ipv4RoutingProtocol
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// Learn every address of every ipvlan interface now
    void SyncAll();

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(
        Ptr<const Packet> p,
        const Ipv4Header& header,
        Ptr<const NetDevice> idev,
        IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<3> ucb,
        IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<4> mcb,
        IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<5> lcb,
        IpvlanMemberArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Arg<6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv4> m_ipv4; ///< the node's IPv4
};

/**
 * @ingroup ipvlan
 * The IPv6 listener: routes nothing.
 */
class IpvlanIpv6AddressWatcher : public Ipv6RoutingProtocol
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// Learn every address of every ipvlan interface now
    void SyncAll();

    Ptr<Ipv6Route> RouteOutput(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(
        Ptr<const Packet> p,
        const Ipv6Header& header,
        Ptr<const NetDevice> idev,
        IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<3> ucb,
        IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<4> mcb,
        IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<5> lcb,
        IpvlanMemberArgs<decltype(&Ipv6RoutingProtocol::RouteInput)>::Arg<6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse) override;
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse) override;
    void SetIpv6(Ptr<Ipv6> ipv6) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv6> m_ipv6; ///< the node's IPv6
};

} // namespace ns3

#endif /* IPVLAN_ADDRESS_WATCH_H */
