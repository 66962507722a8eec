/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// EthernetSwitchNetDevice: port-security enforcement (Cisco `switchport port-security`).
// Each port's PortSecurity (port-security.h) holds its configuration and secure addresses
// and judges one source address; the switch here adds what concerns several ports (an
// address secure on one secure port is a violation on another), handles violations by
// the port's mode, err-disables and recovers ports, and pins static and sticky secure
// addresses in the forwarding table.

#include "ethernet-switch-log.h"
#include "ethernet-switch-net-device.h"

#include "ns3/abort.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

static LogComponent& g_log [[maybe_unused]] = EthernetSwitchLogComponent();

std::ostream&
operator<<(std::ostream& os, EthernetSwitchPortState state)
{
    switch (state)
    {
    case SWITCH_PORT_UP:
        return os << "up";
    case SWITCH_PORT_ERR_DISABLED:
        return os << "err-disabled";
    }
    return os << "unknown(" << static_cast<int>(state) << ")";
}

// --- configuration ------------------------------------------------------------------

void
EthernetSwitchNetDevice::SetPortSecurity(uint32_t index, const PortSecurityConfig& config)
{
    NS_LOG_FUNCTION(this << index);
    CheckIndex(index, "SetPortSecurity");
    std::string what = "EthernetSwitchNetDevice " + DescribePort(index);
    for (const auto& mac : config.staticMacs)
    {
        uint32_t owner = FindSecureOwner(mac, index);
        NS_ABORT_MSG_IF(config.enabled && owner != NO_PORT,
                        what << ": static secure MAC " << mac << " refused; it is already "
                             << "secure on " << DescribePort(owner));
    }
    m_ports[index].security.Configure(what, config, Simulator::Now());
    SyncPinned();
    ScheduleSweep(m_ports[index].security.GetNextExpiry());
}

const PortSecurityConfig&
EthernetSwitchNetDevice::GetPortSecurity(uint32_t index) const
{
    CheckIndex(index, "GetPortSecurity");
    return m_ports[index].security.GetConfig();
}

std::vector<SecureMacEntry>
EthernetSwitchNetDevice::GetSecureMacs(uint32_t index) const
{
    CheckIndex(index, "GetSecureMacs");
    return m_ports[index].security.GetEntries();
}

PortSecurityConfig
EthernetSwitchNetDevice::DefaultSecurity() const
{
    PortSecurityConfig c;
    c.enabled = m_defEnabled;
    c.maxMacAddresses = m_defMaxMacs;
    c.violationMode = m_defViolation;
    c.sticky = m_defSticky;
    c.agingTime = m_defAgingTime;
    c.agingType = m_defAgingType;
    c.errDisableRecoveryInterval = m_defRecovery;
    return c;
}

// --- enforcement on received frames ----------------------------------------------

bool
EthernetSwitchNetDevice::CheckSecurity(uint32_t index, Ptr<const Packet> packet, Mac48Address src)
{
    PortSecurity& security = m_ports[index].security;
    if (!security.IsEnabled())
    {
        return true;
    }
    if (!security.Find(src) && FindSecureOwner(src, index) != NO_PORT)
    {
        // a MAC secured on one secure port shows up on another: a violation here
        NS_LOG_INFO(src << " on " << DescribePort(index) << " is secure on "
                        << DescribePort(FindSecureOwner(src, index)));
        Violation(index, packet, src);
        return false;
    }
    PortSecurity::Verdict verdict = security.Admit(src, Simulator::Now());
    if (verdict == PortSecurity::ADMIT_VIOLATION)
    {
        Violation(index, packet, src);
        return false;
    }
    if (verdict == PortSecurity::ADMIT_LEARNT)
    {
        ScheduleSweep(security.GetNextExpiry());
    }
    return true;
}

uint32_t
EthernetSwitchNetDevice::FindSecureOwner(Mac48Address mac, uint32_t except) const
{
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if (i != except && m_ports[i].security.IsEnabled() && m_ports[i].security.Find(mac))
        {
            return i;
        }
    }
    return NO_PORT;
}

void
EthernetSwitchNetDevice::Violation(uint32_t index, Ptr<const Packet> packet, Mac48Address src)
{
    PortSecurityViolationMode mode = m_ports[index].security.GetConfig().violationMode;
    NS_LOG_INFO("violation on " << DescribePort(index) << " by " << src << ": " << mode);
    if (mode != PORT_SECURITY_PROTECT)
    {
        m_ports[index].security.CountViolation();
        m_violationTrace(index, src, mode);
    }
    Drop(packet, index, SWITCH_DROP_VIOLATION);
    if (mode == PORT_SECURITY_SHUTDOWN)
    {
        ErrDisable(index);
    }
}

void
EthernetSwitchNetDevice::ErrDisable(uint32_t index)
{
    Port& port = m_ports[index];
    port.state = SWITCH_PORT_ERR_DISABLED;
    NS_LOG_INFO(DescribePort(index) << " err-disabled (psecure-violation)");
    FlushPort(index, false); // the link goes down: its learnt entries go
    m_portStateTrace(index, port.state);
    Time interval = port.security.GetConfig().errDisableRecoveryInterval;
    if (interval.IsStrictlyPositive())
    {
        port.recovery =
            Simulator::Schedule(interval, &EthernetSwitchNetDevice::RecoverPort, this, index);
    }
}

void
EthernetSwitchNetDevice::RecoverPort(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    CheckIndex(index, "RecoverPort");
    Port& port = m_ports[index];
    if (port.state != SWITCH_PORT_ERR_DISABLED)
    {
        return;
    }
    Simulator::Cancel(port.recovery);
    port.security.ClearDynamic();
    FlushPort(index, false);
    port.state = SWITCH_PORT_UP;
    NS_LOG_INFO(DescribePort(index) << " recovered from err-disabled");
    m_portStateTrace(index, port.state);
}

// --- secure addresses in the forwarding table ----------------------------------------

bool
EthernetSwitchNetDevice::IsPinnedOn(uint32_t index, Mac48Address mac) const
{
    const PortSecurity& security = m_ports[index].security;
    const SecureMacEntry* entry = security.IsEnabled() ? security.Find(mac) : nullptr;
    return entry && entry->type != SECURE_MAC_DYNAMIC;
}

void
EthernetSwitchNetDevice::SyncPinned()
{
    // Unpin or remove entries that are no longer static or sticky where they are pinned
    for (auto it = m_fdb.begin(); it != m_fdb.end();)
    {
        bool pin = IsPinnedOn(it->second.port, it->first);
        if (it->second.pinned && !pin)
        {
            it = EraseFdbEntry(it); // learnt again from the next frame
            continue;
        }
        if (!it->second.pinned && pin)
        {
            PutFdbEntry(it->first, FdbEntry{it->second.port, it->second.lastSeen, true});
        }
        ++it;
    }
    // Pin every static and sticky address of a secure port where it belongs
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if (!m_ports[i].security.IsEnabled())
        {
            continue;
        }
        for (const auto& e : m_ports[i].security.GetEntries())
        {
            if (e.type == SECURE_MAC_DYNAMIC)
            {
                continue;
            }
            PutFdbEntry(e.mac, FdbEntry{i, Simulator::Now(), true});
        }
    }
}

} // namespace ns3
