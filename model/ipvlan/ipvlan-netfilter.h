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
#include "ns3/ipvlan-drop-reason.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * A small netfilter for the host's (master's) namespace: hook points and a connection
 * tracker with the kernel's per-protocol timeouts, a bounded table, early drop and
 * amortised purging, as far as ipvlan slave traffic meets them.
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
enum IpvlanHookPoint : uint8_t
{
    IPVLAN_HOOK_INPUT = 0, ///< slave-bound ingress (l3s)
    IPVLAN_HOOK_OUTPUT,    ///< slave egress routed in the host (l3, l3s)
};

/**
 * @ingroup ipvlan
 * Connection-tracking state of a packet (the ctstate match). As in the kernel, packets
 * of the original direction stay NEW until the flow has been answered; a reply, and
 * everything after it, is ESTABLISHED.
 */
enum IpvlanCtState : uint8_t
{
    IPVLAN_CT_NEW = 0,     ///< a flow not tracked yet, or not answered yet
    IPVLAN_CT_ESTABLISHED, ///< a reply, or a packet of a flow already answered
    IPVLAN_CT_UNTRACKED,   ///< not IPv4/IPv6 with a trackable header
};

/**
 * @ingroup ipvlan
 * The timeout class of a tracked flow: which of the kernel's conntrack timeouts applies
 * (net.netfilter.nf_conntrack_*_timeout*). The TCP states are a simplification of the
 * kernel's TCP tracker (doc/hardening-notes.rst): flags only, no windows or sequence
 * numbers.
 */
enum IpvlanCtTimeoutClass : uint8_t
{
    IPVLAN_CT_UDP_UNREPLIED = 0, ///< UDP, no reply yet (nf_conntrack_udp_timeout)
    IPVLAN_CT_UDP_STREAM,        ///< UDP, replied (nf_conntrack_udp_timeout_stream)
    IPVLAN_CT_ICMP,              ///< ICMP/ICMPv6 (nf_conntrack_icmp(v6)_timeout)
    IPVLAN_CT_GENERIC,           ///< any other protocol (nf_conntrack_generic_timeout)
    IPVLAN_CT_TCP_SYN_SENT,      ///< TCP, SYN seen (tcp_timeout_syn_sent)
    IPVLAN_CT_TCP_SYN_RECV,      ///< TCP, SYN+ACK seen (tcp_timeout_syn_recv)
    IPVLAN_CT_TCP_ESTABLISHED,   ///< TCP, handshake done or picked up (tcp_timeout_established)
    IPVLAN_CT_TCP_FIN_WAIT,      ///< TCP, FIN seen one way (tcp_timeout_fin_wait)
    IPVLAN_CT_TCP_CLOSE_WAIT,    ///< TCP, that FIN acknowledged (tcp_timeout_close_wait)
    IPVLAN_CT_TCP_LAST_ACK,      ///< TCP, FIN seen both ways (tcp_timeout_last_ack)
    IPVLAN_CT_TCP_TIME_WAIT,     ///< TCP, the last FIN acknowledged (tcp_timeout_time_wait)
    IPVLAN_CT_TCP_CLOSE,         ///< TCP, RST seen (tcp_timeout_close)
    IPVLAN_CT_TIMEOUT_CLASSES,   ///< number of classes (not a class)
};

/**
 * @ingroup ipvlan
 * What happened in the connection table (the Conntrack trace).
 */
enum IpvlanCtEvent : uint8_t
{
    IPVLAN_CT_EVENT_NEW = 0,    ///< a flow was inserted (its first packet was accepted)
    IPVLAN_CT_EVENT_EXPIRED,    ///< a flow timed out and was removed
    IPVLAN_CT_EVENT_EARLY_DROP, ///< a non-assured flow was evicted to make room (early_drop)
    IPVLAN_CT_EVENT_REFUSED,    ///< the table was full: a new flow's packet was dropped
};

