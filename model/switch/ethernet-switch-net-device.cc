/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ethernet-switch-net-device.h"

#include "ns3/ipvlan-attribute-check.h"
#include "../common/ipvlan-compat.h"
#include "ns3/rx-handler-claim.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/bridge-net-device.h"
#include "ns3/channel.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EthernetSwitchNetDevice");

NS_OBJECT_ENSURE_REGISTERED(EthernetSwitchNetDevice);

std::ostream&
operator<<(std::ostream& os, EthernetSwitchDropReason reason)
{
    switch (reason)
    {
    case SWITCH_DROP_VIOLATION:
        return os << "violation";
    case SWITCH_DROP_ERR_DISABLED:
        return os << "port-err-disabled";
    case SWITCH_DROP_HAIRPIN_OFF:
        return os << "hairpin-off";
    case SWITCH_DROP_EGRESS_LINK_DOWN:
        return os << "egress-link-down";
    case SWITCH_DROP_NO_EGRESS:
        return os << "no-egress";
    case SWITCH_DROP_INVALID_SOURCE:
        return os << "invalid-source";
    case SWITCH_DROP_TX_FAILED:
        return os << "tx-failed";
    }
    return os << "unknown(" << static_cast<int>(reason) << ")";
}

std::ostream&
operator<<(std::ostream& os, EthernetSwitchPortState state)
{
    switch (state)
    {
    case SWITCH_PORT_UP:
        return os << "up";
    case SWITCH_PORT_ERR_DISABLED:
        return os << "err-disabled";
    }
    return os << "unknown(" << static_cast<int>(state) << ")";
}

