/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EMU_INTERFACE_H
#define IPVLAN_EMU_INTERFACE_H

#include "ns3/mac48-address.h"

#include <cstdint>
#include <string>

/**
 * @file
 * @ingroup ipvlan
 * The real-interface side of emulation (Linux only): network namespaces, packet sockets
 * on real interfaces, TAP devices, interface settings. The module opens these itself
 * and hands the descriptors to FdNetDevice, so it needs none of ns-3's socket-creator
 * programs (which Debian's ns-3.37 cannot find). Every call needs root (CAP_NET_RAW,
 * CAP_NET_ADMIN, CAP_SYS_ADMIN for namespaces); a refusal stops the program with
 * NS_FATAL_ERROR naming the call, the interface and the errno text.
 */

namespace ns3
{
namespace ipvlanemu
{

/// What the kernel reports about a real interface
struct InterfaceInfo
{
    std::string name;        ///< interface name
    int index{0};            ///< ifindex
    Mac48Address mac;        ///< hardware address (SIOCGIFHWADDR)
    uint16_t mtu{0};         ///< MTU (SIOCGIFMTU)
    bool up{false};          ///< IFF_UP
    bool noArp{false};       ///< IFF_NOARP
    bool promiscuous{false}; ///< IFF_PROMISC
};

/**
 * Enter a named network namespace (`/var/run/netns/NAME`, where `ip netns add` makes them) in
 * the calling thread for the lifetime of the object, then return to the previous one.
 * Sockets and TAP devices opened meanwhile stay in that namespace after the return
 * (a socket belongs to the namespace it was created in). An empty name stays where
 * the thread is.
 */
class NetnsScope
{
  public:
    /**
     * Enter a namespace; aborts with a clear message if it does not exist or the
     * process may not enter it.
     * @param netns the namespace name, or "" for the current one
     */
    explicit NetnsScope(const std::string& netns);
    /// Return to the namespace the thread was in
    ~NetnsScope();

    NetnsScope(const NetnsScope&) = delete;
    NetnsScope& operator=(const NetnsScope&) = delete;

  private:
    int m_saved{-1};     ///< descriptor of the namespace to return to
    std::string m_netns; ///< the namespace entered
};

/**
 * Read a real interface's index, MAC, MTU and flags (in the current namespace).
 * Aborts naming the interface if it does not exist or is not Ethernet.
 * @param ifname the interface name
 * @return what the kernel reports
 */
InterfaceInfo QueryInterface(const std::string& ifname);

/**
 * Open an AF_PACKET raw socket bound to a real Ethernet interface, receiving every
 * protocol (ETH_P_ALL) but not the frames the host itself sends on the interface
 * (PACKET_IGNORE_OUTGOING, where the kernel has it). No promiscuous mode unless asked.
 * @param iface the interface (from QueryInterface)
 * @param promiscuous ask for promiscuous mode (PACKET_MR_PROMISC, undone when the
 *        socket closes), as a master whose slaves have MACs of their own needs
 * @param allMulticast ask for every multicast frame (PACKET_MR_ALLMULTI), since the
 *        simulated slaves' multicast groups are not programmed into the NIC's filter
 * @return the socket descriptor
 */
int OpenPacketSocket(const InterfaceInfo& iface, bool promiscuous, bool allMulticast);

/**
 * Open (create, or attach to an existing persistent) TAP device through /dev/net/tun
 * with IFF_TAP | IFF_NO_PI, in the current namespace.
 * @param name the TAP interface name (at most 15 characters)
 * @return the descriptor of the TAP queue
 */
int OpenTap(const std::string& name);

/**
 * Set a real interface's MAC, MTU and NOARP flag and bring it up (in the current
 * namespace). Only what differs is changed.
 * @param ifname the interface
 * @param mac the MAC address
 * @param mtu the MTU
 * @param noArp set IFF_NOARP (else clear it)
 */
void ConfigureInterface(const std::string& ifname, Mac48Address mac, uint16_t mtu, bool noArp);

/**
 * Turn off the offloads that make frames seen through a packet socket differ from
 * frames on a wire (SIOCETHTOOL): TX checksumming (a local sender's checksums are left
 * partial), TSO, GSO and GRO/LRO (segments merged beyond the MTU). Needed on the real
 * senders of a host-internal test bed (veth, bridges); on a physical NIC, GRO/LRO matter.
 * Offloads a driver cannot change are left as they are (logged).
 * @param ifname the interface (in the current namespace)
 */
void DisableOffloads(const std::string& ifname);

/**
 * Describe an errno value for a message: its text, and the hint to run as root when
 * it is a permission error.
 * @param err the errno value
 * @return the description
 */
std::string DescribeErrno(int err);

} // namespace ipvlanemu
} // namespace ns3

#endif /* IPVLAN_EMU_INTERFACE_H */
