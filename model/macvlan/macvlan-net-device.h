/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MACVLAN_NET_DEVICE_H
#define MACVLAN_NET_DEVICE_H

#include "ns3/mac48-address.h"
#include "ns3/stacked-net-device.h"

#include <cstdint>
#include <ostream>
#include <string>

/**
 * @file
 * @ingroup ipvlan
 * A macvlan slave device (kernel: struct macvlan_dev), for comparison with ipvlan.
 */

namespace ns3
{

class MacvlanPort;

/**
 * @ingroup ipvlan
 * The macvlan modes, with the kernel's uapi values (enum macvlan_mode). The mode is
 * per slave, as the kernel's vlan->mode. The source mode is not modelled.
 */
enum MacvlanMode : uint32_t
{
    MACVLAN_MODE_PRIVATE = 1,  ///< no slave-to-slave traffic at all, not even broadcast
    MACVLAN_MODE_VEPA = 2,     ///< everything to the wire; peers are reached by a hairpin switch
    MACVLAN_MODE_BRIDGE = 4,   ///< slave-to-slave switched locally
    MACVLAN_MODE_PASSTHRU = 8, ///< one slave only, with the master's MAC
};

/**
 * Stream a mode as its iproute2 word ("private", "vepa", "bridge", "passthru").
 * @param os the stream
 * @param mode the mode
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, MacvlanMode mode);

/**
 * Parse an iproute2 mode word; anything else aborts, naming the allowed words.
 * @param word "bridge", "private", "vepa" or "passthru"
 * @return the mode
 */
MacvlanMode ParseMacvlanMode(const std::string& word);

/**
 * @ingroup ipvlan
 * A macvlan slave: a virtual Ethernet device on a container's node with a MAC address
 * of its own (by default a new one from Mac48Address::Allocate, as the kernel picks a
 * random one), stacked on a master whose MacvlanPort demultiplexes received frames by
 * destination MAC. Its frames leave the master with its own MAC as source, so a switch
 * sees one MAC per slave, and the master's NIC filter holds one unicast address per
 * slave (dev_uc_add in macvlan_open): the two reasons ipvlan exists.
 *
 * Create it, add it to the container node, then Attach() it to the master (or let
 * MacvlanHelper do all three).
 */
class MacvlanNetDevice : public StackedNetDevice
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    MacvlanNetDevice();
    ~MacvlanNetDevice() override;

    /**
     * Attach to a master (kernel: `ip link add link MASTER NAME type macvlan mode MODE`).
     * The device must already be on its node. A macvlan master means its own master
     * (macvlan on macvlan is flattened, as macvlan_common_newlink does).
     * @param master the master device
     * @param mode the mode
     */
    void Attach(Ptr<NetDevice> master, MacvlanMode mode);

    /** @return the port, or nullptr before Attach() */
    Ptr<MacvlanPort> GetPort() const;

    /**
     * Change the mode (changelink). Entering or leaving passthru once attached aborts
     * (EINVAL), as the kernel refuses it.
     * @param mode the mode
     */
    void SetMode(MacvlanMode mode);
    /** @return the mode */
    MacvlanMode GetMode() const;

    /**
     * @return true when a passthru slave leaves the master's promiscuity alone
     * (MACVLAN_FLAG_NOPROMISC)
     */
    bool GetNoPromisc() const;

    /**
     * Bring the device up or down (macvlan_open / macvlan_stop): its MAC enters or leaves
     * the port's table and the NIC's unicast filter.
     * @param up true for up
     */
    void SetAdminUp(bool up) override;

    /** @return this slave's own MAC (the master's in passthru mode) */
    Mac48Address GetMac() const;

    // NetDevice
    Address GetAddress() const override;
    /**
     * Set the slave's MAC (macvlan_set_mac_address). Refused (abort) when not a valid
     * unicast Ethernet address (EADDRNOTAVAIL) or, while up, when the master or another
     * slave has it (EADDRINUSE). In passthru mode this sets the master's address.
     * @param address the new address
     */
    void SetAddress(Address address) override;
    /**
     * @param mtu the MTU
     * @return false (unchanged) below 68 or above the master's MTU (macvlan_change_mtu:
     * EINVAL)
     */
    bool SetMtu(const uint16_t mtu) override;
    bool NeedsArp() const override;

  protected:
    void DoDispose() override;
    StackedPort* GetSendPort() const override;
    bool DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocolNumber) override;

  private:
    Ptr<MacvlanPort> m_port;                 ///< our port (vlan->port)
    Mac48Address m_address;                  ///< our own MAC (dev->dev_addr)
    MacvlanMode m_mode{MACVLAN_MODE_BRIDGE}; ///< vlan->mode
    bool m_noPromisc{false};                 ///< MACVLAN_FLAG_NOPROMISC
};

} // namespace ns3

#endif /* MACVLAN_NET_DEVICE_H */