TypeId
EthernetSwitchNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EthernetSwitchNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Ipvlan")
            .AddConstructor<EthernetSwitchNetDevice>()
            .AddAttribute("Mtu",
                          "The MAC-level MTU of the switch's own interface.",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&EthernetSwitchNetDevice::SetMtu,
                                               &EthernetSwitchNetDevice::GetMtu),
                          MakeIpvlanUintegerChecker<uint16_t>(
                              "ns3::EthernetSwitchNetDevice::Mtu",
                              EthernetSwitchNetDevice::MIN_MTU,
                              EthernetSwitchNetDevice::MAX_MTU,
                              "an Ethernet device's MTU range, as ether_setup"))
            .AddAttribute(
                "MaxFdbEntries",
                "Learnt addresses the forwarding table holds; when full, new "
                "addresses are not learnt and frames to them are flooded. Static "
                "and sticky secure addresses are not counted (as Linux's "
                "fdb_max_learned).",
                UintegerValue(8192),
                MakeUintegerAccessor(&EthernetSwitchNetDevice::m_maxFdbEntries),
                MakeIpvlanUintegerChecker<uint32_t>("ns3::EthernetSwitchNetDevice::MaxFdbEntries",
                                                    0,
                                                    UINT32_MAX,
                                                    "0: nothing is learnt, every frame is flooded"))
            .AddAttribute("FdbAgingTime",
                          "A learnt address leaves the forwarding table this long after "
                          "its last frame (Linux ageing_time, Cisco mac address-table "
                          "aging-time); zero: never.",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&EthernetSwitchNetDevice::m_fdbAgingTime),
                          MakeIpvlanTimeChecker("ns3::EthernetSwitchNetDevice::FdbAgingTime",
                                                false,
                                                "zero: learnt addresses never age"))
            .AddAttribute(
                "PortSecurityEnabled",
                "Default for new ports: port security on (switchport port-security).",
                BooleanValue(false),
                MakeBooleanAccessor(&EthernetSwitchNetDevice::m_defEnabled),
                MakeIpvlanBooleanChecker("ns3::EthernetSwitchNetDevice::PortSecurityEnabled"))
            .AddAttribute(
                "MaxMacAddresses",
                "Default for new ports: secure MAC addresses allowed (at least 1).",
                UintegerValue(1),
                MakeUintegerAccessor(&EthernetSwitchNetDevice::m_defMaxMacs),
                MakeIpvlanUintegerChecker<uint32_t>("ns3::EthernetSwitchNetDevice::MaxMacAddresses",
                                                    1,
                                                    UINT32_MAX,
                                                    "switchport port-security maximum: at least 1"))
            .AddAttribute("ViolationMode",
                          "Default for new ports: what a violation does.",
                          EnumValue(PORT_SECURITY_SHUTDOWN),
                          MakeIpvlanEnumAccessor<PortSecurityViolationMode>(
                              &EthernetSwitchNetDevice::m_defViolation),
                          MakeIpvlanEnumChecker("ns3::EthernetSwitchNetDevice::ViolationMode",
                                                PORT_SECURITY_PROTECT,
                                                "protect",
                                                PORT_SECURITY_RESTRICT,
                                                "restrict",
                                                PORT_SECURITY_SHUTDOWN,
                                                "shutdown"))
            .AddAttribute("Sticky",
                          "Default for new ports: learnt secure addresses become sticky.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&EthernetSwitchNetDevice::m_defSticky),
                          MakeIpvlanBooleanChecker("ns3::EthernetSwitchNetDevice::Sticky"))
            .AddAttribute("SecureAgingTime",
                          "Default for new ports: aging time of dynamic secure addresses "
                          "(zero: no aging).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&EthernetSwitchNetDevice::m_defAgingTime),
                          MakeIpvlanTimeChecker("ns3::EthernetSwitchNetDevice::SecureAgingTime",
                                                false,
                                                "zero: no aging"))
            .AddAttribute("SecureAgingType",
                          "Default for new ports: how dynamic secure addresses age.",
                          EnumValue(PORT_SECURITY_AGING_ABSOLUTE),
                          MakeIpvlanEnumAccessor<PortSecurityAgingType>(
                              &EthernetSwitchNetDevice::m_defAgingType),
                          MakeIpvlanEnumChecker("ns3::EthernetSwitchNetDevice::SecureAgingType",
                                                PORT_SECURITY_AGING_ABSOLUTE,
                                                "absolute",
                                                PORT_SECURITY_AGING_INACTIVITY,
                                                "inactivity"))
            .AddAttribute(
                "ErrDisableRecoveryInterval",
                "Default for new ports: an err-disabled port comes back up after "
                "this long (errdisable recovery; zero: never by itself).",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&EthernetSwitchNetDevice::m_defRecovery),
                MakeIpvlanTimeChecker("ns3::EthernetSwitchNetDevice::ErrDisableRecoveryInterval",
                                      false,
                                      "zero: no automatic recovery"))
            .AddAttribute("Hairpin",
                          "Default for new ports: reflective relay (frames may go back out "
                          "of their ingress port).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&EthernetSwitchNetDevice::m_defHairpin),
                          MakeIpvlanBooleanChecker("ns3::EthernetSwitchNetDevice::Hairpin"))
            .AddTraceSource("Violation",
                            "A port-security violation was counted (restrict and shutdown "
                            "modes): port index, offending source MAC, mode.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_violationTrace),
                            "ns3::EthernetSwitchNetDevice::ViolationTracedCallback")
            .AddTraceSource("PortStateChange",
                            "A port went err-disabled or came back up: port index, state.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_portStateTrace),
                            "ns3::EthernetSwitchNetDevice::PortStateTracedCallback")
            .AddTraceSource("Drop",
                            "A frame was dropped: payload, port index (the ingress port; the "
                            "egress port for tx-failed; NO_PORT for the switch's own frames), "
                            "reason.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_dropTrace),
                            "ns3::EthernetSwitchNetDevice::DropTracedCallback");
    return tid;
}

EthernetSwitchNetDevice::EthernetSwitchNetDevice()
{
    NS_LOG_FUNCTION(this);
}

EthernetSwitchNetDevice::~EthernetSwitchNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
EthernetSwitchNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_node && !m_ports.empty())
    {
        m_node->UnregisterProtocolHandler(
            MakeCallback(&EthernetSwitchNetDevice::ReceiveFromPort, this));
    }
    Simulator::Cancel(m_sweep);
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        Simulator::Cancel(m_ports[i].recovery);
        RxHandlerClaim::Release(m_ports[i].device, this);
        m_ports[i].device = nullptr;
    }
    m_ports.clear();
    m_portIndex.clear();
    m_fdb.clear();
    m_node = nullptr;
    m_rxCallback =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_promiscRxCallback = MakeNullCallback<bool,
                                           Ptr<NetDevice>,
                                           Ptr<const Packet>,
                                           uint16_t,
                                           const Address&,
                                           const Address&,
                                           NetDevice::PacketType>();
    NetDevice::DoDispose();
}

