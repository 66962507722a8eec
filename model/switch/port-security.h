/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PORT_SECURITY_H
#define PORT_SECURITY_H

#include "ns3/mac48-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup ipvlan-switch
 * Per-port security of the emulated Ethernet switch, with the semantics of Cisco's
 * `switchport port-security`: a maximum of secure MAC addresses per port, static,
 * sticky and dynamic secure addresses, violation modes and aging.
 */

namespace ns3
{

/**
 * @ingroup ipvlan-switch
 * What a secure port does when a violation happens
 * (`switchport port-security violation protect|restrict|shutdown`).
 */
enum PortSecurityViolationMode : uint8_t
{
    PORT_SECURITY_PROTECT = 0,  ///< drop the offending frame silently (no counter, no trace)
    PORT_SECURITY_RESTRICT = 1, ///< drop it, count the violation and fire the Violation trace
    PORT_SECURITY_SHUTDOWN = 2, ///< as restrict, and put the port in the err-disabled state
};

/**
 * @ingroup ipvlan-switch
 * How dynamic secure addresses age (`switchport port-security aging type`).
 */
enum PortSecurityAgingType : uint8_t
{
    PORT_SECURITY_AGING_ABSOLUTE = 0,   ///< removed a fixed time after being learnt
    PORT_SECURITY_AGING_INACTIVITY = 1, ///< removed after a time without a frame from them
};

/**
 * @ingroup ipvlan-switch
 * The kind of a secure MAC address on a port.
 */
enum SecureMacType : uint8_t
{
    SECURE_MAC_STATIC = 0,  ///< configured; never ages
    SECURE_MAC_STICKY = 1,  ///< learnt, then kept as if configured; never ages
    SECURE_MAC_DYNAMIC = 2, ///< learnt; ages if aging is on; cleared by err-disable recovery
};

/**
 * Stream a violation mode as its Cisco word ("protect", "restrict", "shutdown").
 * @param os the stream
 * @param mode the mode
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, PortSecurityViolationMode mode);
/**
 * Stream an aging type as its Cisco word ("absolute", "inactivity").
 * @param os the stream
 * @param type the type
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, PortSecurityAgingType type);
/**
 * Stream a secure MAC type ("static", "sticky", "dynamic").
 * @param os the stream
 * @param type the type
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, SecureMacType type);

/**
 * @ingroup ipvlan-switch
 * The port-security configuration of one switch port (Cisco interface commands).
 * The defaults are Cisco's: maximum 1, violation shutdown, no aging, no recovery.
 */
struct PortSecurityConfig
{
    bool enabled{false};         ///< `switchport port-security`
    uint32_t maxMacAddresses{1}; ///< `maximum N`: secure MACs allowed (static included), >= 1
    PortSecurityViolationMode violationMode{PORT_SECURITY_SHUTDOWN}; ///< `violation MODE`
    /// `errdisable recovery interval` for psecure-violation; zero: no automatic recovery
    Time errDisableRecoveryInterval{Seconds(0)};
    bool sticky{false}; ///< `mac-address sticky`: learnt addresses become sticky
    PortSecurityAgingType agingType{PORT_SECURITY_AGING_ABSOLUTE}; ///< `aging type`
    Time agingTime{Seconds(0)};           ///< `aging time`; zero: dynamic addresses never age
    std::vector<Mac48Address> staticMacs; ///< `mac-address MAC`: static secure addresses
};

/**
 * @ingroup ipvlan-switch
 * One secure MAC address of a port.
 */
struct SecureMacEntry
{
    Mac48Address mac;   ///< the address
    SecureMacType type; ///< static, sticky or dynamic
    Time learnt;        ///< when it was configured or learnt
    Time lastSeen;      ///< last frame from it on this port
};

/**
 * @ingroup ipvlan-switch
 * The port-security state of one switch port: its configuration, its table of
 * secure MAC addresses and its violation counter. The switch owns one per port and
 * decides the cross-port rule and the port state; this class answers for one port.
 */
class PortSecurity
{
  public:
    /// What Admit decided for a source address
    enum Verdict : uint8_t
    {
        ADMIT_KNOWN,     ///< already secure on this port
        ADMIT_LEARNT,    ///< newly secured (dynamic, or sticky when sticky learning is on)
        ADMIT_VIOLATION, ///< not secure here and the port already holds its maximum
    };

    /**
     * Check a configuration on its own: aborts naming the bad value and what is allowed
     * (maximum 0, negative times, group or duplicate static addresses, more static
     * addresses than the maximum).
     * @param what how to name the port in messages (e.g. "port 2 (node 0, ifindex 3)")
     * @param config the configuration
     */
    static void Validate(const std::string& what, const PortSecurityConfig& config);

    /**
     * Apply a configuration, as the Cisco interface commands do: the static addresses
     * are replaced; turning sticky on makes the dynamic addresses sticky, turning it off
     * makes the sticky ones dynamic; disabling clears the dynamic addresses. Refused
     * (abort) when the addresses kept would exceed the new maximum.
     * @param what how to name the port in messages
     * @param config the configuration (checked with Validate first)
     * @param now the current time
     */
    void Configure(const std::string& what, const PortSecurityConfig& config, Time now);

    /** @return the configuration */
    const PortSecurityConfig& GetConfig() const;
    /** @return true when port security is enabled on this port */
    bool IsEnabled() const;

    /**
     * Admit a source address on this port: refresh it when already secure, secure it
     * when the port has room, else report a violation (the caller handles it).
     * @param src the source MAC of a received frame
     * @param now the current time
     * @return the verdict
     */
    Verdict Admit(Mac48Address src, Time now);

    /**
     * @param mac an address
     * @return its entry, or nullptr when it is not secure on this port
     */
    const SecureMacEntry* Find(Mac48Address mac) const;
    /** @return the number of secure addresses (static, sticky and dynamic) */
    uint32_t GetCount() const;
    /** @return every secure address, in address order */
    std::vector<SecureMacEntry> GetEntries() const;

    /**
     * Remove the dynamic secure addresses (err-disable recovery, shut/no shut).
     * @return the addresses removed
     */
    std::vector<Mac48Address> ClearDynamic();
    /**
     * Remove the dynamic addresses whose aging time has passed.
     * @param now the current time
     * @return the addresses removed
     */
    std::vector<Mac48Address> Age(Time now);
    /**
     * @return when the next dynamic address will age out, or Time::Max() when none will
     */
    Time GetNextExpiry() const;

    /** Count one violation (restrict and shutdown modes). */
    void CountViolation();
    /** @return the violations counted */
    uint64_t GetViolations() const;

  private:
    /**
     * @param e an entry
     * @return when it ages out, or Time::Max() when it never does
     */
    Time ExpiryOf(const SecureMacEntry& e) const;

    /**
     * Remove the entries a predicate picks.
     * @param doomed true for an entry to remove
     * @return the addresses removed
     */
    std::vector<Mac48Address> RemoveEntries(
        const std::function<bool(const SecureMacEntry&)>& doomed);

    PortSecurityConfig m_config;                      ///< the configuration
    std::map<Mac48Address, SecureMacEntry> m_entries; ///< the secure addresses
    uint64_t m_violations{0};                         ///< violations counted
};

} // namespace ns3

#endif /* PORT_SECURITY_H */
