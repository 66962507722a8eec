/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-emu-helper.h"

#include "ipvlan-emu-interface.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/realtime-simulator-impl.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanEmuHelper");

IpvlanEmuHelper::IpvlanEmuHelper()
{
    m_factory.SetTypeId("ns3::FdNetDevice");
}

void
IpvlanEmuHelper::EnableRealtime()
{
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
}

void
IpvlanEmuHelper::CheckRealtime()
{
    NS_ABORT_MSG_IF(!DynamicCast<RealtimeSimulatorImpl>(Simulator::GetImplementation()),
                    "ipvlan emulation: the simulator is "
                        << Simulator::GetImplementation()->GetInstanceTypeId().GetName()
                        << ", not ns3::RealtimeSimulatorImpl; call "
                        << "IpvlanEmuHelper::EnableRealtime() before creating any node or event");
    NS_ABORT_MSG_IF(!Node::ChecksumEnabled(),
                    "ipvlan emulation: ChecksumEnabled is false; real hosts drop packets "
                    "without checksums: call IpvlanEmuHelper::EnableRealtime() first");
}

void
IpvlanEmuHelper::SetNetns(const std::string& netns)
{
    m_netns = netns;
}

std::string
IpvlanEmuHelper::GetNetns() const
{
    return m_netns;
}

void
IpvlanEmuHelper::SetPromiscuous(bool on)
{
    m_promiscuous = on;
}

void
IpvlanEmuHelper::SetAllMulticast(bool on)
{
    m_allMulticast = on;
}

void
IpvlanEmuHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<FdNetDevice>
IpvlanEmuHelper::InstallMaster(Ptr<Node> host, const std::string& ifname) const
{
    NS_LOG_FUNCTION(this << host << ifname);
    NS_ABORT_MSG_IF(!host, "IpvlanEmuHelper::InstallMaster: host node is null");
    CheckRealtime();
    ipvlanemu::InterfaceInfo info;
    int fd = -1;
    {
        ipvlanemu::NetnsScope scope(m_netns);
        info = ipvlanemu::QueryInterface(ifname);
        NS_ABORT_MSG_IF(!info.up,
                        "ipvlan emulation: interface '"
                            << ifname << "' is down; bring it up first: ip "
                            << (m_netns.empty() ? "" : "-n " + m_netns + " ") << "link set "
                            << ifname << " up");
        fd = ipvlanemu::OpenPacketSocket(info, m_promiscuous, m_allMulticast);
    }
    Ptr<FdNetDevice> dev = m_factory.Create<FdNetDevice>();
    dev->SetAddress(info.mac);
    dev->SetMtu(info.mtu);
    dev->SetIsBroadcast(true);
    dev->SetIsMulticast(true);
    host->AddDevice(dev);
    dev->SetFileDescriptor(fd);
    NS_LOG_INFO("master on real interface " << ifname << ": " << info.mac << ", mtu " << info.mtu
                                            << (m_promiscuous ? ", promiscuous" : ""));
    return dev;
}

Ptr<FdNetDevice>
IpvlanEmuHelper::InstallTap(Ptr<Node> node,
                            const std::string& tapName,
                            Mac48Address mac,
                            uint16_t mtu,
                            bool noArp) const
{
    NS_LOG_FUNCTION(this << node << tapName << mac << mtu << noArp);
    NS_ABORT_MSG_IF(!node, "IpvlanEmuHelper::InstallTap: node is null");
    CheckRealtime();
    int fd = -1;
    {
        ipvlanemu::NetnsScope scope(m_netns);
        fd = ipvlanemu::OpenTap(tapName);
        ipvlanemu::ConfigureInterface(tapName, mac, mtu, noArp);
    }
    Ptr<FdNetDevice> dev = m_factory.Create<FdNetDevice>();
    dev->SetAddress(mac);
    dev->SetMtu(mtu);
    dev->SetIsBroadcast(true);
    dev->SetIsMulticast(true);
    node->AddDevice(dev);
    dev->SetFileDescriptor(fd);
    NS_LOG_INFO("TAP " << tapName << (m_netns.empty() ? "" : " in " + m_netns) << ": " << mac
                       << ", mtu " << mtu << (noArp ? ", noarp" : ""));
    return dev;
}

void
IpvlanEmuHelper::DisableOffloads(const std::string& ifname, const std::string& netns)
{
    ipvlanemu::NetnsScope scope(netns);
    ipvlanemu::DisableOffloads(ifname);
}

} // namespace ns3
