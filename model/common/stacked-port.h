/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STACKED_PORT_H
#define STACKED_PORT_H

#include "ns3/ipvlan-drop-reason.h"
#include "ns3/mac48-address.h"
#include "ns3/master-transmit.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <string>

/**
 * @file
 * @ingroup ipvlan
 * What every port on a master does, ipvlan's and macvlan's alike.
 */

namespace ns3
{

class StackedNetDevice;

/**
 * @ingroup ipvlan
 * Counters every port keeps (the rest are the driver's own).
 */
struct StackedPortCounters
{
    uint64_t rxFrames{0}; ///< frames the master handed to the port
    uint64_t txLocal{0};  ///< unicast frames switched slave-to-slave without the wire
    uint64_t txToWire{0}; ///< frames sent out of the master for slaves
    uint64_t drops{0};    ///< frames dropped at the port (all reasons)
};

/**
 * @ingroup ipvlan
 * The skeleton of a port: the per-master object of a driver whose slaves stack on a
 * physical Ethernet master (Linux `struct ipvl_port`, `struct macvlan_port`).
 *
 * It holds what the two drivers share: the master and the claim on its one receive
 * handler (`netdev_rx_handler_register`: ns-3 has no rx_handler slot, so the port
 * registers a promiscuous protocol handler and RxHandlerClaim records the owner), the
 * master's transmit path (MasterTransmit: `dev_queue_xmit`, through its queue disc), the
 * drop counter and `Drop` trace, and the deferred queue of group frames with its limit and
 * its drain (ipvlan's multicast backlog and work item, macvlan's broadcast queue and
 * `bc_work`): a frame queued here is handed to DeliverGroupFrame() by one zero-delay event
 * in the master's node context. The driver adds its demultiplexing (Receive), its slaves
 * and its own counters.
 */
class StackedPort : public Object
{
  public:
    /**
     * Drop trace signature.
     * @param packet the frame (L3 payload)
     * @param reason why it was dropped
     * @param device the device concerned (a slave, the master or the host interface)
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       IpvlanDropReason reason,
                                       Ptr<const NetDevice> device);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    StackedPort();
    ~StackedPort() override;

    /** @return the master, or nullptr once the port has been deleted */
    Ptr<NetDevice> GetMaster() const;
    /** @return the master's MAC address */
    Mac48Address GetMasterMac() const;

    /**
     * Record a drop at the port: counter and trace.
     * @param packet the packet
     * @param reason the reason
     * @param device the device concerned
     */
    void RecordDrop(Ptr<const Packet> packet, IpvlanDropReason reason, Ptr<const NetDevice> device);

  protected:
    /// One group frame waiting for the deferred drain (the skb and its control block)
    struct GroupFrame
    {
        Ptr<Packet> packet;             ///< the frame payload
        uint16_t protocol;              ///< EtherType
        Mac48Address src;               ///< source MAC
        Mac48Address dst;               ///< destination (group) MAC
        Ptr<StackedNetDevice> sender{}; ///< the local slave that sent it, else nullptr
    };

    /**
     * The checks both drivers' newlink make on a would-be master: on a node, Ethernet
     * (ARPHRD_ETHER), broadcast and not point-to-point. Stops the simulation with a
     * message naming the device and what is needed.
     * @param master the device
     * @param driver "ipvlan" or "macvlan", for the messages
     * @param refusal the kernel's refusal of a non-Ethernet master, for the messages
     */
    static void CheckMaster(Ptr<NetDevice> master,
                            const std::string& driver,
                            const std::string& refusal);

    /**
     * Become the master's port: claim its receive handler (EBUSY if another driver, a
     * switch or a bridge holds it), aggregate the port to it, set up its transmit path and
     * register the receive handler.
     * @param master the master (already checked)
     * @param driver "ipvlan" or "macvlan", for the messages
     * @param holder what the port is, as RxHandlerClaim names it to a later claimant
     * @param keepSource whether the slaves' frames keep their own source MAC (macvlan)
     */
    void TakeMaster(Ptr<NetDevice> master,
                    const std::string& driver,
                    const std::string& holder,
                    bool keepSource);
    /** Give the master back: unregister the handler, release the claim, forget the master. */
    void ReleaseMaster();

