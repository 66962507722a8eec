/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EMU_TEST_BED_H
#define IPVLAN_EMU_TEST_BED_H

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

/**
 * @file
 * @ingroup ipvlan-tests
 * Real test beds for the emulation tests: network namespaces, veths, bridges and TAPs
 * built with iproute2 inside the machine, external commands under `timeout`, real and
 * simulated UDP flows.
 */

namespace ns3
{
namespace ipvlanemutest
{

/// What a finished command did
struct CommandResult
{
    int status{-1};     ///< exit status (124 when `timeout` stopped it), -1 if it did not run
    std::string output; ///< stdout and stderr
};

/**
 * Run a shell command under `timeout` and wait for it.
 * @param command the command (run by sh -c)
 * @param timeoutSeconds the time limit
 * @return what it did
 */
CommandResult RunCommand(const std::string& command, int timeoutSeconds = 10);

/**
 * Run a shell command and fail the test (BOOST_REQUIRE) unless it succeeds.
 * @param command the command
 * @param timeoutSeconds the time limit
 * @return its output
 */
std::string MustRun(const std::string& command, int timeoutSeconds = 10);

/**
 * Why emulation tests cannot run on this machine, or "" if they can: they need root,
 * `ip`, and a kernel that creates network namespaces. Decided once per process by
 * trying `ip netns add`.
 * @return the reason, or ""
 */
std::string WhyNoEmulation();

/**
 * Boost.Test precondition: skip the case, printing the reason, where the machine cannot
 * run emulation tests (see WhyNoEmulation).
 */
struct EmulationAvailable
{
    /**
     * @param id the test unit (unused)
     * @return true, or false with the reason
     */
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id id) const;
};

/**
 * A command running in the background (sh -c, under `timeout`, in its own process
 * group), with its output in a file. The destructor kills it if it still runs.
 */
class BackgroundCommand
{
  public:
    /**
     * Start it.
     * @param command the command
     * @param timeoutSeconds its time limit
     */
    BackgroundCommand(const std::string& command, int timeoutSeconds);
    ~BackgroundCommand();

    BackgroundCommand(const BackgroundCommand&) = delete;
    BackgroundCommand& operator=(const BackgroundCommand&) = delete;

    /**
     * Wait until the output contains a text.
     * @param text the text
     * @param seconds how long to wait at most
     * @return true if it appeared
     */
    bool WaitForOutput(const std::string& text, double seconds) const;
    /**
     * Send a signal to the command's process group.
     * @param sig the signal
     */
    void Signal(int sig);
    /**
     * Wait for the end (bounded by the time limit) and collect the output.
     * @return what it did
     */
    CommandResult Wait();

  private:
    pid_t m_pid{-1};        ///< the process (group leader)
    std::string m_outFile;  ///< where its output goes
    bool m_reaped{false};   ///< waited for
    CommandResult m_result; ///< once reaped
};

/// Sent and received counts of a ping run
struct PingResult
{
    int transmitted{-1}; ///< "N packets transmitted" (-1 if not found)
    int received{-1};    ///< "M received"
};

/**
 * Read a ping summary.
 * @param output ping's output
 * @return the counts
 */
PingResult ParsePing(const std::string& output);

/// One frame of a capture, as `tcpdump -e -n` prints it
struct CapturedFrame
{
    Mac48Address src; ///< source MAC
    Mac48Address dst; ///< destination MAC
    std::string line; ///< the whole line
};

/**
 * Read a pcap file with `tcpdump -r FILE -e -n`.
 * @param pcapFile the file
 * @return the frames
 */
std::vector<CapturedFrame> ReadCapture(const std::string& pcapFile);

/// How a forked child that was expected to stop with a fatal error ended
struct ChildOutcome
{
    bool fatal{false};  ///< it aborted (NS_FATAL_ERROR / NS_ABORT_MSG)
    bool hung{false};   ///< it was still running at the time limit (killed by SIGALRM)
    std::string output; ///< what it printed
};

/**
 * Run a function in a forked child with a time limit and report how it ended.
 * @param fn the function
 * @param seconds the time limit
 * @return the outcome
 */
ChildOutcome RunInChild(const std::function<void()>& fn, unsigned seconds = 10);

/**
 * The namespaces of one test, named `ipvemu-<pid>-<role>`. The constructor first removes
 * leftovers of earlier runs (namespaces of this prefix whose process is gone); the
 * destructor removes the test's namespaces, with everything in them (veths, TAPs,
 * bridges, nftables rules), and so does an exit handler if the test dies before.
 */
class EmuTestBed
{
  public:
    EmuTestBed();
    ~EmuTestBed();

