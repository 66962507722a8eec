/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stacked-net-device.h"

#include "rx-handler-claim.h"
#include "stacked-port.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/channel.h"
#include "ns3/ethernet-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-ref-count.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StackedNetDevice");

NS_OBJECT_ENSURE_REGISTERED(StackedNetDevice);

/**
 * Holds a plain back-pointer to the device, cleared when the device is disposed, so
 * that the master's link-change callback list (which cannot be pruned) keeps no
 * reference cycle and never calls into a dead device.
 */
class StackedNetDevice::LinkRelay : public SimpleRefCount<StackedNetDevice::LinkRelay>
{
  public:
    StackedNetDevice* m_device{nullptr}; ///< the device, or nullptr once disposed

    /// Forward a link change
    void Fire()
    {
        if (m_device)
        {
            m_device->LowerLinkChanged();
        }
    }
};

TypeId
StackedNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::StackedNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Ipvlan")
            .AddAttribute(
                "Mtu",
                "The MAC-level MTU: 0 (the default) takes the master's when attached "
                "(as newlink without IFLA_MTU); 68 to 65535 is kept.",
                UintegerValue(0),
                MakeUintegerAccessor(&StackedNetDevice::SetMtuAttribute, &StackedNetDevice::GetMtu),
                MakeUintegerChecker<uint16_t>())
            .AddTraceSource("MacTx",
                            "A packet was accepted by this device for transmission.",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A packet was delivered up to this device's node.",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacPromiscRx",
                            "A packet was delivered to a promiscuous listener.",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_macPromiscRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Ethernet frame sent or received by this device (for pcap).",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "Ethernet frame sent or received by this device (promiscuous pcap).",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A packet was dropped on its way out (every transmit-side "
                            "Drop, without the reason).",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRxDrop",
                            "A packet was dropped on its way in (every receive-side Drop, "
                            "without the reason).",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_macRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped by this device, with the reason.",
                            MakeTraceSourceAccessor(&StackedNetDevice::m_dropTrace),
                            "ns3::StackedNetDevice::DropTracedCallback");
    return tid;
}

StackedNetDevice::StackedNetDevice()
{
    NS_LOG_FUNCTION(this);
}

StackedNetDevice::~StackedNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
StackedNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_linkRelay)
    {
        m_linkRelay->m_device = nullptr;
        m_linkRelay = nullptr;
    }
    m_lower = nullptr;
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

void
StackedNetDevice::AttachLower(Ptr<NetDevice> lower)
{
    NS_LOG_FUNCTION(this << lower);
    NS_ABORT_MSG_IF(m_lower, "device " << this << " is already stacked on a master");
    // ns-3's distributed simulator runs each rank's nodes in their own process; the port's
    // zero-delay hand-offs between a slave and its master cannot cross ranks
    uint32_t rank = GetNode() ? GetNode()->GetSystemId() : 0;
    uint32_t lowerRank = lower->GetNode() ? lower->GetNode()->GetSystemId() : 0;
    NS_ABORT_MSG_IF(rank != lowerRank,
                    GetInstanceTypeId().GetName()
                        << " on node " << GetNode()->GetId() << " (rank " << rank
                        << ") cannot stack on master " << RxHandlerClaim::Describe(lower)
                        << " (rank " << lowerRank
                        << "): a port, its master, its host interface and its slaves live on one "
                           "rank (system id); create the container's node on rank "
                        << lowerRank << " (CreateObject<Node>(" << lowerRank << "))");
    m_lower = lower;
    if (m_mtu == 0)
    {
        m_mtu = lower->GetMtu(); // ipvlan_adjust_mtu
    }
    m_linkRelay = Create<LinkRelay>();
    m_linkRelay->m_device = this;
    lower->AddLinkChangeCallback(MakeCallback(&LinkRelay::Fire, m_linkRelay));
}

void
StackedNetDevice::DetachLower(bool notify)
{
    NS_LOG_FUNCTION(this);
    if (m_deleted)
    {
        return;
    }
    m_deleted = true;
    if (m_linkRelay)
    {
        m_linkRelay->m_device = nullptr;
        m_linkRelay = nullptr;
    }
    m_lower = nullptr;
    if (notify)
    {
        m_linkChangeCallbacks(); // the carrier is gone with the master
    }
}

bool
StackedNetDevice::IsDeleted() const
{
    return m_deleted;
}

void
StackedNetDevice::SetMtuAttribute(uint16_t mtu)
{
    NS_ABORT_MSG_IF(mtu != 0 && mtu < 68,
                    "ipvlan: Mtu " << mtu << " on " << GetInstanceTypeId().GetName()
                                   << " is invalid; allowed: 0 (take the master's) or 68 to "
                                      "65535 (ether_setup's min_mtu, ETH_MAX_MTU)");
    m_mtu = mtu;
}

Ptr<NetDevice>
StackedNetDevice::GetLowerDevice() const
{
    return m_lower;
}

