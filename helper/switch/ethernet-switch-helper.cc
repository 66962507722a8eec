/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ethernet-switch-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EthernetSwitchHelper");

EthernetSwitchHelper::EthernetSwitchHelper()
{
    NS_LOG_FUNCTION(this);
    m_deviceFactory.SetTypeId("ns3::EthernetSwitchNetDevice");
}

void
EthernetSwitchHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_deviceFactory.Set(name, value);
}

Ptr<EthernetSwitchNetDevice>
EthernetSwitchHelper::Install(Ptr<Node> switchNode, NetDeviceContainer ports)
{
    NS_LOG_FUNCTION(this << switchNode);
    NS_ABORT_MSG_IF(!switchNode, "EthernetSwitchHelper::Install: the switch node is null");
    Ptr<EthernetSwitchNetDevice> dev = m_deviceFactory.Create<EthernetSwitchNetDevice>();
    switchNode->AddDevice(dev); // the switch must be on its node before it takes ports
    for (auto i = ports.Begin(); i != ports.End(); ++i)
    {
        dev->AddSwitchPort(*i);
    }
    return dev;
}

Ptr<EthernetSwitchNetDevice>
EthernetSwitchHelper::Install(std::string switchNodeName, NetDeviceContainer ports)
{
    NS_LOG_FUNCTION(this << switchNodeName);
    Ptr<Node> node = Names::Find<Node>(switchNodeName);
    NS_ABORT_MSG_IF(!node,
                    "EthernetSwitchHelper::Install: no node named \"" << switchNodeName << "\"");
    return Install(node, ports);
}

} // namespace ns3
