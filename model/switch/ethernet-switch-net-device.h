/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ETHERNET_SWITCH_NET_DEVICE_H
#define ETHERNET_SWITCH_NET_DEVICE_H

#include "port-security.h"

#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <unordered_map>
#include <vector>

/**
 * @defgroup ipvlan-switch Emulated Ethernet switch
 * @ingroup ipvlan
 * A learning Ethernet switch with per-port security (the semantics of Cisco's
 * `switchport port-security`) and per-port hairpin, to show what a switch port that
 * admits few MAC addresses does to ipvlan (one MAC per host) and to macvlan (one MAC per
 * virtual device): EthernetSwitchNetDevice, its per-port security state (PortSecurity)
 * and EthernetSwitchHelper. EthernetSwitchNetDevice's documentation follows a received
 * frame through the switch; doc/ipvlan.rst, "Port-security switch", sums up the rules.
 */

/**
 * @file
 * @ingroup ipvlan-switch
 * An emulated learning Ethernet switch with per-port security (Cisco port-security
 * semantics) and per-port hairpin (reflective relay). Its methods are in three files:
 * ethernet-switch-net-device.cc (the device, its attributes and traces, its ports and its
 * own interface), ethernet-switch-forwarding.cc (the path of a frame and the forwarding
 * table) and ethernet-switch-port-security.cc (port-security enforcement).
 */

