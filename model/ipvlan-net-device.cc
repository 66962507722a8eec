/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-net-device.h"

#include "ipvlan-address-watch.h"
#include "ipvlan-port.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanNetDevice");

NS_OBJECT_ENSURE_REGISTERED(IpvlanNetDevice);

TypeId
IpvlanNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvlanNetDevice")
            .SetParent<StackedNetDevice>()
            .SetGroupName("Ipvlan")
            .AddConstructor<IpvlanNetDevice>()
            .AddTraceSource("AddressRefused",
                            "The stack tried to add an address another slave of the port holds "
                            "(EADDRINUSE); it was removed again.",
                            MakeTraceSourceAccessor(&IpvlanNetDevice::m_addressRefusedTrace),
                            "ns3::IpvlanNetDevice::AddressRefusedTracedCallback");
    return tid;
}

IpvlanNetDevice::IpvlanNetDevice()
{
    NS_LOG_FUNCTION(this);
}

IpvlanNetDevice::~IpvlanNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
IpvlanNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_port)
    {
        m_port->RemoveSlave(this);
        m_port = nullptr;
    }
    m_addrs4.clear();
    m_addrs6.clear();
    StackedNetDevice::DoDispose();
}

void
IpvlanNetDevice::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    // Addresses given before the simulation started are learnt now; later ones
    // through the stack's notifications.
    IpvlanAddressWatch::Install(GetNode());
    StackedNetDevice::DoInitialize();
}

void
IpvlanNetDevice::Attach(Ptr<NetDevice> master, IpvlanMode mode, uint16_t flags)
{
    NS_LOG_FUNCTION(this << master << mode << flags);
    NS_ABORT_MSG_IF(!GetNode(),
                    "ipvlan: add the slave to its (container) node before attaching it");
    NS_ABORT_MSG_IF(m_port, "ipvlan: slave is already attached to a master");
    NS_ABORT_MSG_IF(master == this, "ipvlan: a slave cannot be its own master");
    Ptr<IpvlanPort> port = IpvlanPort::GetOrCreate(master);
    port->SetMode(mode);
    port->SetFlags(flags);
    m_port = port;
    AttachLower(port->GetMaster());
    port->AddSlave(this);
    IpvlanAddressWatch::Install(GetNode());
}

Ptr<IpvlanPort>
IpvlanNetDevice::GetPort() const
{
    return m_port;
}

uint16_t
IpvlanNetDevice::GetDevId() const
{
    return m_devId;
}

void
IpvlanNetDevice::SetDevId(uint16_t id)
{
    m_devId = id;
}

Ipv6Address
IpvlanNetDevice::GetKernelLinkLocalAddress() const
{
    uint8_t mac[6];
    Mac48Address::ConvertFrom(GetAddress()).CopyTo(mac);
    uint8_t a[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0};
    a[8] = mac[0];
    a[9] = mac[1];
    a[10] = mac[2];
    a[11] = static_cast<uint8_t>(m_devId >> 8);
    a[12] = static_cast<uint8_t>(m_devId & 0xff);
    a[13] = mac[3];
    a[14] = mac[4];
    a[15] = mac[5];
    return Ipv6Address(a);
}

void
IpvlanNetDevice::SetAdminUp(bool up)
{
    NS_LOG_FUNCTION(this << up);
    if (up == IsAdminUp())
    {
        return;
    }
    StackedNetDevice::SetAdminUp(up);
    if (m_port)
    {
        m_port->SetSlaveRunning(this, up);
    }
}

namespace
{
template <typename A>
std::string
AddTo(std::vector<A>& list, IpvlanPort* port, IpvlanNetDevice* slave, const A& address)
{
    if (std::find(list.begin(), list.end(), address) != list.end())
    {
        std::ostringstream os;
        os << "address " << address << " is already on this slave (EADDRINUSE)";
        return os.str();
    }
    if (port)
    {
        std::string why = port->ClaimAddress(slave, address);
        if (!why.empty())
        {
            return why;
        }
    }
    list.push_back(address);
    return "";
}

template <typename A>
void
RemoveFrom(std::vector<A>& list, IpvlanPort* port, IpvlanNetDevice* slave, const A& address)
{
    auto it = std::find(list.begin(), list.end(), address);
    if (it == list.end())
    {
        return;
    }
    list.erase(it);
    if (port)
    {
        port->ReleaseAddress(slave, address);
    }
}
} // namespace

