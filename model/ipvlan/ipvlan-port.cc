/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-port.h"

#include "../common/ipvlan-compat.h"
#include "ipvlan-address-watch.h"
#include "ipvlan-host-net-device.h"
#include "ipvlan-net-device.h"
#include "ipvlan-netfilter.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/rx-handler-claim.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/stacked-port.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanPort");

NS_OBJECT_ENSURE_REGISTERED(IpvlanPort);

TypeId
IpvlanPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvlanPort")
            .SetParent<StackedPort>()
            .SetGroupName("Ipvlan")
            .AddConstructor<IpvlanPort>()
            .AddAttribute("Mode",
                          "The port mode, shared by every slave (kernel default: l3).",
                          EnumValue(IPVLAN_MODE_L3),
                          MakeIpvlanEnumAccessor<IpvlanMode>(&IpvlanPort::SetModeAttribute),
                          MakeIpvlanEnumChecker("ns3::IpvlanPort::Mode",
                                                IPVLAN_MODE_L2,
                                                "l2",
                                                IPVLAN_MODE_L3,
                                                "l3",
                                                IPVLAN_MODE_L3S,
                                                "l3s"))
            .AddAttribute("Flags",
                          "The port flags: 0 bridge, 1 private, 2 vepa (3 is refused).",
                          UintegerValue(IPVLAN_F_BRIDGE),
                          MakeUintegerAccessor(&IpvlanPort::SetFlags, &IpvlanPort::GetFlags),
                          MakeIpvlanChecker("ns3::IpvlanPort::Flags",
                                            MakeUintegerChecker<uint16_t>(),
                                            "0 (bridge), 1 (private), 2 (vepa); private and vepa "
                                            "are mutually exclusive",
                                            [](const AttributeValue& v) {
                                                const auto* u =
                                                    dynamic_cast<const UintegerValue*>(&v);
                                                return u && ValidateIpvlanFlags(u->Get()).empty();
                                            }))
            .AddAttribute("BacklogLimit",
                          "Maximum frames on the multicast backlog (IPVLAN_QBACKLOG_LIMIT).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&IpvlanPort::m_groupQueueLimit),
                          MakeIpvlanUintegerChecker<uint32_t>("ns3::IpvlanPort::BacklogLimit", 1))
            .AddAttribute(
                "RefusedAddress",
                "What happens when a slave's stack is given an address another "
                "slave of the port holds (ipvlan_addr_busy, EADDRINUSE): \"abort\" "
                "stops the simulation with a message, as `ip addr add` fails; "
                "\"remove\" takes the address off the interface again and fires "
                "the slave's AddressRefused trace.",
                EnumValue(REFUSED_ADDRESS_ABORT),
                MakeIpvlanEnumAccessor<RefusedAddressAction>(&IpvlanPort::m_refusedAddress),
                MakeIpvlanEnumChecker("ns3::IpvlanPort::RefusedAddress",
                                      REFUSED_ADDRESS_ABORT,
                                      "abort",
                                      REFUSED_ADDRESS_REMOVE,
                                      "remove"))
            .AddAttribute(
                "ArpFilter",
                "l2: give a broadcast ARP request (Ethernet/IPv4, opcode 1) only to the slave "
                "that holds its target address, plus the host, instead of to every slave. "
                "Off by default, as the kernel does (ipvlan_process_multicast gives every "
                "slave a clone); the ARP filter proposed in the netdev paper \"IPVLAN - The "
                "beginning\". Same reachability: the target answers as before; the other "
                "slaves no longer learn the sender from the request (doc/ipvlan.rst, "
                "\"The ARP filter\").",
                BooleanValue(false),
                MakeBooleanAccessor(&IpvlanPort::m_arpFilter),
                MakeIpvlanBooleanChecker("ns3::IpvlanPort::ArpFilter"));
    return tid;
}

IpvlanPort::IpvlanPort()
{
    NS_LOG_FUNCTION(this);
}

IpvlanPort::~IpvlanPort()
{
    NS_LOG_FUNCTION(this);
}

void
IpvlanPort::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Teardown(false);
    StackedPort::DoDispose();
}

void
IpvlanPort::Delete()
{
    NS_LOG_FUNCTION(this);
    Teardown(true);
}

