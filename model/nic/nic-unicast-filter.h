/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NIC_UNICAST_FILTER_H
#define NIC_UNICAST_FILTER_H

#include "ns3/address-hashes.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <unordered_map>

/**
 * @defgroup ipvlan-nic NIC unicast filter
 * @ingroup ipvlan
 * The unicast MAC address filter of a NIC and what the frames it lets through cost the
 * host: many MAC addresses on one NIC (macvlan: one per slave) overflow the filter and
 * make the NIC promiscuous, where ipvlan's slaves share the master's one address.
 * NicUnicastFilter, aggregated to a master device, and its counters; doc/ipvlan.rst,
 * "NIC unicast filter and the macvlan model", sums up the model and its departures.
 */

/**
 * @file
 * @ingroup ipvlan-nic
 * The unicast MAC filter of a NIC and its fall-back to promiscuous mode.
 */

namespace ns3
{

class NetDevice;

/**
 * @ingroup ipvlan-nic
 * What the NIC did with the frames offered to it (one count per frame on the segment).
 */
struct NicUnicastFilterCounters
{
    uint64_t framesSeen{0};      ///< every frame on the segment offered to the NIC
    uint64_t framesInspected{0}; ///< frames that reached the host (it had to process them)
    /// frames inspected only because the NIC was promiscuous: unicast for a MAC the host
    /// never asked for (PACKET_OTHERHOST), which the filter would have spared it
    uint64_t framesPromiscOnly{0};
    uint64_t framesFiltered{0}; ///< unicast frames for other MACs dropped by the hardware filter
    /// frames that passed the filter but found the host's receive backlog full (MaxBacklog
    /// frames already waiting for PerFrameCost each): dropped, as the kernel's
    /// enqueue_to_backlog does past net.core.netdev_max_backlog
    uint64_t framesBacklogDropped{0};
};

/**
 * @ingroup ipvlan-nic
 * What the NIC and the host's receive path do with one frame.
 */
enum NicFrameVerdict : uint8_t
{
    NIC_FRAME_ACCEPTED = 0, ///< the host gets it
    NIC_FRAME_FILTERED,     ///< the unicast filter drops it in hardware
    NIC_FRAME_BACKLOG_FULL, ///< it passed the filter but the host's backlog is full
};

/**
 * @ingroup ipvlan-nic
 * The unicast MAC address filter of a NIC, aggregated to the master device.
 *
 * The host asks the NIC for the unicast addresses it wants (kernel: the device's own
 * dev_addr plus the secondary addresses of dev->uc, added with dev_uc_add; macvlan adds
 * one per slave in macvlan_open, ipvlan adds none because its slaves share the master's
 * MAC). The NIC holds the secondary addresses in a table of UnicastFilterSlots exact
 * entries (Intel igb 16-32, ixgbe 128 receive-address registers of which one holds the
 * device's own MAC, i40e 3072 per device). When the host asks for more, the driver falls
 * back to unicast promiscuous mode (ixgbe sets FCTRL.UPE; a driver without
 * IFF_UNICAST_FLT has no slot at all, and __dev_set_rx_mode turns promiscuity on as soon
 * as one secondary address exists): from then on the host receives, and must look at,
 * every frame on the segment.
 *
 * The device's own address is always filtered and is not counted against the slots.
 * Broadcast and multicast frames always reach the host (the model has no multicast
 * filter). Promiscuity can also be asked for explicitly (SetPromiscuity, the
 * kernel's dev_set_promiscuity: tcpdump, a passthru macvlan); the NIC is promiscuous
 * while any such reference is held or the secondary addresses overflow the slots.
 *
 * ns-3 devices have no receive filter: every frame on a segment reaches a promiscuous
 * protocol handler. This object therefore decides, for the handlers that consult it
 * (MacvlanPort, IpvlanPort), whether a frame would have reached the host, and counts the
 * host's work. With PerFrameCost set, each inspected frame keeps the host busy for that
 * long, served one at a time: GetBusyTime and GetMaxQueueDelay report the load, and a
 * frame that finds MaxBacklog frames already waiting is dropped (the kernel's
 * netdev_max_backlog), so a host flooded with frames loses some of its own. Frames the
 * host accepts are not delayed by the model.
 */
class NicUnicastFilter : public Object
{
  public:
    /**
     * PromiscuousChange trace signature.
     * @param promiscuous the new state
     */
    typedef void (*PromiscuousTracedCallback)(bool promiscuous);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    NicUnicastFilter();
    ~NicUnicastFilter() override;

