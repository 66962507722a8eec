/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_TEST_UTILS_H
#define IPVLAN_TEST_UTILS_H

#include "ns3/error-model.h"
#include "ns3/ethernet-switch-net-device.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipvlan-drop-reason.h"
#include "ns3/ipvlan-host-net-device.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
#include "ns3/mac16-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/socket.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

/**
 * @defgroup ipvlan-tests Ipvlan module tests
 * @ingroup ipvlan
 * @ingroup tests
 * The module's tests are Boost.Test cases (test/ipvlan/, test/macvlan/, test/switch/,
 * test/nic/). The standalone runner (test/ipvlan-test-main.cc) runs them with Boost.Test, or
 * through ns-3's TestRunner with --ns3; inside an ns-3 tree ./test.py runs them through one
 * ns-3 TestSuite per area, "ipvlan-l2", "ipvlan-l3", ... (test/ipvlan-test-suite.cc). The
 * test beds, probes and recorders they share are declared here.
 */

/**
 * @file
 * @ingroup ipvlan-tests
 * Test beds and probes shared by the ipvlan Boost.Test cases.
 */

namespace ns3
{
namespace ipvlantest
{

/**
 * @ingroup ipvlan-tests
 * Run the Boost.Test runner over every registered case.
 * @param argc argument count
 * @param argv Boost.Test arguments
 * @return 0 when every case passed
 */
int RunBoostTests(int argc, char** argv);

/**
 * @ingroup ipvlan-tests
 * One frame seen on the wire (by a promiscuous observer device on the channel)
 */
struct WireFrame
{
    Time at;            ///< when
    Mac48Address src;   ///< source MAC
    Mac48Address dst;   ///< destination MAC
    uint16_t protocol;  ///< ethertype
    Ipv4Address ipSrc;  ///< IPv4 source, or ARP sender IP
    Ipv4Address ipDst;  ///< IPv4 destination, or ARP target IP
    uint16_t arpOp{0};  ///< ARP operation (1 request, 2 reply), 0 otherwise
    Ipv6Address ip6Src; ///< IPv6 source
    Ipv6Address ip6Dst; ///< IPv6 destination

    /** @return whether it carries IPv4 */
    bool IsIpv4() const;
    /** @return whether it carries IPv6 */
    bool IsIpv6() const;
    /**
     * @param op an ARP operation (ArpHeader::ARP_TYPE_REQUEST or ARP_TYPE_REPLY)
     * @return whether it is an ARP frame of that operation
     */
    bool IsArp(uint16_t op) const;
    /**
     * @param a an address
     * @param b another
     * @return whether it carries IPv4 from a to b or from b to a
     */
    bool IsIpv4Between(Ipv4Address a, Ipv4Address b) const;
};

/**
 * @ingroup ipvlan-tests
 * @param wire frames seen on the wire
 * @param op an ARP operation (ArpHeader::ARP_TYPE_REQUEST or ARP_TYPE_REPLY)
 * @return how many are ARP frames of that operation
 */
uint32_t CountArp(const std::vector<WireFrame>& wire, uint16_t op);

/**
 * @ingroup ipvlan-tests
 * @param wire frames seen on the wire
 * @param a an address
 * @param b another
 * @return how many carry IPv4 between the two (either direction)
 */
uint32_t CountIpv4Between(const std::vector<WireFrame>& wire, Ipv4Address a, Ipv4Address b);

/**
 * @ingroup ipvlan-tests
 * A promiscuous receive callback that records every frame into a list (bind the list
 * with MakeBoundCallback and set it on an observer device of the wire).
 * @param wire where to record
 * @param device the observer device
 * @param packet the frame's payload
 * @param protocol ethertype
 * @param from source MAC
 * @param to destination MAC
 * @param type packet type
 * @return true
 */
bool RecordWireFrame(std::vector<WireFrame>* wire,
                     Ptr<NetDevice> device,
                     Ptr<const Packet> packet,
                     uint16_t protocol,
                     const Address& from,
                     const Address& to,
                     NetDevice::PacketType type);

/**
 * @ingroup ipvlan-tests
 * One drop seen on a port or device trace
 */
struct DropRecord
{
    IpvlanDropReason reason; ///< why
    std::string where;       ///< which trace
};

/**
 * @ingroup ipvlan-tests
 * A host with an ipvlan master on a wire (SimpleChannel), N containers with one slave
 * each, the host's own interface, an external host (called "router") on the same
 * wire, and a promiscuous observer that records every frame on the wire.
 *
 * Addresses (10.0.0.0/24): router .1, host .2, container i .(10+i).
 * Every container's default route is via the router, as in the kernel HOWTO.
 */
struct L2TestBed
{
    /**
     * Build it.
     * @param nContainers number of containers
     * @param flags port flags
     * @param withHostInterface create the host's interface (with address .2)
     * @param mode the port mode
     * @param ipv6ListRouting give every node an IPv6 list routing (as 3.40+ and the
     *        validation runner do) instead of 3.37's bare static routing
     */
    L2TestBed(uint32_t nContainers,
              uint16_t flags = 0,
              bool withHostInterface = true,
              IpvlanMode mode = IPVLAN_MODE_L2,
              bool ipv6ListRouting = false);
    ~L2TestBed();

