/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MACVLAN_HELPER_H
#define MACVLAN_HELPER_H

#include "ns3/macvlan-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/stacked-device-trace-helper.h"

#include <string>

/**
 * @file
 * @ingroup ipvlan
 * MacvlanHelper: builds macvlan slaves on a master, for comparison with ipvlan.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Builds macvlan slaves on container nodes, the way
 * `ip link add link MASTER NAME type macvlan mode MODE` does. Each slave gets a MAC
 * address of its own; the mode is per slave (the default here is bridge, as Docker and
 * CNI use; the kernel's own default is vepa).
 *
 * @code
 *   MacvlanHelper macvlan;
 *   macvlan.SetMode("bridge");            // "private", "vepa", "passthru"
 *   NetDeviceContainer slaves = macvlan.Install(master, containers);
 * @endcode
 */
class MacvlanHelper : public StackedDeviceTraceHelper
{
  public:
    MacvlanHelper();
    ~MacvlanHelper() override;

    /**
     * Set an attribute on every slave created afterwards.
     * @param name attribute name
     * @param value attribute value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);

    /**
     * Set the mode by its iproute2 word.
     * @param word "bridge", "private", "vepa" or "passthru" (anything else aborts, naming
     * the allowed words)
     */
    void SetMode(const std::string& word);
    /**
     * Set the mode.
     * @param mode the mode
     */
    void SetMode(MacvlanMode mode);
    /** @return the mode of the slaves the next Install creates */
    MacvlanMode GetMode() const;

    /**
     * Create one slave on each container node, attached to the master.
     * @param master the master device (on the host node; Ethernet, with SendFrom)
     * @param containers the container nodes
     * @return the slaves, in node order
     */
    NetDeviceContainer Install(Ptr<NetDevice> master, NodeContainer containers) const;
    /**
     * Create one slave on a container node.
     * @param master the master device
     * @param container the container node
     * @return the slave
     */
    NetDeviceContainer Install(Ptr<NetDevice> master, Ptr<Node> container) const;
    /**
     * Create one slave on a container node given by name.
     * @param masterName the master device's name (Names)
     * @param containerName the container node's name (Names)
     * @return the slave
     */
    NetDeviceContainer Install(const std::string& masterName,
                               const std::string& containerName) const;

  private:
    ObjectFactory m_deviceFactory; ///< slave factory
    MacvlanMode m_mode;            ///< mode for the next Install
};

} // namespace ns3

#endif /* MACVLAN_HELPER_H */
