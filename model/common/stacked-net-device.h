/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STACKED_NET_DEVICE_H
#define STACKED_NET_DEVICE_H

#include "ipvlan-drop-reason.h"

#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

#include <cstdint>

/**
 * @file
 * @ingroup ipvlan
 * Common base of the virtual devices that sit on a lower (master) Ethernet device.
 */

namespace ns3
{

class Node;
class StackedPort;

/**
 * @ingroup ipvlan
 * Per-device counters, as the kernel's ipvl_pcpu_stats (`ip -s link`).
 * Byte counts include a 14-byte Ethernet header, as the kernel's do.
 */
struct StackedDeviceCounters
{
    uint64_t rxPackets{0};   ///< rx_pkts: frames delivered up to this device's stack
    uint64_t rxBytes{0};     ///< rx_bytes
    uint64_t rxMulticast{0}; ///< rx_mcast: deliveries through the multicast path
    uint64_t txPackets{0};   ///< tx_pkts: frames accepted for transmission
    uint64_t txBytes{0};     ///< tx_bytes
    uint32_t rxErrors{0};    ///< rx_errs: deliveries that failed (reported also as rx_dropped)
    /// the core's own rx_dropped (dev_core_stats_rx_dropped_inc): frames dev_forward_skb
    /// refused as longer than the device takes; `ip -s link` adds them to rx_dropped
    uint32_t rxCoreDropped{0};
    uint32_t txDropped{0}; ///< tx_drps: frames dropped on transmit
};

/**
 * @ingroup ipvlan
 * How a frame reaches a stacked device, which decides how it is counted. On the paths
 * that start at a slave's transmit (ipvlan_rcv_frame on a slave-to-slave frame,
 * ipvlan_process_multicast on a slave's own group frame) skb->len already holds the
 * Ethernet header, and the kernel adds ETH_HLEN again: rx_bytes is 14 more there.
 */
enum StackedDelivery : uint8_t
{
    DELIVERY_WIRE = 0,            ///< demuxed from a received frame (or the host's own)
    DELIVERY_MULTICAST = 1,       ///< the deferred multicast path, for a frame from the wire
    DELIVERY_LOCAL = 2,           ///< unicast switched from another slave's transmit path
    DELIVERY_MULTICAST_LOCAL = 3, ///< the multicast path, for a frame a slave sent
};

/**
 * @ingroup ipvlan
 * A NetDevice stacked on a lower Ethernet device (the master): it has no channel
 * of its own, reports the lower device's carrier as its link state, and delivers
 * frames up to its node's stack with ns-3's usual traces and callbacks. The
 * ipvlan slave and the host's interface on the master both derive from it.
 */
class StackedNetDevice : public NetDevice
{
  public:
    /**
     * Drop trace signature.
     * @param packet the dropped packet
     * @param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, IpvlanDropReason reason);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    StackedNetDevice();
    ~StackedNetDevice() override;

    // Delete copy constructor and assignment operator to avoid misuse
    StackedNetDevice(const StackedNetDevice&) = delete;
    StackedNetDevice& operator=(const StackedNetDevice&) = delete;

    /** @return the lower (master) device, or nullptr before attachment */
    Ptr<NetDevice> GetLowerDevice() const;

    /**
     * Set the administrative state (kernel: `ip link set dev X up|down`, netif_running).
     * @param up true to bring the device up
     */
    virtual void SetAdminUp(bool up);
    /** @return the administrative state */
    bool IsAdminUp() const;
    /**
     * @return true once the device was deleted (kernel: unregistered): it has no master
     * any more, sends nothing and delivers nothing.
     */
    bool IsDeleted() const;

    /** @return this device's counters */
    const StackedDeviceCounters& GetCounters() const;

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    Address GetAddress() const override;
    /**
     * Refused: the device always has its master's MAC (the kernel has no
     * ndo_set_mac_address for ipvlan: EOPNOTSUPP). Change the master's address instead.
     * @param address the address asked for
     */
    void SetAddress(Address address) override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;
    /**
     * Send a frame: the checks every stacked device makes (CanSend: refused ones are the
     * device's tx drop, and the port's for a slave), then the device's DoSend().
     * @param packet the packet
     * @param dest the destination MAC
     * @param protocolNumber the EtherType
     * @return true if the frame was taken
     */
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;

    /**
     * Deliver a frame up to this device's node (kernel: netif_rx / RX_HANDLER_ANOTHER
     * into this device). Must run in this device's node context.
     * @param packet the payload (no Ethernet header)
     * @param protocol the ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType host, broadcast or multicast
     * @param delivery the path it came by (multicast counter, byte count)
     */
    void DeliverUp(Ptr<const Packet> packet,
                   uint16_t protocol,
                   Mac48Address from,
                   Mac48Address to,
                   NetDevice::PacketType packetType,
                   StackedDelivery delivery);

    /**
     * Fire MacTx and the sniffers for a frame about to be handed on (before the
     * master adds its Ethernet header to the packet).
     * @param packet the payload
     * @param dest destination MAC
     * @param protocol ethertype
     */
    void TraceTransmit(Ptr<const Packet> packet, Mac48Address dest, uint16_t protocol);

    /**
     * TraceTransmit for a frame addressed to the device's own MAC (an ipvlan l3 slave's
     * egress, whose frame goes to the master's MAC, which is the slave's too); the MAC is
     * looked up only when a sniffer listens.
     * @param packet the packet
     * @param protocol ethertype
     */
    void TraceTransmitToOwnMac(Ptr<const Packet> packet, uint16_t protocol);

