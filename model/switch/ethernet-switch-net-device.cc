/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// EthernetSwitchNetDevice: the device (attributes, traces, life cycle), its ports, and
// the switch's own interface (the NetDevice API its node's stack uses). The path of a
// frame is in ethernet-switch-forwarding.cc, port security in
// ethernet-switch-port-security.cc.

#include "ethernet-switch-net-device.h"

#include "../common/ipvlan-compat.h"
#include "ethernet-switch-log.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/enum.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/rx-handler-claim.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EthernetSwitchNetDevice");

LogComponent&
EthernetSwitchLogComponent()
{
    return g_log;
}

NS_OBJECT_ENSURE_REGISTERED(EthernetSwitchNetDevice);

namespace
{

/**
 * @param device a device
 * @return its name (Names) or, without one, its type: how messages name a port's device
 */
std::string
NameOrType(Ptr<NetDevice> device)
{
    std::string name = Names::FindName(device);
    return name.empty() ? device->GetInstanceTypeId().GetName() : name;
}

} // namespace

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
            .AddTraceSource("MacTx",
                            "A frame the switch's own interface was given to send (Send, "
                            "SendFrom), before it is switched: the payload.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A frame dropped on transmit: a frame the switch's own interface "
                            "sent that was refused or found no way out, or the copy of a "
                            "frame an egress port's device refused (tx-failed): the payload.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A frame received on a port and passed up to the switch's node: "
                            "for the switch's address, broadcast or multicast (the payload).",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacPromiscRx",
                            "A frame received on a port and passed up to the switch's node's "
                            "promiscuous listeners, whatever its destination (the payload).",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_macPromiscRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRxDrop",
                            "A frame received on a port and dropped by the switch (every Drop "
                            "reason but tx-failed): the payload.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_macRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Ethernet frame sent by the switch's own interface, or received "
                            "for it (its address, broadcast, multicast): for pcap.",
                            MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource(
                "PromiscSniffer",
                "Ethernet frame sent by the switch's own interface, or received "
                "on a port and admitted (past the ingress checks and port "
                "security), whatever its destination: for pcap.",
                MakeTraceSourceAccessor(&EthernetSwitchNetDevice::m_promiscSnifferTrace),
                "ns3::Packet::TracedCallback")
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
        os << " (" << NameOrType(dev) << ", ifindex " << dev->GetIfIndex() << ")";
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
    std::string what = NameOrType(port);
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

EthernetSwitchPortStatus
EthernetSwitchNetDevice::GetPortStatus(uint32_t index) const
{
    CheckIndex(index, "GetPortStatus");
    const Port& port = m_ports[index];
    EthernetSwitchPortStatus s;
    s.rxFrames = port.rxFrames;
    s.txFrames = port.txFrames;
    s.rxDropped = port.rxDropped;
    s.txDropped = port.txDropped;
    s.violations = port.security.GetViolations();
    s.secureMacCount = port.security.GetCount();
    s.state = port.state;
    return s;
}

EthernetSwitchPortState
EthernetSwitchNetDevice::GetPortState(uint32_t index) const
{
    CheckIndex(index, "GetPortState");
    return m_ports[index].state;
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
        m_macTxDropTrace(packet);
        return false;
    }
    Mac48Address src = Mac48Address::ConvertFrom(source);
    Mac48Address dst = Mac48Address::ConvertFrom(dest);
    Frame frame{packet, protocolNumber, src, dst};
    m_macTxTrace(packet);
    Sniff(frame, true);
    Forward(NO_PORT, frame);
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
