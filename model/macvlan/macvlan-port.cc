/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "macvlan-port.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/rx-handler-claim.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MacvlanPort");

NS_OBJECT_ENSURE_REGISTERED(MacvlanPort);

namespace
{
/// Describe a device for messages: name if any, else type; node and interface index.
std::string
Describe(Ptr<const NetDevice> dev)
{
    std::ostringstream os;
    std::string name = Names::FindName(ConstCast<NetDevice>(dev));
    os << (name.empty() ? dev->GetInstanceTypeId().GetName() : name);
    if (dev->GetNode())
    {
        os << " (node " << dev->GetNode()->GetId() << ", ifindex " << dev->GetIfIndex() << ")";
    }
    return os.str();
}

/// Ethertype of 802.3x PAUSE frames, which macvlan_broadcast never hands to slaves
constexpr uint16_t ETH_P_PAUSE = 0x8808;

/// Every mode: the recipients of a group frame from outside
constexpr uint32_t ALL_MODES =
    MACVLAN_MODE_PRIVATE | MACVLAN_MODE_VEPA | MACVLAN_MODE_BRIDGE | MACVLAN_MODE_PASSTHRU;
} // namespace

TypeId
MacvlanPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MacvlanPort")
            .SetParent<StackedPort>()
            .SetGroupName("Ipvlan")
            .AddConstructor<MacvlanPort>()
            .AddAttribute(
                "BroadcastQueueLength",
                "Group frames from the wire waiting for delivery to the slaves "
                "(bc_queue_len, MACVLAN_DEFAULT_BC_QUEUE_LEN); more are dropped.",
                UintegerValue(1000),
                MakeUintegerAccessor(&MacvlanPort::m_groupQueueLimit),
                MakeIpvlanUintegerChecker<uint32_t>("ns3::MacvlanPort::BroadcastQueueLength",
                                                    1,
                                                    UINT32_MAX,
                                                    "bc_queue_len: at least one frame"));
    return tid;
}

MacvlanPort::MacvlanPort()
{
    NS_LOG_FUNCTION(this);
}

MacvlanPort::~MacvlanPort()
{
    NS_LOG_FUNCTION(this);
}

void
MacvlanPort::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_table.clear();
    m_running.clear();
    m_slaves.clear();
    m_filter = nullptr;
    StackedPort::DoDispose();
}

Ptr<MacvlanPort>
MacvlanPort::Find(Ptr<const NetDevice> master)
{
    return master ? master->GetObject<MacvlanPort>() : nullptr;
}

Ptr<MacvlanPort>
MacvlanPort::GetOrCreate(Ptr<NetDevice> master)
{
    NS_ABORT_MSG_IF(!master, "macvlan: master device is null");
    if (Ptr<MacvlanNetDevice> slave = DynamicCast<MacvlanNetDevice>(master))
    {
        // macvlan on macvlan: the real device is the master (macvlan_common_newlink)
        NS_ABORT_MSG_IF(!slave->GetPort(),
                        "macvlan: " << Describe(master)
                                    << " is a macvlan device not attached to any master");
        return slave->GetPort();
    }
    NS_ABORT_MSG_IF(DynamicCast<StackedNetDevice>(master),
                    "macvlan: " << Describe(master)
                                << " is a virtual stacked device; use a physical Ethernet master");
    if (Ptr<MacvlanPort> port = Find(master))
    {
        return port;
    }
    CheckMaster(master, "macvlan", "macvlan_port_create: EINVAL");
    NS_ABORT_MSG_IF(!master->SupportsSendFrom(),
                    "macvlan: master " << Describe(master)
                                       << " does not support SendFrom; macvlan slaves send with "
                                          "their own source MAC, so the master must (e.g. "
                                          "CsmaNetDevice, SimpleNetDevice)");
    Ptr<MacvlanPort> port = CreateObject<MacvlanPort>();
    port->TakeMaster(master, "macvlan", "the master of a macvlan port", true);
    port->m_filter = NicUnicastFilter::GetOrCreate(master);
    return port;
}

Ptr<NicUnicastFilter>
MacvlanPort::GetNicFilter() const
{
    return m_filter;
}

void
MacvlanPort::CheckNewSlave(MacvlanMode mode) const
{
    NS_ABORT_MSG_IF(m_passthru,
                    "macvlan: master " << Describe(m_master) << " already has a passthru slave ("
                                       << Describe(m_slaves.front())
                                       << "); only one macvlan device can be created in "
                                          "passthru mode (EINVAL)");
    NS_ABORT_MSG_IF(mode == MACVLAN_MODE_PASSTHRU && !m_slaves.empty(),
                    "macvlan: a passthru slave must be the only one on master "
                        << Describe(m_master) << ", which already has " << m_slaves.size()
                        << " slave(s) (EINVAL)");
}