    Ptr<Node> host;                           ///< the host node (master's node)
    Ptr<Node> router;                         ///< the external host on the wire
    Ptr<Node> observer;                       ///< a node holding the wire observer
    NodeContainer containers;                 ///< container nodes
    Ptr<SimpleChannel> channel;               ///< the wire
    Ptr<SimpleNetDevice> master;              ///< the master (eth0)
    Ptr<SimpleNetDevice> routerDev;           ///< the router's device
    Ptr<IpvlanHostNetDevice> hostIf;          ///< the host's interface, if created
    std::vector<Ptr<IpvlanNetDevice>> slaves; ///< the slaves
    Ptr<IpvlanPort> port;                     ///< the port

    std::vector<WireFrame> wire;   ///< every frame on the wire
    std::vector<DropRecord> drops; ///< every drop on the port

    /** @return the master's MAC */
    Mac48Address MasterMac() const;
    /** @return the router's MAC */
    Mac48Address RouterMac() const;
    /**
     * @param i container index
     * @return its address
     */
    static Ipv4Address ContainerAddress(uint32_t i);
    /** @return the router's address */
    static Ipv4Address RouterAddress();
    /** @return the host's address */
    static Ipv4Address HostAddress();

    /**
     * Give the router (2001:db8::1), the host's interface (::2) and container i
     * (::(10+i), hex) IPv6 addresses on 2001:db8::/64.
     */
    void AddIpv6();
    /**
     * @param i container index
     * @return its IPv6 address
     */
    static Ipv6Address ContainerAddress6(uint32_t i);
    /** @return the router's IPv6 address */
    static Ipv6Address RouterAddress6();

    /**
     * Frames on the wire that carry an IPv4 (or ARP) address among their source or
     * destination.
     * @param a the address
     * @return the frames
     */
    std::vector<WireFrame> FramesWith(Ipv4Address a) const;
    /**
     * Frames on the wire with a given ethertype.
     * @param protocol ethertype
     * @return how many
     */
    uint32_t CountWire(uint16_t protocol) const;
    /**
     * Drops on the port's Drop trace with a given reason.
     * @param reason the reason
     * @return how many
     */
    uint32_t CountDrops(IpvlanDropReason reason) const;
    /**
     * Give the router a host route to every container via the host (.2): the way an
     * external host reaches NOARP (l3, l3s) slaves.
     */
    void RouteContainersViaHost();
};

/**
 * @ingroup ipvlan-tests
 * Drops counted by reason, from Drop traces. Connect it, let the simulation run, read
 * it like a map.
 */
class DropCounter
{
  public:
    DropCounter() = default;
    DropCounter(const DropCounter&) = delete;
    DropCounter& operator=(const DropCounter&) = delete;

    /**
     * Count the drops of a device (the Drop trace of a stacked device: an ipvlan slave,
     * an ipvlan host interface, a macvlan slave).
     * @param device the device
     */
    void CountDevice(Ptr<NetDevice> device);
    /**
     * Count the drops of a port (the Drop trace of an ipvlan or macvlan port).
     * @param port the port
     */
    void CountPort(Ptr<Object> port);
    /**
     * @param reason a reason
     * @return the drops counted with it
     */
    uint32_t operator[](IpvlanDropReason reason) const;

