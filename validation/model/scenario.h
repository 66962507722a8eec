/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_SCENARIO_H
#define IPVLAN_VALIDATION_SCENARIO_H

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * A validation scenario (validation/FORMAT.md): topology lines and probes, as parsed
 * from a .scn file. Shared by the model runner's parts.
 */

namespace ipvlanval
{

/// An address on a node, as written in the scenario
struct Cidr
{
    std::string address; ///< the address, without prefix length
    unsigned prefix{0};  ///< the prefix length
    bool v6{false};      ///< IPv6 (else IPv4)
    bool dad{false};     ///< run DAD for it (IPv6 only; `dad` after the CIDR)
};

/// A node of the topology: the host, a slave's container or an external host
struct NodeSpec
{
    std::string name;        ///< its name
    std::vector<Cidr> addrs; ///< its addresses
};

/// A route line
struct RouteSpec
{
    std::string node;    ///< where
    std::string prefix;  ///< "default" or a CIDR
    std::string gateway; ///< next hop, empty for an on-link (dev) route
};

/// A probe line, split into words (the first is the probe kind)
struct ProbeSpec
{
    std::vector<std::string> words; ///< e.g. {"ping", "c1", "10.0.0.12"}
    std::string text;               ///< the line as written, without "probe "
};

/// A whole scenario
struct Scenario
{
    std::string name;                    ///< file name without .scn
    std::string description;             ///< first comment line
    std::vector<std::string> linkWords;  ///< the words after "type" (default ipvlan mode l2 bridge)
    std::vector<Cidr> masterAddrs;       ///< the host's addresses
    bool hairpin{false};                 ///< hairpin on the wire's port to the master
    uint32_t wireMtu{0};                 ///< MTU of the wire's ports (wire-mtu), 0: default
    std::vector<NodeSpec> slaves;        ///< containers, in creation order
    std::vector<NodeSpec> externals;     ///< external hosts, in file order
    std::vector<RouteSpec> routes;       ///< routes
    std::vector<std::string> forwarders; ///< nodes that forward IP
    std::vector<std::pair<std::string, std::string>> joins; ///< (node, group)
    std::vector<std::string> dropInput; ///< protocols dropped on the host's INPUT
    std::vector<ProbeSpec> probes;      ///< probes, in order
};

/**
 * Parse a CIDR word ("10.0.0.1/24", "fd00::1/64"); a missing prefix length means a host
 * address (/32 or /128).
 * @param word the word
 * @return the CIDR; throws std::runtime_error on bad input
 */
Cidr ParseCidr(const std::string& word);

/**
 * Read a scenario file.
 * @param path the file
 * @return the scenario; throws std::runtime_error naming the line on bad input
 */
Scenario ReadScenario(const std::string& path);

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_SCENARIO_H */
