/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_ADMIN_CSMA_NET_DEVICE_H
#define IPVLAN_VALIDATION_ADMIN_CSMA_NET_DEVICE_H

#include "ns3/csma-net-device.h"

/**
 * @file
 * A CSMA device with the administrative state a Linux interface has (`ip link set
 * down`), so that the validation can take the master (a veth end in the kernel runner)
 * or an external host down: a down device sends nothing and shows no LOWER_UP. Its
 * carrier, which stacked devices follow, is left alone: on the kernel (6.1, veth master)
 * the validation saw ipvlan slaves keep their carrier when the master is set down.
 */

namespace ipvlanval
{

/// A CsmaNetDevice that can be set administratively down and up
class AdminCsmaNetDevice : public ns3::CsmaNetDevice
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static ns3::TypeId GetTypeId();

    /**
     * Set the device down (no carrier, nothing sent) or up again.
     * @param up up
     */
    void SetAdminUp(bool up);
    /** @return whether the device is administratively up */
    bool IsAdminUp() const;

    bool Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address& dest, uint16_t protocol) override;
    bool SendFrom(ns3::Ptr<ns3::Packet> packet,
                  const ns3::Address& source,
                  const ns3::Address& dest,
                  uint16_t protocol) override;

  private:
    bool m_adminUp{true}; ///< administrative state
};

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_ADMIN_CSMA_NET_DEVICE_H */