  private:
    /**
     * The device trace sink.
     * @param packet the dropped packet
     * @param reason why
     */
    void NoteDevice(Ptr<const Packet> packet, IpvlanDropReason reason);
    /**
     * The port trace sink.
     * @param packet the dropped packet
     * @param reason why
     * @param device the device concerned
     */
    void NotePort(Ptr<const Packet> packet, IpvlanDropReason reason, Ptr<const NetDevice> device);

    std::map<IpvlanDropReason, uint32_t> m_counts; ///< drops by reason
};

/**
 * @ingroup ipvlan-tests
 * A master given by the test (any SimpleNetDevice, e.g. one that notes or fakes
 * something) on a wire with a router, one container with an ipvlan slave on it, and the
 * host's interface. IPv4 on 10.9.0.0/24: router .1, host .2, container .3.
 */
struct OneContainerBed
{
    /**
     * Build it.
     * @param master the master device (not yet on a node)
     * @param mode the port mode
     */
    OneContainerBed(Ptr<SimpleNetDevice> master, IpvlanMode mode);
    ~OneContainerBed();
    Ptr<Node> host = CreateObject<Node>();      ///< the master's node
    Ptr<Node> router = CreateObject<Node>();    ///< the external host
    Ptr<Node> container = CreateObject<Node>(); ///< the container
    Ptr<SimpleNetDevice> master;                ///< the master
    Ptr<SimpleNetDevice> routerDev;             ///< the router's device
    Ptr<IpvlanNetDevice> slave;                 ///< the container's slave
    Ptr<IpvlanHostNetDevice> hostIf;            ///< the host's interface
};

/**
 * @ingroup ipvlan-tests
 * Give a device an IPv6 address (/64) as a user does: the interface (added if needed),
 * the address, up.
 * @param node the device's node
 * @param dev the device
 * @param a the address
 * @return the interface index
 */
uint32_t AddIpv6Address(Ptr<Node> node, Ptr<NetDevice> dev, Ipv6Address a);

/**
 * @ingroup ipvlan-tests
 * @param node a node
 * @param dev one of its devices
 * @return every IPv6 address on the device's interface (none if it has no interface)
 */
std::vector<Ipv6InterfaceAddress> Ipv6AddressesOf(Ptr<Node> node, Ptr<NetDevice> dev);

/**
 * @ingroup ipvlan-tests
 * Run the simulation for a while (Simulator::Stop, then Simulator::Run).
 * @param duration how long, from now
 */
void RunFor(Time duration);

/**
 * @ingroup ipvlan-tests
 * An IPv4 packet as an external host would put it on the wire: an IPv4 header (protocol
 * UDP, the TTL given) in front of `payload` bytes of zeros, without a UDP header.
 * @param src source address
 * @param dst destination address
 * @param payload payload bytes
 * @param ttl the TTL (0 is the header's default)
 * @return the packet
 */
Ptr<Packet> MakeIpv4Packet(Ipv4Address src, Ipv4Address dst, uint32_t payload, uint8_t ttl = 0);

/**
 * @ingroup ipvlan-tests
 * IEEE 802 local experimental EtherType 1: a protocol no stack and no ipvlan parser knows
 */
constexpr uint16_t ETH_P_EXPERIMENTAL = 0x88B5;

/**
 * @ingroup ipvlan-tests
 * Send a packet from a device (a free function, for Simulator::Schedule).
 * @param device the device
 * @param packet the packet
 * @param dst destination MAC
 * @param protocol ethertype
 */
void SendPacket(Ptr<NetDevice> device, Ptr<Packet> packet, Mac48Address dst, uint16_t protocol);

/**
 * @ingroup ipvlan-tests
 * Send a new packet of zeros from a device (created when it is sent).
 * @param device the device
 * @param size bytes
 * @param dst destination MAC
 * @param protocol ethertype
 */
void SendNewPacket(Ptr<NetDevice> device, uint32_t size, Mac48Address dst, uint16_t protocol);

/**
 * @ingroup ipvlan-tests
 * A locally administered unicast MAC that no allocated device has:
 * 02:00:00:00:<block>:<n>.
 * @param block a byte telling the users of this function apart
 * @param n a number
 * @return the MAC
 */
Mac48Address LocalMac(uint8_t block, uint8_t n);

/**
 * @ingroup ipvlan-tests
 * Put a device on a node of its own, with a fresh MAC (Mac48Address::Allocate).
 * @param device the device
 */
void AddToNewNode(Ptr<SimpleNetDevice> device);

/**
 * @ingroup ipvlan-tests
 * An Ethernet device that cannot send with another source MAC (no SendFrom)
 */
class NoSendFromDevice : public SimpleNetDevice
{
  public:
    bool SupportsSendFrom() const override;
};

/**
 * @ingroup ipvlan-tests
 * A device with a 16-bit address: not Ethernet
 */
class Mac16Device : public SimpleNetDevice
{
  public:
    Address GetAddress() const override;