    /**
     * The receive handler on the master (rx_handler): every frame the master receives.
     * @param device the master
     * @param packet the frame payload
     * @param protocol the EtherType
     * @param from the source MAC
     * @param to the destination MAC
     * @param packetType the frame's type as the master saw it
     */
    virtual void Receive(Ptr<NetDevice> device,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         const Address& from,
                         const Address& to,
                         NetDevice::PacketType packetType) = 0;

    /** @return the driver's counters, whose common part this skeleton keeps */
    virtual StackedPortCounters& PortCounters() = 0;

    /**
     * Queue a group frame for the deferred drain; the drain is scheduled if it is not yet.
     * @param frame the frame
     * @return false (nothing queued) when the queue holds GroupQueueLimit frames already:
     *         the caller accounts for the drop as its driver does
     */
    bool EnqueueGroupFrame(GroupFrame frame);
    /**
     * Hand one drained group frame to the driver (ipvlan_process_multicast,
     * macvlan_process_broadcast: one call per frame, in queue order).
     * @param frame the frame
     */
    virtual void DeliverGroupFrame(const GroupFrame& frame) = 0;
    /** @return the frames waiting, taken off the queue (the port's teardown) */
    std::deque<GroupFrame> TakeGroupFrames();
    /** @return the number of frames waiting for the drain */
    uint32_t GetGroupQueueLength() const;

    /**
     * A slave's frame out of the master (dev_queue_xmit): the slave's transmit trace, the
     * master's queue disc or driver, and the accounting of both outcomes (a queue-disc or
     * driver refusal is the slave's tx drop and the port's drop).
     * @param slave the sender
     * @param packet the L3 packet
     * @param source the source MAC (used when the port keeps the slaves' own)
     * @param dest the destination MAC
     * @param protocol the EtherType
     * @return true if the master (or its queue disc) took it
     */
    bool SendToMaster(Ptr<StackedNetDevice> slave,
                      Ptr<Packet> packet,
                      Mac48Address source,
                      Mac48Address dest,
                      uint16_t protocol);

    /**
     * Hand a slave's frame to the master's node (a zero-delay event in its context, as
     * every hand-off between nodes is): SendToMaster there, or a slave tx drop with reason
     * slave-deleted if the port went with its master meanwhile.
     * @param slave the sender
     * @param packet the L3 packet
     * @param source the source MAC (used when the port keeps the slaves' own)
     * @param dest the destination MAC
     * @param protocol the EtherType
     */
    void HandOffToMaster(Ptr<StackedNetDevice> slave,
                         Ptr<Packet> packet,
                         Mac48Address source,
                         Mac48Address dest,
                         uint16_t protocol);
    /**
     * A slave's frame dropped on its way out: the slave's tx drop and the port's drop.
     * @param slave the sender
     * @param packet the frame
     * @param reason why
     */
    void DropOnTransmit(Ptr<StackedNetDevice> slave,
                        Ptr<const Packet> packet,
                        IpvlanDropReason reason);

    void DoDispose() override;

    Ptr<NetDevice> m_master;          ///< the master (port->dev); nullptr once deleted
    MasterTransmit m_tx;              ///< dev_queue_xmit on the master (its queue disc, if any)
    uint32_t m_groupQueueLimit{1000}; ///< at most this many group frames wait for the drain

  private:
    /**
     * The event HandOffToMaster schedules.
     * @param slave the sender
     * @param packet the L3 packet
     * @param source the source MAC
     * @param dest the destination MAC
     * @param protocol the EtherType
     */
    void SendOnMaster(Ptr<StackedNetDevice> slave,
                      Ptr<Packet> packet,
                      Mac48Address source,
                      Mac48Address dest,
                      uint16_t protocol);

    /// Drain the group-frame queue (the work item), in the master's node context
    void DrainGroupFrames();

    bool m_handlerRegistered{false};      ///< the receive handler is on the master
    std::deque<GroupFrame> m_groupFrames; ///< group frames waiting for the drain
    bool m_drainScheduled{false};         ///< a drain is scheduled (work pending)
    TracedCallback<Ptr<const Packet>, IpvlanDropReason, Ptr<const NetDevice>> m_dropTrace; ///< Drop
};

} // namespace ns3

#endif /* STACKED_PORT_H */
