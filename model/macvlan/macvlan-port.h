/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MACVLAN_PORT_H
#define MACVLAN_PORT_H

#include "macvlan-net-device.h"

#include "ns3/ipvlan-drop-reason.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/object.h"
#include "ns3/stacked-port.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * The per-master macvlan port (kernel: struct macvlan_port).
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Port-level counters.
 */
struct MacvlanPortCounters : public StackedPortCounters
{
    uint64_t rxToSlave{0};         ///< unicast frames demultiplexed to a slave
    uint64_t rxToMaster{0};        ///< frames left to the master's own IP stack
    uint64_t broadcastQueued{0};   ///< group frames put on the broadcast queue
    uint64_t reflectedToSource{0}; ///< group frames from a private/passthru slave sent back to it
};

/**
 * @ingroup ipvlan
 * One macvlan port per master device: it owns the slaves and the table from MAC address
 * to running slave (an O(1) hash map, as the kernel's vlan_hash), and it is the master's
 * receive handler (a promiscuous protocol handler, as IpvlanPort). It is created with the
 * first slave (macvlan_port_create) and aggregated to the master, and it registers each
 * running slave's MAC with the master's NicUnicastFilter (created, with the default
 * slots, if the master has none), which decides which frames reach the host at all.
 *
 * The master must be an Ethernet device that supports SendFrom (slaves' frames leave
 * with their own source MAC) and that no ipvlan port, bridge or switch uses. Unlike an
 * ipvlan master, a macvlan master may carry IP addresses of its own: slaves have MACs
 * of their own, so ns-3 gives the master's stack only its own frames (and group
 * frames), as the kernel's RX_HANDLER_PASS does. Frames the port passes to the master
 * are dropped with reason no-host-interface when the master has no IP interface.
 */
