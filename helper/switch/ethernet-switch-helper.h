/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ETHERNET_SWITCH_HELPER_H
#define ETHERNET_SWITCH_HELPER_H

#include "ns3/ethernet-switch-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/object-factory.h"

#include <string>

/**
 * @file
 * @ingroup ipvlan-switch
 * EthernetSwitchHelper: builds an emulated Ethernet switch with port security.
 */

namespace ns3
{

class Node;
class AttributeValue;

/**
 * @ingroup ipvlan-switch
 * Builds an EthernetSwitchNetDevice on a node over some of its devices (the ports).
 * Attributes set here apply to every switch built afterwards; the security attributes
 * (PortSecurityEnabled, MaxMacAddresses, ViolationMode, ...) are the defaults of every
 * port, which EthernetSwitchNetDevice::SetPortSecurity can then change per port.
 *
 * @code
 *   EthernetSwitchHelper sw;
 *   sw.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(true));  // maximum 1, shutdown
 *   Ptr<EthernetSwitchNetDevice> dev = sw.Install(switchNode, switchPorts);
 * @endcode
 */
class EthernetSwitchHelper
{
  public:
    EthernetSwitchHelper();

    /**
     * Set an attribute on every switch created afterwards.
     * @param name attribute name
     * @param value attribute value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);

    /**
     * Create a switch on a node, add it to the node, and add the ports in order
     * (port index i is ports.Get(i)).
     * @param switchNode the node; every port must be one of its devices
     * @param ports the ports
     * @return the switch
     */
    Ptr<EthernetSwitchNetDevice> Install(Ptr<Node> switchNode, NetDeviceContainer ports);

    /**
     * @copydoc Install(Ptr<Node>,NetDeviceContainer)
     * @param switchNodeName the node's name (Names)
     */
    Ptr<EthernetSwitchNetDevice> Install(std::string switchNodeName, NetDeviceContainer ports);

  private:
    ObjectFactory m_deviceFactory; ///< creates the switches
};

} // namespace ns3

#endif /* ETHERNET_SWITCH_HELPER_H */
