/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ipvlan port's work in the master's namespace (Linux ipvlan_core.c): an l3/l3s slave's
// packet routed by the host's stack (ipvlan_process_outbound, ipvlan_process_v4_outbound,
// ipvlan_process_v6_outbound) and the host's own frames out of the master. The rest of the
// per-packet path is in ipvlan-port-datapath.cc; the frame map is in ipvlan-port.h.
#include "ipvlan-host-net-device.h"
#include "ipvlan-net-device.h"
#include "ipvlan-netfilter.h"
#include "ipvlan-port.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanPortOutbound");

bool
IpvlanPort::SendFromHost(Ptr<Packet> packet, Mac48Address dest, uint16_t protocol)
{
    uint32_t size = packet->GetSize();
    MasterTransmit::Outcome outcome = m_tx.SendOwn(packet, dest, protocol);
    if (outcome == MasterTransmit::SENT)
    {
        m_host->CountTransmit(size);
        return true;
    }
    IpvlanDropReason reason = MasterTransmit::DropReasonOf(outcome);
    if (m_outbound && !m_outboundDropped)
    {
        // an l3/l3s slave's packet, refused within its ip_local_out: NET_XMIT_DROP comes
        // back to ipvlan_process_outbound, and ipvlan_start_xmit counts the slave's tx_drps
        m_outboundDropped = true;
        m_outbound->RecordDrop(packet, reason, true);
        RecordDrop(packet, reason, m_outbound);
    }
    else if (outcome == MasterTransmit::QUEUE_DISC_DROP)
    {
        // the host's own frame: the qdisc's statistics, not the master's counters
        RecordDrop(packet, reason, m_host);
    }
    else
    {
        m_host->RecordDrop(packet, reason, true);
    }
    return false;
}

void
IpvlanPort::ProcessOutbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet, uint16_t protocol)
{
    NS_LOG_FUNCTION(this << slave << packet << protocol);
    if (!m_master)
    {
        slave->RecordDrop(packet, IPVLAN_DROP_SLAVE_DELETED, true);
        return; // the port went with its master meanwhile
    }
    uint32_t size = packet->GetSize();
    slave->TraceTransmitToOwnMac(packet, protocol);
    // ip_local_out in the master's namespace: its OUTPUT hooks and conntrack
    if (!Netfilter()->Process(IPVLAN_HOOK_OUTPUT, packet, protocol, slave))
    {
        DropOnTransmit(slave, packet, Netfilter()->GetLastDropReason());
        return;
    }
    // ip_local_out returns the master's dev_queue_xmit result when the neighbour is
    // resolved: a queue-disc drop then is this slave's tx drop (SendFromHost records it)
    IpvlanNetDevice* outerSlave = m_outbound;
    bool outerDropped = m_outboundDropped;
    m_outbound = PeekPointer(slave);
    m_outboundDropped = false;
    bool sent = protocol == Ipv4L3Protocol::PROT_NUMBER ? ProcessV4Outbound(slave, packet)
                                                        : ProcessV6Outbound(slave, packet);
    sent = sent && !m_outboundDropped;
    m_outbound = outerSlave;
    m_outboundDropped = outerDropped;
    if (sent)
    {
        slave->CountTransmit(size);
        m_counters.txToWire++;
    }
}

