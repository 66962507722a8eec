/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "master-transmit.h"

#include "stacked-queue-disc-item.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue-disc.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MasterTransmit");

namespace
{
/**
 * Bumped whenever a MasterTransmit re-scans a node's devices (which resets every queue
 * disc's send callback to ns-3's plain Send): a macvlan master then sets its own again.
 */
uint64_t g_scanGeneration = 0;
} // namespace

MasterTransmit::MasterTransmit()
    : m_keepSource(false),
      m_current(nullptr),
      m_currentDropped(false),
      m_generation(0)
{
}

MasterTransmit::~MasterTransmit()
{
    Clear();
}

void
MasterTransmit::SetMaster(Ptr<NetDevice> master, bool keepSource)
{
    NS_LOG_FUNCTION(this << master << keepSource);
    Clear();
    m_master = master;
    m_keepSource = keepSource;
    m_tc = master && master->GetNode() ? master->GetNode()->GetObject<TrafficControlLayer>()
                                       : Ptr<TrafficControlLayer>();
}

void
MasterTransmit::Clear()
{
    Adopt(nullptr);
    m_master = nullptr;
    m_tc = nullptr;
}

Ptr<QueueDisc>
MasterTransmit::GetQueueDisc() const
{
    if (!m_tc || !m_master)
    {
        return nullptr;
    }
    return m_tc->GetRootQueueDiscOnDevice(m_master);
}

IpvlanDropReason
MasterTransmit::DropReasonOf(Outcome outcome)
{
    return outcome == QUEUE_DISC_DROP ? IPVLAN_DROP_QUEUE_DISC : IPVLAN_DROP_MASTER_REFUSED;
}

void
MasterTransmit::Adopt(Ptr<QueueDisc> root)
{
    NS_LOG_FUNCTION(this << root);
    if (m_root && m_root != root)
    {
        m_root->TraceDisconnectWithoutContext("DropBeforeEnqueue",
                                              MakeCallback(&MasterTransmit::EnqueueDropped, this));
    }
    bool fresh = root && root != m_root;
    m_root = root;
    if (!root)
    {
        return;
    }
    if (!root->IsInitialized())
    {
        // installed while the simulation runs (tc qdisc add): ns-3 initialises queue discs
        // and wires them to their devices only at the start
        NS_LOG_LOGIC("initialising the master's queue disc installed at run time");
        m_tc->ScanDevices();
        ++g_scanGeneration;
        root->Initialize();
    }
    if (fresh)
    {
        root->TraceConnectWithoutContext("DropBeforeEnqueue",
                                         MakeCallback(&MasterTransmit::EnqueueDropped, this));
    }
    if (m_keepSource)
    {
        // the queue discs that dequeue to the master send with the frame's own source
        Ptr<NetDevice> master = m_master;
        QueueDisc::SendCallback send = [master](Ptr<QueueDiscItem> item) {
            auto* sourced = dynamic_cast<StackedQueueDiscItem*>(PeekPointer(item));
            if (sourced && sourced->HasSource())
            {
                master->SendFrom(item->GetPacket(),
                                 sourced->GetSource(),
                                 item->GetAddress(),
                                 item->GetProtocol());
            }
            else
            {
                master->Send(item->GetPacket(), item->GetAddress(), item->GetProtocol());
            }
        };
        if (root->GetWakeMode() == QueueDisc::WAKE_CHILD)
        {
            for (std::size_t i = 0; i < root->GetNQueueDiscClasses(); ++i)
            {
                root->GetQueueDiscClass(i)->GetQueueDisc()->SetSendCallback(send);
            }
        }
        else
        {
            root->SetSendCallback(send);
        }
    }
    m_generation = g_scanGeneration;
}

void
MasterTransmit::EnqueueDropped(Ptr<const QueueDiscItem> item, const char* reason)
{
    if (m_current && PeekPointer(item) == m_current)
    {
        m_currentDropped = true;
        m_lastReason = reason ? reason : "";
    }
}

MasterTransmit::Outcome
MasterTransmit::SendOwn(Ptr<Packet> packet, Mac48Address dest, uint16_t protocol)
{
    // the source is the master's: looked up only if the queue disc must keep sources
    return Send(packet,
                m_keepSource ? Mac48Address::ConvertFrom(m_master->GetAddress()) : Mac48Address(),
                dest,
                protocol);
}

MasterTransmit::Outcome
MasterTransmit::Send(Ptr<Packet> packet, Mac48Address source, Mac48Address dest, uint16_t protocol)
{
    NS_LOG_FUNCTION(this << packet << source << dest << protocol);
    Ptr<QueueDisc> root = m_tc && m_tc->IsInitialized() ? GetQueueDisc() : Ptr<QueueDisc>();
    if (root != m_root || (root && m_keepSource && m_generation != g_scanGeneration))
    {
        Adopt(root);
    }
    if (!root)
    {
        // noqueue: straight to the master's driver
        bool accepted = m_keepSource ? m_master->SendFrom(packet, source, dest, protocol)
                                     : m_master->Send(packet, dest, protocol);
        return accepted ? SENT : DEVICE_REFUSED;
    }
    Ptr<StackedQueueDiscItem> item = Create<StackedQueueDiscItem>(packet, dest, protocol);
    if (m_keepSource)
    {
        item->SetSource(source);
    }
    // the enqueue (and whatever the queue disc releases at once) happens inside this call;
    // a frame sent from within it (none today) keeps its own record
    const QueueDiscItem* outer = m_current;
    bool outerDropped = m_currentDropped;
    m_current = PeekPointer(item);
    m_currentDropped = false;
    m_tc->Send(m_master, item);
    bool dropped = m_currentDropped;
    m_current = outer;
    m_currentDropped = outerDropped;
    if (dropped)
    {
        NS_LOG_LOGIC("the master's queue disc dropped " << packet << ": " << m_lastReason);
        return QUEUE_DISC_DROP;
    }
    return SENT;
}

} // namespace ns3
