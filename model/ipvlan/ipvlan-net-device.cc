/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-net-device.h"

#include "../common/ipvlan-compat.h"
#include "ipvlan-address-watch.h"
#include "ipvlan-port.h"

#include "ns3/abort.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
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
    LeavePort();
    DetachLower(false); // a disposed slave is a deleted one: whatever still comes is dropped
    if (m_ip6If)
    {
        // the interface may outlive us: it must not call back into a dead device
        ipvlancompat::HookAddressCallbacks(
            PeekPointer(m_ip6If),
            MakeNullCallback<void, Ptr<Ipv6Interface>, Ipv6InterfaceAddress>(),
            MakeNullCallback<void, Ptr<Ipv6Interface>, Ipv6InterfaceAddress>(),
            0);
        m_ip6If = nullptr;
    }
    m_ip4If = nullptr;
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
    NS_ABORT_MSG_IF(IsDeleted(),
                    "ipvlan: this slave was deleted; create a new IpvlanNetDevice instead");
    NS_ABORT_MSG_IF(master == this, "ipvlan: a slave cannot be its own master");
    Ptr<IpvlanPort> port = IpvlanPort::GetOrCreate(master);
    port->SetMode(mode);
    port->SetFlags(flags);
    m_port = port;
    AttachLower(port->GetMaster());
    port->AddSlave(this);
    ClaimAddressesGivenBefore();
    IpvlanAddressWatch::Install(GetNode());
}

namespace
{
/// Give a slave again, through AddIpAddress, the addresses of one family it had before
/// there was a port to validate them.
template <typename A>
void
ReAdd(IpvlanNetDevice* slave, std::vector<A> addresses)
{
    for (const A& a : addresses)
    {
        std::string why = slave->AddIpAddress(a);
        if (!why.empty())
        {
            std::ostringstream text;
            text << a;
            slave->NotifyAddressRefused(text.str(), why);
        }
    }
}
} // namespace

void
IpvlanNetDevice::ClaimAddressesGivenBefore()
{
    // Addresses given through AddIpAddress before there was a port: validated now, as
    // the kernel's validators would have at `ip addr add` (a slave has a port from birth).
    std::vector<Ipv4Address> v4;
    v4.swap(m_addrs4);
    std::vector<Ipv6Address> v6;
    v6.swap(m_addrs6);
    m_mcSolicited.clear();
    ReAdd(this, v4);
    ReAdd(this, v6);
}

void
IpvlanNetDevice::LeavePort()
{
    if (m_port)
    {
        Ptr<IpvlanPort> port = m_port;
        m_port = nullptr;
        port->RemoveSlave(this);
    }
}

void
IpvlanNetDevice::Delete()
{
    NS_LOG_FUNCTION(this);
    if (IsDeleted())
    {
        return;
    }
    LeavePort();
    PortDeleted();
    // unregister_netdevice: the stack loses the interface, its addresses and its routes.
    // ns-3 cannot remove an interface: the IPv4 one goes down (its routes with it); the
    // IPv6 one keeps its state, since ns-3's ICMPv6 timers (router solicitations) would
    // send from an address a downed interface no longer has and crash. Whatever the stack
    // still hands this device is dropped with reason slave-deleted.
    SetIpv4InterfaceUp(false);
}

void
IpvlanNetDevice::PortDeleted()
{
    NS_LOG_FUNCTION(this);
    m_port = nullptr; // the port is clearing its own tables
    DetachLower();
    m_addrs4.clear();
    m_addrs6.clear();
    m_mcSolicited.clear();
}

void
IpvlanNetDevice::SetNoArp(bool noArp)
{
    NS_LOG_FUNCTION(this << noArp);
    m_noArp = noArp;
    if (noArp || !GetNode())
    {
        return;
    }
    // ns-3 gives an IPv4 interface an ARP cache only if the device needed ARP when the
    // interface was added; a slave that was NOARP then needs one now.
    Ptr<Ipv4L3Protocol> ipv4 = GetNode()->GetObject<Ipv4L3Protocol>();
    Ptr<ArpL3Protocol> arp = GetNode()->GetObject<ArpL3Protocol>();
    int32_t i = ipv4 ? ipv4->GetInterfaceForDevice(this) : -1;
    if (i >= 0 && arp)
    {
        Ptr<Ipv4Interface> iface = ipv4->GetInterface(i);
        if (!iface->GetArpCache())
        {
            iface->SetArpCache(arp->CreateCache(this, iface));
        }
    }
}

bool
IpvlanNetDevice::IsIpv4Running() const
{
    // the interface's own state: Ipv4/Ipv6::SetDown tell nobody but a list routing
    return IsAdminUp() && !IsDeleted() && (!m_ip4If || m_ip4If->IsUp());
}

