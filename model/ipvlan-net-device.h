/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_NET_DEVICE_H
#define IPVLAN_NET_DEVICE_H

#include "ipvlan-mode.h"
#include "stacked-net-device.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <set>
#include <string>
#include <vector>

/**
 * @defgroup ipvlan Ipvlan
 * A model of the Linux IPvlan driver: virtual devices (slaves) that share their
 * master's MAC address and are told apart by L3 address.
 */

/**
 * @file
 * @ingroup ipvlan
 * The ipvlan slave device (kernel: struct ipvl_dev).
 */

namespace ns3
{

class IpvlanPort;

/**
 * @ingroup ipvlan
 * An ipvlan slave: a virtual Ethernet device on a container's node whose MAC is its
 * master's and whose frames the master's IpvlanPort switches by L3 address.
 *
 * Create it, add it to the container node, then Attach() it to the master (or let
 * IpvlanHelper do all three). Its IPv4/IPv6 addresses are learnt from the node's
 * stack as the kernel learns them from address notifiers; an address another slave
 * of the same port holds is refused.
 */
class IpvlanNetDevice : public StackedNetDevice
{
  public:
    /**
     * Address-refusal trace signature.
     * @param slave the slave the address was refused on
     * @param address the refused address (as text)
     * @param reason why, naming the holder
     */
    typedef void (*AddressRefusedTracedCallback)(Ptr<const IpvlanNetDevice> slave,
                                                 const std::string& address,
                                                 const std::string& reason);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpvlanNetDevice();
    ~IpvlanNetDevice() override;

    /**
     * Attach to a master (kernel: `ip link add link MASTER NAME type ipvlan mode M F`).
     * The device must already be on its node. Sets the port's mode and flags (last
     * writer wins), as newlink does.
     * @param master the master device (an ipvlan slave means its master: flattened)
     * @param mode the mode to set on the port
     * @param flags the IPVLAN_F_* flags to set on the port
     */
    void Attach(Ptr<NetDevice> master, IpvlanMode mode, uint16_t flags);

    /** @return the port, or nullptr before Attach() */
    Ptr<IpvlanPort> GetPort() const;

    /**
     * @return the slave's dev_id, unique on its port (1 to 0xFFFD; 0 before Attach()).
     * It makes slaves' IPv6 link-local addresses distinct although they share one MAC.
     */
    uint16_t GetDevId() const;
    /**
     * Set the dev_id (done by the port when the slave is added).
     * @param id the id
     */
    void SetDevId(uint16_t id);

    /**
     * The IPv6 link-local address the kernel gives this slave (addrconf_ifid_eui48 with
     * dev_id): MAC[0..2] | dev_id | MAC[3..5], the U/L bit left as is.
     * @return the address
     */
    Ipv6Address GetKernelLinkLocalAddress() const;

    /**
     * Bring the device up or down (ipvlan_open / ipvlan_stop): its addresses enter or
     * leave the port's demux table.
     * @param up true for up
     */
    void SetAdminUp(bool up) override;

    /**
     * Add an address to this slave's list (ipvlan_add_addr4/6 after the validator).
     * @param address the address
     * @return an empty string on success, else why it was refused
     */
    std::string AddIpAddress(Ipv4Address address);
    /** @copydoc AddIpAddress(Ipv4Address) */
    std::string AddIpAddress(Ipv6Address address);
    /**
     * Remove an address from this slave's list (ipvlan_del_addr); no-op if absent.
     * @param address the address
     */
    void RemoveIpAddress(Ipv4Address address);
    /** @copydoc RemoveIpAddress(Ipv4Address) */
    void RemoveIpAddress(Ipv6Address address);
    /** @return every IPv4 address configured on this slave */
    const std::vector<Ipv4Address>& GetIpv4Addresses() const;
    /** @return every IPv6 address configured on this slave */
    const std::vector<Ipv6Address>& GetIpv6Addresses() const;

    /**
     * Add a multicast group to this slave's filter (the slave's mc list, which the kernel
     * fills from IP_ADD_MEMBERSHIP and friends; ns-3's stack does not tell devices, so
     * join the groups a container listens to here).
     * @param group the group MAC (e.g. Mac48Address::GetMulticast(Ipv4Address("239.1.2.3")))
     */
    void JoinMulticastGroup(Mac48Address group);
    /**
     * Remove a multicast group from the filter.
     * @param group the group MAC
     */
    void LeaveMulticastGroup(Mac48Address group);
    /**
     * Accept every multicast frame (IFF_ALLMULTI or IFF_PROMISC set every filter bit).
     * @param on true to accept all
     */
    void SetAllMulti(bool on);
    /**
     * The slave's multicast filter (ipvlan_set_multicast_mac_filter): broadcast always
     * passes; then every group if all-multicast is on; then the groups joined, the
     * all-hosts/all-nodes groups the stack always joins (01:00:5e:00:00:01,
     * 33:33:00:00:00:01) and the solicited-node group of each of its IPv6 addresses.
     * Exact, where the kernel uses a 256-bit hash (whose collisions the slave's IP stack
     * filters out anyway).
     * @param group a destination MAC
     * @return true if a frame to it is delivered to this slave
     */
    bool AcceptsMulticast(Mac48Address group) const;

    /**
     * Report an address the stack tried to add and the port refused.
     * @param address the address, as text
     * @param reason the reason
     */
    void NotifyAddressRefused(const std::string& address, const std::string& reason);

    // NetDevice
    bool SetMtu(const uint16_t mtu) override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool NeedsArp() const override;

  protected:
    void DoDispose() override;
    void DoInitialize() override;

  private:
    Ptr<IpvlanPort> m_port;                    ///< our port (ipvlan->port)
    uint16_t m_devId{0};                       ///< dev->dev_id
    std::vector<Ipv4Address> m_addrs4;         ///< ipvlan->addrs, IPv4
    std::vector<Ipv6Address> m_addrs6;         ///< ipvlan->addrs, IPv6
    std::set<Mac48Address> m_mcJoined;         ///< groups joined explicitly
    std::multiset<Mac48Address> m_mcSolicited; ///< solicited-node groups of m_addrs6
    bool m_allMulti{false};                    ///< IFF_ALLMULTI
    TracedCallback<Ptr<const IpvlanNetDevice>, const std::string&, const std::string&>
        m_addressRefusedTrace; ///< AddressRefused
};

} // namespace ns3

#endif /* IPVLAN_NET_DEVICE_H */