    EmuTestBed(const EmuTestBed&) = delete;
    EmuTestBed& operator=(const EmuTestBed&) = delete;

    /**
     * Create a namespace (loopback up, IPv6 off so that only the test's traffic flows).
     * @param role a short role name
     * @return its full name
     */
    std::string AddNetns(const std::string& role);
    /**
     * Create a veth pair between two of the test's namespaces, both ends up.
     * @param nsA namespace of the first end
     * @param ifA name of the first end
     * @param nsB namespace of the second end
     * @param ifB name of the second end
     */
    void AddVeth(const std::string& nsA,
                 const std::string& ifA,
                 const std::string& nsB,
                 const std::string& ifB);
    /**
     * Run `ip ARGS` in a namespace, requiring success.
     * @param ns the namespace
     * @param args the ip arguments
     */
    void Ip(const std::string& ns, const std::string& args);
    /**
     * Run a command in a namespace (`ip netns exec`), requiring success.
     * @param ns the namespace
     * @param command the command
     * @return its output
     */
    std::string Exec(const std::string& ns, const std::string& command);
    /**
     * The MAC of an interface.
     * @param ns its namespace
     * @param ifname the interface
     * @return the MAC
     */
    Mac48Address MacOf(const std::string& ns, const std::string& ifname) const;
    /**
     * A file for the test's captures, removed with the test bed.
     * @param name a short name
     * @return the path
     */
    std::string TempFile(const std::string& name);

    /** @return the prefix of this process's namespaces */
    static std::string Prefix();

  private:
    std::vector<std::string> m_netns; ///< namespaces made
    std::vector<std::string> m_files; ///< temporary files made
};

/**
 * Build the usual emulation nodes: a host with a master on a real interface, the host's
 * own ipvlan interface (address .2 of its /24), and N containers with one ipvlan slave
 * each (addresses .10, .11, ... of theirs) and a default route via a gateway.
 */
struct EmuHost
{
    Ptr<Node> host;            ///< the simulated host
    Ptr<NetDevice> master;     ///< its master (FdNetDevice on the real interface)
    NodeContainer containers;  ///< the containers
    NetDeviceContainer slaves; ///< their slaves
    Ptr<NetDevice> hostIf;     ///< the host's own interface
};

/**
 * Start the real-time scheduler with checksums, build the master on a real interface and
 * ipvlan slaves (or macvlan slaves, to compare) on N containers.
 * @param netns the namespace of the real interface
 * @param ifname the real interface
 * @param nContainers how many containers
 * @param mode "l2", "l3", "l3s", or "macvlan" for macvlan bridge-mode slaves
 * @param subnet the containers' /24 (e.g. "10.199.0.0")
 * @param hostSubnet the host interface's /24 (the same as subnet in l2)
 * @param gateway the containers' default gateway
 * @return the nodes
 */
EmuHost BuildEmuHost(const std::string& netns,
                     const std::string& ifname,
                     uint32_t nContainers,
                     const std::string& mode,
                     const std::string& subnet,
                     const std::string& hostSubnet,
                     Ipv4Address gateway);

/**
 * The same with the master on a TAP the simulation creates (ns-3's "Tap" mode of
 * FdNetDevice): the TAP interface appears in the namespace, the master (the FdNetDevice)
 * has the MAC given; the TAP's Linux side is then the simulated host's link peer.
 * @param netns the namespace the TAP is created in
 * @param tapName the TAP's name
 * @param masterMac the master's MAC
 * @param nContainers how many containers (ipvlan l2)
 * @param subnet the /24 of the host and its containers
 * @param gateway the containers' default gateway
 * @return the nodes
 */
EmuHost BuildTapMasterHost(const std::string& netns,
                           const std::string& tapName,
                           Mac48Address masterMac,
                           uint32_t nContainers,
                           const std::string& subnet,
                           Ipv4Address gateway);

/**
 * The address `base + offset` (e.g. 10.199.0.0 + 10 = 10.199.0.10).
 * @param subnet the base
 * @param offset the host part
 * @return the address
 */
Ipv4Address AddressIn(const std::string& subnet, uint32_t offset);

/// Counts of a UDP flow with sequence numbers
struct FlowCounts
{
    uint32_t sent{0};       ///< datagrams sent
    uint32_t received{0};   ///< distinct datagrams received
    uint32_t duplicates{0}; ///< datagrams received again
};

/**
 * A real UDP flow in a namespace, run by a forked child process (forked before the
 * simulation's threads exist): a sender of numbered datagrams at a fixed rate, or a
 * receiver counting distinct numbers. It reports through a pipe and is bounded in time.
 */
class RealUdpFlow
{
  public:
    /**
     * Start a sender.
     * @param netns its namespace
     * @param dst destination
     * @param port destination port
     * @param size datagram size
     * @param rate datagrams per second
     * @param count how many
     * @param startDelay seconds to wait before the first
     * @return the flow
     */
    static RealUdpFlow StartSender(const std::string& netns,
                                   Ipv4Address dst,
                                   uint16_t port,
                                   uint32_t size,
                                   uint32_t rate,
                                   uint32_t count,
                                   double startDelay);
    /**
     * Start a receiver.
     * @param netns its namespace
     * @param port the port it binds
     * @param seconds how long it listens
     * @return the flow
     */
    static RealUdpFlow StartReceiver(const std::string& netns, uint16_t port, double seconds);