    /**
     * Count a frame accepted for transmission (tx_pkts, tx_bytes).
     * @param payloadBytes the payload size (14 bytes of Ethernet header are added)
     */
    void CountTransmit(uint32_t payloadBytes);

    /**
     * Deliver a frame up to this device's node later, in that node's context (a zero-delay
     * event, as Node::ReceiveFromDevice requires): the hand-over from a port on the master's
     * node to a slave on its container's node (ipvlan_rcv_frame, netif_rx).
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType the packet type
     * @param delivery the path it came by (see DeliverUp)
     */
    void ScheduleDeliver(Ptr<const Packet> packet,
                         uint16_t protocol,
                         Mac48Address from,
                         Mac48Address to,
                         NetDevice::PacketType packetType,
                         StackedDelivery delivery);

    /**
     * Record a frame handed on for transmission: MacTx, the sniffers and the counters.
     * @param packet the payload
     * @param dest destination MAC
     * @param protocol ethertype
     */
    void NotifyTransmitted(Ptr<const Packet> packet, Mac48Address dest, uint16_t protocol);

    /**
     * The checks every stacked device makes before handing a frame to its port: not
     * deleted, attached, administratively up, the master has carrier, Ethernet destination.
     * @param attached the device has a port
     * @param dest the destination address
     * @param reason set to why the frame cannot be sent
     * @return true if it can be sent
     */
    bool CanSend(bool attached, const Address& dest, IpvlanDropReason& reason) const;

    /**
     * Record a dropped packet: counters and the Drop trace.
     * @param packet the packet
     * @param reason why
     * @param onTransmit true for a transmit-side drop (tx_drps), false for receive (rx_errs)
     */
    void RecordDrop(Ptr<const Packet> packet, IpvlanDropReason reason, bool onTransmit);

  protected:
    void DoDispose() override;

    /**
     * The port this device sends through (nullptr: not attached). Send() makes the checks
     * every stacked device makes (CanSend) and then calls DoSend().
     * @return the port
     */
    virtual StackedPort* GetSendPort() const = 0;
    /**
     * The device's own transmit step, once the send checks passed (ipvlan_queue_xmit,
     * macvlan_queue_xmit, the host's dev_queue_xmit).
     * @param packet the packet
     * @param dest the destination MAC
     * @param protocol the EtherType
     * @return true if the frame was taken
     */
    virtual bool DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocol) = 0;

    /// A send refused by the checks is the port's drop too (slaves; not the host interface)
    bool m_portCountsRefusals{true};

    /**
     * Attach to the lower device: take its MTU and follow its carrier.
     * @param lower the master
     */
    void AttachLower(Ptr<NetDevice> lower);
    /**
     * Leave the lower device for good (kernel: unregister_netdevice of this device): no
     * master, no carrier (link-change listeners are told), every later send and every
     * frame still in flight to it is dropped with reason slave-deleted.
     * @param notify tell the link-change listeners (not while disposing: the stack they
     *        belong to may be gone)
     */
    void DetachLower(bool notify = true);
    /**
     * Set the MTU from the attribute: 0 (inherit the master's) or 68 to 65535; anything
     * else aborts, naming the value and the allowed range.
     * @param mtu the MTU
     */
    void SetMtuAttribute(uint16_t mtu);

    /** @return the lower device's MAC, which this device shares */
    Mac48Address GetLowerMac() const;

  private:
    /// Called when the lower device's link changes (kernel: netif_stacked_transfer_operstate)
    void LowerLinkChanged();

    /**
     * Fire a sniffer trace with an Ethernet header in front of the payload, built only
     * when something listens.
     * @param trace the sniffer trace
     * @param packet the payload
     * @param src source MAC
     * @param dst destination MAC
     * @param protocol ethertype
     */
    void Sniff(TracedCallback<Ptr<const Packet>>& trace,
               Ptr<const Packet> packet,
               Mac48Address src,
               Mac48Address dst,
               uint16_t protocol) const;

    class LinkRelay;

    Ptr<NetDevice> m_lower;     ///< the master
    Ptr<LinkRelay> m_linkRelay; ///< forwards the master's link changes while we live
    Ptr<Node> m_node;           ///< our node
    uint32_t m_ifIndex{0};      ///< interface index on our node
    uint16_t m_mtu{0};          ///< MTU (0 until attached: then the master's unless set)
    bool m_adminUp{true};       ///< administrative state
    bool m_deleted{false};      ///< deleted (unregistered): see DetachLower()
    NetDevice::ReceiveCallback m_rxCallback;               ///< non-promiscuous delivery
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; ///< promiscuous delivery
    TracedCallback<> m_linkChangeCallbacks;                ///< link change listeners
    StackedDeviceCounters m_counters;                      ///< counters

    TracedCallback<Ptr<const Packet>> m_macTxTrace;                  ///< MacTx
    TracedCallback<Ptr<const Packet>> m_macRxTrace;                  ///< MacRx
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;           ///< MacPromiscRx
    TracedCallback<Ptr<const Packet>> m_snifferTrace;                ///< Sniffer
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace;         ///< PromiscSniffer
    TracedCallback<Ptr<const Packet>, IpvlanDropReason> m_dropTrace; ///< Drop
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;              ///< MacTxDrop
    TracedCallback<Ptr<const Packet>> m_macRxDropTrace;              ///< MacRxDrop
};

} // namespace ns3

#endif /* STACKED_NET_DEVICE_H */