    Mac16Address address16{"00:01"}; ///< the address it gives
};

/**
 * @ingroup ipvlan-tests
 * The slaves of a macvlan host and of an ipvlan host, side by side
 */
struct MacvlanAndIpvlanSlaves
{
    NetDeviceContainer macvlan; ///< the macvlan host's slaves
    NetDeviceContainer ipvlan;  ///< the ipvlan host's slaves
};

/**
 * @ingroup ipvlan-tests
 * The two hosts the "why ipvlan" comparisons put side by side: internet stacks on the router
 * and on every container, then a macvlan slave (the helper's defaults: bridge) for each
 * macvlan container and an ipvlan l2 slave for each ipvlan container.
 * @param router the external host
 * @param macvlanMaster the macvlan host's master
 * @param macvlanContainers its containers
 * @param ipvlanMaster the ipvlan host's master
 * @param ipvlanContainers its containers
 * @return the slaves
 */
MacvlanAndIpvlanSlaves InstallMacvlanAndIpvlanHosts(Ptr<Node> router,
                                                    Ptr<NetDevice> macvlanMaster,
                                                    const NodeContainer& macvlanContainers,
                                                    Ptr<NetDevice> ipvlanMaster,
                                                    const NodeContainer& ipvlanContainers);

/**
 * @ingroup ipvlan-tests
 * Record an ipvlan slave's AddressRefused trace as "address: reason".
 * @param log where to record
 * @param device the slave
 * @param address the refused address
 * @param reason why
 */
void RecordRefusal(std::vector<std::string>* log,
                   Ptr<const IpvlanNetDevice> device,
                   const std::string& address,
                   const std::string& reason);

/**
 * @ingroup ipvlan-tests
 * One drop of an Ethernet switch
 */
struct SwitchDropRecord
{
    uint32_t port;                   ///< port index
    EthernetSwitchDropReason reason; ///< why
    uint64_t uid;                    ///< packet uid
};

/**
 * @ingroup ipvlan-tests
 * Record a switch's Drop trace.
 * @param drops where to record
 * @param packet the dropped packet
 * @param port port index
 * @param reason why
 */
void RecordSwitchDrop(std::vector<SwitchDropRecord>* drops,
                      Ptr<const Packet> packet,
                      uint32_t port,
                      EthernetSwitchDropReason reason);

/**
 * @ingroup ipvlan-tests
 * @param drops recorded switch drops
 * @param reason a reason
 * @return how many have it
 */
uint32_t CountSwitchDrops(const std::vector<SwitchDropRecord>& drops,
                          EthernetSwitchDropReason reason);

/**
 * @ingroup ipvlan-tests
 * One port-security violation of an Ethernet switch
 */
struct ViolationRecord
{
    uint32_t port;                  ///< port index
    Mac48Address mac;               ///< offending MAC
    PortSecurityViolationMode mode; ///< the port's violation mode
};

/**
 * @ingroup ipvlan-tests
 * Record a switch's Violation trace.
 * @param violations where to record
 * @param port port index
 * @param mac offending MAC
 * @param mode the port's violation mode
 */
void RecordViolation(std::vector<ViolationRecord>* violations,
                     uint32_t port,
                     Mac48Address mac,
                     PortSecurityViolationMode mode);

/**
 * @ingroup ipvlan-tests
 * Install a switch whose ports admit one MAC each (port security, maximum 1), but for one
 * open port (the router's).
 * @param node the switch's node
 * @param ports its ports
 * @param violationMode "protect", "restrict" or "shutdown"
 * @param openPort the port index without port security
 * @return the switch
 */
Ptr<EthernetSwitchNetDevice> InstallOneMacSwitch(Ptr<Node> node,
                                                 const NetDeviceContainer& ports,
                                                 const std::string& violationMode,
                                                 uint32_t openPort);

/**
 * @ingroup ipvlan-tests
 * A UDP echo: every node that runs Serve() echoes what it gets; Send() sends from a
 * node and counts the echoes. The datagram content is irrelevant.
 */
class UdpEcho
{
  public:
    /// The UDP port served
    static constexpr uint16_t PORT = 7;

