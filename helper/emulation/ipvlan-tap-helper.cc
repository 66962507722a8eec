/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-tap-helper.h"

#include "ns3/abort.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanTapHelper");

IpvlanTapHelper::IpvlanTapHelper() = default;

void
IpvlanTapHelper::SetMode(const std::string& word)
{
    m_ipvlan.SetMode(word);
}

void
IpvlanTapHelper::SetFlags(const std::string& words)
{
    m_ipvlan.SetFlags(words);
}

void
IpvlanTapHelper::SetNetns(const std::string& netns)
{
    m_emu.SetNetns(netns);
}

Ptr<IpvlanTapBridge>
IpvlanTapHelper::Install(Ptr<NetDevice> master,
                         Ptr<Node> container,
                         const std::string& tapName,
                         const std::vector<Ipv4Address>& addresses) const
{
    NS_LOG_FUNCTION(this << master << container << tapName);
    NS_ABORT_MSG_IF(!container, "IpvlanTapHelper::Install: container node is null");
    Ptr<IpvlanNetDevice> slave =
        DynamicCast<IpvlanNetDevice>(m_ipvlan.Install(master, container).Get(0));
    Ptr<IpvlanPort> port = slave->GetPort();
    bool noArp = port->GetMode() != IPVLAN_MODE_L2;
    Ptr<FdNetDevice> tap =
        m_emu.InstallTap(container, tapName, port->GetMasterMac(), slave->GetMtu(), noArp);
    Ptr<IpvlanTapBridge> bridge = CreateObject<IpvlanTapBridge>();
    bridge->Connect(slave, tap);
    for (Ipv4Address a : addresses)
    {
        bridge->AddAddress(a);
    }
    return bridge;
}

Ptr<IpvlanTapBridge>
IpvlanTapHelper::Install(Ptr<NetDevice> master,
                         Ptr<Node> container,
                         const std::string& tapName,
                         Ipv4Address address) const
{
    return Install(master, container, tapName, std::vector<Ipv4Address>{address});
}

} // namespace ns3