// --- ports ---------------------------------------------------------------------------

std::string
EthernetSwitchNetDevice::ClaimHolder(uint32_t index) const
{
    std::ostringstream os;
    os << "port " << index << " of switch " << RxHandlerClaim::Describe(this);
    return os.str();
}

std::string
EthernetSwitchNetDevice::DescribePort(uint32_t index) const
{
    std::ostringstream os;
    os << "port " << index;
    if (index < m_ports.size() && m_ports[index].device)
    {
        Ptr<NetDevice> dev = m_ports[index].device;
        std::string name = Names::FindName(dev);
        os << " (" << (name.empty() ? dev->GetInstanceTypeId().GetName() : name) << ", ifindex "
           << dev->GetIfIndex() << ")";
    }
    return os.str();
}

void
EthernetSwitchNetDevice::CheckIndex(uint32_t index, const char* what) const
{
    NS_ABORT_MSG_IF(index >= m_ports.size(),
                    "EthernetSwitchNetDevice::" << what << ": port index " << index
                                                << " refused; the switch has " << m_ports.size()
                                                << " ports, so the index must be below "
                                                << m_ports.size());
}

uint32_t
EthernetSwitchNetDevice::AddSwitchPort(Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << port);
    NS_ABORT_MSG_IF(!port, "EthernetSwitchNetDevice::AddSwitchPort: the port device is null");
    NS_ABORT_MSG_IF(port == this,
                    "EthernetSwitchNetDevice::AddSwitchPort: a switch cannot be its own port");
    NS_ABORT_MSG_IF(!m_node,
                    "EthernetSwitchNetDevice::AddSwitchPort: the switch is not on a node; add it "
                    "with Node::AddDevice before adding ports");
    std::string name = Names::FindName(port);
    std::string what = name.empty() ? port->GetInstanceTypeId().GetName() : name;
    NS_ABORT_MSG_IF(port->GetNode() != m_node,
                    "EthernetSwitchNetDevice::AddSwitchPort: device "
                        << what << " is not on the switch's node " << m_node->GetId()
                        << "; a port must be a device of the switch's node");
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(port->GetAddress()),
                    "EthernetSwitchNetDevice::AddSwitchPort: device "
                        << what << " has address " << port->GetAddress()
                        << ", not an Ethernet (Mac48Address) one; only Ethernet devices can be "
                           "switch ports");
    NS_ABORT_MSG_IF(!port->SupportsSendFrom(),
                    "EthernetSwitchNetDevice::AddSwitchPort: device "
                        << what << " does not support SendFrom; a switch port must send frames "
                        << "with their original source MAC");
    auto known = m_portIndex.find(PeekPointer(port));
    NS_ABORT_MSG_IF(known != m_portIndex.end(),
                    "EthernetSwitchNetDevice::AddSwitchPort: device " << what << " is already "
                                                                      << DescribePort(known->second)
                                                                      << " of this switch");
    // one rx_handler per device: a bridge, another switch, an ipvlan or macvlan master
    // already has this one (netdev_rx_handler_register: EBUSY), and once it is ours they
    // are refused in turn
    std::string owner = RxHandlerClaim::Take(port, this, ClaimHolder(m_ports.size()));
    NS_ABORT_MSG_IF(!owner.empty(),
                    "EthernetSwitchNetDevice::AddSwitchPort: device "
                        << what << " is already in use (EBUSY): it is " << owner);

    if (!m_addressSet && m_ports.empty())
    {
        m_address = Mac48Address::ConvertFrom(port->GetAddress()); // as BridgeNetDevice
    }
    uint32_t index = static_cast<uint32_t>(m_ports.size());
    m_ports.emplace_back();
    m_ports.back().device = port;
    m_portIndex[PeekPointer(port)] = index;
    m_ports.back().hairpin = m_defHairpin;
    m_ports.back().security.Configure("EthernetSwitchNetDevice " + DescribePort(index),
                                      DefaultSecurity(),
                                      Simulator::Now());
    m_node->RegisterProtocolHandler(MakeCallback(&EthernetSwitchNetDevice::ReceiveFromPort, this),
                                    0,
                                    port,
                                    true);
    NS_LOG_INFO("added " << DescribePort(index));
    return index;
}

uint32_t
EthernetSwitchNetDevice::GetNSwitchPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