void
MacvlanPort::AddSlave(Ptr<MacvlanNetDevice> slave)
{
    NS_LOG_FUNCTION(this << slave);
    NS_ABORT_MSG_IF(std::find(m_slaves.begin(), m_slaves.end(), slave) != m_slaves.end(),
                    "macvlan: slave " << Describe(slave) << " is already on this port");
    CheckNewSlave(slave->GetMode());
    m_slaves.push_back(slave);
    if (slave->GetMode() == MACVLAN_MODE_PASSTHRU)
    {
        m_passthru = true; // macvlan_set_passthru
    }
}

void
MacvlanPort::RemoveSlave(Ptr<MacvlanNetDevice> slave)
{
    NS_LOG_FUNCTION(this << slave);
    if (!m_master)
    {
        return; // the port went with its master already
    }
    auto it = std::find(m_slaves.begin(), m_slaves.end(), slave);
    if (it == m_slaves.end())
    {
        return;
    }
    SetSlaveRunning(PeekPointer(slave), false);
    m_slaves.erase(it);
    if (slave->GetMode() == MACVLAN_MODE_PASSTHRU)
    {
        m_passthru = false;
    }
}

uint32_t
MacvlanPort::GetNSlaves() const
{
    return m_slaves.size();
}

Ptr<MacvlanNetDevice>
MacvlanPort::GetSlave(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_slaves.size(),
                    "macvlan: slave index " << i << " out of range; the port has "
                                            << m_slaves.size() << " slaves");
    return m_slaves[i];
}

bool
MacvlanPort::IsPassthru() const
{
    return m_passthru;
}

void
MacvlanPort::SetSlaveRunning(MacvlanNetDevice* slave, bool running)
{
    NS_LOG_FUNCTION(this << slave << running);
    auto it = m_running.find(slave);
    if (running == (it != m_running.end()))
    {
        return;
    }
    bool passthru = slave->GetMode() == MACVLAN_MODE_PASSTHRU;
    if (running)
    {
        if (passthru)
        {
            // macvlan_open, passthru: the master goes promiscuous unless NOPROMISC
            if (!slave->GetNoPromisc())
            {
                m_filter->SetPromiscuity(1);
                m_passthruPromisc = true;
            }
            m_running[slave] = GetMasterMac();
            return;
        }
        Mac48Address mac = slave->GetMac();
        // macvlan_open -> macvlan_addr_busy
        NS_ABORT_MSG_IF(mac == GetMasterMac(),
                        "macvlan: slave " << Describe(slave) << " cannot be opened with MAC " << mac
                                          << ": master " << Describe(m_master)
                                          << " has it (EADDRINUSE)");
        auto other = m_table.find(mac);
        NS_ABORT_MSG_IF(other != m_table.end(),
                        "macvlan: slave " << Describe(slave) << " cannot be opened with MAC " << mac
                                          << ": slave " << Describe(other->second)
                                          << " has it (EADDRINUSE)");
        m_filter->AddUnicast(mac); // dev_uc_add(lowerdev, dev->dev_addr)
        m_table[mac] = slave;      // macvlan_hash_add
        m_running[slave] = mac;
        return;
    }
    // macvlan_stop
    if (passthru)
    {
        if (m_passthruPromisc)
        {
            m_filter->SetPromiscuity(-1);
            m_passthruPromisc = false;
        }
    }
    else
    {
        m_filter->RemoveUnicast(it->second);
        m_table.erase(it->second);
    }
    m_running.erase(it);
}

void
MacvlanPort::ChangeSlaveAddress(MacvlanNetDevice* slave, Mac48Address oldMac, Mac48Address newMac)
{
    NS_LOG_FUNCTION(this << slave << oldMac << newMac);
    auto it = m_running.find(slave);
    if (it == m_running.end())
    {
        return; // not up: the new address is just copied in (macvlan_sync_address)
    }
    NS_ABORT_MSG_IF(newMac == GetMasterMac(),
                    "macvlan: MAC " << newMac << " refused on slave " << Describe(slave)
                                    << ": master " << Describe(m_master) << " has it (EADDRINUSE)");
    auto other = m_table.find(newMac);
    NS_ABORT_MSG_IF(other != m_table.end(),
                    "macvlan: MAC " << newMac << " refused on slave " << Describe(slave)
                                    << ": slave " << Describe(other->second)
                                    << " has it (EADDRINUSE)");
    m_filter->AddUnicast(newMac);
    m_filter->RemoveUnicast(oldMac);
    m_table.erase(oldMac);
    m_table[newMac] = slave;
    it->second = newMac;
}

