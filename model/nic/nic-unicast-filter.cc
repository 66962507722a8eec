/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nic-unicast-filter.h"

#include "ns3/abort.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/rx-handler-claim.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NicUnicastFilter");

NS_OBJECT_ENSURE_REGISTERED(NicUnicastFilter);

TypeId
NicUnicastFilter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NicUnicastFilter")
            .SetParent<Object>()
            .SetGroupName("Ipvlan")
            .AddConstructor<NicUnicastFilter>()
            .AddAttribute(
                "UnicastFilterSlots",
                "Secondary unicast MAC addresses the NIC filters in hardware, besides "
                "its own (igb 16-32, ixgbe 127 of its 128 RAR entries, i40e 3072; 0 for "
                "a driver without IFF_UNICAST_FLT). Above this the NIC is promiscuous.",
                UintegerValue(128),
                MakeUintegerAccessor(&NicUnicastFilter::SetUnicastFilterSlots,
                                     &NicUnicastFilter::GetUnicastFilterSlots),
                MakeIpvlanUintegerChecker<uint32_t>("ns3::NicUnicastFilter::UnicastFilterSlots",
                                                    0,
                                                    UINT32_MAX,
                                                    "0: a driver without IFF_UNICAST_FLT"))
            .AddAttribute("PerFrameCost",
                          "Host processing time per frame that reaches the host: the host "
                          "serves one frame at a time (GetBusyTime, GetMaxQueueDelay) and "
                          "drops frames past MaxBacklog waiting ones. 0 disables it.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&NicUnicastFilter::m_perFrameCost),
                          MakeIpvlanTimeChecker("ns3::NicUnicastFilter::PerFrameCost",
                                                false,
                                                "zero: the host costs nothing"))
            .AddAttribute(
                "MaxBacklog",
                "Frames that may wait for the host (PerFrameCost each) before "
                "further frames are dropped (net.core.netdev_max_backlog, default "
                "1000). Used only with PerFrameCost.",
                UintegerValue(1000),
                MakeUintegerAccessor(&NicUnicastFilter::m_maxBacklog),
                MakeIpvlanUintegerChecker<uint32_t>("ns3::NicUnicastFilter::MaxBacklog",
                                                    1,
                                                    UINT32_MAX,
                                                    "netdev_max_backlog: at least one frame"))
            .AddTraceSource("PromiscuousChange",
                            "The NIC entered (true) or left (false) promiscuous mode.",
                            MakeTraceSourceAccessor(&NicUnicastFilter::m_promiscuousTrace),
                            "ns3::NicUnicastFilter::PromiscuousTracedCallback");
    return tid;
}

NicUnicastFilter::NicUnicastFilter()
{
    NS_LOG_FUNCTION(this);
}

NicUnicastFilter::~NicUnicastFilter()
{
    NS_LOG_FUNCTION(this);
}

void
NicUnicastFilter::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_device = nullptr;
    m_unicast.clear();
    Object::DoDispose();
}

void
NicUnicastFilter::NotifyNewAggregate()
{
    if (!m_device)
    {
        Ptr<NetDevice> device = GetObject<NetDevice>();
        m_device = PeekPointer(device);
    }
    Object::NotifyNewAggregate();
}

Ptr<NicUnicastFilter>
NicUnicastFilter::Find(Ptr<const NetDevice> device)
{
    return device ? device->GetObject<NicUnicastFilter>() : nullptr;
}

Ptr<NicUnicastFilter>
NicUnicastFilter::GetOrCreate(Ptr<NetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "NicUnicastFilter: device is null");
    if (Ptr<NicUnicastFilter> filter = Find(device))
    {
        return filter;
    }
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(device->GetAddress()),
                    "NicUnicastFilter: device " << device->GetInstanceTypeId().GetName()
                                                << " has address " << device->GetAddress()
                                                << ", not an Ethernet (Mac48Address) one; a "
                                                   "unicast MAC filter needs an Ethernet NIC");
    Ptr<NicUnicastFilter> filter = CreateObject<NicUnicastFilter>();
    device->AggregateObject(filter);
    return filter;
}

NicFrameVerdict
NicUnicastFilter::AccountFrame(Ptr<const NetDevice> device, Mac48Address dst)
{
    Ptr<NicUnicastFilter> filter = Find(device);
    return filter ? filter->AccountFrame(dst) : NIC_FRAME_ACCEPTED;
}

std::string
NicUnicastFilter::Describe() const
{
    if (!m_device)
    {
        std::ostringstream os;
        os << "NIC filter " << this << " (on no device)";
        return os.str();
    }
    return "NIC " + RxHandlerClaim::Describe(m_device);
}

bool
NicUnicastFilter::GetOwnMac(Mac48Address& mac) const
{
    if (!m_device || !Mac48Address::IsMatchingType(m_device->GetAddress()))
    {
        return false;
    }
    mac = Mac48Address::ConvertFrom(m_device->GetAddress());
    return true;
}