Ptr<NetDevice>
EthernetSwitchNetDevice::GetSwitchPort(uint32_t index) const
{
    CheckIndex(index, "GetSwitchPort");
    return m_ports[index].device;
}

void
EthernetSwitchNetDevice::SetHairpin(uint32_t index, bool on)
{
    NS_LOG_FUNCTION(this << index << on);
    CheckIndex(index, "SetHairpin");
    m_ports[index].hairpin = on;
}

bool
EthernetSwitchNetDevice::GetHairpin(uint32_t index) const
{
    CheckIndex(index, "GetHairpin");
    return m_ports[index].hairpin;
}

// --- receive, security, learning, forwarding ------------------------------------------

void
EthernetSwitchNetDevice::ReceiveFromPort(Ptr<NetDevice> device,
                                         Ptr<const Packet> packet,
                                         uint16_t protocol,
                                         const Address& from,
                                         const Address& to,
                                         NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    auto it = m_portIndex.find(PeekPointer(device));
    NS_ASSERT_MSG(it != m_portIndex.end(), "frame from a device that is not a port");
    uint32_t index = it->second;
    m_ports[index].rxFrames++;
    Mac48Address src = Mac48Address::ConvertFrom(from);
    Mac48Address dst = Mac48Address::ConvertFrom(to);
    if (m_ports[index].state == SWITCH_PORT_ERR_DISABLED)
    {
        Drop(packet, index, SWITCH_DROP_ERR_DISABLED);
        return;
    }
    if (src.IsGroup())
    {
        Drop(packet, index, SWITCH_DROP_INVALID_SOURCE); // !is_valid_ether_addr(h_source)
        return;
    }
    if (!CheckSecurity(index, packet, src))
    {
        return;
    }
    Learn(index, src);
    Forward(index, packet, protocol, src, dst);
}

void
EthernetSwitchNetDevice::Learn(uint32_t index, Mac48Address src)
{
    if (FindSecureOwner(src, index) != NO_PORT)
    {
        return; // secure on another port (this one is not secure): the entry stays there
    }
    const SecureMacEntry* secure =
        m_ports[index].security.IsEnabled() ? m_ports[index].security.Find(src) : nullptr;
    bool pin = secure && secure->type != SECURE_MAC_DYNAMIC;
    Time now = Simulator::Now();
    auto it = m_fdb.find(src);
    if (it != m_fdb.end())
    {
        FdbEntry& e = it->second;
        if (e.pinned && e.port != index)
        {
            return; // static or sticky elsewhere: never moves
        }
        if (e.port != index)
        {
            NS_LOG_LOGIC(src << " moved to " << DescribePort(index));
        }
        if (e.pinned != pin)
        {
            m_learnt = pin ? m_learnt - 1 : m_learnt + 1;
        }
        e = FdbEntry{index, now, pin};
        return;
    }
    if (!pin && m_learnt >= m_maxFdbEntries)
    {
        Sweep(); // purge what has aged before deciding that the table is full
        if (m_learnt >= m_maxFdbEntries)
        {
            NS_LOG_LOGIC("forwarding table full (" << m_maxFdbEntries << "): " << src
                                                   << " not learnt");
            return;
        }
    }
    m_fdb[src] = FdbEntry{index, now, pin};
    if (!pin)
    {
        m_learnt++;
        if (m_fdbAgingTime.IsStrictlyPositive())
        {
            ScheduleSweep(now + m_fdbAgingTime);
        }
    }
}

uint32_t
EthernetSwitchNetDevice::LookupFdb(Mac48Address mac) const
{
    auto it = m_fdb.find(mac);
    if (it == m_fdb.end())
    {
        return NO_PORT;
    }
    if (!it->second.pinned && m_fdbAgingTime.IsStrictlyPositive() &&
        it->second.lastSeen + m_fdbAgingTime <= Simulator::Now())
    {
        return NO_PORT; // aged; the sweep removes it
    }
    return it->second.port;
}

uint32_t
EthernetSwitchNetDevice::GetFdbSize() const
{
    return static_cast<uint32_t>(m_fdb.size());
}

