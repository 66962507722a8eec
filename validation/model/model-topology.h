/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_MODEL_TOPOLOGY_H
#define IPVLAN_VALIDATION_MODEL_TOPOLOGY_H

#include "scenario.h"

#include "ns3/ethernet-switch-net-device.h"
#include "ns3/ipvlan-mode.h"
#include "ns3/macvlan-net-device.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

#include <map>
#include <set>
#include <string>
#include <vector>

/**
 * @file
 * The model side of a validation scenario: the same topology as the kernel runner
 * builds with namespaces, veth and a Linux bridge, built in ns-3 with this module.
 *
 *  - host: a node whose master is a CSMA device on a link to the wire; the host's own
 *    addresses live on its IpvlanHostNetDevice (ipvlan) or on the master (macvlan);
 *  - wire: an EthernetSwitchNetDevice (port security off) with one CSMA link per port;
 *  - one node per slave (container) and per external host.
 */

namespace ipvlanval
{

/// How slaves are created: the words after `type` of `ip link add`
struct LinkSpec
{
    bool macvlan{false};                       ///< macvlan (else ipvlan)
    bool hasMode{false};                       ///< a mode word was given
    ns3::IpvlanMode mode{ns3::IPVLAN_MODE_L3}; ///< ipvlan mode (kernel default l3)
    uint16_t flags{0};                         ///< ipvlan flags
    bool hasFlags{false}; ///< a flag word was given (iproute2 then sends the flags)
    ns3::MacvlanMode macMode{ns3::MACVLAN_MODE_VEPA}; ///< macvlan mode (kernel default vepa)
    std::string error;                                ///< errno name if the kernel would refuse
};

/**
 * Parse link words ("ipvlan mode l2 private", "macvlan mode bridge") as iproute2 and
 * ipvlan_nl_validate / macvlan_validate would.
 * @param words the words
 * @return the spec; error is set (EINVAL) for what the kernel refuses
 */
LinkSpec ParseLinkWords(const std::vector<std::string>& words);

/// One node of the topology
struct ModelNode
{
    /// What the node is
    enum Kind
    {
        HOST,  ///< the master's node
        SLAVE, ///< a container with one slave
        EXT    ///< an external host on the wire
    };

    std::string name;             ///< scenario name
    Kind kind{EXT};               ///< what it is
    ns3::Ptr<ns3::Node> node;     ///< the ns-3 node
    ns3::Ptr<ns3::NetDevice> dev; ///< its interface (host: its IP interface on the master)
    std::set<std::string> joined; ///< multicast groups joined (as text)
};

/// The topology of one scenario, and the configuration operations probes use
class ModelTopology
{
  public:
    /**
     * Build the topology (throws std::runtime_error on what cannot be built).
     * @param s the scenario
     */
    explicit ModelTopology(const Scenario& s);

    /**
     * @param name a node name
     * @return the node; throws if unknown
     */
    ModelNode& Get(const std::string& name);

    /** @return every node, host first */
    std::vector<ModelNode*> All();

    /** @return the master */
    ns3::Ptr<ns3::NetDevice> GetMaster() const;

    /** @return the wire's port device towards the master (the capture point) */
    ns3::Ptr<ns3::NetDevice> GetWireTap() const;

    /**
     * Create another slave in a new container node.
     * @param name its name
     * @param addrs its addresses
     * @param words link words
     * @return "" on success, else the errno name
     */
    std::string NewSlave(const std::string& name,
                         const std::vector<Cidr>& addrs,
                         const std::vector<std::string>& words);

    /**
     * Add an address to a node's interface, as `ip addr add`.
     * @param n the node
     * @param c the address
     * @return "" on success, else the errno name
     */
    std::string AddAddress(ModelNode& n, const Cidr& c);

    /**
     * Remove an address, as `ip addr del`.
     * @param n the node
     * @param c the address
     * @return "" on success, else the errno name
     */
    std::string DelAddress(ModelNode& n, const Cidr& c);

    /**
     * Set the MTU of a node's interface (the host: the master's), as `ip link set mtu`.
     * @param n the node
     * @param mtu the MTU
     * @return "" on success, else the errno name
     */
    std::string SetMtu(ModelNode& n, uint32_t mtu);

    /**
     * @param n the node
     * @return the MTU of its interface (the host: the master's)
     */
    uint16_t GetMtu(ModelNode& n);

    /**
     * Change a slave's link (mode, flags), as `ip link set ... type <words>`.
     * @param n the slave's node
     * @param words link words
     * @return "" on success, else the errno name
     */
    std::string ChangeLink(ModelNode& n, const std::vector<std::string>& words);

    /**
     * Set a node's interface administratively up or down.
     * @param n the node
     * @param up up
     * @return "" on success, else the errno name
     */
    std::string SetAdmin(ModelNode& n, bool up);

    /**
     * @param n a slave's node
     * @return "mode <m> <flags>" as `ip -d link` shows it
     */
    std::string ShowMode(ModelNode& n);

  private:
    /// Create a slave of the master on a new node (no addresses yet)
    std::string CreateSlave(const std::string& name, const LinkSpec& spec);
    /// Give a node's interface its IPv6 interface (link-local) and its addresses
    void Configure(ModelNode& n, const std::vector<Cidr>& addrs);
    /// Apply a route line
    void AddRoute(const RouteSpec& r);

    std::vector<ModelNode> m_nodes;                  ///< every node (stable: reserved up front)
    std::map<std::string, std::size_t> m_index;      ///< name -> index in m_nodes
    ns3::Ptr<ns3::NetDevice> m_master;               ///< the master (CSMA)
    ns3::Ptr<ns3::NetDevice> m_wireTap;              ///< the wire's port towards the master
    ns3::Ptr<ns3::EthernetSwitchNetDevice> m_switch; ///< the wire
    LinkSpec m_link;                                 ///< how slaves are created
    uint32_t m_nMacvlan{0};                          ///< macvlan slaves so far (for their MACs)
};

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_MODEL_TOPOLOGY_H */