void
IpvlanPort::Teardown(bool running)
{
    // every slave goes with the master (the master's unregister deletes them, then
    // ipvlan_port_destroy purges the backlog)
    for (const GroupFrame& frame : TakeGroupFrames())
    {
        RecordDrop(frame.packet, IPVLAN_DROP_SLAVE_DELETED, m_master);
    }
    std::list<Ptr<IpvlanNetDevice>> slaves;
    slaves.swap(m_slaves);
    m_slavePos.clear();
    for (const Ptr<IpvlanNetDevice>& slave : slaves)
    {
        // at run time the container's stack is told; while disposing it may be gone
        running ? slave->Delete() : slave->PortDeleted();
    }
    if (m_host)
    {
        m_host->PortDeleted();
    }
    m_table4.clear();
    m_table6.clear();
    m_owner4.clear();
    m_owner6.clear();
    m_devIds.clear();
    m_host = nullptr;
    m_hostIpv4 = nullptr;
    m_hostIpv6 = nullptr;
    m_netfilter = nullptr;
    ReleaseMaster();
}

void
IpvlanPort::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    if (m_master)
    {
        CheckMasterHasNoIp();
        // ns-3's bridge takes a port without asking (no rx_handler to be refused by)
        std::string bridge = RxHandlerClaim::BridgeOf(m_master);
        NS_ABORT_MSG_IF(!bridge.empty(),
                        "ipvlan: master " << RxHandlerClaim::Describe(m_master) << " was made "
                                          << bridge
                                          << " after it became an ipvlan master; a device has "
                                             "one rx_handler (EBUSY): use one or the other");
    }
    Object::DoInitialize();
}

void
IpvlanPort::CheckMasterHasNoIp() const
{
    Ptr<Node> node = m_master->GetNode();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    if ((ipv4 && ipv4->GetInterfaceForDevice(m_master) >= 0) ||
        (ipv6 && ipv6->GetInterfaceForDevice(m_master) >= 0))
    {
        NS_FATAL_ERROR("ipvlan: master " << RxHandlerClaim::Describe(m_master)
                                         << " has an IP interface of its own; put the host's "
                                            "addresses on its IpvlanHostNetDevice instead "
                                            "(IpvlanHelper::InstallHost), as with a bridge");
    }
}

Ptr<IpvlanPort>
IpvlanPort::Find(Ptr<const NetDevice> master)
{
    return master ? master->GetObject<IpvlanPort>() : nullptr;
}

Ptr<IpvlanPort>
IpvlanPort::GetOrCreate(Ptr<NetDevice> master)
{
    NS_ABORT_MSG_IF(!master, "ipvlan: master device is null");
    if (Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(master))
    {
        // ipvlan on ipvlan: attach to the underlying master's port (ipvlan_link_new)
        NS_ABORT_MSG_IF(!slave->GetPort(),
                        "ipvlan: " << RxHandlerClaim::Describe(master)
                                   << " is an ipvlan device not attached to any master");
        return slave->GetPort();
    }
    NS_ABORT_MSG_IF(DynamicCast<StackedNetDevice>(master),
                    "ipvlan: " << RxHandlerClaim::Describe(master)
                               << " is a virtual stacked device (host interface); use the "
                                  "physical master");
    Ptr<IpvlanPort> port = Find(master);
    if (port && port->m_master)
    {
        return port;
    }
    CheckMaster(master, "ipvlan", "\"Master is either lo or non-ether device\"");
    if (!port)
    {
        port = CreateObject<IpvlanPort>(); // aggregated only once the master is ours
    }
    // new, or a deleted port made a master's again
    port->TakeMaster(master, "ipvlan", "the master of an ipvlan port", false);
    port->CheckMasterHasNoIp();
    // the master's node learns, too, so that an IP address put on the master later is
    // refused (the master's own addresses go on its IpvlanHostNetDevice)
    IpvlanAddressWatch::Install(master->GetNode());
    return port;
}

void
IpvlanPort::SetMode(IpvlanMode mode)
{
    NS_LOG_FUNCTION(this << mode);
    NS_ABORT_MSG_IF(mode != IPVLAN_MODE_L2 && mode != IPVLAN_MODE_L3 && mode != IPVLAN_MODE_L3S,
                    "ipvlan: mode " << static_cast<int>(mode) << " is invalid; allowed: l2 (0), "
                                    << "l3 (1), l3s (2)");
    bool noArpChanges = (mode == IPVLAN_MODE_L2) != (m_mode == IPVLAN_MODE_L2);
    m_mode = mode;
    if (!noArpChanges)
    {
        return; // every slave's IFF_NOARP already matches (a new slave sets its own)
    }
    // ipvlan_set_port_mode: IFF_NOARP on every slave follows the mode
    for (const Ptr<IpvlanNetDevice>& slave : m_slaves)
    {
        slave->SetNoArp(mode != IPVLAN_MODE_L2);
    }
}

void
IpvlanPort::SetModeAttribute(IpvlanMode mode)
{
    SetMode(mode);
}

bool
IpvlanPort::AbortsOnRefusedAddress() const
{
    return m_refusedAddress == REFUSED_ADDRESS_ABORT;
}

IpvlanMode
IpvlanPort::GetMode() const
{
    return m_mode;
}