bool
IpvlanPort::ProcessV4Outbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet)
{
    Ptr<Ipv4L3Protocol> ipv4 = HostIpv4();
    int32_t oif = ipv4 ? ipv4->GetInterfaceForDevice(m_host) : -1;
    if (oif < 0 || !ipv4->IsUp(oif))
    {
        // no IPv4 in the master's namespace on the master: nothing can route it
        DropOnTransmit(slave, packet, IPVLAN_DROP_NO_ROUTE);
        return false;
    }
    Ipv4Header header;
    packet->RemoveHeader(header);
    Ipv4Address dst = header.GetDestination();
    // Route type BROADCAST (a subnet broadcast of the master's): dropped
    Ptr<Ipv4Interface> hostIf = ipv4->GetInterface(oif);
    for (uint32_t i = 0, n = hostIf->GetNAddresses(); i < n; ++i)
    {
        if (dst == hostIf->GetAddress(i).GetBroadcast())
        {
            packet->AddHeader(header);
            DropOnTransmit(slave, packet, IPVLAN_DROP_L3_MULTICAST);
            return false;
        }
    }
    // RTN_LOCAL: one of the master namespace's own addresses; delivered there
    if (ipv4->GetInterfaceForAddress(dst) >= 0)
    {
        packet->AddHeader(header);
        m_host->DeliverUp(packet,
                          Ipv4L3Protocol::PROT_NUMBER,
                          GetMasterMac(),
                          GetMasterMac(),
                          NetDevice::PACKET_HOST,
                          DELIVERY_WIRE);
        return true;
    }
    // flowi4 { oif = master, FLOWI_FLAG_ANYSRC }: the slave's source address is kept
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    Ptr<Ipv4Route> route =
        ipv4->GetRoutingProtocol()
            ? ipv4->GetRoutingProtocol()->RouteOutput(packet, header, m_host, err)
            : nullptr;
    if (!route)
    {
        // With oif set and no matching route, the kernel treats the destination as on-link
        // on that interface.
        route = Create<Ipv4Route>();
        route->SetDestination(dst);
        route->SetGateway(Ipv4Address::GetZero());
        route->SetOutputDevice(m_host);
    }
    route->SetSource(header.GetSource());
    // ip_local_out in the master's namespace: its OUTPUT path, its ARP (with its own
    // address as the ARP sender), out of the master
    ipv4->SendWithHeader(packet, header, route);
    return true;
}

bool
IpvlanPort::ProcessV6Outbound(Ptr<IpvlanNetDevice> slave, Ptr<Packet> packet)
{
    Ptr<Ipv6L3Protocol> ipv6 = HostIpv6();
    int32_t oif = ipv6 ? ipv6->GetInterfaceForDevice(m_host) : -1;
    if (oif < 0 || !ipv6->IsUp(oif))
    {
        DropOnTransmit(slave, packet, IPVLAN_DROP_NO_ROUTE);
        return false;
    }
    Ipv6Header header;
    packet->RemoveHeader(header);
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    Ptr<Ipv6Route> route =
        ipv6->GetRoutingProtocol()
            ? ipv6->GetRoutingProtocol()->RouteOutput(packet, header, m_host, err)
            : nullptr;
    if (!route)
    {
        route = Create<Ipv6Route>();
        route->SetDestination(header.GetDestination());
        route->SetGateway(Ipv6Address::GetZero());
        route->SetOutputDevice(m_host);
    }
    // The next hop must be solicited from the master. Linux picks any address of the
    // master as the NS source (ipv6_dev_get_saddr); ns-3's neighbour discovery only takes
    // one on the next hop's prefix (or the link-local for a link-local next hop), and
    // without one sends from :: and crashes (Ipv6L3Protocol::Send). The frame is lost
    // either way unless something answers for it; the model drops it here, with a reason.
    Ipv6Address nextHop =
        route->GetGateway().IsAny() ? header.GetDestination() : route->GetGateway();
    bool sourceable = nextHop.IsLinkLocal() || nextHop.IsMulticast();
    for (uint32_t j = 0; !sourceable && j < ipv6->GetNAddresses(oif); ++j)
    {
        Ipv6InterfaceAddress a = ipv6->GetAddress(oif, j);
        sourceable = a.GetPrefix().IsMatch(a.GetAddress(), nextHop);
    }
    if (!sourceable)
    {
        packet->AddHeader(header);
        DropOnTransmit(slave, packet, IPVLAN_DROP_NO_ROUTE);
        return false;
    }
    route->SetSource(header.GetSource());
    // ip6_local_out: rebuilt by the host's stack with the slave's addresses, hop limit
    // and traffic class
    SocketIpv6HopLimitTag hop;
    hop.SetHopLimit(header.GetHopLimit());
    packet->ReplacePacketTag(hop);
    SocketIpv6TclassTag tclass;
    tclass.SetTclass(header.GetTrafficClass());
    packet->ReplacePacketTag(tclass);
    ipv6->Send(packet, header.GetSource(), header.GetDestination(), header.GetNextHeader(), route);
    return true;
}

} // namespace ns3
