/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv6-address-generator.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-host-net-device.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanHelper");

IpvlanHelper::IpvlanHelper()
    : m_mode(IPVLAN_MODE_L3),
      m_flags(IPVLAN_F_BRIDGE)
{
    m_deviceFactory.SetTypeId("ns3::IpvlanNetDevice");
}

IpvlanHelper::~IpvlanHelper() = default;

void
IpvlanHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
IpvlanHelper::SetPortAttribute(std::string name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_IF(!IpvlanPort::GetTypeId().LookupAttributeByName(name, &info),
                    "IpvlanHelper::SetPortAttribute: ns3::IpvlanPort has no attribute \"" << name
                                                                                          << "\"");
    Ptr<AttributeValue> checked = info.checker->CreateValidValue(value);
    NS_ABORT_MSG_IF(!checked,
                    "IpvlanHelper::SetPortAttribute: invalid value for ns3::IpvlanPort::"
                        << name << ": " << info.checker->GetValueTypeName() << " expected");
    m_portAttributes.emplace_back(name, checked);
}

void
IpvlanHelper::SetMode(const std::string& word)
{
    m_mode = ParseIpvlanMode(word);
}

void
IpvlanHelper::SetMode(IpvlanMode mode)
{
    m_mode = mode;
}

IpvlanMode
IpvlanHelper::GetMode() const
{
    return m_mode;
}

void
IpvlanHelper::SetFlags(const std::string& words)
{
    m_flags = ParseIpvlanFlags(words);
}

void
IpvlanHelper::SetFlags(uint16_t flags)
{
    std::string why = ValidateIpvlanFlags(flags);
    NS_ABORT_MSG_IF(!why.empty(), "ipvlan: flags 0x" << std::hex << flags << " refused: " << why);
    m_flags = flags;
}

uint16_t
IpvlanHelper::GetFlags() const
{
    return m_flags;
}

void
IpvlanHelper::SetMtu(uint16_t mtu, bool allowAboveMaster)
{
    NS_ABORT_MSG_IF(mtu != 0 && mtu < 68,
                    "IpvlanHelper::SetMtu: MTU " << mtu << " is invalid; allowed: 68 to 65535, "
                                                 << "or 0 for the master's");
    m_mtu = mtu;
    m_allowMtuAboveMaster = allowAboveMaster;
}

NetDeviceContainer
IpvlanHelper::Install(Ptr<NetDevice> master, NodeContainer containers) const
{
    NetDeviceContainer devices;
    for (auto it = containers.Begin(); it != containers.End(); ++it)
    {
        devices.Add(Install(master, *it));
    }
    return devices;
}

NetDeviceContainer
IpvlanHelper::Install(Ptr<NetDevice> master, Ptr<Node> container) const
{
    NS_ABORT_MSG_IF(!master, "IpvlanHelper::Install: master device is null");
    NS_ABORT_MSG_IF(!container, "IpvlanHelper::Install: container node is null");
    Ptr<NetDevice> lower = master;
    if (Ptr<IpvlanNetDevice> viaSlave = DynamicCast<IpvlanNetDevice>(master))
    {
        lower = viaSlave->GetLowerDevice() ? viaSlave->GetLowerDevice() : master;
    }
    // The CNI ipvlan plugin refuses a container MTU above the master's (plugins#393/#404);
    // the kernel itself would accept it.
    NS_ABORT_MSG_IF(m_mtu > lower->GetMtu() && !m_allowMtuAboveMaster,
                    "IpvlanHelper::Install: MTU " << m_mtu << " is larger than the master's MTU "
                                                  << lower->GetMtu() << " (EINVAL, as the CNI "
                                                  << "ipvlan plugin); allowed: up to "
                                                  << lower->GetMtu()
                                                  << ", or SetMtu(mtu, true) to accept it");
    Ptr<IpvlanNetDevice> slave = m_deviceFactory.Create<IpvlanNetDevice>();
    if (m_mtu != 0)
    {
        slave->SetMtu(m_mtu);
    }
    container->AddDevice(slave);
    slave->Attach(master, m_mode, m_flags);
    if (!m_portAttributes.empty())
    {
        Ptr<IpvlanPort> port = IpvlanPort::Find(slave->GetLowerDevice());
        for (const auto& [name, value] : m_portAttributes)
        {
            port->SetAttribute(name, *value);
        }
    }
    return NetDeviceContainer(slave);
}

NetDeviceContainer
IpvlanHelper::Install(const std::string& masterName, const std::string& containerName) const
{
    Ptr<NetDevice> master = Names::Find<NetDevice>(masterName);
    NS_ABORT_MSG_IF(!master, "IpvlanHelper::Install: no device named \"" << masterName << "\"");
    Ptr<Node> node = Names::Find<Node>(containerName);
    NS_ABORT_MSG_IF(!node, "IpvlanHelper::Install: no node named \"" << containerName << "\"");
    return Install(master, node);
}

NetDeviceContainer
IpvlanHelper::InstallHost(Ptr<NetDevice> master) const
{
    NS_ABORT_MSG_IF(!master, "IpvlanHelper::InstallHost: master device is null");
    NS_ABORT_MSG_IF(!master->GetNode(),
                    "IpvlanHelper::InstallHost: the master is not on a node yet");
    Ptr<IpvlanHostNetDevice> host = CreateObject<IpvlanHostNetDevice>();
    master->GetNode()->AddDevice(host);
    host->Attach(master);
    return NetDeviceContainer(host);
}

Ipv6InterfaceContainer
IpvlanHelper::AssignIpv6(const NetDeviceContainer& slaves,
                         Ipv6Address network,
                         Ipv6Prefix prefix) const
{
    NS_ABORT_MSG_IF(prefix.GetPrefixLength() > 64,
                    "IpvlanHelper::AssignIpv6: prefix /"
                        << int(prefix.GetPrefixLength())
                        << " is too long; allowed: /64 or shorter (the kernel's interface "
                           "identifier is the low 64 bits)");
    Ipv6InterfaceContainer out;
    for (uint32_t i = 0; i < slaves.GetN(); ++i)
    {
        Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(slaves.Get(i));
        NS_ABORT_MSG_IF(!slave || !slave->GetPort(),
                        "IpvlanHelper::AssignIpv6: device " << i << " is not an attached ipvlan "
                                                            << "slave; use Ipv6AddressHelper for "
                                                               "other devices");
        Ptr<Ipv6> ipv6 = slave->GetNode()->GetObject<Ipv6>();
        NS_ABORT_MSG_IF(!ipv6,
                        "IpvlanHelper::AssignIpv6: node " << slave->GetNode()->GetId()
                                                          << " has no IPv6 stack; install one "
                                                             "(InternetStackHelper) first");
        int32_t ifIndex = ipv6->GetInterfaceForDevice(slave);
        if (ifIndex < 0)
        {
            ifIndex = ipv6->AddInterface(slave);
        }
        Ipv6Address address = slave->KernelFormOf(network.CombinePrefix(prefix));
        Ipv6AddressGenerator::AddAllocated(address);
        ipv6->SetForwarding(ifIndex, false);
        ipv6->SetUp(ifIndex); // the link-local first: the address is then index 1, as usual
        ipv6->AddAddress(ifIndex, Ipv6InterfaceAddress(address, prefix));
        out.Add(ipv6, ifIndex);
    }
    return out;
}

} // namespace ns3
