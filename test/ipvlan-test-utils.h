/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_TEST_UTILS_H
#define IPVLAN_TEST_UTILS_H

#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipvlan-drop-reason.h"
#include "ns3/ipvlan-host-net-device.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-port.h"
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
 * @file
 * @ingroup ipvlan-tests
 * Test beds and probes shared by the ipvlan Boost.Test cases.
 */

namespace ns3
{
namespace ipvlantest
{

/**
 * Run the Boost.Test runner over every registered case.
 * @param argc argument count
 * @param argv Boost.Test arguments
 * @return 0 when every case passed
 */
int RunBoostTests(int argc, char** argv);

/// One frame seen on the wire (by a promiscuous observer device on the channel)
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
};

/**
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

/// One drop seen on a port or device trace
struct DropRecord
{
    IpvlanDropReason reason; ///< why
    std::string where;       ///< which trace
};

/**
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
};

/**
 * Count drops by reason: a Drop trace sink of a device (bind the map with
 * MakeBoundCallback).
 * @param m the counts
 * @param packet the dropped packet
 * @param reason why
 */
void CountDropReason(std::map<IpvlanDropReason, uint32_t>* m,
                     Ptr<const Packet> packet,
                     IpvlanDropReason reason);

/**
 * Count drops by reason: a Drop trace sink of a port.
 * @param m the counts
 * @param packet the dropped packet
 * @param reason why
 * @param device the device concerned
 */
void CountPortDropReason(std::map<IpvlanDropReason, uint32_t>* m,
                         Ptr<const Packet> packet,
                         IpvlanDropReason reason,
                         Ptr<const NetDevice> device);

/**
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
 * Give a device an IPv6 address (/64) as a user does: the interface (added if needed),
 * the address, up.
 * @param node the device's node
 * @param dev the device
 * @param a the address
 * @return the interface index
 */
uint32_t AddIpv6Address(Ptr<Node> node, Ptr<NetDevice> dev, Ipv6Address a);

/**
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
 * Record the IPv4 destination of every IPv4 packet a device delivers up (MacRx).
 * @param device an ipvlan slave or host interface
 * @param destinations where to record
 */
void TapIpv4Deliveries(Ptr<NetDevice> device, std::vector<Ipv4Address>* destinations);

/**
 * @param list recorded destinations
 * @param a an address
 * @return how many times it occurs
 */
uint32_t CountOf(const std::vector<Ipv4Address>& list, Ipv4Address a);

/// What a child process that was expected to stop with a fatal error did
struct FatalOutcome
{
    bool died{false};   ///< it stopped abnormally (abort or non-zero exit)
    std::string output; ///< what it wrote to stderr/stdout
};

/**
 * Run a function in a forked child and report whether it ended with a fatal error
 * (NS_FATAL_ERROR / NS_ABORT_MSG) and what it printed.
 * @param fn the function
 * @return the outcome
 */
FatalOutcome RunExpectingFatal(const std::function<void()>& fn);

/**
 * Run a function in a forked child and check (with Boost.Test) that it stopped with a
 * fatal error whose output contains every fragment.
 * @param fn the function
 * @param fragments what the message must contain
 */
void CheckFatalOutput(const std::function<void()>& fn, const std::vector<std::string>& fragments);

} // namespace ipvlantest
} // namespace ns3

#endif /* IPVLAN_TEST_UTILS_H */