    /**
     * @param device a device
     * @return its filter, or nullptr when none is aggregated to it
     */
    static Ptr<NicUnicastFilter> Find(Ptr<const NetDevice> device);
    /**
     * Find the filter of a device, or aggregate a new one (with the attributes' defaults).
     * @param device an Ethernet device
     * @return the filter
     */
    static Ptr<NicUnicastFilter> GetOrCreate(Ptr<NetDevice> device);

    /**
     * Account for one frame on a device's segment, when the device has a filter.
     * This is the hook a protocol handler of the device calls first for every frame.
     * @param device the device that received the frame
     * @param dst the frame's destination MAC
     * @return the verdict (always accepted when the device has no filter)
     */
    static NicFrameVerdict AccountFrame(Ptr<const NetDevice> device, Mac48Address dst);

    /**
     * Account for one frame offered to the NIC: counters and host cost. With
     * PerFrameCost set, a frame that finds MaxBacklog frames already waiting for the host
     * is dropped (NIC_FRAME_BACKLOG_FULL): the host's capacity is 1 / PerFrameCost frames
     * per second, shared by every frame it has to inspect.
     * @param dst the frame's destination MAC
     * @return the verdict
     */
    NicFrameVerdict AccountFrame(Mac48Address dst);

    /**
     * Ask for a secondary unicast address (dev_uc_add). Reference counted: an address
     * added twice takes one slot and must be removed twice. The device's own address
     * is always filtered and is not added.
     * @param mac the address (a group address is refused with an abort)
     */
    void AddUnicast(Mac48Address mac);
    /**
     * Give back a secondary unicast address (dev_uc_del). Removing an address that was
     * never added aborts.
     * @param mac the address
     */
    void RemoveUnicast(Mac48Address mac);
    /**
     * @param mac an address
     * @return true when the host asked for it (the device's own address, or a secondary one)
     */
    bool HasUnicast(Mac48Address mac) const;
    /** @return the number of distinct secondary unicast addresses asked for */
    uint32_t GetUnicastCount() const;

    /**
     * Change the explicit promiscuity count (dev_set_promiscuity).
     * @param inc +1 to take a reference, -1 to give one back (below zero aborts)
     */
    void SetPromiscuity(int32_t inc);
    /** @return the explicit promiscuity references held */
    uint32_t GetPromiscuity() const;

    /**
     * Set how many secondary unicast addresses the hardware filters.
     * @param slots the number of exact filter entries (0: no IFF_UNICAST_FLT)
     */
    void SetUnicastFilterSlots(uint32_t slots);
    /** @return the number of exact filter entries */
    uint32_t GetUnicastFilterSlots() const;

    /** @return true when the NIC receives every frame (overflow or explicit promiscuity) */
    bool IsPromiscuous() const;
    /** @return true when the secondary addresses exceed the slots */
    bool IsOverflowed() const;

    /**
     * @param dst a destination MAC
     * @return true when a frame for it reaches the host in the current state
     */
    bool Accepts(Mac48Address dst) const;

    /** @return the counters */
    const NicUnicastFilterCounters& GetCounters() const;
    /** @return the total host time spent on inspected frames (frames x PerFrameCost) */
    Time GetBusyTime() const;
    /**
     * @return the longest time an inspected frame waited for the host to finish the frames
     * before it (a single server working PerFrameCost per frame)
     */
    Time GetMaxQueueDelay() const;
    /** Zero the counters, the busy time and the queue delay. */
    void ResetCounters();

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /// Recompute the promiscuous state and fire the trace on a change
    void Update();

    /**
     * @param mac set to the device's own MAC
     * @return false when the filter is on no Ethernet device
     */
    bool GetOwnMac(Mac48Address& mac) const;

    /** @return a description of the device for messages */
    std::string Describe() const;

    NetDevice* m_device{nullptr}; ///< the device this filter is aggregated to
    /// secondary unicast addresses and their reference counts (dev->uc)
    std::unordered_map<Mac48Address, uint32_t, IpvlanMac48Hash> m_unicast;
    uint32_t m_slots{128};                   ///< UnicastFilterSlots
    uint32_t m_promiscRefs{0};               ///< explicit promiscuity (dev->promiscuity)
    bool m_promiscuous{false};               ///< current state
    Time m_perFrameCost;                     ///< PerFrameCost
    uint32_t m_maxBacklog{1000};             ///< MaxBacklog (netdev_max_backlog)
    Time m_busyTime;                         ///< accumulated host time
    Time m_busyUntil;                        ///< when the host finishes the frames it has
    Time m_maxQueueDelay;                    ///< longest wait of a frame for the host
    NicUnicastFilterCounters m_counters;     ///< counters
    TracedCallback<bool> m_promiscuousTrace; ///< PromiscuousChange
};

} // namespace ns3

#endif /* NIC_UNICAST_FILTER_H */
