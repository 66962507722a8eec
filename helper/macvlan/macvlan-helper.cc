/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "macvlan-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MacvlanHelper");

MacvlanHelper::MacvlanHelper()
    : m_mode(MACVLAN_MODE_BRIDGE)
{
    m_deviceFactory.SetTypeId("ns3::MacvlanNetDevice");
}

MacvlanHelper::~MacvlanHelper() = default;

void
MacvlanHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
MacvlanHelper::SetMode(const std::string& word)
{
    m_mode = ParseMacvlanMode(word);
}

void
MacvlanHelper::SetMode(MacvlanMode mode)
{
    m_mode = mode;
}

MacvlanMode
MacvlanHelper::GetMode() const
{
    return m_mode;
}

NetDeviceContainer
MacvlanHelper::Install(Ptr<NetDevice> master, NodeContainer containers) const
{
    NetDeviceContainer devices;
    for (auto it = containers.Begin(); it != containers.End(); ++it)
    {
        devices.Add(Install(master, *it));
    }
    return devices;
}

NetDeviceContainer
MacvlanHelper::Install(Ptr<NetDevice> master, Ptr<Node> container) const
{
    NS_ABORT_MSG_IF(!master, "MacvlanHelper::Install: master device is null");
    NS_ABORT_MSG_IF(!container, "MacvlanHelper::Install: container node is null");
    Ptr<MacvlanNetDevice> slave = m_deviceFactory.Create<MacvlanNetDevice>();
    container->AddDevice(slave);
    slave->Attach(master, m_mode);
    return NetDeviceContainer(slave);
}

NetDeviceContainer
MacvlanHelper::Install(const std::string& masterName, const std::string& containerName) const
{
    Ptr<NetDevice> master = Names::Find<NetDevice>(masterName);
    NS_ABORT_MSG_IF(!master, "MacvlanHelper::Install: no device named \"" << masterName << "\"");
    Ptr<Node> node = Names::Find<Node>(containerName);
    NS_ABORT_MSG_IF(!node, "MacvlanHelper::Install: no node named \"" << containerName << "\"");
    return Install(master, node);
}

} // namespace ns3