/**
 * Stream a timeout class as the kernel's word ("udp", "udp-stream", "established", ...).
 * @param os the stream
 * @param c the class
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, IpvlanCtTimeoutClass c);

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
    uint8_t tcpFlags{0};        ///< TCP flags (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10)
    Ptr<const NetDevice> slave; ///< the slave concerned
};

/**
 * @ingroup ipvlan
 * The host namespace's netfilter, as far as ipvlan traffic meets it: an ordered list of
 * hooks per hook point (each returns true to accept, false to drop; the first drop wins)
 * and a connection tracker. One per host node (aggregated to it), shared by every port
 * whose master is on that node. ns-3 has no netfilter: the host's own traffic does not
 * pass these hooks, only ipvlan slave traffic where the kernel would run them.
 *
 * The tracker forgets flows as the kernel's does: each flow has a timeout that depends
 * on its protocol and state (attributes named after the nf_conntrack sysctls, with the
 * kernel's defaults), refreshed by every packet of the flow. Expired flows are removed
 * lazily: a lookup that finds one treats it as gone, and every packet purges at most
 * GcBatch expired flows, oldest first (the flows are kept in per-class lists ordered by
 * expiry, so finding the expired ones never scans the table). The table holds at most
 * MaxEntries flows (nf_conntrack_max); a new flow that finds it full evicts the
 * non-assured flow closest to expiry (early_drop) or, when every flow is assured, is
 * refused: its packet is dropped with reason conntrack-full before any hook runs.
 */
class IpvlanNetfilter : public Object
{
  public:
    /// A hook: accept (true) or drop (false)
    typedef Callback<bool, Ptr<const Packet>, const IpvlanPacketInfo&> Hook;

