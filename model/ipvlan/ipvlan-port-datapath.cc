/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ipvlan port's per-packet path (Linux ipvlan_core.c): receive demultiplexing
// (ipvlan_handle_frame), the multicast backlog (ipvlan_multicast_enqueue,
// ipvlan_process_multicast), transmit in l2 (ipvlan_xmit_mode_l2) and l3/l3s
// (ipvlan_xmit_mode_l3; the routing in the host's namespace, ipvlan_process_outbound, and
// the host's own frames are in ipvlan-port-outbound.cc). The control path (port creation and
// deletion, mode and flags, slaves, addresses, MTU) is in ipvlan-port.cc. The frame map is in
// ipvlan-port.h.
#include "../common/ipvlan-compat.h"
#include "ipvlan-address-watch.h"
#include "ipvlan-host-net-device.h"
#include "ipvlan-net-device.h"
#include "ipvlan-netfilter.h"
#include "ipvlan-port.h"

#include "ns3/abort.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/rx-handler-claim.h"
#include "ns3/simulator.h"
#include "ns3/stacked-port.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanPortDatapath");

namespace
{
/// Ethertype of 802.3x PAUSE frames, which the multicast path drops
constexpr uint16_t ETH_P_PAUSE = 0x8808;

/**
 * Whether a frame is an Ethernet/IPv4 ARP request (the ArpFilter's frames).
 * @param packet the frame's payload
 * @param protocol its ethertype
 * @return true for htype 1, ptype 0x0800, hlen 6, plen 4, opcode 1
 */
bool
IsArpRequest(Ptr<const Packet> packet, uint16_t protocol)
{
    if (protocol != ArpL3Protocol::PROT_NUMBER)
    {
        return false;
    }
    uint8_t b[8];
    return packet->CopyData(b, sizeof(b)) == sizeof(b) && b[0] == 0 && b[1] == 1 && b[2] == 0x08 &&
           b[3] == 0x00 && b[4] == 6 && b[5] == 4 && b[6] == 0 && b[7] == 1;
}
} // namespace

// ---------------------------------------------------------------------------
// RX: ipvlan_handle_frame
// ---------------------------------------------------------------------------

void
IpvlanPort::Receive(Ptr<NetDevice> device,
                    Ptr<const Packet> packet,
                    uint16_t protocol,
                    const Address& from,
                    const Address& to,
                    NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
    if (!m_master)
    {
        return; // deleted: the handler is gone with the port
    }
    m_counters.rxFrames++;
    Mac48Address src = Mac48Address::ConvertFrom(from);
    Mac48Address dst = Mac48Address::ConvertFrom(to);
    if (packet->GetSize() > m_master->GetMtu())
    {
        // A frame the master's MTU cannot hold never reaches rx_handler: the NIC (or a
        // veth peer's is_skb_forwardable) drops it before; ns-3's channels deliver any size
        RecordDrop(packet, IPVLAN_DROP_FRAME_TOO_BIG, m_master);
        return;
    }
    // The host's work, if the NIC is modelled (ipvlan never makes it promiscuous).
    if (NicUnicastFilter::AccountFrame(m_master, dst) == NIC_FRAME_BACKLOG_FULL)
    {
        RecordDrop(packet, IPVLAN_DROP_HOST_BACKLOG, m_master);
        return;
    }
    if (packetType == NetDevice::PACKET_OTHERHOST)
    {
        // A frame for another MAC, seen only because ns-3 hands promiscuous handlers
        // everything; neither the master's stack nor a slave takes it.
        RecordDrop(packet, IPVLAN_DROP_OTHERHOST, m_master);
        return;
    }
    if (m_mode == IPVLAN_MODE_L2 && dst.IsGroup())
    {
        // ipvlan_handle_mode_l2, multicast branch: slaves get a deferred clone unless
        // this is our own frame reflected back; the master always gets the original.
        if (IsExternalFrame(packet, protocol, src))
        {
            EnqueueMulticast({packet->Copy(), protocol, src, dst});
        }
        PassToHost(packet, protocol, src, dst, packetType);
        return;
    }
    // ipvlan_handle_mode_l3: demux by destination address (IPv4 daddr, ARP tpa,
    // IPv6 daddr, DAD NS target); a miss passes the frame to the master's stack.
    IpvlanL3Key key = IpvlanL3Key::Parse(packet, protocol, true);
    if (m_mode == IPVLAN_MODE_L3S && key.type != IpvlanL3Key::IPV4 && key.type != IpvlanL3Key::IPV6)
    {
        // l3s: the rx_handler passes everything; only IP packets are steered to a slave
        // by the l3mdev hook, so ARP and DAD probes stay with the master
        PassToHost(packet, protocol, src, dst, packetType);
        return;
    }
    IpvlanNetDevice* slave = Lookup(key);
    if (slave)
    {
        if (m_mode == IPVLAN_MODE_L3S &&
            !Netfilter()->Process(IPVLAN_HOOK_INPUT, packet, protocol, slave))
        {
            // the master namespace's PREROUTING/INPUT dropped it
            RecordDrop(packet, Netfilter()->GetLastDropReason(), slave);
            return;
        }
        m_counters.rxToSlave++;
        DeliverToSlave(slave, packet, protocol, src, dst);
        return;
    }
    PassToHost(packet, protocol, src, dst, packetType);
}