MacvlanNetDevice*
MacvlanPort::Lookup(Mac48Address mac) const
{
    if (m_passthru)
    {
        // the one slave, known by the master's MAC it inherited
        MacvlanNetDevice* slave = PeekPointer(m_slaves.front());
        return (m_running.count(slave) && mac == GetMasterMac()) ? slave : nullptr;
    }
    auto it = m_table.find(mac);
    return it == m_table.end() ? nullptr : it->second;
}

const MacvlanPortCounters&
MacvlanPort::GetCounters() const
{
    return m_counters;
}

StackedPortCounters&
MacvlanPort::PortCounters()
{
    return m_counters;
}

uint32_t
MacvlanPort::GetBroadcastQueueLength() const
{
    return GetGroupQueueLength();
}

bool
MacvlanPort::MasterHasIp() const
{
    Ptr<Node> node = m_master->GetNode();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    return (ipv4 && ipv4->GetInterfaceForDevice(m_master) >= 0) ||
           (ipv6 && ipv6->GetInterfaceForDevice(m_master) >= 0);
}

// ---------------------------------------------------------------------------
// RX: macvlan_handle_frame
// ---------------------------------------------------------------------------

void
MacvlanPort::Receive(Ptr<NetDevice> device,
                     Ptr<const Packet> packet,
                     uint16_t protocol,
                     const Address& from,
                     const Address& to,
                     NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    m_counters.rxFrames++;
    Mac48Address src = Mac48Address::ConvertFrom(from);
    Mac48Address dst = Mac48Address::ConvertFrom(to);
    switch (m_filter->AccountFrame(dst))
    {
    case NIC_FRAME_FILTERED:
        // The NIC's unicast filter never lets this frame in: it is for a MAC the host did
        // not ask for. ns-3 hands promiscuous handlers every frame on the segment.
        RecordDrop(packet, IPVLAN_DROP_OTHERHOST, m_master);
        return;
    case NIC_FRAME_BACKLOG_FULL:
        // The host is busy with the frames before it (PerFrameCost, MaxBacklog).
        RecordDrop(packet, IPVLAN_DROP_HOST_BACKLOG, m_master);
        return;
    case NIC_FRAME_ACCEPTED:
        break;
    }
    if (dst.IsGroup())
    {
        MacvlanNetDevice* source = Lookup(src);
        NetDevice::PacketType type =
            dst.IsBroadcast() ? NetDevice::PACKET_BROADCAST : NetDevice::PACKET_MULTICAST;
        if (source && source->GetMode() != MACVLAN_MODE_VEPA &&
            source->GetMode() != MACVLAN_MODE_BRIDGE)
        {
            // A private (or passthru) slave's own group frame, reflected by the switch:
            // "forward to original port" only, and the master does not get it either.
            m_counters.reflectedToSource++;
            source->ScheduleDeliver(packet, protocol, src, dst, type, DELIVERY_MULTICAST);
            return;
        }
        EnqueueBroadcast({packet->Copy(), protocol, src, dst, Ptr<MacvlanNetDevice>(source)});
        PassToMaster(packet, packetType);
        return;
    }
    MacvlanNetDevice* slave = nullptr;
    if (m_passthru)
    {
        // The kernel hands every unicast frame to the passthru slave as PACKET_HOST; the
        // model keeps only those for its MAC (see the module documentation).
        slave = PeekPointer(m_slaves.front());
        if (dst != slave->GetMac())
        {
            RecordDrop(packet, IPVLAN_DROP_OTHERHOST, slave);
            return;
        }
    }
    else
    {
        slave = Lookup(dst);
    }
    if (!slave)
    {
        PassToMaster(packet, packetType);
        return;
    }
    if (!slave->IsAdminUp())
    {
        RecordDrop(packet, IPVLAN_DROP_SLAVE_DOWN, slave);
        slave->RecordDrop(packet, IPVLAN_DROP_SLAVE_DOWN, false);
        return;
    }
    m_counters.rxToSlave++;
    slave->ScheduleDeliver(packet, protocol, src, dst, NetDevice::PACKET_HOST, DELIVERY_WIRE);
}

void
MacvlanPort::PassToMaster(Ptr<const Packet> packet, NetDevice::PacketType packetType)
{
    if (packetType == NetDevice::PACKET_OTHERHOST)
    {
        // seen only because the NIC is promiscuous; the master's stack drops it
        RecordDrop(packet, IPVLAN_DROP_OTHERHOST, m_master);
        return;
    }
    if (!MasterHasIp())
    {
        RecordDrop(packet, IPVLAN_DROP_NO_HOST, m_master);
        return;
    }
    // ns-3 has already given it to the master's own stack (its non-promiscuous path)
    m_counters.rxToMaster++;
}

