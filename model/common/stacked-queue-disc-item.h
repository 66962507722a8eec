/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STACKED_QUEUE_DISC_ITEM_H
#define STACKED_QUEUE_DISC_ITEM_H

#include "ns3/mac48-address.h"
#include "ns3/queue-item.h"

/**
 * @file
 * @ingroup ipvlan
 * The queue-disc item a stacked device (ipvlan or macvlan slave, the host's interface)
 * hands to its master's root queue disc.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * A frame on its way to the master's queue disc: the whole L3 packet (its IP header still
 * on it, as the slave's stack built it), the destination MAC and the EtherType.
 *
 * Linux: the skb an ipvlan or macvlan slave passes to `dev_queue_xmit` on the master. The
 * master's qdisc classifies it by its headers like any other packet of the host, so this
 * item reads the IPv4/IPv6 header where it lies in the packet (no header is taken off and
 * put back on the way through): the DS field for priority queue discs, a flow hash of
 * addresses, protocol and ports for the fair-queueing ones (fq_codel), and ECN marking for
 * AQMs that mark (`Mark`, Linux `INET_ECN_set_ce`). Frames that are not IP (ARP) hash to
 * one flow, as ns-3's own items do.
 *
 * A macvlan slave's frames carry their own source MAC (`SetSource`); the master sends them
 * with `SendFrom` when the queue disc releases them.
 */
class StackedQueueDiscItem : public QueueDiscItem
{
  public:
    /**
     * @param packet the L3 packet, headers included
     * @param dest the destination MAC
     * @param protocol the EtherType
     */
    StackedQueueDiscItem(Ptr<Packet> packet, const Address& dest, uint16_t protocol);
    ~StackedQueueDiscItem() override;

    StackedQueueDiscItem() = delete;
    StackedQueueDiscItem(const StackedQueueDiscItem&) = delete;
    StackedQueueDiscItem& operator=(const StackedQueueDiscItem&) = delete;

    /**
     * The frame leaves with this source MAC (a macvlan slave's), not the master's.
     * @param source the source MAC
     */
    void SetSource(Mac48Address source);
    /** @return whether SetSource() was called */
    bool HasSource() const;
    /** @return the source MAC given to SetSource() */
    Mac48Address GetSource() const;

    /** Nothing to add: the packet already carries its IP header. */
    void AddHeader() override;
    /**
     * Set ECN Congestion Experienced if the packet is ECN-capable (ECT(0) or ECT(1)).
     * @return true if the packet is now marked CE
     */
    bool Mark() override;
    /**
     * @param field the field (IP_DSFIELD)
     * @param value the IPv4 TOS or IPv6 Traffic Class byte
     * @return false for a frame that is not IP
     */
    bool GetUint8Value(Uint8Values field, uint8_t& value) const override;
    /**
     * A flow hash of source, destination, protocol and (unfragmented TCP/UDP) ports.
     * @param perturbation the queue disc's perturbation
     * @return the hash; 0 for a frame that is not IP
     */
    uint32_t Hash(uint32_t perturbation = 0) const override;
    void Print(std::ostream& os) const override;

  private:
    Mac48Address m_source; ///< the source MAC, if m_hasSource
    bool m_hasSource;      ///< whether the frame keeps its own source MAC
};

} // namespace ns3

#endif /* STACKED_QUEUE_DISC_ITEM_H */
