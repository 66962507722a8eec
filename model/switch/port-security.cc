/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "port-security.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PortSecurity");

std::ostream&
operator<<(std::ostream& os, PortSecurityViolationMode mode)
{
    switch (mode)
    {
    case PORT_SECURITY_PROTECT:
        return os << "protect";
    case PORT_SECURITY_RESTRICT:
        return os << "restrict";
    case PORT_SECURITY_SHUTDOWN:
        return os << "shutdown";
    }
    return os << "unknown(" << static_cast<int>(mode) << ")";
}

std::ostream&
operator<<(std::ostream& os, PortSecurityAgingType type)
{
    switch (type)
    {
    case PORT_SECURITY_AGING_ABSOLUTE:
        return os << "absolute";
    case PORT_SECURITY_AGING_INACTIVITY:
        return os << "inactivity";
    }
    return os << "unknown(" << static_cast<int>(type) << ")";
}

std::ostream&
operator<<(std::ostream& os, SecureMacType type)
{
    switch (type)
    {
    case SECURE_MAC_STATIC:
        return os << "static";
    case SECURE_MAC_STICKY:
        return os << "sticky";
    case SECURE_MAC_DYNAMIC:
        return os << "dynamic";
    }
    return os << "unknown(" << static_cast<int>(type) << ")";
}

void
PortSecurity::Validate(const std::string& what, const PortSecurityConfig& config)
{
    NS_ABORT_MSG_IF(config.maxMacAddresses == 0,
                    what << ": maximum secure MAC addresses 0 refused; the maximum must be at "
                            "least 1 (switchport port-security maximum 1..N)");
    NS_ABORT_MSG_IF(config.violationMode != PORT_SECURITY_PROTECT &&
                        config.violationMode != PORT_SECURITY_RESTRICT &&
                        config.violationMode != PORT_SECURITY_SHUTDOWN,
                    what << ": violation mode " << static_cast<int>(config.violationMode)
                         << " refused; allowed: protect, restrict, shutdown");
    NS_ABORT_MSG_IF(config.agingType != PORT_SECURITY_AGING_ABSOLUTE &&
                        config.agingType != PORT_SECURITY_AGING_INACTIVITY,
                    what << ": aging type " << static_cast<int>(config.agingType)
                         << " refused; allowed: absolute, inactivity");
    NS_ABORT_MSG_IF(config.agingTime.IsStrictlyNegative(),
                    what << ": aging time " << config.agingTime.As(Time::S)
                         << " refused; it must be zero (no aging) or positive");
    NS_ABORT_MSG_IF(config.errDisableRecoveryInterval.IsStrictlyNegative(),
                    what << ": err-disable recovery interval "
                         << config.errDisableRecoveryInterval.As(Time::S)
                         << " refused; it must be zero (no automatic recovery) or positive");
    std::set<Mac48Address> seen;
    for (const auto& mac : config.staticMacs)
    {
        NS_ABORT_MSG_IF(mac.IsGroup(),
                        what << ": static secure MAC " << mac
                             << " refused; a secure address must be unicast");
        NS_ABORT_MSG_IF(!seen.insert(mac).second,
                        what << ": static secure MAC " << mac << " is listed twice");
    }
    NS_ABORT_MSG_IF(config.staticMacs.size() > config.maxMacAddresses,
                    what << ": " << config.staticMacs.size()
                         << " static secure MAC addresses exceed the maximum "
                         << config.maxMacAddresses << "; raise the maximum first");
}