bool
IpvlanPort::IsExternalFrame(Ptr<const Packet> packet, uint16_t protocol, Mac48Address from) const
{
    if (from != GetMasterMac())
    {
        return true;
    }
    return Lookup(IpvlanL3Key::Parse(packet, protocol, false)) == nullptr;
}

void
IpvlanPort::PassToHost(Ptr<const Packet> packet,
                       uint16_t protocol,
                       Mac48Address from,
                       Mac48Address to,
                       NetDevice::PacketType packetType)
{
    if (!m_host)
    {
        RecordDrop(packet, IPVLAN_DROP_NO_HOST, m_master);
        return;
    }
    m_counters.rxToHost++;
    m_host->DeliverUp(packet, protocol, from, to, packetType, DELIVERY_WIRE);
}

void
IpvlanPort::DeliverToSlave(IpvlanNetDevice* slave,
                           Ptr<const Packet> packet,
                           uint16_t protocol,
                           Mac48Address from,
                           Mac48Address to)
{
    slave->ScheduleDeliver(packet, protocol, from, to, NetDevice::PACKET_HOST, DELIVERY_WIRE);
}

// ---------------------------------------------------------------------------
// Multicast backlog: ipvlan_multicast_enqueue / ipvlan_process_multicast
// ---------------------------------------------------------------------------

void
IpvlanPort::EnqueueMulticast(GroupFrame frame)
{
    if (frame.protocol == ETH_P_PAUSE)
    {
        RecordDrop(frame.packet, IPVLAN_DROP_NOT_ETHERNET, m_master);
        return;
    }
    Ptr<Packet> packet = frame.packet;
    Ptr<StackedNetDevice> sender = frame.sender;
    if (!EnqueueGroupFrame(std::move(frame)))
    {
        // the backlog is full (IPVLAN_QBACKLOG_LIMIT): the receiving side's rx_errs
        if (sender)
        {
            sender->RecordDrop(packet, IPVLAN_DROP_BACKLOG_FULL, false);
        }
        RecordDrop(packet,
                   IPVLAN_DROP_BACKLOG_FULL,
                   sender ? Ptr<const NetDevice>(sender) : Ptr<const NetDevice>(m_master));
        return;
    }
    m_counters.multicastQueued++;
}