void
IpvlanPort::SetFlags(uint16_t flags)
{
    NS_LOG_FUNCTION(this << flags);
    std::string why = ValidateIpvlanFlags(flags);
    NS_ABORT_MSG_IF(!why.empty(), "ipvlan: flags 0x" << std::hex << flags << " refused: " << why);
    m_flags = flags;
}

uint16_t
IpvlanPort::GetFlags() const
{
    return m_flags;
}

void
IpvlanPort::AddSlave(Ptr<IpvlanNetDevice> slave)
{
    NS_LOG_FUNCTION(this << slave);
    NS_ABORT_MSG_IF(m_slavePos.count(PeekPointer(slave)) != 0,
                    "ipvlan: slave " << RxHandlerClaim::Describe(slave)
                                     << " is already on this port");
    // dev_id: ida_simple_get from dev_id_start in [1, 0xFFFE), then from 1; the next
    // search starts after the id given (ipvlan_link_new)
    constexpr uint16_t DEV_ID_END = 0xFFFE;
    uint16_t id = 0;
    for (uint32_t n = 0, cand = m_devIdStart; n < DEV_ID_END - 1U; ++n)
    {
        if (m_devIds.count(static_cast<uint16_t>(cand)) == 0)
        {
            id = static_cast<uint16_t>(cand);
            break;
        }
        cand = cand + 1 >= DEV_ID_END ? 1 : cand + 1;
    }
    NS_ABORT_MSG_IF(id == 0,
                    "ipvlan: no free dev_id on master " << RxHandlerClaim::Describe(m_master)
                                                        << " (" << m_devIds.size()
                                                        << " slaves; the kernel allows 65533)");
    m_devIds.insert(id);
    m_devIdStart = id + 1 >= DEV_ID_END ? 1 : id + 1;
    slave->SetDevId(id);
    slave->SetNoArp(m_mode != IPVLAN_MODE_L2);
    m_slavePos[PeekPointer(slave)] = m_slaves.insert(m_slaves.end(), slave);
}

void
IpvlanPort::RemoveSlave(Ptr<IpvlanNetDevice> slave)
{
    NS_LOG_FUNCTION(this << slave);
    auto pos = m_slavePos.find(PeekPointer(slave));
    if (pos == m_slavePos.end())
    {
        return;
    }
    for (Ipv4Address a : slave->GetIpv4Addresses())
    {
        ReleaseAddress(PeekPointer(slave), a);
    }
    for (Ipv6Address a : slave->GetIpv6Addresses())
    {
        ReleaseAddress(PeekPointer(slave), a);
    }
    m_devIds.erase(slave->GetDevId());
    m_slaves.erase(pos->second);
    m_slavePos.erase(pos);
}

uint32_t
IpvlanPort::GetNSlaves() const
{
    return m_slaves.size();
}

Ptr<IpvlanNetDevice>
IpvlanPort::GetSlave(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_slaves.size(),
                    "ipvlan: slave index " << i << " out of range; the port has " << m_slaves.size()
                                           << " slaves");
    return *std::next(m_slaves.begin(), i);
}

void
IpvlanPort::SetHostDevice(Ptr<IpvlanHostNetDevice> host)
{
    NS_LOG_FUNCTION(this << host);
    NS_ABORT_MSG_IF(m_host && m_host != host,
                    "ipvlan: master "
                        << RxHandlerClaim::Describe(m_master)
                        << " already has a host interface: " << RxHandlerClaim::Describe(m_host));
    m_host = host;
    m_hostIpv4 = nullptr; // found again, on the first packet that needs them
    m_hostIpv6 = nullptr;
}

Ptr<IpvlanHostNetDevice>
IpvlanPort::GetHostDevice() const
{
    return m_host;
}

namespace
{
/// Claim a key in an owner map and, for a running slave, in the demux table.
template <typename A, typename Map>
std::string
ClaimIn(Map& owners, Map& table, IpvlanNetDevice* slave, const A& address, bool running)
{
    auto it = owners.find(address);
    if (it != owners.end())
    {
        std::ostringstream os;
        os << "address " << address << " already assigned to an ipvlan device ("
           << RxHandlerClaim::Describe(it->second) << ") on this port (EADDRINUSE)";
        return os.str();
    }
    owners.emplace(address, slave);
    if (running)
    {
        table[address] = slave;
    }
    return "";
}

/// Release a key held by this slave from both maps.
template <typename A, typename Map>
void
ReleaseIn(Map& owners, Map& table, IpvlanNetDevice* slave, const A& address)
{
    auto it = owners.find(address);
    if (it != owners.end() && it->second == slave)
    {
        owners.erase(it);
        table.erase(address);
    }
}
} // namespace

