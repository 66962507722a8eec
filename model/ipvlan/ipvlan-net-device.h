/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_NET_DEVICE_H
#define IPVLAN_NET_DEVICE_H

#include "ipvlan-mode.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/stacked-net-device.h"

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
class Ipv4Interface;
class Ipv6Interface;
class Ipv6InterfaceAddress;

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
    /**
     * Delete the slave at run time (kernel: `ip link del NAME`, ipvlan_link_delete and
     * unregister_netdevice): its addresses leave the port's table, its dev_id is freed,
     * its node's IPv4/IPv6 interfaces on it go down (their routes with them), it sends
     * nothing more, and frames still in flight to it are dropped with reason
     * slave-deleted. ns-3 cannot remove a device from its node: the device stays there,
     * dead. Idempotent.
     */
    void Delete();
    /**
     * The port (its master) is going away (kernel: the master's unregister deletes every
     * slave): leave it without touching the node's stack, which may be gone already at
     * Simulator::Destroy. Called by the port.
     */
    void PortDeleted();
    /**
     * Set or clear IFF_NOARP (ipvlan_set_port_mode on a mode change, ipvlan_open): in l3
     * and l3s the slave resolves no neighbours. On the way to l2 the node's IPv4 interface
     * on this slave gets an ARP cache if ns-3 did not give it one (it does so only when
     * the interface is added while NeedsArp() is true). Called by the port.
     * @param noArp true in l3/l3s
     */
    void SetNoArp(bool noArp);
    /**
     * @return true when this slave's IPv4 addresses belong in the port's demux table:
     * administratively up, not deleted, and its node's IPv4 interface on it up
     */
    bool IsIpv4Running() const;
    /**
     * @return true when this slave's IPv6 addresses belong in the port's demux table
     * (as IsIpv4Running(), for the node's IPv6 interface)
     */
    bool IsIpv6Running() const;
    /**
     * Whether a frame of this ethertype reaches a running slave: IPv4 and ARP need its
     * IPv4 interface up, IPv6 its IPv6 interface, anything else the device up (ns-3 keeps
     * a per-family interface state where Linux has one link state).
     * @param protocol the ethertype
     * @return true if the slave takes it
     */
    bool IsRunningFor(uint16_t protocol) const;

    /**
     * The node's IP interface of one family on this slave went up or down (Ipv4::SetUp,
     * Ipv6::SetDown, ...): the addresses of that family enter or leave the demux table
     * (the interface's own state is read). Going down, IPv6 addresses are gone (ns-3
     * clears them, as Linux's addrconf flushes them); going up, the kernel's link-local
     * replaces ns-3's. Called by the address watch.
     * @param v6 IPv6 (else IPv4)
     */
    void NotifyIpInterfaceState(bool v6);
    /**
     * Bring this slave's IPv6 address list in line with its node's IPv6 interface: forget
     * addresses the stack no longer has (cleared by Ipv6::SetDown, removed silently),
     * learn the ones it has, put the kernel's link-local in place of ns-3's MAC-derived
     * one. Control path only.
     */
    void SyncIpv6Addresses();

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
    /**
     * Watch the node's IPv6 interface on this slave directly (its address callbacks, where
     * the ns-3 release has them: 3.37 and newer), so that addresses added at run time are
     * learnt with any IPv6 routing protocol, not only a list routing. Called by the
     * address watch once the interface exists.
     */
    void HookIpInterfaces();
    /**
     * The interface identifier every slave of this master would get from ns-3's EUI-64
     * (the shared MAC), which the kernel replaces with the dev_id form.
     * @param address an IPv6 address
     * @return true if its low 64 bits are the shared MAC's modified EUI-64
     */
    bool HasSharedInterfaceId(Ipv6Address address) const;
    /**
     * The address the kernel gives this slave in place of one with the shared interface
     * identifier: the same prefix, the dev_id interface identifier (addrconf_ifid_eui48).
     * @param address an address with the shared interface identifier
     * @return the dev_id form
     */
    Ipv6Address KernelFormOf(Ipv6Address address) const;

    // NetDevice
    bool SetMtu(const uint16_t mtu) override;
    bool NeedsArp() const override;

  protected:
    void DoDispose() override;
    StackedPort* GetSendPort() const override;
    bool DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocolNumber) override;
    void DoInitialize() override;

  private:
    /**
     * Leave the port: addresses out of its tables, dev_id freed.
     */
    void LeavePort();
    /**
     * Bring the node's IPv4 interface on this slave up or down, if it has one.
     * @param up the state
     */
    void SetIpv4InterfaceUp(bool up);
    /**
     * Claim, on attaching, the addresses given before there was a port.
     */
    void ClaimAddressesGivenBefore();
    /**
     * An address was added to the node's IPv6 interface on this slave.
     * @param iface the interface
     * @param address the address
     */
    void Ipv6AddressAdded(Ptr<Ipv6Interface> iface, Ipv6InterfaceAddress address);
    /**
     * An address was removed from the node's IPv6 interface on this slave.
     * @param iface the interface
     * @param address the address
     */
    void Ipv6AddressRemoved(Ptr<Ipv6Interface> iface, Ipv6InterfaceAddress address);
    /**
     * Learn one address the stack put on this slave's IPv6 interface: replace ns-3's
     * shared-MAC identifier by the kernel's, claim it, watch its DAD.
     * @param address the address
     */
    void LearnIpv6(Ipv6Address address);
    /**
     * A transmission that is ns-3's DAD probe for a shared-identifier address this slave
     * replaced (the probe was scheduled before the replacement).
     * @param packet the payload
     * @param protocol ethertype
     * @return true if it is such a probe
     */
    bool IsStaleDadProbe(Ptr<const Packet> packet, uint16_t protocol);
    /**
     * An IPv6 packet ns-3 sends from its shared-MAC link-local: rebuilt with the kernel's
     * dev_id link-local as its source (the only per-packet work, and only for such packets).
     * @param packet an IPv6 packet
     * @return the packet, or its rewritten copy
     */
    Ptr<Packet> RewriteSharedSource(Ptr<Packet> packet) const;

    Ptr<IpvlanPort> m_port;                    ///< our port (ipvlan->port)
    bool m_noArp{false};                       ///< IFF_NOARP (l3/l3s)
    Ptr<Ipv4Interface> m_ip4If;                ///< the node's IPv4 interface, once known
    Ptr<Ipv6Interface> m_ip6If;                ///< the node's IPv6 interface, once hooked
    uint32_t m_staleDadProbes{0};              ///< ns-3 DAD probes of replaced addresses due
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