std::string
IpvlanNetDevice::AddIpAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    return AddTo(m_addrs4, PeekPointer(m_port), this, address);
}

std::string
IpvlanNetDevice::AddIpAddress(Ipv6Address address)
{
    NS_LOG_FUNCTION(this << address);
    std::string why = AddTo(m_addrs6, PeekPointer(m_port), this, address);
    if (why.empty())
    {
        m_mcSolicited.insert(
            Mac48Address::GetMulticast(Ipv6Address::MakeSolicitedAddress(address)));
    }
    return why;
}

void
IpvlanNetDevice::RemoveIpAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    RemoveFrom(m_addrs4, PeekPointer(m_port), this, address);
}

void
IpvlanNetDevice::RemoveIpAddress(Ipv6Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (std::find(m_addrs6.begin(), m_addrs6.end(), address) != m_addrs6.end())
    {
        auto it = m_mcSolicited.find(
            Mac48Address::GetMulticast(Ipv6Address::MakeSolicitedAddress(address)));
        if (it != m_mcSolicited.end())
        {
            m_mcSolicited.erase(it);
        }
    }
    RemoveFrom(m_addrs6, PeekPointer(m_port), this, address);
}

void
IpvlanNetDevice::JoinMulticastGroup(Mac48Address group)
{
    NS_ABORT_MSG_IF(!group.IsGroup() || group.IsBroadcast(),
                    "ipvlan: " << group << " is not a multicast group MAC (group bit set, "
                               << "not broadcast)");
    m_mcJoined.insert(group);
}

void
IpvlanNetDevice::LeaveMulticastGroup(Mac48Address group)
{
    m_mcJoined.erase(group);
}

void
IpvlanNetDevice::SetAllMulti(bool on)
{
    m_allMulti = on;
}

bool
IpvlanNetDevice::AcceptsMulticast(Mac48Address group) const
{
    static const Mac48Address allHosts("01:00:5e:00:00:01");
    static const Mac48Address allNodes("33:33:00:00:00:01");
    return group.IsBroadcast() || m_allMulti || group == allHosts || group == allNodes ||
           m_mcJoined.count(group) != 0 || m_mcSolicited.count(group) != 0;
}

const std::vector<Ipv4Address>&
IpvlanNetDevice::GetIpv4Addresses() const
{
    return m_addrs4;
}

const std::vector<Ipv6Address>&
IpvlanNetDevice::GetIpv6Addresses() const
{
    return m_addrs6;
}

void
IpvlanNetDevice::NotifyAddressRefused(const std::string& address, const std::string& reason)
{
    NS_LOG_WARN("ipvlan: address " << address << " refused on node " << GetNode()->GetId() << ": "
                                   << reason);
    m_addressRefusedTrace(this, address, reason);
}

bool
IpvlanNetDevice::SetMtu(const uint16_t mtu)
{
    // The kernel has no ndo_change_mtu for ipvlan: anything from 68 to 65535 is taken,
    // even above the master's MTU (IpvlanHelper validates as the CNI plugin does).
    return StackedNetDevice::SetMtu(mtu);
}

bool
IpvlanNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << dest << protocolNumber);
    IpvlanDropReason reason;
    if (!CanSend(m_port != nullptr, dest, reason))
    {
        RecordDrop(packet, reason, true);
        if (m_port)
        {
            m_port->RecordDrop(packet, reason, this);
        }
        return false;
    }
    return m_port->Transmit(this, packet, Mac48Address::ConvertFrom(dest), protocolNumber);
}

bool
IpvlanNetDevice::NeedsArp() const
{
    // IFF_NOARP is set in l3 and l3s (ipvlan_set_port_mode / ipvlan_open)
    return !m_port || m_port->GetMode() == IPVLAN_MODE_L2;
}

} // namespace ns3