namespace ns3
{

class Node;

/**
 * @ingroup ipvlan-switch
 * The state of a switch port.
 */
enum EthernetSwitchPortState : uint8_t
{
    SWITCH_PORT_UP = 0,           ///< forwarding
    SWITCH_PORT_ERR_DISABLED = 1, ///< shut down by a port-security violation
};

/**
 * @ingroup ipvlan-switch
 * Why the switch dropped a frame (the Drop trace).
 */
enum EthernetSwitchDropReason : uint8_t
{
    SWITCH_DROP_VIOLATION = 1,    ///< port-security violation (any violation mode)
    SWITCH_DROP_ERR_DISABLED,     ///< ingress port, or the egress port of the destination, is
                                  ///< err-disabled
    SWITCH_DROP_HAIRPIN_OFF,      ///< destination learnt on the ingress port, hairpin off
    SWITCH_DROP_EGRESS_LINK_DOWN, ///< destination learnt on a port without carrier
    SWITCH_DROP_NO_EGRESS,        ///< a flood found no port to go out of
    SWITCH_DROP_INVALID_SOURCE,   ///< group (multicast/broadcast) source MAC
    SWITCH_DROP_TX_FAILED,        ///< the egress port's SendFrom refused the frame
};

/**
 * Stream a drop reason as a short kebab-case word.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, EthernetSwitchDropReason reason);
/**
 * Stream a port state ("up", "err-disabled").
 * @param os the stream
 * @param state the state
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, EthernetSwitchPortState state);

/**
 * @ingroup ipvlan-switch
 * A snapshot of one port's counters and state.
 */
struct EthernetSwitchPortStatus
{
    uint64_t rxFrames{0};       ///< frames received on the port
    uint64_t txFrames{0};       ///< frames sent out of the port
    uint64_t rxDropped{0};      ///< frames received on the port and dropped (any reason)
    uint64_t txDropped{0};      ///< frames the port's device refused to send
    uint64_t violations{0};     ///< port-security violations counted (restrict, shutdown)
    uint32_t secureMacCount{0}; ///< secure MAC addresses (static, sticky, dynamic)
    EthernetSwitchPortState state{SWITCH_PORT_UP}; ///< up or err-disabled
};

/**
 * @ingroup ipvlan-switch
 * An emulated Ethernet switch: a learning bridge over the devices of its node (its
 * ports), with a bounded, aging forwarding table, per-port hairpin (reflective relay,
 * as VEPA needs) and per-port security with the semantics of Cisco's
 * `switchport port-security`. It shows why ipvlan exists: a port that admits one MAC
 * address passes an ipvlan master with any number of slaves (they share its MAC) and
 * shuts down a macvlan-like host (one MAC per virtual device).
 *
 * Each port is a NetDevice of the switch's node (CsmaNetDevice, SimpleNetDevice, ...)
 * on its own link to one host; the switch is its promiscuous protocol handler and
 * forwards with SendFrom, keeping the original source MAC. Ports carry no IP.
 *
 * The path of a received frame, in the order of the code:
 *
 * 1. Receive (ReceiveFromPort): the switch is every port's promiscuous protocol handler,
 *    so it gets each frame the port's device receives, Ethernet header removed, and
 *    counts it on the port. A frame from an err-disabled port is dropped
 *    (SWITCH_DROP_ERR_DISABLED), as is one with a group source MAC
 *    (SWITCH_DROP_INVALID_SOURCE; the kernel's is_valid_ether_addr).
 * 2. Port security (CheckSecurity), on a port that has it: the source must be secure on
 *    the port already, or the port must have room to secure it, and must not be secure
 *    on another secure port. Otherwise it is a violation (Violation): the frame is
 *    dropped (SWITCH_DROP_VIOLATION); restrict and shutdown also count it and fire
 *    Violation; shutdown err-disables the port (ErrDisable).
 * 3. Learn (Learn): the source goes into the forwarding table on the ingress port, or
 *    moves there, unless it is secure on another port with port security (a static or
 *    sticky one is pinned there), or the table already holds MaxFdbEntries learnt
 *    addresses once the aged ones are gone.
 * 4. Forward (Forward): the frame goes up to the switch's own interface (the promiscuous
 *    receive callback; the receive callback too unless it is for another host); a frame
 *    for the switch's own address ends there. A group or unknown unicast destination is
 *    flooded (Flood) to every port that is up and has carrier, the ingress port
 *    excepted unless it has hairpin on (SWITCH_DROP_NO_EGRESS when no port is left). A
 *    known unicast destination goes out of its port only, or is dropped: its port is the
 *    ingress port and hairpin is off (SWITCH_DROP_HAIRPIN_OFF), is err-disabled
 *    (SWITCH_DROP_ERR_DISABLED) or has no carrier (SWITCH_DROP_EGRESS_LINK_DOWN).
 * 5. Egress (SendOut): each egress port's device gets its own copy through SendFrom,
 *    which keeps the original source MAC; a port that refuses it counts a transmit drop
 *    (SWITCH_DROP_TX_FAILED).
 *
 * A frame the switch's own node sends (Send, SendFrom) enters at step 4, from no port.
 * In the background, one timer (Sweep) ages the forwarding table and the ports' dynamic
 * secure addresses.
 *
 * Traces. The standard ones of a NetDevice are those of the switch's own interface, as
 * on a bridge device (each port's device keeps its own for its link):
 * - MacTx: a frame the node sends through the switch, before it is switched (payload).
 * - MacRx: a frame received on a port and passed up to the node's stack at step 4 (for
 *   the switch's address, broadcast or multicast); MacPromiscRx: one passed up to the
 *   node's promiscuous listeners, whatever its destination (payload).
 * - Sniffer, PromiscSniffer: whole Ethernet frames, for pcap: the node's frames, and
 *   received ones (Sniffer: those MacRx reports; PromiscSniffer: every frame that
 *   reaches step 4).
 * - MacRxDrop: a frame received on a port and dropped (any reason but
 *   SWITCH_DROP_TX_FAILED). MacTxDrop: a frame the node sent that is dropped, or the copy
 *   an egress port refused (SWITCH_DROP_TX_FAILED) (payload).
 * - Drop: every frame the switch drops, with the port and the reason; it fires beside
 *   MacRxDrop or MacTxDrop, except for a frame SendFrom refuses for non-Ethernet
 *   addresses (MacTxDrop only).
 * - Violation: a port-security violation counted (restrict, shutdown).
 * - PortStateChange: a port went err-disabled or came back up.
 *
 * The switch itself has a MAC address (its first port's, as BridgeNetDevice) and
 * passes frames for it, and group frames, up to its node's stack, so it can carry a
 * management IP address.
 */
class EthernetSwitchNetDevice : public NetDevice
{
  public:
    /// Returned by LookupFdb for an address not in the table
    static constexpr uint32_t NO_PORT = UINT32_MAX;
    /// Smallest MTU of the switch's interface (an Ethernet device's min_mtu, ETH_MIN_MTU)
    static constexpr uint16_t MIN_MTU = 68;
    /// Largest MTU of the switch's interface
    static constexpr uint16_t MAX_MTU = 65535;