    RealUdpFlow(RealUdpFlow&& other) noexcept;
    ~RealUdpFlow();
    RealUdpFlow(const RealUdpFlow&) = delete;
    RealUdpFlow& operator=(const RealUdpFlow&) = delete;
    RealUdpFlow& operator=(RealUdpFlow&&) = delete;

    /**
     * Wait for the child (bounded) and read its counts.
     * @return the counts (sent for a sender, received/duplicates for a receiver)
     */
    FlowCounts Wait();

  private:
    RealUdpFlow() = default;
    pid_t m_pid{-1};   ///< the child
    int m_pipe{-1};    ///< read end of its report pipe
    double m_limit{0}; ///< seconds after which it is killed
};

/**
 * A UDP receiver on a simulated node counting distinct sequence numbers (the first four
 * bytes of each datagram, network order) and optionally echoing datagrams back.
 */
class SimUdpSink
{
  public:
    /**
     * Bind on a node.
     * @param node the node
     * @param port the port
     * @param echo send every datagram back to its sender
     */
    void Install(Ptr<Node> node, uint16_t port, bool echo = false);
    /** @return the counts (received, duplicates) */
    FlowCounts Counts() const;

  private:
    /**
     * Read what waits on the socket.
     * @param socket the socket
     */
    void Receive(Ptr<Socket> socket);

    Ptr<Socket> m_socket;      ///< the socket
    bool m_echo{false};        ///< echo back
    std::set<uint32_t> m_seen; ///< sequence numbers seen
    FlowCounts m_counts;       ///< counts
};

/**
 * A UDP sender on a simulated node: numbered datagrams at a fixed rate.
 */
class SimUdpSender
{
  public:
    /**
     * Schedule the flow.
     * @param node the node
     * @param dst destination
     * @param port destination port
     * @param size datagram size
     * @param rate datagrams per second
     * @param count how many
     * @param start when the first leaves
     */
    void Start(Ptr<Node> node,
               Ipv4Address dst,
               uint16_t port,
               uint32_t size,
               uint32_t rate,
               uint32_t count,
               Time start);
    /** @return the counts (sent: datagrams the socket accepted) */
    FlowCounts Counts() const;

  private:
    /// Send the next datagram and schedule the one after
    void SendNext();

    Ptr<Socket> m_socket; ///< the socket
    uint32_t m_size{0};   ///< datagram size
    Time m_interval;      ///< gap between datagrams
    uint32_t m_count{0};  ///< how many to send
    uint32_t m_next{0};   ///< next sequence number
    FlowCounts m_counts;  ///< counts
};

} // namespace ipvlanemutest
} // namespace ns3

#endif /* IPVLAN_EMU_TEST_BED_H */