void
StackedNetDevice::LowerLinkChanged()
{
    NS_LOG_FUNCTION(this);
    m_linkChangeCallbacks();
}

void
StackedNetDevice::SetAdminUp(bool up)
{
    NS_LOG_FUNCTION(this << up);
    m_adminUp = up;
}

bool
StackedNetDevice::IsAdminUp() const
{
    return m_adminUp;
}

const StackedDeviceCounters&
StackedNetDevice::GetCounters() const
{
    return m_counters;
}

Mac48Address
StackedNetDevice::GetLowerMac() const
{
    NS_ASSERT_MSG(m_lower, "device is not stacked on a master yet");
    return Mac48Address::ConvertFrom(m_lower->GetAddress());
}

void
StackedNetDevice::Sniff(TracedCallback<Ptr<const Packet>>& trace,
                        Ptr<const Packet> packet,
                        Mac48Address src,
                        Mac48Address dst,
                        uint16_t protocol) const
{
    if (trace.IsEmpty())
    {
        return;
    }
    // A tap clones, as tcpdump on the kernel device does; only when someone listens.
    Ptr<Packet> frame = packet->Copy();
    EthernetHeader eth(false);
    eth.SetSource(src);
    eth.SetDestination(dst);
    eth.SetLengthType(protocol);
    frame->AddHeader(eth);
    trace(frame);
}

void
StackedNetDevice::CountTransmit(uint32_t payloadBytes)
{
    m_counters.txPackets++;
    m_counters.txBytes += payloadBytes + 14;
}

void
StackedNetDevice::TraceTransmit(Ptr<const Packet> packet, Mac48Address dest, uint16_t protocol)
{
    m_macTxTrace(packet);
    if (m_snifferTrace.IsEmpty() && m_promiscSnifferTrace.IsEmpty())
    {
        return; // nobody taps: no source address to look up
    }
    // the device's own address: the master's for ipvlan, the slave's own for macvlan
    Mac48Address src = Mac48Address::ConvertFrom(GetAddress());
    Sniff(m_snifferTrace, packet, src, dest, protocol);
    Sniff(m_promiscSnifferTrace, packet, src, dest, protocol);
}

void
StackedNetDevice::TraceTransmitToOwnMac(Ptr<const Packet> packet, uint16_t protocol)
{
    m_macTxTrace(packet);
    if (m_snifferTrace.IsEmpty() && m_promiscSnifferTrace.IsEmpty())
    {
        return;
    }
    Mac48Address own = Mac48Address::ConvertFrom(GetAddress());
    Sniff(m_snifferTrace, packet, own, own, protocol);
    Sniff(m_promiscSnifferTrace, packet, own, own, protocol);
}

void
StackedNetDevice::ScheduleDeliver(Ptr<const Packet> packet,
                                  uint16_t protocol,
                                  Mac48Address from,
                                  Mac48Address to,
                                  NetDevice::PacketType packetType,
                                  StackedDelivery delivery)
{
    Simulator::ScheduleWithContext(GetNode()->GetId(),
                                   Time(0),
                                   &StackedNetDevice::DeliverUp,
                                   Ptr<StackedNetDevice>(this),
                                   packet,
                                   protocol,
                                   from,
                                   to,
                                   packetType,
                                   delivery);
}

void
StackedNetDevice::NotifyTransmitted(Ptr<const Packet> packet, Mac48Address dest, uint16_t protocol)
{
    TraceTransmit(packet, dest, protocol);
    CountTransmit(packet->GetSize());
}

bool
StackedNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << dest << protocolNumber);
    StackedPort* port = GetSendPort();
    IpvlanDropReason reason;
    if (!CanSend(port != nullptr, dest, reason))
    {
        RecordDrop(packet, reason, true);
        if (port && m_portCountsRefusals)
        {
            port->RecordDrop(packet, reason, this);
        }
        return false;
    }
    return DoSend(packet, Mac48Address::ConvertFrom(dest), protocolNumber);
}

bool
StackedNetDevice::CanSend(bool attached, const Address& dest, IpvlanDropReason& reason) const
{
    if (m_deleted)
    {
        reason = IPVLAN_DROP_SLAVE_DELETED;
        return false;
    }
    if (!attached || !m_lower)
    {
        reason = IPVLAN_DROP_NO_PORT;
        return false;
    }
    if (!m_adminUp)
    {
        reason = IPVLAN_DROP_SLAVE_DOWN;
        return false;
    }
    if (!m_lower->IsLinkUp())
    {
        // netif_stacked_transfer_operstate copied the master's lost carrier: nothing
        // reaches the wire (nor a peer: the stack sees the link down)
        reason = IPVLAN_DROP_LINK_DOWN;
        return false;
    }
    if (!Mac48Address::IsMatchingType(dest))
    {
        reason = IPVLAN_DROP_NOT_ETHERNET;
        return false;
    }
    return true;
}