void
IpvlanPort::DeliverGroupFrame(const GroupFrame& e)
{
    NetDevice::PacketType type =
        e.dst.IsBroadcast() ? NetDevice::PACKET_BROADCAST : NetDevice::PACKET_MULTICAST;
    auto deliver = [&](IpvlanNetDevice* slave) {
        if ((e.sender && slave == PeekPointer(e.sender)) || !slave->IsRunningFor(e.protocol) ||
            !slave->AcceptsMulticast(e.dst))
        {
            return;
        }
        // skb_clone per receiving slave
        slave->ScheduleDeliver(e.packet->Copy(),
                               e.protocol,
                               e.src,
                               e.dst,
                               type,
                               e.sender ? DELIVERY_MULTICAST_LOCAL : DELIVERY_MULTICAST);
    };
    if (m_arpFilter && IsArpRequest(e.packet, e.protocol))
    {
        // ArpFilter (not the kernel's default): the request goes to the slave that holds
        // its target address, if one does; the host has had the original already
        m_counters.arpFiltered++;
        if (IpvlanNetDevice* owner = Lookup(IpvlanL3Key::Parse(e.packet, e.protocol, true)))
        {
            deliver(owner);
        }
    }
    else
    {
        for (const Ptr<IpvlanNetDevice>& slave : m_slaves)
        {
            deliver(PeekPointer(slave));
        }
    }
    if (e.sender)
    {
        // the original goes out on the wire after the local copies
        if (e.packet->GetSize() > m_master->GetMtu())
        {
            RecordDrop(e.packet, IPVLAN_DROP_MTU_EXCEEDED, e.sender);
        }
        else
        {
            // dev_queue_xmit; its result is not looked at (the sender counted its tx
            // when the frame was queued on the backlog)
            MasterTransmit::Outcome outcome = m_tx.SendOwn(e.packet, e.dst, e.protocol);
            if (outcome == MasterTransmit::SENT)
            {
                m_counters.txToWire++;
            }
            else
            {
                RecordDrop(e.packet, MasterTransmit::DropReasonOf(outcome), e.sender);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// TX: ipvlan_queue_xmit
// ---------------------------------------------------------------------------

bool
IpvlanPort::Transmit(Ptr<IpvlanNetDevice> slave,
                     Ptr<Packet> packet,
                     Mac48Address dest,
                     uint16_t protocol)
{
    NS_LOG_FUNCTION(this << slave << packet << dest << protocol);
    switch (m_mode)
    {
    case IPVLAN_MODE_L2:
        return TransmitL2(slave, packet, dest, protocol);
    case IPVLAN_MODE_L3:
    case IPVLAN_MODE_L3S:
        return TransmitL3(slave, packet, protocol);
    default:
        DropOnTransmit(slave, packet, IPVLAN_DROP_MODE_UNSUPPORTED);
        return false;
    }
}

bool
IpvlanPort::TransmitL2(Ptr<IpvlanNetDevice> slave,
                       Ptr<Packet> packet,
                       Mac48Address dest,
                       uint16_t protocol)
{
    Mac48Address masterMac = GetMasterMac();
    if (!(m_flags & IPVLAN_F_VEPA) && dest == masterMac)
    {
        IpvlanNetDevice* peer = Lookup(IpvlanL3Key::Parse(packet, protocol, true));
        if (peer)
        {
            if (m_flags & IPVLAN_F_PRIVATE)
            {
                DropOnTransmit(slave, packet, IPVLAN_DROP_PRIVATE);
                return false;
            }
            slave->NotifyTransmitted(packet, dest, protocol);
            m_counters.txLocal++;
            peer->ScheduleDeliver(packet,
                                  protocol,
                                  masterMac,
                                  dest,
                                  NetDevice::PACKET_HOST,
                                  DELIVERY_LOCAL);
            return true;
        }
        // No slave owns it: dev_forward_skb(phy_dev), i.e. into the master's own stack.
        slave->NotifyTransmitted(packet, dest, protocol);
        if (!m_host)
        {
            RecordDrop(packet, IPVLAN_DROP_NO_HOST, slave);
            return true;
        }
        Simulator::ScheduleWithContext(m_host->GetNode()->GetId(),
                                       Time(0),
                                       &StackedNetDevice::DeliverUp,
                                       m_host,
                                       Ptr<const Packet>(packet),
                                       protocol,
                                       masterMac,
                                       dest,
                                       NetDevice::PACKET_HOST,
                                       DELIVERY_WIRE);
        return true;
    }
    if (dest.IsGroup())
    {
        slave->NotifyTransmitted(packet, dest, protocol);
        EnqueueMulticast({packet, protocol, masterMac, dest, slave});
        return true;
    }
    // Everything else: dev_queue_xmit on the master, as the slave built it.
    uint32_t size = packet->GetSize();
    if (size > m_master->GetMtu())
    {
        // a slave MTU above the master's is accepted; what the master cannot carry is not
        DropOnTransmit(slave, packet, IPVLAN_DROP_MTU_EXCEEDED);
        return false;
    }
    // dev_queue_xmit on the master: in the master's node context
    HandOffToMaster(slave, packet, masterMac, dest, protocol);
    return true;
}

bool
IpvlanPort::TransmitL3(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet, uint16_t protocol)
{
    // ipvlan_get_L3_hdr: only IPv4 and IPv6 go on ("Dropped outbound packet type")
    IpvlanL3Key key = IpvlanL3Key::Parse(packet, protocol, true);
    if (key.type != IpvlanL3Key::IPV4 && key.type != IpvlanL3Key::IPV6 &&
        key.type != IpvlanL3Key::ICMPV6)
    {
        DropOnTransmit(slave, packet, IPVLAN_DROP_NOT_IP);
        return false;
    }
    // A NOARP slave's stack maps multicast groups to multicast MACs, which
    // ipvlan_process_outbound drops ("Dropped {multi|broad}cast"); the limited broadcast
    // is routed as RTN_BROADCAST and dropped too. ns-3 hands a NOARP device every packet
    // with the broadcast MAC, so the address itself decides here.
    if (key.valid &&
        (key.isV6 ? key.v6.IsMulticast() : (key.v4.IsMulticast() || key.v4.IsBroadcast())))
    {
        DropOnTransmit(slave, packet, IPVLAN_DROP_L3_MULTICAST);
        return false;
    }
    if (!(m_flags & IPVLAN_F_VEPA))
    {
        IpvlanNetDevice* peer = Lookup(key);
        if (peer)
        {
            Mac48Address masterMac = GetMasterMac();
            if (m_flags & IPVLAN_F_PRIVATE)
            {
                DropOnTransmit(slave, packet, IPVLAN_DROP_PRIVATE);
                return false;
            }
            slave->NotifyTransmitted(packet, masterMac, protocol);
            m_counters.txLocal++;
            peer->ScheduleDeliver(packet,
                                  protocol,
                                  masterMac,
                                  masterMac,
                                  NetDevice::PACKET_HOST,
                                  DELIVERY_LOCAL);
            return true;
        }
    }
    // ipvlan_skb_crossing_ns + ipvlan_process_outbound: into the master's namespace
    Simulator::ScheduleWithContext(m_master->GetNode()->GetId(),
                                   Time(0),
                                   &IpvlanPort::ProcessOutbound,
                                   Ptr<IpvlanPort>(this),
                                   slave,
                                   packet,
                                   protocol);
    return true;
}

} // namespace ns3
