/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-tap-bridge.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanTapBridge");

NS_OBJECT_ENSURE_REGISTERED(IpvlanTapBridge);

TypeId
IpvlanTapBridge::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvlanTapBridge")
            .SetParent<Object>()
            .SetGroupName("Ipvlan")
            .AddConstructor<IpvlanTapBridge>()
            .AddTraceSource("FromTap",
                            "A frame was read from the TAP and handed to the slave's transmit "
                            "path (payload, without Ethernet header).",
                            MakeTraceSourceAccessor(&IpvlanTapBridge::m_fromTapTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("ToTap",
                            "A frame delivered to the slave was written to the TAP (payload, "
                            "without Ethernet header).",
                            MakeTraceSourceAccessor(&IpvlanTapBridge::m_toTapTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "A frame for the TAP was dropped, with the reason.",
                            MakeTraceSourceAccessor(&IpvlanTapBridge::m_dropTrace),
                            "ns3::IpvlanTapBridge::DropTracedCallback");
    return tid;
}

IpvlanTapBridge::IpvlanTapBridge()
{
    NS_LOG_FUNCTION(this);
}

IpvlanTapBridge::~IpvlanTapBridge()
{
    NS_LOG_FUNCTION(this);
}

void
IpvlanTapBridge::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_node)
    {
        m_node->UnregisterProtocolHandler(MakeCallback(&IpvlanTapBridge::FromTap, this));
        m_node->UnregisterProtocolHandler(MakeCallback(&IpvlanTapBridge::ToTap, this));
    }
    m_node = nullptr;
    m_slave = nullptr;
    m_tap = nullptr;
    Object::DoDispose();
}

namespace
{
/// True if the node's IPv4 or IPv6 stack has an interface on the device
bool
HasIpInterface(Ptr<Node> node, Ptr<NetDevice> device)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    return (ipv4 && ipv4->GetInterfaceForDevice(device) >= 0) ||
           (ipv6 && ipv6->GetInterfaceForDevice(device) >= 0);
}
} // namespace

void
IpvlanTapBridge::Connect(Ptr<IpvlanNetDevice> slave, Ptr<NetDevice> tap)
{
    NS_LOG_FUNCTION(this << slave << tap);
    NS_ABORT_MSG_IF(m_slave, "IpvlanTapBridge: already connected to a slave");
    NS_ABORT_MSG_IF(!slave || !tap, "IpvlanTapBridge::Connect: slave or TAP device is null");
    NS_ABORT_MSG_IF(!slave->GetPort(),
                    "IpvlanTapBridge: the slave is not attached to a master; attach it first "
                    "(IpvlanHelper::Install)");
    Ptr<Node> node = slave->GetNode();
    NS_ABORT_MSG_IF(!node || tap->GetNode() != node,
                    "IpvlanTapBridge: the slave and the TAP device must be on the same node "
                    "(slave on node "
                        << (node ? static_cast<int64_t>(node->GetId()) : -1) << ", TAP on node "
                        << (tap->GetNode() ? static_cast<int64_t>(tap->GetNode()->GetId()) : -1)
                        << ")");
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(tap->GetAddress()) || !tap->SupportsSendFrom(),
                    "IpvlanTapBridge: the TAP device (" << tap->GetInstanceTypeId().GetName()
                                                        << ") must be an Ethernet device that "
                                                        << "supports SendFrom");
    NS_ABORT_MSG_IF(HasIpInterface(node, slave) || HasIpInterface(node, tap),
                    "IpvlanTapBridge: node " << node->GetId()
                                             << " has an IP interface on the slave or the TAP "
                                                "device; a TAP-bridged slave's stack is the one "
                                                "behind the TAP, so give them no ns-3 IP");
    NS_ABORT_MSG_IF(slave->GetObject<IpvlanTapBridge>(),
                    "IpvlanTapBridge: the slave already has a TAP bridge");
    m_slave = slave;
    m_tap = tap;
    m_node = node;
    // The bridge lives as long as the slave (the kernel's ipvtap device is the slave).
    slave->AggregateObject(this);
    node->RegisterProtocolHandler(MakeCallback(&IpvlanTapBridge::FromTap, this), 0, tap, true);
    node->RegisterProtocolHandler(MakeCallback(&IpvlanTapBridge::ToTap, this), 0, slave, true);
}

Ptr<IpvlanNetDevice>
IpvlanTapBridge::GetSlave() const
{
    return m_slave;
}

Ptr<NetDevice>
IpvlanTapBridge::GetTap() const
{
    return m_tap;
}

void
IpvlanTapBridge::AddAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    NS_ABORT_MSG_IF(!m_slave, "IpvlanTapBridge::AddAddress: Connect() the bridge first");
    std::string why = m_slave->AddIpAddress(address);
    NS_ABORT_MSG_IF(!why.empty(), "IpvlanTapBridge: address " << address << " refused: " << why);
}

void
IpvlanTapBridge::AddAddress(Ipv6Address address)
{
    NS_LOG_FUNCTION(this << address);
    NS_ABORT_MSG_IF(!m_slave, "IpvlanTapBridge::AddAddress: Connect() the bridge first");
    std::string why = m_slave->AddIpAddress(address);
    NS_ABORT_MSG_IF(!why.empty(), "IpvlanTapBridge: address " << address << " refused: " << why);
}

const IpvlanTapBridgeCounters&
IpvlanTapBridge::GetCounters() const
{
    return m_counters;
}

void
IpvlanTapBridge::FromTap(Ptr<NetDevice> device,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         const Address& from,
                         const Address& to,
                         NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    if (!m_slave)
    {
        return; // disposed meanwhile
    }
    m_counters.fromTap++;
    if (Mac48Address::ConvertFrom(from) != m_slave->GetPort()->GetMasterMac())
    {
        // the port always transmits with the master's MAC, as a slave's stack does
        m_counters.foreignSource++;
        NS_LOG_LOGIC("frame from the TAP with source " << Mac48Address::ConvertFrom(from)
                                                       << ", not the master's MAC");
    }
    Ptr<Packet> copy = packet->Copy();
    m_fromTapTrace(copy);
    // ipvtap: tap_get_user -> dev_queue_xmit on the ipvtap device -> ipvlan_start_xmit.
    // The slave and the port record any drop with its reason.
    m_slave->Send(copy, to, protocol);
}

void
IpvlanTapBridge::ToTap(Ptr<NetDevice> device,
                       Ptr<const Packet> packet,
                       uint16_t protocol,
                       const Address& from,
                       const Address& to,
                       NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    if (!m_tap)
    {
        return; // disposed meanwhile
    }
    if (packet->GetSize() > m_tap->GetMtu())
    {
        RecordDrop(packet, IPVLAN_DROP_MTU_EXCEEDED);
        return;
    }
    if (!m_tap->IsLinkUp() || !m_tap->SendFrom(packet->Copy(), from, to, protocol))
    {
        RecordDrop(packet, IPVLAN_DROP_TAP_REFUSED);
        return;
    }
    m_counters.toTap++;
    m_toTapTrace(packet);
}

void
IpvlanTapBridge::RecordDrop(Ptr<const Packet> packet, IpvlanDropReason reason)
{
    NS_LOG_LOGIC("drop " << packet->GetUid() << ": " << reason);
    m_counters.drops++;
    m_slave->RecordDrop(packet, reason, false);
    m_dropTrace(packet, reason);
}

} // namespace ns3