void
StackedNetDevice::RecordDrop(Ptr<const Packet> packet, IpvlanDropReason reason, bool onTransmit)
{
    NS_LOG_LOGIC("drop " << packet->GetUid() << " on " << this << ": " << reason);
    if (onTransmit)
    {
        m_counters.txDropped++;
        m_macTxDropTrace(packet);
    }
    else
    {
        m_counters.rxErrors++;
        m_macRxDropTrace(packet);
    }
    m_dropTrace(packet, reason);
}

void
StackedNetDevice::DeliverUp(Ptr<const Packet> packet,
                            uint16_t protocol,
                            Mac48Address from,
                            Mac48Address to,
                            NetDevice::PacketType packetType,
                            StackedDelivery delivery)
{
    NS_LOG_FUNCTION(this << packet << protocol << from << to << packetType);
    if (m_deleted)
    {
        RecordDrop(packet, IPVLAN_DROP_SLAVE_DELETED, false);
        return;
    }
    if (!m_adminUp)
    {
        RecordDrop(packet, IPVLAN_DROP_SLAVE_DOWN, false);
        return;
    }
    if ((delivery & DELIVERY_LOCAL) && packet->GetSize() > GetMtu() + 4U)
    {
        // dev_forward_skb: is_skb_forwardable takes a frame of at most MTU + ETH_HLEN +
        // VLAN_HLEN bytes; a longer one from another slave (whose MTU may be larger) is
        // dropped here, in the core's rx_dropped and the driver's rx_errs
        m_counters.rxCoreDropped++;
        RecordDrop(packet, IPVLAN_DROP_FRAME_TOO_BIG, false);
        return;
    }
    m_counters.rxPackets++;
    m_counters.rxBytes += packet->GetSize() + 14 + (delivery & DELIVERY_LOCAL ? 14 : 0);
    if (delivery & DELIVERY_MULTICAST)
    {
        m_counters.rxMulticast++;
    }
    if (protocol == ArpL3Protocol::PROT_NUMBER && !NeedsArp())
    {
        // arp_rcv drops ARP on an IFF_NOARP device (the slaves in l3/l3s): received (the
        // slave counted it in ipvlan_rcv_frame), answered by nobody, no error counted
        m_dropTrace(packet, IPVLAN_DROP_NOARP);
        return;
    }
    Sniff(m_snifferTrace, packet, from, to, protocol);
    Sniff(m_promiscSnifferTrace, packet, from, to, protocol);
    if (!m_promiscRxCallback.IsNull())
    {
        m_macPromiscRxTrace(packet);
        m_promiscRxCallback(this, packet, protocol, from, to, packetType);
    }
    m_macRxTrace(packet);
    if (!m_rxCallback.IsNull())
    {
        m_rxCallback(this, packet, protocol, from);
    }
}

void
StackedNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
StackedNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
StackedNetDevice::GetChannel() const
{
    return nullptr;
}

Address
StackedNetDevice::GetAddress() const
{
    return m_lower ? m_lower->GetAddress() : Address(Mac48Address());
}

void
StackedNetDevice::SetAddress(Address address)
{
    NS_FATAL_ERROR("ipvlan: cannot set address " << address << " on "
                                                 << GetInstanceTypeId().GetName()
                                                 << ": it always has its master's MAC "
                                                 << "(EOPNOTSUPP); change the master's address");
}

bool
StackedNetDevice::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    if (mtu < 68)
    {
        NS_LOG_WARN("MTU " << mtu << " refused: the minimum is 68 (ether_setup)");
        return false;
    }
    m_mtu = mtu;
    return true;
}

uint16_t
StackedNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
StackedNetDevice::IsLinkUp() const
{
    return m_lower && m_lower->IsLinkUp();
}

void
StackedNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChangeCallbacks.ConnectWithoutContext(callback);
}

bool
StackedNetDevice::IsBroadcast() const
{
    return true;
}

Address
StackedNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
StackedNetDevice::IsMulticast() const
{
    return true;
}

Address
StackedNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
StackedNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
StackedNetDevice::IsBridge() const
{
    return false;
}

bool
StackedNetDevice::IsPointToPoint() const
{
    return false;
}

Ptr<Node>
StackedNetDevice::GetNode() const
{
    return m_node;
}

void
StackedNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
StackedNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
StackedNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRxCallback = cb;
}

bool
StackedNetDevice::SupportsSendFrom() const
{
    return false;
}

bool
StackedNetDevice::SendFrom(Ptr<Packet> packet,
                           const Address& source,
                           const Address& dest,
                           uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << source << dest << protocolNumber);
    // Every frame leaves with the master's MAC (ipvlan_hard_header); there is no
    // other source address to send from.
    if (source != GetAddress())
    {
        NS_LOG_WARN("SendFrom with source " << source << " refused: this device only sends as "
                                            << GetAddress());
        RecordDrop(packet, IPVLAN_DROP_FOREIGN_SOURCE, true);
        return false;
    }
    return Send(packet, dest, protocolNumber);
}

} // namespace ns3
