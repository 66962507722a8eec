/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MASTER_TRANSMIT_H
#define MASTER_TRANSMIT_H

#include "ns3/ipvlan-drop-reason.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/ptr.h"
#include "ns3/queue-disc.h"
#include "ns3/traffic-control-layer.h"

#include <string>

/**
 * @file
 * @ingroup ipvlan
 * `dev_queue_xmit` on the master: what a port does with every frame that leaves through
 * its master.
 */

namespace ns3
{

class Packet;

/**
 * @ingroup ipvlan
 * The master's transmit path, shared by the host's own interface and every slave of an
 * ipvlan or macvlan port (Linux `dev_queue_xmit(master)`).
 *
 * With a root queue disc installed on the master (`TrafficControlHelper::Install(master)`),
 * a frame enters it through the node's `TrafficControlLayer`, which dequeues to the master
 * under the master's `NetDeviceQueueInterface` flow control, exactly as the host's own
 * traffic would: one queue disc shapes, delays and drops the host and its containers
 * together. The frame is a StackedQueueDiscItem (the IP header stays on the packet).
 * Without one (Linux `noqueue`), the frame goes straight to the master's `Send`.
 *
 * A queue disc that refuses the frame at enqueue (its `DropBeforeEnqueue`, a child's drop
 * included) makes Send() return QUEUE_DISC_DROP, so the caller counts it where the kernel
 * does: `dev_queue_xmit` returns NET_XMIT_DROP and `ipvlan_start_xmit` /
 * `macvlan_start_xmit` count a tx drop. Drops after enqueue (CoDel at dequeue, fq_codel
 * dropping another flow's packet) stay the queue disc's own (its `Drop` traces, Linux's
 * `tc -s qdisc`): the kernel returns NET_XMIT_SUCCESS or NET_XMIT_CN for them.
 *
 * A queue disc installed or replaced while the simulation runs is initialised and wired to
 * the master on the next frame (ns-3 does that only at the start), so `tc qdisc add` and
 * `tc qdisc del` at run time work as in Linux. Deleting a root queue disc that still holds
 * packets (or has a TBF timer pending) is ns-3's `DeleteRootQueueDiscOnDevice` matter: it
 * does not flush them as Linux's `qdisc_reset` does, so delete it when it is empty.
 */
class MasterTransmit
{
  public:
    /// What became of a frame
    enum Outcome : uint8_t
    {
        SENT,            //!< queued in the master's queue disc, or accepted by the master
        QUEUE_DISC_DROP, //!< the master's queue disc dropped it at enqueue
        DEVICE_REFUSED,  //!< no queue disc, and the master's Send refused it
    };

    MasterTransmit();
    ~MasterTransmit();
    MasterTransmit(const MasterTransmit&) = delete;
    MasterTransmit& operator=(const MasterTransmit&) = delete;

    /**
     * @param master the master device
     * @param keepSource whether frames keep their own source MAC (macvlan: the master needs
     *        SendFrom); ipvlan's frames all leave with the master's MAC
     */
    void SetMaster(Ptr<NetDevice> master, bool keepSource);
    /** Forget the master and the queue disc (port teardown). */
    void Clear();

    /**
     * dev_queue_xmit: hand one frame to the master (through its queue disc if it has one).
     * @param packet the L3 packet (headers on)
     * @param source the source MAC (used when keepSource)
     * @param dest the destination MAC
     * @param protocol the EtherType
     * @return what became of it
     */
    Outcome Send(Ptr<Packet> packet, Mac48Address source, Mac48Address dest, uint16_t protocol);

    /**
     * dev_queue_xmit of a frame with the master's own source MAC (ipvlan: every frame).
     * @param packet the L3 packet (headers on)
     * @param dest the destination MAC
     * @param protocol the EtherType
     * @return what became of it
     */
    Outcome SendOwn(Ptr<Packet> packet, Mac48Address dest, uint16_t protocol);

    /**
     * @param outcome a refusal (QUEUE_DISC_DROP or DEVICE_REFUSED)
     * @return the drop reason it is recorded with (queue-disc or master-refused)
     */
    static IpvlanDropReason DropReasonOf(Outcome outcome);

    /**
     * @return the master's root queue disc (nullptr: none, Linux `noqueue`), as the node's
     *         traffic-control layer has it now
     */
    Ptr<QueueDisc> GetQueueDisc() const;

  private:
    /**
     * Take a new root queue disc (or none): initialise a queue disc installed while the
     * simulation runs, watch its enqueue drops and, for keepSource, send with SendFrom.
     * @param root the master's root queue disc now
     */
    void Adopt(Ptr<QueueDisc> root);
    /**
     * The root queue disc's DropBeforeEnqueue sink.
     * @param item the dropped item
     * @param reason the queue disc's reason
     */
    void EnqueueDropped(Ptr<const QueueDiscItem> item, const char* reason);

    Ptr<NetDevice> m_master;        ///< the master
    Ptr<TrafficControlLayer> m_tc;  ///< the master's node's traffic-control layer, if any
    Ptr<QueueDisc> m_root;          ///< the root queue disc being watched
    bool m_keepSource;              ///< frames keep their own source MAC
    const QueueDiscItem* m_current; ///< the item being enqueued now
    bool m_currentDropped;          ///< m_current was dropped at enqueue
    std::string m_lastReason;       ///< the queue disc's reason for the last drop
    uint64_t m_generation;          ///< the device scan m_root's send callbacks follow
};

} // namespace ns3

#endif /* MASTER_TRANSMIT_H */