// ---------------------------------------------------------------------------
// Broadcast: macvlan_broadcast / macvlan_broadcast_enqueue / macvlan_process_broadcast
// ---------------------------------------------------------------------------

void
MacvlanPort::Broadcast(Ptr<const Packet> packet,
                       uint16_t protocol,
                       Mac48Address src,
                       Mac48Address dst,
                       const MacvlanNetDevice* except,
                       uint32_t modes)
{
    if (protocol == ETH_P_PAUSE)
    {
        return; // never handed to slaves; the original goes on (wire or master)
    }
    NetDevice::PacketType type =
        dst.IsBroadcast() ? NetDevice::PACKET_BROADCAST : NetDevice::PACKET_MULTICAST;
    for (const Ptr<MacvlanNetDevice>& slave : m_slaves)
    {
        if (PeekPointer(slave) == except || !(slave->GetMode() & modes) ||
            m_running.count(PeekPointer(slave)) == 0)
        {
            continue;
        }
        slave->ScheduleDeliver(packet->Copy(), protocol, src, dst, type, DELIVERY_MULTICAST);
    }
}

void
MacvlanPort::EnqueueBroadcast(GroupFrame frame)
{
    Ptr<Packet> packet = frame.packet;
    if (!EnqueueGroupFrame(std::move(frame)))
    {
        // dev_core_stats_rx_dropped_inc(master)
        RecordDrop(packet, IPVLAN_DROP_BACKLOG_FULL, m_master);
        return;
    }
    m_counters.broadcastQueued++;
}

void
MacvlanPort::DeliverGroupFrame(const GroupFrame& e)
{
    const auto* source = static_cast<const MacvlanNetDevice*>(PeekPointer(e.sender));
    if (!source)
    {
        // from an external address: every slave, whatever its mode
        Broadcast(e.packet, e.protocol, e.src, e.dst, nullptr, ALL_MODES);
    }
    else if (source->GetMode() == MACVLAN_MODE_VEPA)
    {
        // a vepa slave's frame reflected by the switch: everyone but the source
        Broadcast(e.packet,
                  e.protocol,
                  e.src,
                  e.dst,
                  source,
                  MACVLAN_MODE_VEPA | MACVLAN_MODE_BRIDGE);
    }
    else
    {
        // a bridge slave's: bridge slaves saw it on the way out, only vepa ones get it
        Broadcast(e.packet, e.protocol, e.src, e.dst, source, MACVLAN_MODE_VEPA);
    }
}

// ---------------------------------------------------------------------------
// TX: macvlan_queue_xmit
// ---------------------------------------------------------------------------

bool
MacvlanPort::Transmit(Ptr<MacvlanNetDevice> slave,
                      Ptr<Packet> packet,
                      Mac48Address dest,
                      uint16_t protocol)
{
    NS_LOG_FUNCTION(this << slave << packet << dest << protocol);
    if (slave->GetMode() == MACVLAN_MODE_BRIDGE)
    {
        if (dest.IsGroup())
        {
            // to the other bridge slaves directly, then to the wire
            Broadcast(packet,
                      protocol,
                      slave->GetMac(),
                      dest,
                      PeekPointer(slave),
                      MACVLAN_MODE_BRIDGE);
            return SendToWire(slave, packet, dest, protocol);
        }
        MacvlanNetDevice* peer = Lookup(dest);
        if (peer && peer->GetMode() == MACVLAN_MODE_BRIDGE)
        {
            // dev_forward_skb(lowerdev): back through the port to the peer, not the wire
            slave->NotifyTransmitted(packet, dest, protocol);
            m_counters.txLocal++;
            peer->ScheduleDeliver(packet,
                                  protocol,
                                  slave->GetMac(),
                                  dest,
                                  NetDevice::PACKET_HOST,
                                  DELIVERY_WIRE);
            return true;
        }
    }
    // private, vepa, passthru, and bridge frames for no bridge slave: the wire
    return SendToWire(slave, packet, dest, protocol);
}

bool
MacvlanPort::SendToWire(Ptr<MacvlanNetDevice> slave,
                        Ptr<Packet> packet,
                        Mac48Address dest,
                        uint16_t protocol)
{
    if (packet->GetSize() > m_master->GetMtu())
    {
        DropOnTransmit(slave, packet, IPVLAN_DROP_MTU_EXCEEDED);
        return false;
    }
    // macvlan_hard_header: the slave's own MAC is the source; dev_queue_xmit(lowerdev),
    // in the master's node context
    HandOffToMaster(slave, packet, slave->GetMac(), dest, protocol);
    return true;
}

} // namespace ns3
