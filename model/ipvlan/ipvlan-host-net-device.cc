/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-host-net-device.h"

#include "ipvlan-port.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanHostNetDevice");

NS_OBJECT_ENSURE_REGISTERED(IpvlanHostNetDevice);

TypeId
IpvlanHostNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpvlanHostNetDevice")
                            .SetParent<StackedNetDevice>()
                            .SetGroupName("Ipvlan")
                            .AddConstructor<IpvlanHostNetDevice>();
    return tid;
}

IpvlanHostNetDevice::IpvlanHostNetDevice()
{
    NS_LOG_FUNCTION(this);
    m_portCountsRefusals = false; // the master's own interface: not the port's drop
}

IpvlanHostNetDevice::~IpvlanHostNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
IpvlanHostNetDevice::DoDispose()
{
    m_port = nullptr;
    m_tc = nullptr;
    StackedNetDevice::DoDispose();
}

void
IpvlanHostNetDevice::Attach(Ptr<NetDevice> master)
{
    NS_LOG_FUNCTION(this << master);
    NS_ABORT_MSG_IF(!GetNode(), "ipvlan: add the host interface to the host node first");
    NS_ABORT_MSG_IF(!master, "ipvlan: master device is null");
    NS_ABORT_MSG_IF(master->GetNode() != GetNode(),
                    "ipvlan: the host interface must be on the master's node (node "
                        << (master->GetNode() ? int(master->GetNode()->GetId()) : -1)
                        << "), not node " << GetNode()->GetId());
    Ptr<IpvlanPort> port = IpvlanPort::GetOrCreate(master);
    NS_ABORT_MSG_IF(port->GetMaster() != master,
                    "ipvlan: a host interface stands for a physical master, not a slave");
    port->SetHostDevice(this);
    m_port = port;
    AttachLower(master);
}

void
IpvlanHostNetDevice::PortDeleted()
{
    NS_LOG_FUNCTION(this);
    m_port = nullptr;
    DetachLower();
}

Ptr<IpvlanPort>
IpvlanHostNetDevice::GetPort() const
{
    return m_port;
}

StackedPort*
IpvlanHostNetDevice::GetSendPort() const
{
    return PeekPointer(m_port);
}

bool
IpvlanHostNetDevice::DoSend(Ptr<Packet> packet, Mac48Address dst, uint16_t protocolNumber)
{
    // The master's own transmissions go to the wire: the ipvlan switch only
    // sees received frames, so slaves never see these (doc: "Master and slaves").
    if (!m_tc)
    {
        m_tc = GetNode()->GetObject<TrafficControlLayer>(); // the stack exists once it sends
    }
    NS_ABORT_MSG_IF(m_tc && m_tc->GetRootQueueDiscOnDevice(this),
                    "ipvlan: host interface "
                        << this << " of master " << m_port->GetMaster()
                        << " has a queue disc of its own; in Linux the "
                           "host's interface is the master itself: install "
                           "it on the master (TrafficControlHelper::"
                           "Install(master)), where it shapes the host and "
                           "its containers together (doc: \"Traffic control on "
                           "the master\")");
    TraceTransmit(packet, dst, protocolNumber);
    // dev_queue_xmit on the master: its queue disc, shared with the slaves
    return m_port->SendFromHost(packet, dst, protocolNumber);
}

bool
IpvlanHostNetDevice::NeedsArp() const
{
    return true;
}

} // namespace ns3