bool
IpvlanNetDevice::IsIpv6Running() const
{
    return IsAdminUp() && !IsDeleted() && (!m_ip6If || m_ip6If->IsUp());
}

bool
IpvlanNetDevice::IsRunningFor(uint16_t protocol) const
{
    if (protocol == Ipv4L3Protocol::PROT_NUMBER || protocol == ArpL3Protocol::PROT_NUMBER)
    {
        return IsIpv4Running();
    }
    if (protocol == Ipv6L3Protocol::PROT_NUMBER)
    {
        return IsIpv6Running();
    }
    return IsAdminUp() && !IsDeleted();
}

void
IpvlanNetDevice::NotifyIpInterfaceState(bool v6)
{
    NS_LOG_FUNCTION(this << v6);
    HookIpInterfaces();
    if (v6)
    {
        // down: ns-3 cleared the addresses (addrconf_ifdown); up: the link-local is back
        SyncIpv6Addresses();
    }
    if (m_port)
    {
        m_port->RefreshSlave(this);
    }
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

void
IpvlanNetDevice::SetIpv4InterfaceUp(bool up)
{
    Ptr<Ipv4> ipv4 = GetNode() ? GetNode()->GetObject<Ipv4>() : nullptr;
    int32_t i = ipv4 ? ipv4->GetInterfaceForDevice(this) : -1;
    if (i >= 0 && ipv4->IsUp(i) != up)
    {
        up ? ipv4->SetUp(i) : ipv4->SetDown(i);
    }
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
    // `ip link set dev X up|down` is also the IP interfaces' state: IPv4 routes through
    // the device go (and network routes come back on up).
    SetIpv4InterfaceUp(up);
    // Linux's addrconf_ifdown flushes the IPv6 addresses, and on up the link-local comes
    // back and runs DAD. The model keeps them on ns-3's interface (out of the demux table
    // while down): ns-3.37 crashes when it sends a pending neighbour solicitation from an
    // address removed meanwhile, and Ipv6::SetDown would do the same with its
    // router-solicitation timer (doc: "Down and up"). On up, the kernel's link-local is
    // re-added, so DAD runs again.
    Ptr<Ipv6> ipv6 = up && GetNode() ? GetNode()->GetObject<Ipv6>() : nullptr;
    int32_t i = ipv6 ? ipv6->GetInterfaceForDevice(this) : -1;
    for (uint32_t j = 0; i >= 0 && j < ipv6->GetNAddresses(i); ++j)
    {
        Ipv6InterfaceAddress ifa = ipv6->GetAddress(i, j);
        if (ifa.GetAddress() == GetKernelLinkLocalAddress())
        {
            ipv6->RemoveAddress(i, j);
            ipv6->AddAddress(i, Ipv6InterfaceAddress(ifa.GetAddress(), ifa.GetPrefix()));
            break;
        }
    }
    if (m_port)
    {
        m_port->RefreshSlave(this); // ipvlan_open / ipvlan_stop
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
    NS_ABORT_MSG_IF(!m_port || m_port->AbortsOnRefusedAddress(),
                    "ipvlan: address " << address << " refused on slave (node "
                                       << GetNode()->GetId() << ", ifindex " << GetIfIndex()
                                       << "): " << reason
                                       << ". The kernel fails this `ip addr add`; to go on with "
                                          "the address removed and reported on the "
                                          "AddressRefused trace instead, set "
                                          "ns3::IpvlanPort::RefusedAddress to \"remove\"");
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

StackedPort*
IpvlanNetDevice::GetSendPort() const
{
    return PeekPointer(m_port);
}

bool
IpvlanNetDevice::DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocolNumber)
{
    if ((!m_ip4If && protocolNumber != Ipv6L3Protocol::PROT_NUMBER) ||
        (!m_ip6If && protocolNumber == Ipv6L3Protocol::PROT_NUMBER))
    {
        HookIpInterfaces(); // the stack sends through us: its interface exists now
    }
    if (m_staleDadProbes != 0 && IsStaleDadProbe(packet, protocolNumber))
    {
        // ns-3 scheduled DAD for the shared-MAC address before it was replaced by the
        // kernel's: the kernel never sends this probe
        RecordDrop(packet, IPVLAN_DROP_STALE_DAD, true);
        return false;
    }
    if (protocolNumber == Ipv6L3Protocol::PROT_NUMBER)
    {
        packet = RewriteSharedSource(packet);
    }
    return m_port->Transmit(this, packet, dest, protocolNumber);
}

bool
IpvlanNetDevice::NeedsArp() const
{
    // IFF_NOARP is set in l3 and l3s (ipvlan_set_port_mode / ipvlan_open). A stored flag,
    // not the port's mode: ns-3's IPv4 interface asks on every send, and must get the
    // answer its ARP cache was built for even after the slave is deleted.
    return !m_noArp;
}

} // namespace ns3
