/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RX_HANDLER_CLAIM_H
#define RX_HANDLER_CLAIM_H

#include "ns3/object.h"

#include <string>

/**
 * @file
 * @ingroup ipvlan
 * Who owns a device's receive path (kernel: the one rx_handler slot of a net_device).
 */

namespace ns3
{

class NetDevice;

/**
 * @ingroup ipvlan
 * The one owner of a device's receive path, kept on the device itself (aggregated to
 * it), as the kernel keeps one rx_handler per net_device: an ipvlan port, a macvlan
 * port or a switch port takes it, and every other claimant is refused with EBUSY
 * naming the holder (netdev_rx_handler_register, netdev_is_rx_handler_busy).
 *
 * ns-3's own BridgeNetDevice knows nothing of this record: Holder() also reports a
 * device that is a port of a bridge on its node.
 */
class RxHandlerClaim : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Take a device's receive path.
     * @param device the device
     * @param owner who takes it (the object that gives it back with Release)
     * @param holder a description of it, for messages ("the master of an ipvlan port")
     * @return an empty string when taken (or already held by the same owner), else a
     *         description of the current holder
     */
    static std::string Take(Ptr<NetDevice> device, const void* owner, const std::string& holder);

    /**
     * Give a device's receive path back (netdev_rx_handler_unregister). No-op unless
     * the owner holds it.
     * @param device the device
     * @param owner who gives it back
     */
    static void Release(Ptr<NetDevice> device, const void* owner);

    /**
     * Who holds a device's receive path.
     * @param device the device
     * @return an empty string when free, else a description of the holder
     */
    static std::string Holder(Ptr<const NetDevice> device);

    /**
     * The ns-3 BridgeNetDevice a device is a port of, if any (a bridge takes its ports'
     * frames without asking this record).
     * @param device the device
     * @return an empty string when none, else "a port of bridge ..."
     */
    static std::string BridgeOf(Ptr<const NetDevice> device);

    /**
     * Describe a device for messages: its name (Names) or type, node and ifindex.
     * @param device the device
     * @return the description
     */
    static std::string Describe(Ptr<const NetDevice> device);

  private:
    const void* m_owner{nullptr}; ///< who holds it, or nullptr
    std::string m_holder;         ///< its description
};

} // namespace ns3

#endif /* RX_HANDLER_CLAIM_H */
