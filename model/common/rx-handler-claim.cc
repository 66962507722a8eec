/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rx-handler-claim.h"

#include "ns3/bridge-net-device.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RxHandlerClaim");

NS_OBJECT_ENSURE_REGISTERED(RxHandlerClaim);

TypeId
RxHandlerClaim::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RxHandlerClaim")
                            .SetParent<Object>()
                            .SetGroupName("Ipvlan")
                            .AddConstructor<RxHandlerClaim>();
    return tid;
}

std::string
RxHandlerClaim::Describe(Ptr<const NetDevice> device)
{
    std::ostringstream os;
    std::string name = Names::FindName(ConstCast<NetDevice>(device));
    os << (name.empty() ? device->GetInstanceTypeId().GetName() : name);
    if (device->GetNode())
    {
        os << " (node " << device->GetNode()->GetId() << ", ifindex " << device->GetIfIndex()
           << ")";
    }
    return os.str();
}

std::string
RxHandlerClaim::Holder(Ptr<const NetDevice> device)
{
    if (!device)
    {
        return "";
    }
    Ptr<RxHandlerClaim> claim = device->GetObject<RxHandlerClaim>();
    if (claim && claim->m_owner)
    {
        return claim->m_holder;
    }
    return BridgeOf(device);
}

std::string
RxHandlerClaim::BridgeOf(Ptr<const NetDevice> device)
{
    Ptr<Node> node = device->GetNode();
    for (uint32_t i = 0; node && i < node->GetNDevices(); ++i)
    {
        Ptr<BridgeNetDevice> bridge = DynamicCast<BridgeNetDevice>(node->GetDevice(i));
        for (uint32_t p = 0; bridge && p < bridge->GetNBridgePorts(); ++p)
        {
            if (bridge->GetBridgePort(p) == device)
            {
                return "a port of bridge " + Describe(bridge);
            }
        }
    }
    return "";
}

std::string
RxHandlerClaim::Take(Ptr<NetDevice> device, const void* owner, const std::string& holder)
{
    NS_LOG_FUNCTION(device << owner << holder);
    Ptr<RxHandlerClaim> claim = device->GetObject<RxHandlerClaim>();
    if (claim && claim->m_owner == owner)
    {
        return "";
    }
    std::string current = Holder(device);
    if (!current.empty())
    {
        return current;
    }
    if (!claim)
    {
        claim = CreateObject<RxHandlerClaim>();
        device->AggregateObject(claim);
    }
    claim->m_owner = owner;
    claim->m_holder = holder;
    return "";
}

void
RxHandlerClaim::Release(Ptr<NetDevice> device, const void* owner)
{
    NS_LOG_FUNCTION(device << owner);
    Ptr<RxHandlerClaim> claim = device ? device->GetObject<RxHandlerClaim>() : nullptr;
    if (claim && claim->m_owner == owner)
    {
        claim->m_owner = nullptr;
        claim->m_holder.clear();
    }
}

} // namespace ns3
