/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_TAP_BRIDGE_H
#define IPVLAN_TAP_BRIDGE_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipvlan-drop-reason.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>

/**
 * @file
 * @ingroup ipvlan
 * IpvlanTapBridge: an ipvlan slave whose network stack is outside the simulation, behind
 * a TAP (the kernel's ipvtap).
 */

namespace ns3
{

class IpvlanNetDevice;
class Node;

/**
 * @ingroup ipvlan
 * Counters of an IpvlanTapBridge.
 */
struct IpvlanTapBridgeCounters
{
    uint64_t fromTap{0};       ///< frames read from the TAP and handed to the slave's TX path
    uint64_t foreignSource{0}; ///< of those, frames whose source MAC was not the master's
    uint64_t toTap{0};         ///< frames the port delivered to the slave, written to the TAP
    uint64_t drops{0};         ///< frames the bridge dropped (all reasons)
};

/**
 * @ingroup ipvlan
 * The ipvtap analogue: couples an ipvlan slave to a device standing for a TAP (in
 * emulation, an FdNetDevice on a real TAP interface whose other side is a real network
 * namespace or a VM). The slave has no ns-3 stack: the stack behind the TAP is its stack.
 *
 * - Every frame read from the TAP enters the slave's transmit path (IpvlanNetDevice::Send
 *   with the frame's destination MAC and ethertype), as if the slave's own stack had sent
 *   it; the port switches it locally, to the wire, or drops it, with its usual traces.
 *   As for every ipvlan slave, frames leave with the master's MAC; a frame whose source
 *   MAC is not the master's is still sent, and counted (foreignSource).
 * - Every frame the port delivers to the slave (demultiplexed by address, or a
 *   broadcast/multicast copy) is written to the TAP with its source and destination MACs
 *   (the kernel's tap_handle_frame queueing it to /dev/tapN).
 *
 * The slave learns its addresses from AddAddress, not from a stack (the kernel's ipvtap
 * also demultiplexes by the addresses configured on the ipvtap device, not by what the
 * guest uses). Give the TAP interface the master's MAC (IpvlanEmuHelper::InstallTap does),
 * as ipvtap slaves share it.
 *
 * Drops at the bridge (frame longer than the TAP's MTU, TAP refused it) are counted on
 * the slave as receive errors (ipvtap_count_rx_dropped) and reported by the Drop trace.
 */
class IpvlanTapBridge : public Object
{
  public:
    /**
     * Drop trace signature.
     * @param packet the dropped packet
     * @param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, IpvlanDropReason reason);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpvlanTapBridge();
    ~IpvlanTapBridge() override;

    /**
     * Couple an attached ipvlan slave to a TAP device on the same node. Aborts when the
     * slave is not attached to a master, the two are on different nodes, the TAP device
     * is not Ethernet or cannot SendFrom, or the node has an IP interface on either (the
     * slave's stack is the one behind the TAP). The bridge is aggregated to the slave
     * (slave->GetObject<IpvlanTapBridge>() finds it) and lives as long as it.
     * @param slave the slave
     * @param tap the device standing for the TAP
     */
    void Connect(Ptr<IpvlanNetDevice> slave, Ptr<NetDevice> tap);

    /** @return the slave, or nullptr before Connect */
    Ptr<IpvlanNetDevice> GetSlave() const;
    /** @return the TAP device, or nullptr before Connect */
    Ptr<NetDevice> GetTap() const;

    /**
     * Give the slave an address (`ip addr add` on the ipvtap device): the port then
     * demultiplexes it to the TAP. Aborts with the port's reason if it is refused
     * (another slave of the port holds it: EADDRINUSE).
     * @param address the address used behind the TAP
     */
    void AddAddress(Ipv4Address address);
    /** @copydoc AddAddress(Ipv4Address) */
    void AddAddress(Ipv6Address address);

    /** @return the counters */
    const IpvlanTapBridgeCounters& GetCounters() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * A frame read from the TAP (promiscuous handler of the TAP device).
     * @param device the TAP device
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType classification by the TAP device (ignored)
     */
    void FromTap(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);

    /**
     * A frame the port delivered to the slave (promiscuous handler of the slave).
     * @param device the slave
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType host, broadcast or multicast
     */
    void ToTap(Ptr<NetDevice> device,
               Ptr<const Packet> packet,
               uint16_t protocol,
               const Address& from,
               const Address& to,
               NetDevice::PacketType packetType);

    /**
     * Record a drop: counters (bridge, slave rx_errs) and the Drop trace.
     * @param packet the packet
     * @param reason why
     */
    void RecordDrop(Ptr<const Packet> packet, IpvlanDropReason reason);

    Ptr<IpvlanNetDevice> m_slave;       ///< the slave
    Ptr<NetDevice> m_tap;               ///< the TAP device
    Ptr<Node> m_node;                   ///< their node
    IpvlanTapBridgeCounters m_counters; ///< counters

    TracedCallback<Ptr<const Packet>> m_fromTapTrace;                ///< FromTap
    TracedCallback<Ptr<const Packet>> m_toTapTrace;                  ///< ToTap
    TracedCallback<Ptr<const Packet>, IpvlanDropReason> m_dropTrace; ///< Drop
};

} // namespace ns3

#endif /* IPVLAN_TAP_BRIDGE_H */