    /// When the connection tracker runs (the Conntrack attribute)
    enum ConntrackLoad
    {
        CONNTRACK_ON_DEMAND = 0, ///< from the first hook or stateful policy on
        CONNTRACK_ALWAYS,        ///< every packet from the start
    };

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
     * Drop trace signature.
     * @param packet the packet (IP header first)
     * @param info what the hooks saw
     * @param reason netfilter (a hook or the policy) or conntrack-full
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const IpvlanPacketInfo& info,
                                       IpvlanDropReason reason);
    /**
     * Conntrack trace signature.
     * @param event what happened
     * @param timeoutClass the class of the flow concerned (of the new flow when refused)
     * @param entries flows in the table afterwards
     */
    typedef void (*ConntrackTracedCallback)(IpvlanCtEvent event,
                                            IpvlanCtTimeoutClass timeoutClass,
                                            uint32_t entries);

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
     * tracked and answered (`ct state established,related accept; drop`).
     * @param point the hook point
     */
    void AcceptEstablishedOnly(IpvlanHookPoint point);

    /** Remove every hook (and policy). */
    void ClearHooks();

    /**
     * @return whether the connection tracker runs (Conntrack "always", or a hook or a
     * stateful policy was installed at some time: the tracker stays loaded after
     * ClearHooks, as nf_conntrack does when the rules are flushed)
     */
    bool IsTracking() const;

    /**
     * Run a packet through a hook point: track it, then ask the hooks.
     * @param point the hook point
     * @param packet the packet, IP header first
     * @param protocol its ethertype (0x0800 or 0x86DD)
     * @param slave the slave concerned
     * @return true if accepted; when false, GetLastDropReason() says why
     */
    bool Process(IpvlanHookPoint point,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 Ptr<const NetDevice> slave);

    /**
     * The same, also telling why a packet was dropped.
     * @param point the hook point
     * @param packet the packet, IP header first
     * @param protocol its ethertype (0x0800 or 0x86DD)
     * @param slave the slave concerned
     * @param reason where to write the drop reason when the packet is dropped
     *        (IPVLAN_DROP_NETFILTER or IPVLAN_DROP_CONNTRACK_FULL); untouched otherwise
     * @return true if accepted
     */
    bool Process(IpvlanHookPoint point,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 Ptr<const NetDevice> slave,
                 IpvlanDropReason* reason);

    /**
     * Why the last packet that Process dropped was dropped: IPVLAN_DROP_NETFILTER (a
     * hook or the established-only policy) or IPVLAN_DROP_CONNTRACK_FULL (the table was
     * full and nothing could be evicted).
     * @return the reason of the last drop (IPVLAN_DROP_NETFILTER before any drop)
     */
    IpvlanDropReason GetLastDropReason() const;

    /**
     * Purge expired flows, oldest first: at most budget of them, looking at no more
     * than budget flows plus the front of each expiry list (IPVLAN_CT_TIMEOUT_CLASSES x
     * 2 lists). Process does this with GcBatch on every packet.
     * @param budget how many expired flows to remove at most
     * @return how many were removed
     */
    uint32_t PurgeExpired(uint32_t budget);

    /**
     * @return the flows in the table (expired flows not purged yet included, as the
     *         kernel's count includes flows the gc has not reaped)
     */
    uint32_t GetNConnections() const;
    /** @return flows inserted so far */
    uint64_t GetInserted() const;
    /** @return flows removed because they expired */
    uint64_t GetExpired() const;
    /** @return non-assured flows evicted to make room (early_drop) */
    uint64_t GetEarlyDropped() const;
    /** @return new flows refused because the table was full */
    uint64_t GetRefused() const;
    /** @return packets accepted so far */
    uint64_t GetAccepted() const;
    /** @return packets dropped so far (by the hooks, the policy or a full table) */
    uint64_t GetDropped() const;
    /** @return flows looked at by the purges so far (at most GcBatch + 24 per packet) */
    uint64_t GetPurgeChecks() const;

    /**
     * @param c a timeout class
     * @return its timeout (the attribute's value)
     */
    Time GetTimeout(IpvlanCtTimeoutClass c) const;

    /**
     * Parse what the hooks see of a packet (addresses, protocol, ports, TCP flags).
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
    struct FlowKey
    {
        std::array<uint8_t, 16> a{}; ///< lower address (IPv4: first 4 bytes)
        std::array<uint8_t, 16> b{}; ///< higher address
        uint16_t pa{0};              ///< lower endpoint's port
        uint16_t pb{0};              ///< higher endpoint's port
        uint8_t protocol{0};         ///< L4 protocol
        bool v6{false};              ///< IPv6

        /**
         * @param o another key
         * @return true when equal
         */
        bool operator==(const FlowKey& o) const;
    };

    /// Hash of a FlowKey
    struct FlowKeyHash
    {
        /**
         * @param k a key
         * @return its hash
         */
        std::size_t operator()(const FlowKey& k) const;
    };

    /// A list of flows of one timeout class and assured bit, oldest expiry first
    using ExpiryList = std::list<const FlowKey*>;

    /// A tracked flow
    struct Conn
    {
        Time expires;                                ///< when it times out
        ExpiryList::iterator pos;                    ///< its place in its expiry list
        IpvlanCtTimeoutClass cls{IPVLAN_CT_GENERIC}; ///< its timeout class
        bool origLow{true};                          ///< the originator is the key's lower endpoint
        bool seenReply{false}; ///< a packet of the reply direction was seen (IPS_SEEN_REPLY)
        bool assured{false};   ///< IPS_ASSURED: never evicted by early_drop
        uint8_t finDirs{0};    ///< TCP: FIN seen from original (bit 0) / reply (bit 1)
    };

    /// Flow table
    using Table = std::unordered_map<FlowKey, Conn, FlowKeyHash>;

    /**
     * @param info a parsed packet
     * @param low set to true when the packet's source is the key's lower endpoint
     * @return its flow key
     */
    static FlowKey KeyOf(const IpvlanPacketInfo& info, bool& low);

    /**
     * @param info the first packet of a flow
     * @return the class a new flow starts in
     */
    static IpvlanCtTimeoutClass InitialClass(const IpvlanPacketInfo& info);

    /**
     * Move a flow on with one more packet (state, assured bit, timeout).
     * @param it the flow
     * @param info the packet
     * @param reply the packet goes in the reply direction
     */
    void Advance(Table::iterator it, const IpvlanPacketInfo& info, bool reply);

    /**
     * Give a flow a new class/assured bit and a fresh timeout: it moves to the back of
     * its (new) expiry list.
     * @param it the flow
     * @param cls its class
     * @param assured its assured bit
     */
    void Refresh(Table::iterator it, IpvlanCtTimeoutClass cls, bool assured);

    /**
     * @param cls a class
     * @param assured an assured bit
     * @return the expiry list that holds such flows
     */
    ExpiryList& ListOf(IpvlanCtTimeoutClass cls, bool assured);

    /**
     * Remove a flow.
     * @param it the flow
     * @param event why (expired or early drop), for counters and the trace
     */
    void Remove(Table::iterator it, IpvlanCtEvent event);

    /**
     * Make room for one new flow: purge expired flows, then evict the non-assured flow
     * closest to expiry (early_drop).
     * @return true when there is room
     */
    bool MakeRoom();

    ConntrackLoad m_conntrackLoad{CONNTRACK_ON_DEMAND}; ///< Conntrack
    bool m_tracking{false};                  ///< a hook or policy loaded the tracker (nf_conntrack)
    std::vector<Hook> m_hooks[2];            ///< per hook point
    bool m_establishedOnly[2]{false, false}; ///< the stateful policy per hook point
    Table m_table;                           ///< tracked flows
    /// expiry lists, per timeout class and assured bit
    ExpiryList m_lists[IPVLAN_CT_TIMEOUT_CLASSES][2];
    Time m_udpTimeout;                                        ///< UdpTimeout
    Time m_udpStreamTimeout;                                  ///< UdpStreamTimeout
    Time m_icmpTimeout;                                       ///< IcmpTimeout
    Time m_genericTimeout;                                    ///< GenericTimeout
    Time m_tcpSynSentTimeout;                                 ///< TcpSynSentTimeout
    Time m_tcpSynRecvTimeout;                                 ///< TcpSynRecvTimeout
    Time m_tcpEstablishedTimeout;                             ///< TcpEstablishedTimeout
    Time m_tcpFinWaitTimeout;                                 ///< TcpFinWaitTimeout
    Time m_tcpCloseWaitTimeout;                               ///< TcpCloseWaitTimeout
    Time m_tcpLastAckTimeout;                                 ///< TcpLastAckTimeout
    Time m_tcpTimeWaitTimeout;                                ///< TcpTimeWaitTimeout
    Time m_tcpCloseTimeout;                                   ///< TcpCloseTimeout
    uint32_t m_maxEntries{65536};                             ///< MaxEntries
    bool m_earlyDrop{true};                                   ///< EarlyDrop
    uint32_t m_gcBatch{8};                                    ///< GcBatch
    IpvlanDropReason m_lastDropReason{IPVLAN_DROP_NETFILTER}; ///< of the last drop
    uint64_t m_accepted{0};                                   ///< accepted packets
    uint64_t m_dropped{0};                                    ///< dropped packets
    uint64_t m_inserted{0};                                   ///< flows inserted
    uint64_t m_expired{0};                                    ///< flows expired
    uint64_t m_earlyDropped{0};                               ///< flows evicted
    uint64_t m_refused{0};                                    ///< new flows refused
    uint64_t m_purgeChecks{0};                                ///< flows checked by purges
    TracedCallback<Ptr<const Packet>, const IpvlanPacketInfo&, bool> m_verdictTrace; ///< Verdict
    TracedCallback<Ptr<const Packet>, const IpvlanPacketInfo&, IpvlanDropReason>
        m_dropTrace;                                                                ///< Drop
    TracedCallback<IpvlanCtEvent, IpvlanCtTimeoutClass, uint32_t> m_conntrackTrace; ///< Conntrack
};

} // namespace ns3

#endif /* IPVLAN_NETFILTER_H */