std::string
IpvlanPort::ClaimAddress(IpvlanNetDevice* slave, Ipv4Address address)
{
    return ClaimIn(m_owner4, m_table4, slave, address, slave->IsIpv4Running());
}

std::string
IpvlanPort::ClaimAddress(IpvlanNetDevice* slave, Ipv6Address address)
{
    auto it = m_owner6.find(address);
    if (it != m_owner6.end() && it->second != slave && !it->second->IsIpv6Running())
    {
        // the holder's IPv6 interface went down, which clears its addresses without a
        // word to anyone but a list routing: bring its list up to date first
        it->second->SyncIpv6Addresses();
    }
    return ClaimIn(m_owner6, m_table6, slave, address, slave->IsIpv6Running());
}

void
IpvlanPort::ReleaseAddress(IpvlanNetDevice* slave, Ipv4Address address)
{
    ReleaseIn(m_owner4, m_table4, slave, address);
}

void
IpvlanPort::ReleaseAddress(IpvlanNetDevice* slave, Ipv6Address address)
{
    ReleaseIn(m_owner6, m_table6, slave, address);
}

namespace
{
/// Put a slave's own entries of one family into the table, or take them out.
template <typename A, typename Map>
void
RefreshIn(const Map& owners,
          Map& table,
          IpvlanNetDevice* slave,
          const std::vector<A>& addrs,
          bool up)
{
    for (const A& a : addrs)
    {
        auto it = owners.find(a);
        if (it == owners.end() || it->second != slave)
        {
            continue; // not ours: never touch another slave's entry
        }
        if (up)
        {
            table[a] = slave;
        }
        else
        {
            table.erase(a);
        }
    }
}
} // namespace

void
IpvlanPort::RefreshSlave(IpvlanNetDevice* slave)
{
    NS_LOG_FUNCTION(this << slave);
    RefreshIn(m_owner4, m_table4, slave, slave->GetIpv4Addresses(), slave->IsIpv4Running());
    RefreshIn(m_owner6, m_table6, slave, slave->GetIpv6Addresses(), slave->IsIpv6Running());
}

IpvlanNetDevice*
IpvlanPort::Lookup(Ipv4Address address) const
{
    auto it = m_table4.find(address);
    return it == m_table4.end() || !it->second->IsIpv4Running() ? nullptr : it->second;
}

IpvlanNetDevice*
IpvlanPort::Lookup(Ipv6Address address) const
{
    auto it = m_table6.find(address);
    // ns-3's Ipv6::SetDown tells only a list routing: the interface's own state decides
    return it == m_table6.end() || !it->second->IsIpv6Running() ? nullptr : it->second;
}

IpvlanNetDevice*
IpvlanPort::Lookup(const IpvlanL3Key& key) const
{
    if (!key.valid)
    {
        return nullptr;
    }
    return key.isV6 ? Lookup(key.v6) : Lookup(key.v4);
}

bool
IpvlanPort::SetMasterMtu(uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    if (mtu < 68)
    {
        NS_LOG_WARN("ipvlan: master MTU " << mtu << " refused: allowed 68 to 65535");
        return false;
    }
    if (!m_master->SetMtu(mtu))
    {
        NS_LOG_WARN("master " << RxHandlerClaim::Describe(m_master) << " refused MTU " << mtu);
        return false;
    }
    for (const Ptr<IpvlanNetDevice>& slave : m_slaves)
    {
        slave->SetMtu(mtu); // assigned directly: no notifier fires for the slave
    }
    if (m_host)
    {
        m_host->SetMtu(mtu);
    }
    return true;
}

const IpvlanPortCounters&
IpvlanPort::GetCounters() const
{
    return m_counters;
}

StackedPortCounters&
IpvlanPort::PortCounters()
{
    return m_counters;
}

uint32_t
IpvlanPort::GetBacklogLength() const
{
    return GetGroupQueueLength();
}

Ptr<IpvlanNetfilter>
IpvlanPort::Netfilter()
{
    if (!m_netfilter)
    {
        m_netfilter = IpvlanNetfilter::GetOrCreate(m_master->GetNode());
    }
    return m_netfilter;
}

Ptr<Ipv4L3Protocol>
IpvlanPort::HostIpv4()
{
    if (!m_hostIpv4 && m_host)
    {
        m_hostIpv4 = m_host->GetNode()->GetObject<Ipv4L3Protocol>();
    }
    return m_hostIpv4;
}

Ptr<Ipv6L3Protocol>
IpvlanPort::HostIpv6()
{
    if (!m_hostIpv6 && m_host)
    {
        m_hostIpv6 = m_host->GetNode()->GetObject<Ipv6L3Protocol>();
    }
    return m_hostIpv6;
}

} // namespace ns3
