/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_MODEL_PROBES_H
#define IPVLAN_VALIDATION_MODEL_PROBES_H

#include "model-tc.h"
#include "model-topology.h"
#include "scenario.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/socket.h"

#include <array>
#include <map>
#include <string>
#include <vector>

/**
 * @file
 * The probes of a validation scenario, run in simulated time one window after the
 * other (validation/FORMAT.md §1 "Probes", §2 "Timing"), with one pcap of the wire per
 * window.
 */

namespace ipvlanval
{

/// Runs a scenario's probes on a built topology
class ModelProbes
{
  public:
    /**
     * @param topo the topology
     * @param s the scenario
     * @param outDir where probe-<k>.pcap go
     */
    ModelProbes(ModelTopology& topo, const Scenario& s, const std::string& outDir);

    /** Schedule every probe and window; call before Simulator::Run. */
    void Schedule();

    /** @return the outcome of each probe, in order (after the run) */
    const std::vector<std::string>& GetOutcomes() const;

  private:
    /// Open probe k's capture
    void OpenWindow(uint32_t k);
    /// Close the open capture
    void CloseWindow();
    /// The wire tap's sink
    void Capture(ns3::Ptr<const ns3::Packet> packet);
    /// Run probe k
    void Run(uint32_t k);
    /// @return how long probe k's window lasts
    ns3::Time WindowOf(const ProbeSpec& p) const;

    /// ping: one echo request
    void Ping(uint32_t k, ModelNode& from, const std::string& to);
    /// raw socket sink of the pinger
    void PingReceive(ns3::Ptr<ns3::Socket> socket);
    /// udp: one datagram of `size` payload bytes, every other node listening
    void Udp(uint32_t k, ModelNode& from, const std::string& to, uint16_t port, uint32_t size);
    /// UDP listener sink
    void UdpReceive(ns3::Ptr<ns3::Socket> socket);
    /// flood: paced UDP datagrams from several senders (FORMAT.md "Traffic control")
    void Flood(uint32_t k, const ProbeSpec& p);
    /// a flood datagram's sink
    void FloodReceive(ns3::Ptr<ns3::Socket> socket);
    /// the tx_dropped counter of a slave's device
    static uint64_t TxDropped(const ModelNode& n);
    /// the interface `tc ... dev eth0` acts on in the node (the host's: the master)
    ns3::Ptr<ns3::NetDevice> TcDevice(const ModelNode& n) const;
    /// neigh: the neighbour entry
    std::string Neigh(ModelNode& n, const std::string& ip);
    /// linklocal: the IPv6 link-local address
    std::string LinkLocal(ModelNode& n);
    /// counters: the slave's counters since its previous counters probe
    std::string Counters(ModelNode& n);
    /// ipdown/ipup: the slave's IP interfaces through Ipv4/Ipv6 SetDown/SetUp
    std::string IpAdmin(ModelNode& n, bool up);
    /// the nodes that joined a group (joins of the scenario)
    void ApplyJoins();
    /// Close every socket a probe opened
    void CloseSockets();

    ModelTopology& m_topo;                     ///< the topology
    const Scenario& m_scenario;                ///< the scenario
    std::string m_outDir;                      ///< output folder
    std::vector<std::string> m_outcomes;       ///< per probe
    ns3::Ptr<ns3::PcapFileWrapper> m_pcap;     ///< the open capture, if any
    std::vector<ns3::Ptr<ns3::Socket>> m_open; ///< sockets of the running probe
    uint16_t m_pingId{0x1234};                 ///< echo identifier of the running ping
    bool m_pingReplied{false};                 ///< the running ping got its reply
    std::vector<std::string> m_udpReceivers;   ///< who got the running UDP datagram
    std::string m_udpGroup;                    ///< its multicast group, or empty
    ModelTc m_tc;                              ///< queue discs the probes installed
    uint64_t m_floodReceived{0};               ///< datagrams of the running flood received
    /// the counters of each slave at its previous counters probe
    std::map<std::string, std::array<uint64_t, 8>> m_counterMarks;
};

/**
 * @param bytes 16 bytes of an IPv6 address
 * @return its compressed text form, as iproute2 prints it
 */
std::string Ipv6Text(const uint8_t bytes[16]);

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_MODEL_PROBES_H */
