/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_TAP_HELPER_H
#define IPVLAN_TAP_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipvlan-emu-helper.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/ipvlan-tap-bridge.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup ipvlan
 * IpvlanTapHelper: an ipvlan slave whose stack is a real network namespace behind a TAP
 * (the kernel's ipvtap).
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * Builds the analogue of `ip link add link MASTER name NAME type ipvtap mode M FLAGS`:
 * an ipvlan slave on a container node, a TAP interface (in a real network namespace, see
 * SetNetns) wrapped in an FdNetDevice on the same node, and the IpvlanTapBridge between
 * them. A real process in that namespace then uses the simulated slave: what it sends
 * on the TAP enters the slave's transmit path, what the port demultiplexes to the slave
 * comes out of the TAP.
 *
 * The TAP gets the master's MAC and the slave's MTU, and NOARP when the port is in l3 or
 * l3s at install time (as the ipvtap device does); it is brought up. Give it its IP
 * addresses in the namespace (`ip addr add`), and the same addresses to Install (the
 * port demultiplexes by the addresses of the slave, as the kernel does by those of the
 * ipvtap device). A persistent TAP made beforehand (`ip tuntap add NAME mode tap`) is
 * attached to; otherwise the TAP is created and disappears when the program ends.
 *
 * @code
 *   IpvlanEmuHelper::EnableRealtime();
 *   ...
 *   IpvlanTapHelper ipvtap;
 *   ipvtap.SetMode("l2");
 *   ipvtap.SetNetns("ctr1");                 // the TAP is in netns ctr1
 *   Ptr<IpvlanTapBridge> b = ipvtap.Install(master, CreateObject<Node>(), "ipvt0",
 *                                           Ipv4Address("10.0.0.50"));
 * @endcode
 */
class IpvlanTapHelper
{
  public:
    IpvlanTapHelper();

    /**
     * Set the mode by its iproute2 word ("l2", "l3", "l3s"; default l3, as the kernel).
     * @param word the mode word
     */
    void SetMode(const std::string& word);
    /**
     * Set the flags by iproute2 words ("bridge", "private", "vepa").
     * @param words the flag words
     */
    void SetFlags(const std::string& words);
    /**
     * The network namespace the TAP interface is in (or created in); "" (the default)
     * is the program's own.
     * @param netns the namespace name
     */
    void SetNetns(const std::string& netns);

    /**
     * Build the TAP-bridged slave.
     * @param master the master device (e.g. from IpvlanEmuHelper::InstallMaster)
     * @param container the node of the slave and the TAP device (it gets no IP stack)
     * @param tapName the TAP interface name
     * @param addresses the addresses used behind the TAP
     * @return the bridge (aggregated to the slave)
     */
    Ptr<IpvlanTapBridge> Install(Ptr<NetDevice> master,
                                 Ptr<Node> container,
                                 const std::string& tapName,
                                 const std::vector<Ipv4Address>& addresses) const;
    /**
     * Build the TAP-bridged slave with one IPv4 address.
     * @param master the master device
     * @param container the node of the slave and the TAP device
     * @param tapName the TAP interface name
     * @param address the address used behind the TAP
     * @return the bridge
     */
    Ptr<IpvlanTapBridge> Install(Ptr<NetDevice> master,
                                 Ptr<Node> container,
                                 const std::string& tapName,
                                 Ipv4Address address) const;

  private:
    IpvlanHelper m_ipvlan; ///< builds the slave
    IpvlanEmuHelper m_emu; ///< opens the TAP
};

} // namespace ns3

#endif /* IPVLAN_TAP_HELPER_H */
