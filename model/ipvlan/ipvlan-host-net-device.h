/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_HOST_NET_DEVICE_H
#define IPVLAN_HOST_NET_DEVICE_H

#include "ns3/stacked-net-device.h"

/**
 * @file
 * @ingroup ipvlan
 * The host's own interface on an ipvlan master.
 */

namespace ns3
{

class IpvlanPort;
class TrafficControlLayer;

/**
 * @ingroup ipvlan
 * The master's own interface as the host's stack sees it (eth0 with the host's
 * addresses, in the host's namespace).
 *
 * In Linux the master keeps its addresses; its rx_handler gives it exactly the frames
 * no slave claims (plus copies of broadcast/multicast), and its own transmissions go
 * straight to the wire, never through the ipvlan switch. ns-3 cannot take a frame
 * away from a device's IP stack, so, as with BridgeNetDevice, the physical master
 * carries no IP and this device, on the host node, carries the host's addresses:
 * it receives what the port passes to the master's stack, and sends directly
 * through the master.
 */
class IpvlanHostNetDevice : public StackedNetDevice
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpvlanHostNetDevice();
    ~IpvlanHostNetDevice() override;

    /**
     * Stand for this master's own interface. The device must be on the master's node.
     * @param master the master device
     */
    void Attach(Ptr<NetDevice> master);

    /**
     * The port (its master) is being deleted: this interface leaves it and goes dead
     * (kernel: the master's own interface is the master; it goes with it).
     */
    void PortDeleted();
    /** @return the port, or nullptr before Attach() */
    Ptr<IpvlanPort> GetPort() const;

    // NetDevice
    bool NeedsArp() const override;

  protected:
    void DoDispose() override;
    StackedPort* GetSendPort() const override;
    bool DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocolNumber) override;

  private:
    Ptr<IpvlanPort> m_port;        ///< the master's port
    Ptr<TrafficControlLayer> m_tc; ///< the host node's traffic-control layer, found on first send
};

} // namespace ns3

#endif /* IPVLAN_HOST_NET_DEVICE_H */