void
NicUnicastFilter::AddUnicast(Mac48Address mac)
{
    NS_LOG_FUNCTION(this << mac);
    NS_ABORT_MSG_IF(mac.IsGroup(),
                    Describe() << ": " << mac
                               << " is a group address; the unicast filter takes unicast "
                                  "addresses only");
    Mac48Address own;
    if (GetOwnMac(own) && own == mac)
    {
        NS_LOG_LOGIC("own address " << mac << " is always filtered");
        return;
    }
    m_unicast[mac]++;
    Update();
}

void
NicUnicastFilter::RemoveUnicast(Mac48Address mac)
{
    NS_LOG_FUNCTION(this << mac);
    Mac48Address own;
    if (GetOwnMac(own) && own == mac)
    {
        return;
    }
    auto it = m_unicast.find(mac);
    NS_ABORT_MSG_IF(it == m_unicast.end(),
                    Describe() << ": unicast address " << mac
                               << " was never added (dev_uc_del of an unknown address: ENOENT)");
    if (--it->second == 0)
    {
        m_unicast.erase(it);
    }
    Update();
}

bool
NicUnicastFilter::HasUnicast(Mac48Address mac) const
{
    Mac48Address own;
    return (GetOwnMac(own) && own == mac) || m_unicast.count(mac) > 0;
}

uint32_t
NicUnicastFilter::GetUnicastCount() const
{
    return static_cast<uint32_t>(m_unicast.size());
}

void
NicUnicastFilter::SetPromiscuity(int32_t inc)
{
    NS_LOG_FUNCTION(this << inc);
    int64_t refs = static_cast<int64_t>(m_promiscRefs) + inc;
    NS_ABORT_MSG_IF(refs < 0,
                    Describe() << ": promiscuity " << m_promiscRefs << " cannot be changed by "
                               << inc << "; it would go below 0");
    m_promiscRefs = static_cast<uint32_t>(refs);
    Update();
}

uint32_t
NicUnicastFilter::GetPromiscuity() const
{
    return m_promiscRefs;
}

void
NicUnicastFilter::SetUnicastFilterSlots(uint32_t slots)
{
    NS_LOG_FUNCTION(this << slots);
    m_slots = slots;
    Update();
}

uint32_t
NicUnicastFilter::GetUnicastFilterSlots() const
{
    return m_slots;
}

bool
NicUnicastFilter::IsOverflowed() const
{
    return m_unicast.size() > m_slots;
}

bool
NicUnicastFilter::IsPromiscuous() const
{
    return m_promiscuous;
}

void
NicUnicastFilter::Update()
{
    bool promiscuous = m_promiscRefs > 0 || IsOverflowed();
    if (promiscuous == m_promiscuous)
    {
        return;
    }
    m_promiscuous = promiscuous;
    NS_LOG_INFO(Describe() << (promiscuous ? " entered" : " left") << " promiscuous mode ("
                           << m_unicast.size() << " secondary unicast addresses, " << m_slots
                           << " slots, promiscuity " << m_promiscRefs << ")");
    m_promiscuousTrace(promiscuous);
}

bool
NicUnicastFilter::Accepts(Mac48Address dst) const
{
    return m_promiscuous || dst.IsGroup() || HasUnicast(dst);
}

NicFrameVerdict
NicUnicastFilter::AccountFrame(Mac48Address dst)
{
    m_counters.framesSeen++;
    bool wanted = dst.IsGroup() || HasUnicast(dst);
    if (!wanted && !m_promiscuous)
    {
        m_counters.framesFiltered++;
        return NIC_FRAME_FILTERED;
    }
    if (m_perFrameCost.IsStrictlyPositive())
    {
        Time now = Simulator::Now();
        Time start = now > m_busyUntil ? now : m_busyUntil;
        // Frames ahead of this one: one in service, the others waiting in the backlog.
        int64_t cost = m_perFrameCost.GetTimeStep();
        int64_t ahead = ((start - now).GetTimeStep() + cost - 1) / cost;
        if (ahead > static_cast<int64_t>(m_maxBacklog))
        {
            m_counters.framesBacklogDropped++;
            return NIC_FRAME_BACKLOG_FULL;
        }
        if (start - now > m_maxQueueDelay)
        {
            m_maxQueueDelay = start - now;
        }
        m_busyUntil = start + m_perFrameCost;
        m_busyTime += m_perFrameCost;
    }
    m_counters.framesInspected++;
    if (!wanted)
    {
        m_counters.framesPromiscOnly++;
    }
    return NIC_FRAME_ACCEPTED;
}

const NicUnicastFilterCounters&
NicUnicastFilter::GetCounters() const
{
    return m_counters;
}

Time
NicUnicastFilter::GetBusyTime() const
{
    return m_busyTime;
}

Time
NicUnicastFilter::GetMaxQueueDelay() const
{
    return m_maxQueueDelay;
}

void
NicUnicastFilter::ResetCounters()
{
    m_counters = NicUnicastFilterCounters();
    m_busyTime = Time(0);
    m_maxQueueDelay = Time(0);
}

} // namespace ns3
