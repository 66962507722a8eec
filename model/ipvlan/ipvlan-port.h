/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_PORT_H
#define IPVLAN_PORT_H

#include "ipvlan-l3-key.h"
#include "ipvlan-mode.h"

#include "ns3/address-hashes.h"
#include "ns3/ipvlan-drop-reason.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/stacked-port.h"
#include "ns3/traced-callback.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * The per-master ipvlan port (kernel: struct ipvl_port).
 *
 * Frame map (doc/kernel-behaviour.rst §2, §3, §4; doc/ipvlan.rst "Model Description").
 * The control path (ipvlan_main.c's share: port creation and deletion, mode and flags,
 * slaves, addresses, MTU) is in ipvlan-port.cc; everything a frame passes through is in
 * ipvlan-port-datapath.cc, and what runs in the master's namespace (l3/l3s egress routed
 * by the host, the host's own frames) in ipvlan-port-outbound.cc (ipvlan_core.c's share).
 *
 * A frame received by the master:
 *   master --(promiscuous handler: the rx_handler)--> IpvlanPort::Receive
 *     l2, group MAC --> EnqueueMulticast --[0 s, master's node]--> DeliverGroupFrame
 *                       --[0 s, each slave's node]--> slaves; the original to the host
 *     l2/l3/l3s, unicast: L3 key (IpvlanL3Key) --> Lookup
 *       hit  --> DeliverToSlave --[0 s, slave's node]--> slave's stack
 *                (l3s: through the host's netfilter INPUT first)
 *       miss --> PassToHost --[0 s, host's node]--> IpvlanHostNetDevice's stack
 *
 * A frame sent by a slave (IpvlanNetDevice::Send --> IpvlanPort::Transmit):
 *   l2: to the master's MAC, not vepa: Lookup --> peer slave [0 s] (private: dropped),
 *       or into the host's stack (dev_forward_skb) [0 s];
 *       group MAC --> EnqueueMulticast (as above, then the original to the wire);
 *       else --[0 s, master's node]--> HandOffToMaster --> SendToMaster (dev_queue_xmit)
 *   l3/l3s: not vepa, owned by a slave --> peer slave [0 s] (private: dropped);
 *       else --[0 s, master's node]--> ProcessOutbound: host's OUTPUT hooks, routed by the
 *       host's stack out of its interface --> SendFromHost (dev_queue_xmit)
 *   dev_queue_xmit = MasterTransmit: the master's root queue disc if it has one, else the
 *   master's Send.
 *
 * The host's own frame: IpvlanHostNetDevice::Send --> SendFromHost (dev_queue_xmit).
 * Every "[0 s]" is a zero-delay event in the receiving node's context (doc/ipvlan.rst
 * "Timing"); every drop goes through the port's Drop trace with its reason.
 */

namespace ns3
{

class IpvlanNetDevice;
class IpvlanHostNetDevice;
class IpvlanNetfilter;
class Ipv4L3Protocol;
class Ipv6L3Protocol;

/**
 * @ingroup ipvlan
 * Port-level counters.
 */
struct IpvlanPortCounters : public StackedPortCounters
{
    uint64_t rxToSlave{0};       ///< unicast frames demuxed to a slave
    uint64_t rxToHost{0};        ///< frames passed to the host's interface
    uint64_t multicastQueued{0}; ///< frames put on the multicast backlog
    uint64_t arpFiltered{0};     ///< ARP requests given only to their target (ArpFilter)
};

/**
 * @ingroup ipvlan
 * One ipvlan port per master device: it owns the slaves, the mode and flags, and the
 * address table, and it is the master's receive handler. As in the kernel, the port
 * is created with the first slave (ipvlan_port_create) and lives on the master (it is
 * aggregated to the master NetDevice, as the kernel keeps it in rx_handler_data).
 *
 * The master must be an Ethernet (Mac48Address) device with no IP interface of its
 * own: the host's addresses go on an IpvlanHostNetDevice, which stands for the
 * master's own interface in the host's stack (see the module documentation).
 */
class IpvlanPort : public StackedPort
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpvlanPort();
    ~IpvlanPort() override;

    /**
     * Find the port of a master, if it has one.
     * @param master the master device
     * @return the port, or nullptr
     */
    static Ptr<IpvlanPort> Find(Ptr<const NetDevice> master);

    /**
     * Find or create the port of a master (kernel: ipvlan_port_create on the first
     * slave). Aborts with a clear message when the device cannot be a master: not
     * Ethernet, not on a node, or already in use by a bridge or another handler.
     * If the device is itself an ipvlan slave, its master's port is returned
     * (ipvlan on ipvlan is flattened, as ipvlan_link_new does).
     * @param master the master device
     * @return the port
     */
    static Ptr<IpvlanPort> GetOrCreate(Ptr<NetDevice> master);

    /**
     * Delete the port at run time, as the master's unregister does (`ip link del MASTER`):
     * every slave is deleted (IpvlanNetDevice::Delete), the host's interface leaves, queued
     * group frames are dropped, the master's receive path is given back. ns-3 cannot remove
     * the master from its node; it stays, a plain device again, and a later slave makes it
     * a master anew. Disposing the master does the same at the end of a simulation.
     */
    void Delete();

    /**
     * Set the port mode (kernel: ipvlan_set_port_mode; last writer wins).
     * @param mode the mode
     */
    void SetMode(IpvlanMode mode);
    /** @return the port mode */
    IpvlanMode GetMode() const;
    /**
     * Set the port flags; refuses an invalid set (private with vepa) with an abort
     * naming it.
     * @param flags IPVLAN_F_* bits
     */
    void SetFlags(uint16_t flags);
    /** @return the flag bits */
    uint16_t GetFlags() const;

    /**
     * Add a slave (kernel: ipvlan_link_new -> list add, port->count++). The slave
     * must be attached to this port's master.
     * @param slave the slave
     */
    void AddSlave(Ptr<IpvlanNetDevice> slave);
    /**
     * Remove a slave and its addresses (kernel: ipvlan_link_delete).
     * @param slave the slave
     */
    void RemoveSlave(Ptr<IpvlanNetDevice> slave);
    /** @return the number of slaves */
    uint32_t GetNSlaves() const;
    /**
     * @param i index
     * @return the i-th slave, in port order
     */
    Ptr<IpvlanNetDevice> GetSlave(uint32_t i) const;

    /**
     * Attach the host's interface on the master (what the master's own stack sees).
     * @param host the host device
     */
    void SetHostDevice(Ptr<IpvlanHostNetDevice> host);
    /** @return the host's interface, or nullptr */
    Ptr<IpvlanHostNetDevice> GetHostDevice() const;
    /**
     * The host's own frame (and an l3/l3s slave's, routed by the host's stack) out of the
     * master: dev_queue_xmit, through the master's queue disc if it has one, with its
     * accounting. Sent: the host interface's tx. Refused within the `ip_local_out` of an
     * l3/l3s slave's packet: that slave's tx drop (queue-disc or master-refused). The
     * host's own frame refused by the queue disc: the port's Drop trace only (Linux counts
     * it in the qdisc's statistics, not the device's); by the master: the host
     * interface's tx drop.
     * @param packet the L3 packet
     * @param dest the destination MAC
     * @param protocol the EtherType
     * @return true if the master (or its queue disc) took it
     */
    bool SendFromHost(Ptr<Packet> packet, Mac48Address dest, uint16_t protocol);

    /**
     * Claim an address for a slave (kernel: the address validators and
     * ipvlan_addr_busy). Refused when another slave of this port holds it, up or down.
     * @param slave the slave
     * @param address the address
     * @return an empty string on success, else the reason (naming the holder)
     */
    std::string ClaimAddress(IpvlanNetDevice* slave, Ipv4Address address);
    /**
     * @copydoc ClaimAddress(IpvlanNetDevice*,Ipv4Address)
     */
    std::string ClaimAddress(IpvlanNetDevice* slave, Ipv6Address address);
    /**
     * Release an address of a slave (kernel: ipvlan_del_addr).
     * @param slave the slave
     * @param address the address
     */
    void ReleaseAddress(IpvlanNetDevice* slave, Ipv4Address address);
    /**
     * @copydoc ReleaseAddress(IpvlanNetDevice*,Ipv4Address)
     */
    void ReleaseAddress(IpvlanNetDevice* slave, Ipv6Address address);
    /**
     * Put a slave's addresses into or out of the demux table as its state says
     * (ipvlan_open / ipvlan_stop; IsIpv4Running / IsIpv6Running per family). Only the
     * addresses it owns: never another slave's entry.
     * @param slave the slave
     */
    void RefreshSlave(IpvlanNetDevice* slave);

    /**
     * What to do when the stack gives a slave an address another slave of the port holds.
     */
    enum RefusedAddressAction : uint8_t
    {
        REFUSED_ADDRESS_ABORT = 0,  ///< stop with a message, as `ip addr add` fails
        REFUSED_ADDRESS_REMOVE = 1, ///< remove it again and fire AddressRefused
    };

    /** @return true when a refused address stops the simulation (the default) */
    bool AbortsOnRefusedAddress() const;

    /**
     * The running slave that owns an address, if any (ipvlan_ht_addr_lookup). O(1).
     * @param address the address
     * @return the slave, or nullptr
     */
    IpvlanNetDevice* Lookup(Ipv4Address address) const;
    /**
     * @copydoc Lookup(Ipv4Address) const
     */
    IpvlanNetDevice* Lookup(Ipv6Address address) const;
    /**
     * @param key a parsed L3 key
     * @return the running slave that owns it, or nullptr
     */
    IpvlanNetDevice* Lookup(const IpvlanL3Key& key) const;

    /**
     * Transmit a frame built by a slave (kernel: ipvlan_queue_xmit). Runs in the
     * slave's node context.
     * @param slave the sender
     * @param packet the payload
     * @param dest destination MAC chosen by the slave's stack
     * @param protocol ethertype
     * @return true if accepted (as NET_XMIT_SUCCESS)
     */
    bool Transmit(Ptr<IpvlanNetDevice> slave,
                  Ptr<Packet> packet,
                  Mac48Address dest,
                  uint16_t protocol);

    /**
     * Change the master's MTU, as `ip link set MASTER mtu N` does: the master's MTU is set
     * and every slave's MTU is overwritten with it (NETDEV_CHANGEMTU). ns-3 devices do not
     * announce MTU changes, so change the master's MTU through this method.
     * @param mtu the new MTU: 68 to 65535 (ether_setup's min_mtu, ETH_MAX_MTU)
     * @return false (nothing changed) if the value is out of range or the master
     *         refuses it
     */
    bool SetMasterMtu(uint16_t mtu);

    /** @return the port counters */
    const IpvlanPortCounters& GetCounters() const;
    /** @return frames waiting on the multicast backlog */
    uint32_t GetBacklogLength() const;

  protected:
    void DoDispose() override;
    void DoInitialize() override;

    StackedPortCounters& PortCounters() override;

  private:
    /**
     * The master's promiscuous protocol handler (kernel: ipvlan_handle_frame).
     * @param device the master
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType classification by the master
     */
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType) override;

    /**
     * Pass a frame to the host's interface (RX_HANDLER_PASS).
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType classification
     */
    void PassToHost(Ptr<const Packet> packet,
                    uint16_t protocol,
                    Mac48Address from,
                    Mac48Address to,
                    NetDevice::PacketType packetType);

    /**
     * Hand a unicast frame to a slave in its node's context (ipvlan_rcv_frame).
     * @param slave the slave
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     */
    void DeliverToSlave(IpvlanNetDevice* slave,
                        Ptr<const Packet> packet,
                        uint16_t protocol,
                        Mac48Address from,
                        Mac48Address to);

    /**
     * L2 transmit (ipvlan_xmit_mode_l2).
     * @param slave the sender
     * @param packet the payload
     * @param dest destination MAC
     * @param protocol ethertype
     * @return true if accepted
     */
    bool TransmitL2(Ptr<IpvlanNetDevice> slave,
                    Ptr<Packet> packet,
                    Mac48Address dest,
                    uint16_t protocol);

    /**
     * L3/L3S transmit (ipvlan_xmit_mode_l3): local delivery or routing in the host.
     * @param slave the sender
     * @param packet the L3 packet
     * @param protocol ethertype
     * @return true if accepted
     */
    bool TransmitL3(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet, uint16_t protocol);

    /**
     * Route a slave's packet in the host's stack with the master as output interface
     * and send it (ipvlan_process_outbound). Runs in the host's node context.
     * @param slave the sender
     * @param packet the L3 packet
     * @param protocol ethertype
     */
    void ProcessOutbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet, uint16_t protocol);

    /**
     * @param slave the sender
     * @param packet the IPv4 packet
     * @return true if sent (ipvlan_process_v4_outbound)
     */
    bool ProcessV4Outbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet);

    /**
     * @param slave the sender
     * @param packet the IPv6 packet
     * @return true if sent (ipvlan_process_v6_outbound)
     */
    bool ProcessV6Outbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet);

    /**
     * Queue a broadcast/multicast frame (ipvlan_multicast_enqueue).
     * @param frame the frame
     */
    void EnqueueMulticast(GroupFrame frame);

    /**
     * One frame of the drained backlog (ipvlan_process_multicast): a copy to every other
     * running slave whose filter takes it, then, from a slave, the original to the wire.
     * @param frame the frame
     */
    void DeliverGroupFrame(const GroupFrame& frame) override;

    /**
     * True unless the frame is our own reflected back (ipvlan_external_frame).
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @return true if external
     */
    bool IsExternalFrame(Ptr<const Packet> packet, uint16_t protocol, Mac48Address from) const;

    /// Check that the master carries no IP interface of its own
    void CheckMasterHasNoIp() const;

    /**
     * Take the port off its master: slaves deleted, host interface detached, backlog
     * dropped, receive path given back, tables emptied.
     * @param running at run time (the slaves' stacks are told) rather than disposing
     */
    void Teardown(bool running);

    /** @return the host's netfilter (l3s hooks, connection tracking), found once */
    Ptr<IpvlanNetfilter> Netfilter();
    /** @return the host's IPv4 stack, found once per host interface (nullptr: none) */
    Ptr<Ipv4L3Protocol> HostIpv4();
    /** @return the host's IPv6 stack, found once per host interface (nullptr: none) */
    Ptr<Ipv6L3Protocol> HostIpv6();

    /**
     * Set the mode from the attribute (validates the value).
     * @param mode the mode
     */
    void SetModeAttribute(IpvlanMode mode);

    IpvlanNetDevice* m_outbound = nullptr;    ///< l3 slave whose ip_local_out runs now
    bool m_outboundDropped = false;           ///< its frame was dropped by the queue disc
    IpvlanMode m_mode{IPVLAN_MODE_L3};        ///< port mode (kernel default l3)
    uint16_t m_flags{IPVLAN_F_BRIDGE};        ///< port flags
    std::list<Ptr<IpvlanNetDevice>> m_slaves; ///< slaves in creation order (port->ipvlans)
    /// where each slave is in m_slaves: adding and deleting a slave never scans the list
    std::unordered_map<const IpvlanNetDevice*, std::list<Ptr<IpvlanNetDevice>>::iterator>
        m_slavePos;
    Ptr<IpvlanHostNetDevice> m_host;  ///< the host's interface
    Ptr<Ipv4L3Protocol> m_hostIpv4;   ///< the host's IPv4 stack (HostIpv4)
    Ptr<Ipv6L3Protocol> m_hostIpv6;   ///< the host's IPv6 stack (HostIpv6)
    Ptr<IpvlanNetfilter> m_netfilter; ///< the host's netfilter (Netfilter)

    /// every address of every slave, up or down (the kernel walks ipvlan->addrs)
    std::unordered_map<Ipv4Address, IpvlanNetDevice*, IpvlanIpv4AddressHash> m_owner4;
    /// @copydoc m_owner4
    std::unordered_map<Ipv6Address, IpvlanNetDevice*, IpvlanIpv6AddressHash> m_owner6;
    /// addresses of running slaves (kernel: port->hlhead)
    std::unordered_map<Ipv4Address, IpvlanNetDevice*, IpvlanIpv4AddressHash> m_table4;
    /// @copydoc m_table4
    std::unordered_map<Ipv6Address, IpvlanNetDevice*, IpvlanIpv6AddressHash> m_table6;

    std::set<uint16_t> m_devIds; ///< dev_ids in use (port->ida)
    uint16_t m_devIdStart{1};    ///< next dev_id to try (port->dev_id_start)

    RefusedAddressAction m_refusedAddress{REFUSED_ADDRESS_ABORT}; ///< on EADDRINUSE
    bool m_arpFilter{false}; ///< ArpFilter: a broadcast ARP request only to its target

    IpvlanPortCounters m_counters; ///< counters
};

} // namespace ns3

#endif /* IPVLAN_PORT_H */
