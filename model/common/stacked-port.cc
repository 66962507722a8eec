/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stacked-port.h"

#include "rx-handler-claim.h"
#include "stacked-net-device.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StackedPort");

NS_OBJECT_ENSURE_REGISTERED(StackedPort);

TypeId
StackedPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::StackedPort")
            .SetParent<Object>()
            .SetGroupName("Ipvlan")
            .AddTraceSource("Drop",
                            "A frame was dropped by the port, with the reason and device.",
                            MakeTraceSourceAccessor(&StackedPort::m_dropTrace),
                            "ns3::StackedPort::DropTracedCallback");
    return tid;
}

StackedPort::StackedPort()
{
    NS_LOG_FUNCTION(this);
}

StackedPort::~StackedPort()
{
    NS_LOG_FUNCTION(this);
}

void
StackedPort::DoDispose()
{
    NS_LOG_FUNCTION(this);
    ReleaseMaster();
    m_groupFrames.clear();
    Object::DoDispose();
}

Ptr<NetDevice>
StackedPort::GetMaster() const
{
    return m_master;
}

Mac48Address
StackedPort::GetMasterMac() const
{
    return Mac48Address::ConvertFrom(m_master->GetAddress());
}

void
StackedPort::CheckMaster(Ptr<NetDevice> master,
                         const std::string& driver,
                         const std::string& refusal)
{
    NS_ABORT_MSG_IF(!master->GetNode(),
                    driver << ": master " << master
                           << " is not on a node; add it to the host node before attaching "
                              "slaves");
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(master->GetAddress()),
                    driver << ": master " << RxHandlerClaim::Describe(master) << " has address "
                           << master->GetAddress() << ", not an Ethernet (Mac48Address) one; "
                           << driver << " needs an Ethernet master (ARPHRD_ETHER: " << refusal
                           << ")");
    NS_ABORT_MSG_IF(master->IsPointToPoint() || !master->IsBroadcast(),
                    driver << ": master " << RxHandlerClaim::Describe(master)
                           << " is a point-to-point or non-broadcast link, not Ethernet; " << driver
                           << " needs an Ethernet master (ARPHRD_ETHER: " << refusal << ")");
}

void
StackedPort::TakeMaster(Ptr<NetDevice> master,
                        const std::string& driver,
                        const std::string& holder,
                        bool keepSource)
{
    NS_LOG_FUNCTION(this << master << driver << keepSource);
    std::string owner = RxHandlerClaim::Take(master, this, holder);
    NS_ABORT_MSG_IF(!owner.empty(),
                    driver << ": master " << RxHandlerClaim::Describe(master)
                           << " is already in use (EBUSY): it is " << owner);
    if (master->GetObject<StackedPort>() != this)
    {
        master->AggregateObject(this);
    }
    m_master = master;
    m_tx.SetMaster(master, keepSource);
    // netdev_rx_handler_register: every frame the master receives, before its own stack
    master->GetNode()->RegisterProtocolHandler(MakeCallback(&StackedPort::Receive, this),
                                               0,
                                               master,
                                               true);
    m_handlerRegistered = true;
    NS_LOG_INFO(driver << " port created on " << RxHandlerClaim::Describe(master));
}

void
StackedPort::ReleaseMaster()
{
    if (m_handlerRegistered && m_master && m_master->GetNode())
    {
        m_master->GetNode()->UnregisterProtocolHandler(MakeCallback(&StackedPort::Receive, this));
    }
    m_handlerRegistered = false;
    if (m_master)
    {
        RxHandlerClaim::Release(m_master, this);
    }
    m_tx.Clear();
    m_master = nullptr;
}

void
StackedPort::RecordDrop(Ptr<const Packet> packet,
                        IpvlanDropReason reason,
                        Ptr<const NetDevice> device)
{
    NS_LOG_LOGIC("port drop " << packet->GetUid() << ": " << reason);
    PortCounters().drops++;
    m_dropTrace(packet, reason, device);
}

void
StackedPort::DropOnTransmit(Ptr<StackedNetDevice> slave,
                            Ptr<const Packet> packet,
                            IpvlanDropReason reason)
{
    slave->RecordDrop(packet, reason, true);
    RecordDrop(packet, reason, slave);
}

bool
StackedPort::SendToMaster(Ptr<StackedNetDevice> slave,
                          Ptr<Packet> packet,
                          Mac48Address source,
                          Mac48Address dest,
                          uint16_t protocol)
{
    uint32_t size = packet->GetSize();
    slave->TraceTransmit(packet, dest, protocol);
    // dev_queue_xmit on the master: NET_XMIT_DROP makes the driver's start_xmit count a
    // tx drop (ipvlan_start_xmit, macvlan_start_xmit)
    MasterTransmit::Outcome outcome = m_tx.Send(packet, source, dest, protocol);
    if (outcome != MasterTransmit::SENT)
    {
        DropOnTransmit(slave, packet, MasterTransmit::DropReasonOf(outcome));
        return false;
    }
    slave->CountTransmit(size);
    PortCounters().txToWire++;
    return true;
}

void
StackedPort::HandOffToMaster(Ptr<StackedNetDevice> slave,
                             Ptr<Packet> packet,
                             Mac48Address source,
                             Mac48Address dest,
                             uint16_t protocol)
{
    Simulator::ScheduleWithContext(m_master->GetNode()->GetId(),
                                   Time(0),
                                   &StackedPort::SendOnMaster,
                                   Ptr<StackedPort>(this),
                                   slave,
                                   packet,
                                   source,
                                   dest,
                                   protocol);
}

void
StackedPort::SendOnMaster(Ptr<StackedNetDevice> slave,
                          Ptr<Packet> packet,
                          Mac48Address source,
                          Mac48Address dest,
                          uint16_t protocol)
{
    if (!m_master)
    {
        slave->RecordDrop(packet, IPVLAN_DROP_SLAVE_DELETED, true);
        return; // the port went with its master meanwhile
    }
    SendToMaster(slave, packet, source, dest, protocol);
}

bool
StackedPort::EnqueueGroupFrame(GroupFrame frame)
{
    if (m_groupFrames.size() >= m_groupQueueLimit)
    {
        return false;
    }
    m_groupFrames.push_back(std::move(frame));
    if (!m_drainScheduled)
    {
        // schedule_work: the drain runs later, in the master's (host's) context
        m_drainScheduled = true;
        Simulator::ScheduleWithContext(m_master->GetNode()->GetId(),
                                       Time(0),
                                       &StackedPort::DrainGroupFrames,
                                       Ptr<StackedPort>(this));
    }
    return true;
}

void
StackedPort::DrainGroupFrames()
{
    NS_LOG_FUNCTION(this << m_groupFrames.size());
    m_drainScheduled = false;
    if (!m_master)
    {
        return; // the port went with its master meanwhile
    }
    std::deque<GroupFrame> work;
    work.swap(m_groupFrames);
    for (const GroupFrame& frame : work)
    {
        DeliverGroupFrame(frame);
    }
}

std::deque<StackedPort::GroupFrame>
StackedPort::TakeGroupFrames()
{
    std::deque<GroupFrame> frames;
    frames.swap(m_groupFrames);
    return frames;
}

uint32_t
StackedPort::GetGroupQueueLength() const
{
    return m_groupFrames.size();
}

} // namespace ns3