    /**
     * Violation trace signature.
     * @param port the port index
     * @param mac the offending source MAC
     * @param mode the port's violation mode
     */
    typedef void (*ViolationTracedCallback)(uint32_t port,
                                            Mac48Address mac,
                                            PortSecurityViolationMode mode);
    /**
     * PortStateChange trace signature.
     * @param port the port index
     * @param state the new state
     */
    typedef void (*PortStateTracedCallback)(uint32_t port, EthernetSwitchPortState state);
    /**
     * Drop trace signature.
     * @param packet the dropped frame's payload
     * @param port the port index (NO_PORT for a frame the switch itself sent)
     * @param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       uint32_t port,
                                       EthernetSwitchDropReason reason);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EthernetSwitchNetDevice();
    ~EthernetSwitchNetDevice() override;

    // Delete copy constructor and assignment operator to avoid misuse
    EthernetSwitchNetDevice(const EthernetSwitchNetDevice&) = delete;
    EthernetSwitchNetDevice& operator=(const EthernetSwitchNetDevice&) = delete;

    /**
     * Add a port. The device must be on the switch's node (add the switch to its node
     * first), have a Mac48Address, support SendFrom and not be a port already. The new
     * port takes the switch's default security and hairpin settings (attributes).
     * @param port the device
     * @return the port index
     */
    uint32_t AddSwitchPort(Ptr<NetDevice> port);
    /** @return the number of ports */
    uint32_t GetNSwitchPorts() const;
    /**
     * @param index a port index
     * @return the port's device
     */
    Ptr<NetDevice> GetSwitchPort(uint32_t index) const;

    /**
     * Configure port security on a port (Cisco interface commands). Refused, with a
     * message naming the value, for a maximum of 0, a maximum below the addresses the
     * port already holds, or a static address secure on another port.
     * @param index the port index
     * @param config the configuration
     */
    void SetPortSecurity(uint32_t index, const PortSecurityConfig& config);
    /**
     * @param index the port index
     * @return the port's security configuration
     */
    const PortSecurityConfig& GetPortSecurity(uint32_t index) const;
    /**
     * Turn hairpin (reflective relay, `bridge link set dev X hairpin on`) on or off.
     * @param index the port index
     * @param on true to reflect frames back out of their ingress port
     */
    void SetHairpin(uint32_t index, bool on);
    /**
     * @param index the port index
     * @return true when hairpin is on
     */
    bool GetHairpin(uint32_t index) const;

    /**
     * Bring an err-disabled port back up (`shutdown` / `no shutdown`, or
     * `errdisable recovery`): its dynamic secure addresses are cleared. No effect on a
     * port that is up.
     * @param index the port index
     */
    void RecoverPort(uint32_t index);

    /**
     * @param index the port index
     * @return its counters and state
     */
    EthernetSwitchPortStatus GetPortStatus(uint32_t index) const;
    /**
     * @param index the port index
     * @return its state
     */
    EthernetSwitchPortState GetPortState(uint32_t index) const;
    /**
     * @param index the port index
     * @return its secure addresses
     */
    std::vector<SecureMacEntry> GetSecureMacs(uint32_t index) const;

    /**
     * @param mac an address
     * @return the port it is learnt on, or NO_PORT
     */
    uint32_t LookupFdb(Mac48Address mac) const;
    /** @return the number of addresses in the forwarding table */
    uint32_t GetFdbSize() const;

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    /**
     * @return false: ns-3's global routing takes every device that says IsBridge for a
     * BridgeNetDevice and aborts otherwise
     */
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    /// One port
    struct Port
    {
        Ptr<NetDevice> device;                         ///< the port's device
        PortSecurity security;                         ///< its security state
        bool hairpin{false};                           ///< reflective relay
        EthernetSwitchPortState state{SWITCH_PORT_UP}; ///< up or err-disabled
        EventId recovery;                              ///< pending automatic recovery
        uint64_t rxFrames{0};                          ///< frames received
        uint64_t txFrames{0};                          ///< frames sent
        uint64_t rxDropped{0};                         ///< received frames dropped
        uint64_t txDropped{0};                         ///< frames the device refused
    };

    /// One forwarding table entry
    struct FdbEntry
    {
        uint32_t port; ///< where the address was seen
        Time lastSeen; ///< when
        bool pinned;   ///< a static or sticky secure address: never ages, never moves
    };