void
PortSecurity::Configure(const std::string& what, const PortSecurityConfig& config, Time now)
{
    NS_LOG_FUNCTION(this << what);
    Validate(what, config);

    // What the port keeps: the new static addresses, and the learnt ones (unless
    // security is turned off, which drops the dynamic ones), converted by the sticky flag.
    std::map<Mac48Address, SecureMacEntry> next;
    for (const auto& mac : config.staticMacs)
    {
        auto old = m_entries.find(mac);
        Time learnt = (old != m_entries.end() && old->second.type == SECURE_MAC_STATIC)
                          ? old->second.learnt
                          : now;
        next[mac] = SecureMacEntry{mac, SECURE_MAC_STATIC, learnt, now};
    }
    for (const auto& [mac, entry] : m_entries)
    {
        if (entry.type == SECURE_MAC_STATIC || next.count(mac) != 0)
        {
            continue; // static addresses are replaced by the new list
        }
        SecureMacEntry e = entry;
        if (!config.enabled && e.type == SECURE_MAC_DYNAMIC)
        {
            continue;
        }
        e.type = config.sticky ? SECURE_MAC_STICKY : SECURE_MAC_DYNAMIC;
        next[mac] = e;
    }
    NS_ABORT_MSG_IF(next.size() > config.maxMacAddresses,
                    what << ": maximum " << config.maxMacAddresses << " refused: the port "
                         << "already holds " << next.size()
                         << " secure MAC addresses (static, sticky and dynamic); the maximum "
                            "cannot be lowered below that count (remove addresses first)");
    m_config = config;
    m_entries = std::move(next);
}

const PortSecurityConfig&
PortSecurity::GetConfig() const
{
    return m_config;
}

bool
PortSecurity::IsEnabled() const
{
    return m_config.enabled;
}

PortSecurity::Verdict
PortSecurity::Admit(Mac48Address src, Time now)
{
    auto it = m_entries.find(src);
    if (it != m_entries.end())
    {
        it->second.lastSeen = now;
        return ADMIT_KNOWN;
    }
    if (m_entries.size() >= m_config.maxMacAddresses)
    {
        return ADMIT_VIOLATION;
    }
    SecureMacType type = m_config.sticky ? SECURE_MAC_STICKY : SECURE_MAC_DYNAMIC;
    m_entries[src] = SecureMacEntry{src, type, now, now};
    NS_LOG_LOGIC("secured " << src << " as " << type);
    return ADMIT_LEARNT;
}

const SecureMacEntry*
PortSecurity::Find(Mac48Address mac) const
{
    auto it = m_entries.find(mac);
    return it == m_entries.end() ? nullptr : &it->second;
}

uint32_t
PortSecurity::GetCount() const
{
    return static_cast<uint32_t>(m_entries.size());
}

std::vector<SecureMacEntry>
PortSecurity::GetEntries() const
{
    std::vector<SecureMacEntry> out;
    out.reserve(m_entries.size());
    for (const auto& [mac, entry] : m_entries)
    {
        out.push_back(entry);
    }
    return out;
}

std::vector<Mac48Address>
PortSecurity::RemoveEntries(const std::function<bool(const SecureMacEntry&)>& doomed)
{
    std::vector<Mac48Address> removed;
    for (auto it = m_entries.begin(); it != m_entries.end();)
    {
        if (doomed(it->second))
        {
            removed.push_back(it->first);
            it = m_entries.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return removed;
}

std::vector<Mac48Address>
PortSecurity::ClearDynamic()
{
    return RemoveEntries([](const SecureMacEntry& e) { return e.type == SECURE_MAC_DYNAMIC; });
}

Time
PortSecurity::ExpiryOf(const SecureMacEntry& e) const
{
    if (e.type != SECURE_MAC_DYNAMIC || !m_config.agingTime.IsStrictlyPositive())
    {
        return Time::Max(); // static and sticky addresses never age; aging time 0 is off
    }
    Time from = m_config.agingType == PORT_SECURITY_AGING_ABSOLUTE ? e.learnt : e.lastSeen;
    return from + m_config.agingTime;
}

std::vector<Mac48Address>
PortSecurity::Age(Time now)
{
    std::vector<Mac48Address> removed =
        RemoveEntries([this, now](const SecureMacEntry& e) { return ExpiryOf(e) <= now; });
    for (const auto& mac : removed)
    {
        NS_LOG_LOGIC("secure MAC " << mac << " aged out (" << m_config.agingType << ")");
    }
    return removed;
}

Time
PortSecurity::GetNextExpiry() const
{
    Time next = Time::Max();
    for (const auto& [mac, entry] : m_entries)
    {
        next = Min(next, ExpiryOf(entry));
    }
    return next;
}

void
PortSecurity::CountViolation()
{
    m_violations++;
}

uint64_t
PortSecurity::GetViolations() const
{
    return m_violations;
}

} // namespace ns3
