/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EMU_HELPER_H
#define IPVLAN_EMU_HELPER_H

#include "ns3/fd-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>

/**
 * @file
 * @ingroup ipvlan
 * IpvlanEmuHelper: FdNetDevices on real interfaces (a raw socket on a NIC, a TAP), opened
 * by the module itself.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Puts a simulated host on a real network: an ipvlan master that is a real Ethernet
 * interface (an FdNetDevice on an AF_PACKET socket bound to it), and TAP devices for
 * real namespaces (see IpvlanTapHelper). The module opens the descriptors itself and
 * hands them to FdNetDevice, so none of ns-3's socket-creator programs is needed.
 *
 * Unlike ns-3's EmuFdNetDevice, the master keeps the NIC's **own** MAC address and the
 * NIC stays out of promiscuous mode: every ipvlan slave uses that MAC, so every simulated
 * container appears on the real network behind the one MAC the NIC already has. Only a
 * master whose slaves have MACs of their own (the macvlan model) needs promiscuous mode
 * (SetPromiscuous).
 *
 * Emulation runs in real time with real checksums: call EnableRealtime() before
 * building anything. Root is required.
 *
 * @code
 *   IpvlanEmuHelper::EnableRealtime();
 *   Ptr<Node> host = CreateObject<Node>();
 *   IpvlanEmuHelper emu;
 *   Ptr<FdNetDevice> eth0 = emu.InstallMaster(host, "eth0");
 *   IpvlanHelper ipvlan;
 *   ipvlan.SetMode("l2");
 *   NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
 * @endcode
 */
class IpvlanEmuHelper
{
  public:
    IpvlanEmuHelper();

    /**
     * Select ns-3's real-time scheduler (RealtimeSimulatorImpl) and turn checksums on
     * (ChecksumEnabled), as emulation needs. Call it before any node, device or event
     * is created; InstallMaster and InstallTap refuse to run without it.
     */
    static void EnableRealtime();

    /**
     * Look for interfaces in a named network namespace (`ip netns add NAME`) instead of
     * the program's own. The sockets and TAPs stay there; the program does not move.
     * @param netns the namespace name ("" for the program's own, the default)
     */
    void SetNetns(const std::string& netns);
    /** @return the namespace interfaces are looked for in ("" for the program's own) */
    std::string GetNetns() const;

    /**
     * Put the master's NIC in promiscuous mode (off by default). ipvlan never needs it;
     * a macvlan master on a real NIC does, to receive frames for its slaves' MACs.
     * @param on true for promiscuous
     */
    void SetPromiscuous(bool on);

    /**
     * Receive every multicast frame on the master (on by default): the simulated
     * slaves' multicast groups are not programmed into the NIC's filter.
     * @param on true for all-multicast
     */
    void SetAllMulticast(bool on);

    /**
     * Set an attribute on every FdNetDevice created afterwards (e.g. "RxQueueSize").
     * @param name attribute name
     * @param value attribute value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Make a real Ethernet interface the master device of a simulated host: a raw packet
     * socket bound to it, in an FdNetDevice with the interface's own MAC and MTU. The
     * interface should be up and carry no traffic of the real host's own (give it no IP
     * address), and it must not be put in a bridge by the simulation.
     * @param host the simulated host node
     * @param ifname the real interface (e.g. "eth0")
     * @return the master device, on the host node
     */
    Ptr<FdNetDevice> InstallMaster(Ptr<Node> host, const std::string& ifname) const;

    /**
     * Open a TAP interface (created, or an existing persistent one attached to) and
     * wrap it in an FdNetDevice on a node. The TAP is given the MAC and MTU asked for,
     * NOARP if asked, and brought up.
     * @param node the node the FdNetDevice goes on
     * @param tapName the TAP interface name
     * @param mac the MAC of the TAP interface (and of the FdNetDevice)
     * @param mtu the MTU of both
     * @param noArp set NOARP on the TAP interface
     * @return the device
     */
    Ptr<FdNetDevice> InstallTap(Ptr<Node> node,
                                const std::string& tapName,
                                Mac48Address mac,
                                uint16_t mtu,
                                bool noArp = false) const;

    /**
     * Turn off the offloads that make a local sender's frames differ from wire frames
     * (TX checksum, TSO, GSO, GRO, LRO) on a real interface, as `ethtool -K IF tx off
     * tso off gso off gro off lro off` does. On a host-internal test bed (veth), call
     * it for the real senders' interfaces; on a physical master NIC, GRO/LRO matter.
     * @param ifname the interface
     * @param netns the namespace it is in ("" for the program's own)
     */
    static void DisableOffloads(const std::string& ifname, const std::string& netns = "");

  private:
    /// Abort unless the real-time scheduler and checksums are on
    static void CheckRealtime();

    ObjectFactory m_factory;   ///< FdNetDevice factory
    std::string m_netns;       ///< namespace of the interfaces
    bool m_promiscuous{false}; ///< promiscuous master
    bool m_allMulticast{true}; ///< all-multicast master
};

} // namespace ns3

#endif /* IPVLAN_EMU_HELPER_H */