class MacvlanPort : public StackedPort
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    MacvlanPort();
    ~MacvlanPort() override;

    /**
     * @param master a device
     * @return its macvlan port, or nullptr
     */
    static Ptr<MacvlanPort> Find(Ptr<const NetDevice> master);

    /**
     * Find or create the port of a master (macvlan_port_create). Aborts with a message
     * naming the device when it cannot be a master: not Ethernet, not on a node, without
     * SendFrom, or already in use (EBUSY) by an ipvlan port, a bridge or a switch. A
     * macvlan slave means its master (flattened, as macvlan_common_newlink does).
     * @param master the master device
     * @return the port
     */
    static Ptr<MacvlanPort> GetOrCreate(Ptr<NetDevice> master);

    /** @return the master's unicast filter */
    Ptr<NicUnicastFilter> GetNicFilter() const;

    /**
     * Check that a slave of a mode may join (macvlan_common_newlink): a passthru slave
     * only on a port without slaves, and nothing on a passthru port. Aborts (EINVAL).
     * @param mode the new slave's mode
     */
    void CheckNewSlave(MacvlanMode mode) const;
    /**
     * Add a slave (list_add_tail to port->vlans).
     * @param slave the slave, attached to this port's master
     */
    void AddSlave(Ptr<MacvlanNetDevice> slave);
    /**
     * Remove a slave (macvlan_dellink), stopping it first if running.
     * @param slave the slave
     */
    void RemoveSlave(Ptr<MacvlanNetDevice> slave);
    /** @return the number of slaves */
    uint32_t GetNSlaves() const;
    /**
     * @param i index
     * @return the i-th slave, in creation order
     */
    Ptr<MacvlanNetDevice> GetSlave(uint32_t i) const;
    /** @return true when the port holds a passthru slave */
    bool IsPassthru() const;

    /**
     * Start or stop a slave (macvlan_open / macvlan_stop): its MAC enters or leaves the
     * table and the NIC's unicast filter (a passthru slave takes or gives back a
     * promiscuity reference instead, unless NoPromisc). Opening a slave whose MAC the
     * master or a running slave has aborts (EADDRINUSE).
     * @param slave the slave
     * @param running true to start it
     */
    void SetSlaveRunning(MacvlanNetDevice* slave, bool running);

    /**
     * Re-key a running slave whose MAC changes (macvlan_sync_address). Aborts when the
     * new address is busy (EADDRINUSE).
     * @param slave the slave
     * @param oldMac its current MAC
     * @param newMac its new MAC
     */
    void ChangeSlaveAddress(MacvlanNetDevice* slave, Mac48Address oldMac, Mac48Address newMac);

    /**
     * The running slave that has a MAC address (macvlan_hash_lookup). O(1).
     * @param mac the address
     * @return the slave, or nullptr
     */
    MacvlanNetDevice* Lookup(Mac48Address mac) const;

    /**
     * Transmit a frame built by a slave (macvlan_queue_xmit). Runs in the slave's context.
     * @param slave the sender
     * @param packet the payload
     * @param dest destination MAC
     * @param protocol ethertype
     * @return true if accepted
     */
    bool Transmit(Ptr<MacvlanNetDevice> slave,
                  Ptr<Packet> packet,
                  Mac48Address dest,
                  uint16_t protocol);

    /** @return the port counters */
    const MacvlanPortCounters& GetCounters() const;
    /** @return frames waiting on the broadcast queue */
    uint32_t GetBroadcastQueueLength() const;

  protected:
    void DoDispose() override;
    StackedPortCounters& PortCounters() override;

  private:
    /**
     * The master's promiscuous protocol handler (macvlan_handle_frame).
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
     * Leave a frame to the master's own stack (RX_HANDLER_PASS).
     * @param packet the payload
     * @param packetType the master's classification
     */
    void PassToMaster(Ptr<const Packet> packet, NetDevice::PacketType packetType);

    /**
     * Deliver copies of a group frame to the running slaves whose mode is in a mask
     * (macvlan_broadcast).
     * @param packet the payload
     * @param protocol ethertype
     * @param src source MAC
     * @param dst destination MAC
     * @param except a slave to skip (the sender), or nullptr
     * @param modes the modes that get a copy (bit mask of MacvlanMode)
     */
    void Broadcast(Ptr<const Packet> packet,
                   uint16_t protocol,
                   Mac48Address src,
                   Mac48Address dst,
                   const MacvlanNetDevice* except,
                   uint32_t modes);

    /**
     * Queue a group frame from the wire (macvlan_broadcast_enqueue).
     * @param frame the frame
     */
    void EnqueueBroadcast(GroupFrame frame);

    /**
     * One frame of the drained queue (macvlan_process_broadcast): to the slaves its
     * source's mode says.
     * @param frame the frame
     */
    void DeliverGroupFrame(const GroupFrame& frame) override;

    /**
     * Send a slave's frame out of the master with the slave's MAC as source, handed to
     * the master's node (HandOffToMaster); a queue-disc or driver refusal there is the
     * slave's tx drop.
     * @param slave the sender
     * @param packet the payload
     * @param dest destination MAC
     * @param protocol ethertype
     * @return false if the frame is too big for the master, else true (handed off)
     */
    bool SendToWire(Ptr<MacvlanNetDevice> slave,
                    Ptr<Packet> packet,
                    Mac48Address dest,
                    uint16_t protocol);

    /** @return true when the master has an IPv4 or IPv6 interface of its own */
    bool MasterHasIp() const;

    Ptr<NicUnicastFilter> m_filter;              ///< the master's unicast filter
    std::vector<Ptr<MacvlanNetDevice>> m_slaves; ///< slaves in creation order (port->vlans)
    /// MAC of each running slave (port->vlan_hash)
    std::unordered_map<Mac48Address, MacvlanNetDevice*, IpvlanMac48Hash> m_table;
    /// running slaves and the MAC each registered when it was opened
    std::unordered_map<const MacvlanNetDevice*, Mac48Address> m_running;
    bool m_passthru{false};         ///< port->passthru
    bool m_passthruPromisc{false};  ///< the passthru slave holds a promiscuity reference
    MacvlanPortCounters m_counters; ///< counters
};

} // namespace ns3

#endif /* MACVLAN_PORT_H */