void
EthernetSwitchNetDevice::Forward(uint32_t ingress,
                                 Ptr<const Packet> packet,
                                 uint16_t protocol,
                                 Mac48Address src,
                                 Mac48Address dst)
{
    bool fromPort = ingress != NO_PORT;
    NetDevice::PacketType type = NetDevice::PACKET_OTHERHOST;
    if (dst == m_address)
    {
        type = NetDevice::PACKET_HOST;
    }
    else if (dst.IsBroadcast())
    {
        type = NetDevice::PACKET_BROADCAST;
    }
    else if (dst.IsGroup())
    {
        type = NetDevice::PACKET_MULTICAST;
    }
    if (fromPort)
    {
        // the switch's own interface (management address), as a bridge's local port
        if (!m_promiscRxCallback.IsNull())
        {
            m_promiscRxCallback(this, packet, protocol, src, dst, type);
        }
        if (type != NetDevice::PACKET_OTHERHOST && !m_rxCallback.IsNull())
        {
            m_rxCallback(this, packet, protocol, src);
        }
        if (type == NetDevice::PACKET_HOST)
        {
            return;
        }
    }
    if (dst.IsGroup())
    {
        Flood(ingress, packet, protocol, src, dst);
        return;
    }
    uint32_t egress = LookupFdb(dst);
    if (egress == NO_PORT)
    {
        Flood(ingress, packet, protocol, src, dst); // unknown unicast
        return;
    }
    if (egress == ingress && !m_ports[ingress].hairpin)
    {
        Drop(packet, ingress, SWITCH_DROP_HAIRPIN_OFF);
        return;
    }
    if (m_ports[egress].state == SWITCH_PORT_ERR_DISABLED)
    {
        Drop(packet, ingress, SWITCH_DROP_ERR_DISABLED);
        return;
    }
    if (!m_ports[egress].device->IsLinkUp())
    {
        Drop(packet, ingress, SWITCH_DROP_EGRESS_LINK_DOWN);
        return;
    }
    SendOut(egress, packet, protocol, src, dst);
}

bool
EthernetSwitchNetDevice::IsEligible(uint32_t index) const
{
    return m_ports[index].state == SWITCH_PORT_UP && m_ports[index].device->IsLinkUp();
}

void
EthernetSwitchNetDevice::Flood(uint32_t ingress,
                               Ptr<const Packet> packet,
                               uint16_t protocol,
                               Mac48Address src,
                               Mac48Address dst)
{
    bool sent = false;
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if ((i == ingress && !m_ports[i].hairpin) || !IsEligible(i))
        {
            continue;
        }
        SendOut(i, packet, protocol, src, dst);
        sent = true;
    }
    if (!sent)
    {
        Drop(packet, ingress, SWITCH_DROP_NO_EGRESS);
    }
}

void
EthernetSwitchNetDevice::SendOut(uint32_t egress,
                                 Ptr<const Packet> packet,
                                 uint16_t protocol,
                                 Mac48Address src,
                                 Mac48Address dst)
{
    // The received packet is shared with the port's other handlers and the device adds
    // its own tags and headers: every egress port gets its copy (the kernel clones too).
    if (m_ports[egress].device->SendFrom(packet->Copy(), src, dst, protocol))
    {
        m_ports[egress].txFrames++;
    }
    else
    {
        Drop(packet, egress, SWITCH_DROP_TX_FAILED);
    }
}

void
EthernetSwitchNetDevice::Drop(Ptr<const Packet> packet,
                              uint32_t index,
                              EthernetSwitchDropReason reason)
{
    NS_LOG_LOGIC("drop " << packet->GetUid() << " at "
                         << (index == NO_PORT ? std::string("the switch") : DescribePort(index))
                         << ": " << reason);
    if (index != NO_PORT)
    {
        if (reason == SWITCH_DROP_TX_FAILED)
        {
            m_ports[index].txDropped++;
        }
        else
        {
            m_ports[index].rxDropped++;
        }
    }
    m_dropTrace(packet, index, reason);
}

// --- port state -----------------------------------------------------------------------