    /**
     * Serve on a node: echo every datagram back; count them.
     * @param node the node
     */
    void Serve(Ptr<Node> node);
    /**
     * Send one datagram at a time and count the echoes it gets back.
     * @param from the sending node
     * @param to the destination address
     * @param at when
     * @param size payload bytes
     * @param boundTo bind the socket to this device (needed for link-local multicast)
     * @return an id for Replies()
     */
    uint32_t Send(Ptr<Node> from,
                  Ipv4Address to,
                  Time at,
                  uint32_t size = 64,
                  Ptr<NetDevice> boundTo = nullptr);
    /**
     * The same over IPv6.
     * @param from the sending node
     * @param to the destination address
     * @param at when
     * @param size payload bytes
     * @return an id for Replies()
     */
    uint32_t Send(Ptr<Node> from, Ipv6Address to, Time at, uint32_t size = 64);
    /**
     * @param id an id from Send
     * @return echoes received for it
     */
    uint32_t Replies(uint32_t id) const;
    /**
     * @param node a serving node
     * @return datagrams it received
     */
    uint32_t Served(Ptr<Node> node) const;

  private:
    /**
     * Echo every datagram waiting on a serving socket.
     * @param sock the socket
     */
    void EchoBack(Ptr<Socket> sock);
    /**
     * Count the echoes waiting on a sending socket.
     * @param sock the socket
     */
    void CountReplies(Ptr<Socket> sock);
    /**
     * Send one datagram.
     * @param sock the socket
     * @param to the destination
     * @param size payload bytes
     */
    void DoSend(Ptr<Socket> sock, Address to, uint32_t size);
    /**
     * Open a sending socket.
     * @param from the node
     * @param to the destination
     * @param at when to send
     * @param size payload bytes
     * @param v6 IPv6 (else IPv4)
     * @param boundTo device to bind to, or nullptr
     * @return the id for Replies()
     */
    uint32_t Open(Ptr<Node> from,
                  Address to,
                  Time at,
                  uint32_t size,
                  bool v6,
                  Ptr<NetDevice> boundTo);

    std::map<Ptr<Socket>, uint32_t> m_senderId; ///< sending socket -> id
    std::map<uint32_t, uint32_t> m_served;      ///< per node id
    std::vector<uint32_t> m_replies;            ///< per Send id
    std::vector<Ptr<Socket>> m_sockets;         ///< kept alive until the end
};

/**
 * @ingroup ipvlan-tests
 * Record the IPv4 destination of every IPv4 packet a device delivers up (MacRx).
 * @param device an ipvlan slave or host interface
 * @param destinations where to record
 */
void TapIpv4Deliveries(Ptr<NetDevice> device, std::vector<Ipv4Address>* destinations);

/**
 * @ingroup ipvlan-tests
 * @param list recorded destinations
 * @param a an address
 * @return how many times it occurs
 */
uint32_t CountOf(const std::vector<Ipv4Address>& list, Ipv4Address a);

/**
 * @ingroup ipvlan-tests
 * What a child process that was expected to stop with a fatal error did
 */
struct FatalOutcome
{
    bool died{false};   ///< it stopped abnormally (abort or non-zero exit)
    std::string output; ///< what it wrote to stderr/stdout
};

/**
 * @ingroup ipvlan-tests
 * Run a function in a forked child and report whether it ended with a fatal error
 * (NS_FATAL_ERROR / NS_ABORT_MSG) and what it printed.
 * @param fn the function
 * @return the outcome
 */
FatalOutcome RunExpectingFatal(const std::function<void()>& fn);

/**
 * @ingroup ipvlan-tests
 * Run a function in a forked child and check (with Boost.Test) that it stopped with a
 * fatal error whose output contains every fragment.
 * @param fn the function
 * @param fragments what the message must contain
 */
void CheckFatalOutput(const std::function<void()>& fn, const std::vector<std::string>& fragments);

} // namespace ipvlantest
} // namespace ns3

#endif /* IPVLAN_TEST_UTILS_H */