    /// The forwarding table: address to entry
    using Fdb = std::map<Mac48Address, FdbEntry>;

    /// A frame on its way through the switch: the payload and its Ethernet header's fields
    struct Frame
    {
        Ptr<const Packet> packet; ///< the payload, shared: each egress port gets a copy
        uint16_t protocol;        ///< ethertype
        Mac48Address src;         ///< source MAC
        Mac48Address dst;         ///< destination MAC
    };

    // The ports (ethernet-switch-net-device.cc)

    /**
     * Check a port index, aborting with a clear message when out of range.
     * @param index the index
     * @param what the calling method's name
     */
    void CheckIndex(uint32_t index, const char* what) const;

    /**
     * @param index a port index
     * @return this switch's holder name on that port's RxHandlerClaim
     */
    std::string ClaimHolder(uint32_t index) const;

    /**
     * @param index a port
     * @return a description for messages: index, device name or type, ifindex
     */
    std::string DescribePort(uint32_t index) const;

    // The path of a frame and the forwarding table (ethernet-switch-forwarding.cc)

    /**
     * The promiscuous protocol handler of every port.
     * @param device the ingress port's device
     * @param packet the payload
     * @param protocol ethertype
     * @param from source MAC
     * @param to destination MAC
     * @param packetType the port device's classification (ignored: a switch port
     *        takes every frame)
     */
    void ReceiveFromPort(Ptr<NetDevice> device,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         const Address& from,
                         const Address& to,
                         NetDevice::PacketType packetType);

    /**
     * Learn a source address on a port.
     * @param index the port
     * @param src the address
     */
    void Learn(uint32_t index, Mac48Address src);

    /**
     * Forward a frame (from a port, or from the switch itself when ingress is NO_PORT).
     * @param ingress the ingress port or NO_PORT
     * @param frame the frame
     */
    void Forward(uint32_t ingress, const Frame& frame);

    /**
     * Pass a frame received on a port up to the switch's own interface: the sniffers,
     * the promiscuous receive callback, and the receive callback unless the frame is for
     * another host.
     * @param frame the frame
     * @return the frame's type for the switch's interface (PACKET_HOST: for the switch)
     */
    NetDevice::PacketType DeliverUp(const Frame& frame);

    /**
     * Fire the sniffer traces with the whole Ethernet frame, built only when someone
     * listens.
     * @param frame the frame
     * @param forUs true for a frame of the switch's interface (sent by it, or received
     *        for its address, broadcast or multicast): Sniffer too, not only PromiscSniffer
     */
    void Sniff(const Frame& frame, bool forUs) const;

    /**
     * Flood a frame to every eligible port.
     * @param ingress the ingress port or NO_PORT
     * @param frame the frame
     */
    void Flood(uint32_t ingress, const Frame& frame);

    /**
     * @param index a port
     * @return true when frames may go out of it (up and with carrier)
     */
    bool IsEligible(uint32_t index) const;

    /**
     * Send a copy of a frame out of one port.
     * @param egress the port
     * @param frame the frame
     */
    void SendOut(uint32_t egress, const Frame& frame);

    /**
     * Record a drop: counter and trace.
     * @param packet the frame
     * @param index the port concerned, or NO_PORT
     * @param reason why
     */
    void Drop(Ptr<const Packet> packet, uint32_t index, EthernetSwitchDropReason reason);

    /**
     * @param entry a forwarding entry
     * @return when it ages out, or Time::Max() when it never does (pinned, or no aging)
     */
    Time FdbExpiry(const FdbEntry& entry) const;

    /**
     * Add or replace a forwarding entry, counting the learnt (not pinned) ones.
     * @param mac the address
     * @param entry its entry
     */
    void PutFdbEntry(Mac48Address mac, const FdbEntry& entry);

    /**
     * Remove a forwarding entry, counting the learnt (not pinned) ones.
     * @param it the entry
     * @return the next entry
     */
    Fdb::iterator EraseFdbEntry(Fdb::iterator it);

    /**
     * Remove forwarding entries of a port.
     * @param index the port
     * @param pinnedToo remove pinned entries as well
     */
    void FlushPort(uint32_t index, bool pinnedToo);

    /// Remove aged forwarding entries and secure addresses, then schedule the next sweep
    void Sweep();