void
EthernetSwitchNetDevice::FlushPort(uint32_t index, bool pinnedToo)
{
    for (auto it = m_fdb.begin(); it != m_fdb.end();)
    {
        if (it->second.port == index && (pinnedToo || !it->second.pinned))
        {
            m_learnt -= it->second.pinned ? 0 : 1;
            it = m_fdb.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

// --- aging ----------------------------------------------------------------------------

void
EthernetSwitchNetDevice::Sweep()
{
    Time now = Simulator::Now();
    Time next = Time::Max();
    bool aging = m_fdbAgingTime.IsStrictlyPositive();
    for (auto it = m_fdb.begin(); it != m_fdb.end();)
    {
        if (!it->second.pinned && aging && it->second.lastSeen + m_fdbAgingTime <= now)
        {
            NS_LOG_LOGIC(it->first << " aged out of the forwarding table");
            m_learnt--;
            it = m_fdb.erase(it);
            continue;
        }
        if (!it->second.pinned && aging)
        {
            next = Min(next, it->second.lastSeen + m_fdbAgingTime);
        }
        ++it;
    }
    for (auto& port : m_ports)
    {
        port.security.Age(now);
        next = Min(next, port.security.GetNextExpiry());
    }
    Simulator::Cancel(m_sweep);
    if (next != Time::Max())
    {
        m_sweep = Simulator::Schedule(next - now, &EthernetSwitchNetDevice::Sweep, this);
    }
}

void
EthernetSwitchNetDevice::ScheduleSweep(Time when)
{
    if (when == Time::Max())
    {
        return;
    }
    if (!m_sweep.IsExpired() && m_sweep.GetTs() <= static_cast<uint64_t>(when.GetTimeStep()))
    {
        return; // an earlier sweep is pending; it will reschedule
    }
    Simulator::Cancel(m_sweep);
    m_sweep = Simulator::Schedule(Max(when - Simulator::Now(), Seconds(0)),
                                  &EthernetSwitchNetDevice::Sweep,
                                  this);
}

// --- the NetDevice interface (the switch's own interface) ---------------------------

void
EthernetSwitchNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
EthernetSwitchNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
EthernetSwitchNetDevice::GetChannel() const
{
    return nullptr;
}

void
EthernetSwitchNetDevice::SetAddress(Address address)
{
    NS_LOG_FUNCTION(this << address);
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(address),
                    "EthernetSwitchNetDevice::SetAddress: " << address << " is not a Mac48Address");
    m_address = Mac48Address::ConvertFrom(address);
    m_addressSet = true;
}

Address
EthernetSwitchNetDevice::GetAddress() const
{
    return m_address;
}

bool
EthernetSwitchNetDevice::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    if (mtu < MIN_MTU)
    {
        // dev_validate_mtu: below the device's min_mtu is EINVAL; the MTU is unchanged
        NS_LOG_WARN("MTU " << mtu << " refused; allowed: " << MIN_MTU << ".." << MAX_MTU);
        return false;
    }
    m_mtu = mtu;
    return true;
}

uint16_t
EthernetSwitchNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
EthernetSwitchNetDevice::IsLinkUp() const
{
    return true;
}

void
EthernetSwitchNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChangeCallbacks.ConnectWithoutContext(callback);
}

bool
EthernetSwitchNetDevice::IsBroadcast() const
{
    return true;
}

Address
EthernetSwitchNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
EthernetSwitchNetDevice::IsMulticast() const
{
    return true;
}

Address
EthernetSwitchNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
EthernetSwitchNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
EthernetSwitchNetDevice::IsBridge() const
{
    return false;
}

bool
EthernetSwitchNetDevice::IsPointToPoint() const
{
    return false;
}

bool
EthernetSwitchNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return SendFrom(packet, m_address, dest, protocolNumber);
}

bool
EthernetSwitchNetDevice::SendFrom(Ptr<Packet> packet,
                                  const Address& source,
                                  const Address& dest,
                                  uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << source << dest << protocolNumber);
    if (!Mac48Address::IsMatchingType(source) || !Mac48Address::IsMatchingType(dest))
    {
        NS_LOG_WARN("SendFrom refused: " << source << " -> " << dest << " is not Ethernet");
        return false;
    }
    Forward(NO_PORT,
            packet,
            protocolNumber,
            Mac48Address::ConvertFrom(source),
            Mac48Address::ConvertFrom(dest));
    return true;
}

Ptr<Node>
EthernetSwitchNetDevice::GetNode() const
{
    return m_node;
}

void
EthernetSwitchNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
EthernetSwitchNetDevice::NeedsArp() const
{
    return true;
}

void
EthernetSwitchNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
EthernetSwitchNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRxCallback = cb;
}

bool
EthernetSwitchNetDevice::SupportsSendFrom() const
{
    return true;
}

} // namespace ns3
