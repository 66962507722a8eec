/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_HELPER_H
#define IPVLAN_HELPER_H

#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipvlan-mode.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/stacked-device-trace-helper.h"

#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * IpvlanHelper: builds ipvlan slaves and the host's interface on a master.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Builds ipvlan slaves on container nodes and the host's own interface on a master,
 * the way `ip link add link MASTER NAME type ipvlan mode MODE FLAGS` does: each
 * Install sets the port's mode and flags (last writer wins; the mode defaults to
 * the kernel's l3, the flags to bridge, as iproute2 sends them).
 *
 * @code
 *   IpvlanHelper ipvlan;
 *   ipvlan.SetMode("l2");
 *   NetDeviceContainer slaves = ipvlan.Install(master, containers);
 *   NetDeviceContainer host = ipvlan.InstallHost(master);   // the host's eth0 addresses
 * @endcode
 */
class IpvlanHelper : public StackedDeviceTraceHelper
{
  public:
    IpvlanHelper();
    ~IpvlanHelper() override;

    /**
     * Set an attribute on every slave created afterwards.
     * @param name attribute name
     * @param value attribute value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);

    /**
     * Set an attribute of the master's port (IpvlanPort: BacklogLimit, RefusedAddress,
     * ArpFilter, ...) on every Install afterwards, once the port exists. A bad name or
     * value aborts, naming it.
     * @param name attribute name
     * @param value attribute value
     */
    void SetPortAttribute(std::string name, const AttributeValue& value);

    /**
     * Set the mode by its iproute2 word: "l2", "l3" or "l3s".
     * @param word the mode word (anything else aborts, naming the allowed words)
     */
    void SetMode(const std::string& word);
    /**
     * Set the mode.
     * @param mode the mode
     */
    void SetMode(IpvlanMode mode);
    /** @return the mode the next Install sets */
    IpvlanMode GetMode() const;

    /**
     * Set the flags by iproute2 words: "bridge", "private", "vepa" ("private vepa" is
     * refused, as the kernel refuses it).
     * @param words the flag words
     */
    void SetFlags(const std::string& words);
    /**
     * Set the flags as IPVLAN_F_* bits (an invalid set aborts, naming it).
     * @param flags the bits
     */
    void SetFlags(uint16_t flags);
    /** @return the flags the next Install sets */
    uint16_t GetFlags() const;

    /**
     * Set the slaves' MTU (0, the default, inherits the master's). Like the CNI ipvlan
     * plugin, Install refuses an MTU above the master's unless allowed here; the device
     * itself accepts it, as the kernel does.
     * @param mtu the MTU
     * @param allowAboveMaster accept an MTU larger than the master's
     */
    void SetMtu(uint16_t mtu, bool allowAboveMaster = false);

    /**
     * Create one slave on each container node, attached to the master.
     * @param master the master device (on the host node; it must carry no IP)
     * @param containers the container nodes
     * @return the slaves, in node order
     */
    NetDeviceContainer Install(Ptr<NetDevice> master, NodeContainer containers) const;
    /**
     * Create one slave on a container node.
     * @param master the master device
     * @param container the container node
     * @return the slave
     */
    NetDeviceContainer Install(Ptr<NetDevice> master, Ptr<Node> container) const;
    /**
     * Create one slave on a container node given by name.
     * @param masterName the master device's name (Names)
     * @param containerName the container node's name (Names)
     * @return the slave
     */
    NetDeviceContainer Install(const std::string& masterName,
                               const std::string& containerName) const;

    /**
     * Create the host's own interface on the master (where the host's addresses go).
     * @param master the master device
     * @return the host interface
     */
    NetDeviceContainer InstallHost(Ptr<NetDevice> master) const;

    /**
     * Give each slave an IPv6 address on a network, with the interface identifier the
     * kernel derives for it (addrconf_ifid_eui48 with the slave's dev_id: MAC[0..2] |
     * dev_id | MAC[3..5]), and bring its IPv6 interface up: what Ipv6AddressHelper::Assign
     * does for other devices. Ipv6AddressHelper itself derives every slave's identifier
     * from the shared MAC and aborts with "Address Collision" on the second slave. The
     * addresses are registered with ns-3's Ipv6AddressGenerator, so a later
     * Ipv6AddressHelper on the same network sees them as taken.
     * @param slaves ipvlan slaves, attached to their masters (anything else aborts)
     * @param network the network (e.g. 2001:db8:1::)
     * @param prefix its prefix, at most /64 (the identifier takes the low 64 bits)
     * @return the slaves' IPv6 interfaces, in order
     */
    Ipv6InterfaceContainer AssignIpv6(const NetDeviceContainer& slaves,
                                      Ipv6Address network,
                                      Ipv6Prefix prefix) const;

  private:
    ObjectFactory m_deviceFactory; ///< slave factory
    /// port attributes, applied by Install (SetPortAttribute)
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_portAttributes;
    IpvlanMode m_mode;                 ///< mode for the next Install
    uint16_t m_flags;                  ///< flags for the next Install
    uint16_t m_mtu{0};                 ///< slave MTU, 0 = the master's
    bool m_allowMtuAboveMaster{false}; ///< skip the CNI-style MTU check
};

} // namespace ns3

#endif /* IPVLAN_HELPER_H */