    /**
     * Make sure a sweep runs no later than a time.
     * @param when the time
     */
    void ScheduleSweep(Time when);

    // Port security (ethernet-switch-port-security.cc)

    /**
     * Port security on a received frame.
     * @param index the ingress port
     * @param packet the payload
     * @param src the source MAC
     * @return true when the frame may go on
     */
    bool CheckSecurity(uint32_t index, Ptr<const Packet> packet, Mac48Address src);

    /**
     * Handle a violation according to the port's mode.
     * @param index the port
     * @param packet the offending frame
     * @param src its source MAC
     */
    void Violation(uint32_t index, Ptr<const Packet> packet, Mac48Address src);

    /**
     * Put a port in the err-disabled state and schedule its recovery if configured.
     * @param index the port
     */
    void ErrDisable(uint32_t index);

    /**
     * @param mac an address
     * @param except a port to skip
     * @return the port with security on where the address is secure, or NO_PORT
     */
    uint32_t FindSecureOwner(Mac48Address mac, uint32_t except) const;

    /**
     * @param index a port
     * @param mac an address
     * @return true when the address is a static or sticky secure address of the port and
     *         the port has security on: its forwarding entry is pinned there
     */
    bool IsPinnedOn(uint32_t index, Mac48Address mac) const;

    /// Make the forwarding entries of secure addresses follow the ports' tables
    void SyncPinned();

    /** @return the security configuration of a new port (from the attributes) */
    PortSecurityConfig DefaultSecurity() const;

    Ptr<Node> m_node;                                           ///< the switch's node
    uint32_t m_ifIndex{0};                                      ///< interface index
    Mac48Address m_address;                                     ///< the switch's MAC
    bool m_addressSet{false};                                   ///< SetAddress was called
    uint16_t m_mtu{1500};                                       ///< MTU
    std::vector<Port> m_ports;                                  ///< the ports
    std::unordered_map<const NetDevice*, uint32_t> m_portIndex; ///< device to port index
    Fdb m_fdb;                                                  ///< the forwarding table
    uint32_t m_learnt{0};           ///< entries in m_fdb that are not pinned
    uint32_t m_maxFdbEntries{8192}; ///< MaxFdbEntries
    Time m_fdbAgingTime;            ///< FdbAgingTime
    EventId m_sweep;                ///< next aging sweep
    // Defaults for new ports (attributes)
    bool m_defEnabled{false};                                           ///< PortSecurityEnabled
    uint32_t m_defMaxMacs{1};                                           ///< MaxMacAddresses
    PortSecurityViolationMode m_defViolation{PORT_SECURITY_SHUTDOWN};   ///< ViolationMode
    bool m_defSticky{false};                                            ///< Sticky
    Time m_defAgingTime;                                                ///< SecureAgingTime
    PortSecurityAgingType m_defAgingType{PORT_SECURITY_AGING_ABSOLUTE}; ///< SecureAgingType
    Time m_defRecovery;                                    ///< ErrDisableRecoveryInterval
    bool m_defHairpin{false};                              ///< Hairpin
    NetDevice::ReceiveCallback m_rxCallback;               ///< delivery up, non-promiscuous
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; ///< delivery up, promiscuous
    TracedCallback<> m_linkChangeCallbacks;                ///< link change listeners

    TracedCallback<Ptr<const Packet>> m_macTxTrace;          ///< MacTx
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;      ///< MacTxDrop
    TracedCallback<Ptr<const Packet>> m_macRxTrace;          ///< MacRx
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;   ///< MacPromiscRx
    TracedCallback<Ptr<const Packet>> m_macRxDropTrace;      ///< MacRxDrop
    TracedCallback<Ptr<const Packet>> m_snifferTrace;        ///< Sniffer
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace; ///< PromiscSniffer
    TracedCallback<uint32_t, Mac48Address, PortSecurityViolationMode>
        m_violationTrace;                                               ///< Violation
    TracedCallback<uint32_t, EthernetSwitchPortState> m_portStateTrace; ///< PortStateChange
    TracedCallback<Ptr<const Packet>, uint32_t, EthernetSwitchDropReason> m_dropTrace; ///< Drop
};

} // namespace ns3

#endif /* ETHERNET_SWITCH_NET_DEVICE_H */
