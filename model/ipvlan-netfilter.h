/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_NETFILTER_H
#define IPVLAN_NETFILTER_H

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * A small netfilter for the host's (master's) namespace: hook points and a minimal
 * connection tracker, as far as ipvlan slave traffic meets them.
 */

namespace ns3
{

class NetDevice;
class Node;
class Packet;

/**
 * @ingroup ipvlan
 * Where a slave's packet meets the host's netfilter.
 *  - OUTPUT: slave egress in l3 and l3s, routed by the host's stack (ip_local_out in the
 *    master's namespace runs OUTPUT/POSTROUTING).
 *  - INPUT: slave-bound ingress in l3s only (PREROUTING, conntrack and LOCAL_IN, where
 *    ipvlan_nf_input hands the packet to the slave). In l2 and l3 ingress goes straight
 *    to the slave; local slave-to-slave delivery never meets the hooks.
 */
enum IpvlanHookPoint
{
    IPVLAN_HOOK_INPUT = 0, ///< slave-bound ingress (l3s)
    IPVLAN_HOOK_OUTPUT,    ///< slave egress routed in the host (l3, l3s)
};

/**
 * @ingroup ipvlan
 * Connection-tracking state of a packet (the ctstate match).
 */
enum IpvlanCtState
{
    IPVLAN_CT_NEW = 0,     ///< first packet of a flow not seen before
    IPVLAN_CT_ESTABLISHED, ///< a flow already seen (in either direction)
    IPVLAN_CT_UNTRACKED,   ///< not IPv4/IPv6 with a trackable header
};

/**
 * @ingroup ipvlan
 * What a hook sees of one packet.
 */
struct IpvlanPacketInfo
{
    IpvlanHookPoint hook{IPVLAN_HOOK_INPUT};  ///< where
    IpvlanCtState state{IPVLAN_CT_UNTRACKED}; ///< conntrack state
    bool isV6{false};                         ///< IPv6 (else IPv4)
    Ipv4Address src4;                         ///< IPv4 source
    Ipv4Address dst4;                         ///< IPv4 destination
    Ipv6Address src6;                         ///< IPv6 source
    Ipv6Address dst6;                         ///< IPv6 destination
    uint8_t protocol{0};                      ///< L4 protocol (6 TCP, 17 UDP, 1/58 ICMP)
    uint16_t srcPort{0};                      ///< L4 source port (ICMP echo: identifier)
    uint16_t dstPort{0};                      ///< L4 destination port (ICMP echo: identifier)
    Ptr<const NetDevice> slave;               ///< the slave concerned
};

/**
 * @ingroup ipvlan
 * The host namespace's netfilter, as far as ipvlan traffic meets it: an ordered list of
 * hooks per hook point (each returns true to accept, false to drop; the first drop wins)
 * and a connection tracker. One per host node (aggregated to it), shared by every port
 * whose master is on that node. ns-3 has no netfilter: the host's own traffic does not
 * pass these hooks, only ipvlan slave traffic where the kernel would run them.
 */
class IpvlanNetfilter : public Object
{
  public:
    /// A hook: accept (true) or drop (false)
    typedef Callback<bool, Ptr<const Packet>, const IpvlanPacketInfo&> Hook;

    /**
     * Verdict trace signature.
     * @param packet the packet (IP header first)
     * @param info what the hooks saw
     * @param accepted the verdict
     */
    typedef void (*VerdictTracedCallback)(Ptr<const Packet> packet,
                                          const IpvlanPacketInfo& info,
                                          bool accepted);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpvlanNetfilter();
    ~IpvlanNetfilter() override;

    /**
     * The netfilter of a host node, created on first use.
     * @param host the host node
     * @return its netfilter
     */
    static Ptr<IpvlanNetfilter> GetOrCreate(Ptr<Node> host);

    /**
     * Append a hook at a hook point.
     * @param point the hook point
     * @param hook the hook
     */
    void AddHook(IpvlanHookPoint point, Hook hook);

    /**
     * The usual stateful policy for a hook point: accept only packets of flows already
     * tracked (`ct state established,related accept; drop`).
     * @param point the hook point
     */
    void AcceptEstablishedOnly(IpvlanHookPoint point);

    /** Remove every hook (and policy). */
    void ClearHooks();

    /**
     * Run a packet through a hook point: track it, then ask the hooks.
     * @param point the hook point
     * @param packet the packet, IP header first
     * @param protocol its ethertype (0x0800 or 0x86DD)
     * @param slave the slave concerned
     * @return true if accepted
     */
    bool Process(IpvlanHookPoint point,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 Ptr<const NetDevice> slave);

    /** @return the number of tracked flows */
    uint32_t GetNConnections() const;
    /** @return packets accepted so far */
    uint64_t GetAccepted() const;
    /** @return packets dropped so far */
    uint64_t GetDropped() const;

    /**
     * Parse what the hooks see of a packet (addresses, protocol, ports).
     * @param packet the packet, IP header first
     * @param protocol ethertype
     * @param info where to write it
     * @return false if it is not trackable IPv4/IPv6
     */
    static bool Parse(Ptr<const Packet> packet, uint16_t protocol, IpvlanPacketInfo& info);

  protected:
    void DoDispose() override;

  private:
    /// A flow, direction-independent (the lower endpoint first)
    using FlowKey =
        std::tuple<uint8_t, std::vector<uint8_t>, uint16_t, std::vector<uint8_t>, uint16_t>;

    /**
     * @param info a parsed packet
     * @return its flow key
     */
    static FlowKey KeyOf(const IpvlanPacketInfo& info);

    std::vector<Hook> m_hooks[2];            ///< per hook point
    bool m_establishedOnly[2]{false, false}; ///< the stateful policy per hook point
    std::map<FlowKey, Time> m_flows;         ///< tracked flows, last seen
    Time m_timeout;                          ///< conntrack timeout
    uint64_t m_accepted{0};                  ///< accepted packets
    uint64_t m_dropped{0};                   ///< dropped packets
    TracedCallback<Ptr<const Packet>, const IpvlanPacketInfo&, bool> m_verdictTrace; ///< Verdict
};

} // namespace ns3

#endif /* IPVLAN_NETFILTER_H */
