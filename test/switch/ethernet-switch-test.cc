/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The emulated Ethernet switch: learning, flooding, the forwarding table's bound and aging,
// hairpin, and port security. Every port-security case names the rule of Cisco's `switchport
// port-security` it checks (doc/field-reports.rst §3a); forwarding cases name the Linux bridge
// behaviour (br_forward.c, br_fdb.c; doc/field-reports.rst §3b). Hosts are SimpleNetDevices, each
// on its own SimpleChannel to one switch port; they send real frames (SendFrom, so that a host can
// use any source MAC, as macvlan devices or a VEPA host do) and the tests assert on what arrives
// where.
#include "../ipvlan-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ethernet-switch-helper.h"
#include "ns3/ethernet-switch-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/mac16-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <functional>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// One frame a host received
struct HostRx
{
    Mac48Address src; ///< source MAC
    Mac48Address dst; ///< destination MAC
    uint64_t uid;     ///< packet uid (kept by Packet::Copy)
};

/// One PortStateChange trace
struct StateRec
{
    uint32_t port;                 ///< port index
    EthernetSwitchPortState state; ///< new state
    Time at;                       ///< when
};

bool
RecordRx(std::vector<HostRx>* rx,
         Ptr<NetDevice>,
         Ptr<const Packet> p,
         uint16_t,
         const Address& from,
         const Address& to,
         NetDevice::PacketType)
{
    rx->push_back({Mac48Address::ConvertFrom(from), Mac48Address::ConvertFrom(to), p->GetUid()});
    return true;
}

void
RecordState(std::vector<StateRec>* v, uint32_t port, EthernetSwitchPortState state)
{
    v->push_back({port, state, Simulator::Now()});
}

/**
 * Run a function (scheduled through a function pointer: ns-3.35's Simulator does not
 * take lambdas).
 * @param f the function
 */
void
RunNow(std::function<void()> f)
{
    f();
}

/**
 * Run a function at a time.
 * @param at when
 * @param f the function
 */
void
At(Time at, std::function<void()> f)
{
    Simulator::Schedule(at, &RunNow, f);
}

/// A locally administered MAC that no allocated device has (02:00:00:00:aa:n)
Mac48Address
Local(uint8_t n)
{
    return LocalMac(0xaa, n);
}

/**
 * A switch node with N ports, each on its own SimpleChannel to one host. The hosts have
 * no IP stack; they send frames with SendFrom and record every frame they receive.
 */
struct SwitchBed
{
    /**
     * @param n hosts (= ports)
     * @param setup switch attributes, set on the helper before Install
     */
    explicit SwitchBed(uint32_t n, const std::function<void(EthernetSwitchHelper&)>& setup = {})
    {
        swNode = CreateObject<Node>();
        hosts.Create(n);
        rx.resize(n);
        SimpleNetDeviceHelper link;
        NetDeviceContainer ports;
        for (uint32_t i = 0; i < n; ++i)
        {
            NetDeviceContainer d = link.Install(NodeContainer(hosts.Get(i), swNode));
            hostDevs.push_back(DynamicCast<SimpleNetDevice>(d.Get(0)));
            ports.Add(d.Get(1));
            hostDevs[i]->SetPromiscReceiveCallback(MakeBoundCallback(&RecordRx, &rx[i]));
        }
        EthernetSwitchHelper helper;
        if (setup)
        {
            setup(helper);
        }
        sw = helper.Install(swNode, ports);
        sw->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordSwitchDrop, &drops));
        sw->TraceConnectWithoutContext("Violation",
                                       MakeBoundCallback(&RecordViolation, &violations));
        sw->TraceConnectWithoutContext("PortStateChange", MakeBoundCallback(&RecordState, &states));
    }

    ~SwitchBed()
    {
        Simulator::Destroy();
    }

    /**
     * @param i host index
     * @return the host's own MAC
     */
    Mac48Address Mac(uint32_t i) const
    {
        return Mac48Address::ConvertFrom(hostDevs[i]->GetAddress());
    }

    /**
     * Send a frame from a host at a time.
     * @param at when
     * @param host the sending host
     * @param src source MAC
     * @param dst destination MAC
     * @return the packet uid
     */
    uint64_t Send(Time at, uint32_t host, Mac48Address src, Mac48Address dst)
    {
        Ptr<Packet> p = Create<Packet>(100);
        Ptr<SimpleNetDevice> dev = hostDevs[host];
        Simulator::ScheduleWithContext(hosts.Get(host)->GetId(),
                                       at,
                                       &RunNow,
                                       std::function<void()>([dev, p, src, dst]() {
                                           dev->SendFrom(p, src, dst, ETH_P_EXPERIMENTAL);
                                       }));
        return p->GetUid();
    }

    /**
     * @param host a host
     * @param uid a packet uid
     * @return how many copies of that packet the host received
     */
    uint32_t Got(uint32_t host, uint64_t uid) const
    {
        uint32_t n = 0;
        for (const auto& f : rx[host])
        {
            n += f.uid == uid ? 1 : 0;
        }
        return n;
    }

    /**
     * @param uid a packet uid
     * @return the drop reasons recorded for it
     */
    std::vector<EthernetSwitchDropReason> DropsOf(uint64_t uid) const
    {
        std::vector<EthernetSwitchDropReason> out;
        for (const auto& d : drops)
        {
            if (d.uid == uid)
            {
                out.push_back(d.reason);
            }
        }
        return out;
    }

    Ptr<Node> swNode;                           ///< the switch's node
    NodeContainer hosts;                        ///< one host per port
    std::vector<Ptr<SimpleNetDevice>> hostDevs; ///< host devices
    Ptr<EthernetSwitchNetDevice> sw;            ///< the switch
    std::vector<std::vector<HostRx>> rx;        ///< frames received, per host
    std::vector<SwitchDropRecord> drops;        ///< Drop trace
    std::vector<ViolationRecord> violations;    ///< Violation trace
    std::vector<StateRec> states;               ///< PortStateChange trace
};

/// Port-security configuration on port index, shorthand
PortSecurityConfig
Secure(uint32_t max, PortSecurityViolationMode mode)
{
    PortSecurityConfig c;
    c.enabled = true;
    c.maxMacAddresses = max;
    c.violationMode = mode;
    return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ethernet_switch)

// Learning bridge (br_fdb_update on ingress, br_forward to the learnt port): once a
// MAC is learnt, a frame for it goes out of that one port only, with its source MAC
// untouched; before, it is flooded.
BOOST_AUTO_TEST_CASE(learnt_destination_goes_out_of_one_port_only)
{
    SwitchBed bed(3);
    uint64_t first = bed.Send(Seconds(1), 1, bed.Mac(1), bed.Mac(0)); // 0 unknown: flooded
    uint64_t reply = bed.Send(Seconds(2), 0, bed.Mac(0), bed.Mac(1)); // 1 learnt on port 1
    uint64_t again = bed.Send(Seconds(3), 1, bed.Mac(1), bed.Mac(0)); // 0 learnt on port 0
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(bed.Got(0, first), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, first), 1U); // flooded
    BOOST_CHECK_EQUAL(bed.Got(1, reply), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, reply), 0U); // not flooded
    BOOST_CHECK_EQUAL(bed.Got(0, again), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, again), 0U);
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(bed.Mac(0)), 0U);
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(bed.Mac(1)), 1U);
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(bed.Mac(2)), EthernetSwitchNetDevice::NO_PORT);
    BOOST_CHECK_EQUAL(bed.rx[1].at(0).src, bed.Mac(0)); // forwarded with SendFrom
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).txFrames, 2U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(2).txFrames, 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(1).rxFrames, 2U);
    BOOST_CHECK(bed.drops.empty());
}

// Flooding (br_flood): unknown unicast, broadcast and multicast go to every other port
// that is up, never back out of the ingress port (hairpin off). A group source MAC is
// invalid (br_handle_frame: !is_valid_ether_addr(h_source)) and dropped.
BOOST_AUTO_TEST_CASE(unknown_unicast_broadcast_and_multicast_are_flooded)
{
    SwitchBed bed(4);
    Mac48Address group("01:00:5e:00:00:fb");
    std::vector<uint64_t> uids{bed.Send(Seconds(1), 0, bed.Mac(0), Local(9)),
                               bed.Send(Seconds(2), 0, bed.Mac(0), Mac48Address::GetBroadcast()),
                               bed.Send(Seconds(3), 0, bed.Mac(0), group)};
    uint64_t bad = bed.Send(Seconds(4), 0, group, bed.Mac(1));
    RunFor(Seconds(5));
    for (uint64_t uid : uids)
    {
        BOOST_CHECK_EQUAL(bed.Got(0, uid), 0U);
        for (uint32_t h = 1; h < 4; ++h)
        {
            BOOST_CHECK_EQUAL(bed.Got(h, uid), 1U);
        }
    }
    for (uint32_t h = 0; h < 4; ++h)
    {
        BOOST_CHECK_EQUAL(bed.Got(h, bad), 0U);
    }
    BOOST_CHECK_EQUAL(bed.drops.size(), 1U);
    BOOST_CHECK(bed.DropsOf(bad) ==
                std::vector<EthernetSwitchDropReason>{SWITCH_DROP_INVALID_SOURCE});
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(group), EthernetSwitchNetDevice::NO_PORT);
}

// Bounded forwarding table (Linux fdb_max_learned, doc/field-reports.rst §3b): when full, a new
// source is not learnt, and frames to it are flooded.
BOOST_AUTO_TEST_CASE(full_forwarding_table_learns_nothing_new_and_floods)
{
    SwitchBed bed(3, [](EthernetSwitchHelper& h) {
        h.SetDeviceAttribute("MaxFdbEntries", UintegerValue(2));
    });
    bed.Send(Seconds(1), 0, bed.Mac(0), Local(9));
    bed.Send(Seconds(2), 1, bed.Mac(1), Local(9));
    bed.Send(Seconds(3), 2, bed.Mac(2), Local(9)); // table full: not learnt
    uint64_t to2 = bed.Send(Seconds(4), 0, bed.Mac(0), bed.Mac(2));
    uint64_t to1 = bed.Send(Seconds(5), 0, bed.Mac(0), bed.Mac(1));
    RunFor(Seconds(6));

    BOOST_CHECK_EQUAL(bed.sw->GetFdbSize(), 2U);
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(bed.Mac(2)), EthernetSwitchNetDevice::NO_PORT);
    BOOST_CHECK_EQUAL(bed.Got(2, to2), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, to2), 1U); // flooded
    BOOST_CHECK_EQUAL(bed.Got(1, to1), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, to1), 0U); // learnt ones still forwarded to one port
}

// Forwarding-table aging (Linux ageing_time, br_fdb_cleanup): an address not seen for
// FdbAgingTime leaves the table; frames to it are flooded again.
BOOST_AUTO_TEST_CASE(forwarding_entries_age_out)
{
    SwitchBed bed(3, [](EthernetSwitchHelper& h) {
        h.SetDeviceAttribute("FdbAgingTime", TimeValue(Seconds(10)));
    });
    bed.Send(Seconds(1), 1, bed.Mac(1), Local(9));
    uint64_t early = bed.Send(Seconds(5), 0, bed.Mac(0), bed.Mac(1));
    uint64_t late = bed.Send(Seconds(12), 0, bed.Mac(0), bed.Mac(1));
    bool learntAt9 = false;
    uint32_t sizeAt11 = 99;
    At(Seconds(9), [&]() { learntAt9 = bed.sw->LookupFdb(bed.Mac(1)) == 1; });
    At(Seconds(11.5), [&]() { sizeAt11 = bed.sw->GetFdbSize(); });
    RunFor(Seconds(13));

    BOOST_CHECK(learntAt9);
    BOOST_CHECK_EQUAL(sizeAt11, 1U); // host 1's entry (learnt at 1 s) is gone; host 0's stays
    BOOST_CHECK_EQUAL(bed.Got(2, early), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, late), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, late), 1U); // flooded after aging
}

// Cisco violation mode protect (doc/field-reports.rst §3a: "protect | no | no | no | up"): the
// frame from a MAC beyond the maximum is dropped silently: no violation counter, no Violation
// trace, the port stays up, the secure MAC still passes. (The Drop trace still sees it.)
BOOST_AUTO_TEST_CASE(protect_drops_silently)
{
    SwitchBed bed(2);
    bed.sw->SetPortSecurity(0, Secure(1, PORT_SECURITY_PROTECT));
    uint64_t a = bed.Send(Seconds(1), 0, Local(1), bed.Mac(1));
    uint64_t b = bed.Send(Seconds(2), 0, Local(2), bed.Mac(1));
    uint64_t a2 = bed.Send(Seconds(3), 0, Local(1), bed.Mac(1));
    RunFor(Seconds(4));

    BOOST_CHECK_EQUAL(bed.Got(1, a), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, b), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, a2), 1U);
    EthernetSwitchPortStatus s = bed.sw->GetPortStatus(0);
    BOOST_CHECK_EQUAL(s.violations, 0U);
    BOOST_CHECK_EQUAL(s.state, SWITCH_PORT_UP);
    BOOST_CHECK_EQUAL(s.secureMacCount, 1U);
    BOOST_CHECK_EQUAL(s.rxDropped, 1U);
    BOOST_CHECK(bed.violations.empty());
    BOOST_CHECK(bed.DropsOf(b) == std::vector<EthernetSwitchDropReason>{SWITCH_DROP_VIOLATION});
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(Local(2)), EthernetSwitchNetDevice::NO_PORT);
}

// Cisco violation mode restrict ("restrict | no | yes | yes | up"): dropped, the
// violation counter counts every offending frame, the Violation trace fires, the port
// stays up.
BOOST_AUTO_TEST_CASE(restrict_drops_counts_and_traces)
{
    SwitchBed bed(2);
    bed.sw->SetPortSecurity(0, Secure(1, PORT_SECURITY_RESTRICT));
    uint64_t a = bed.Send(Seconds(1), 0, Local(1), bed.Mac(1));
    uint64_t b = bed.Send(Seconds(2), 0, Local(2), bed.Mac(1));
    uint64_t b2 = bed.Send(Seconds(3), 0, Local(2), bed.Mac(1));
    uint64_t a2 = bed.Send(Seconds(4), 0, Local(1), bed.Mac(1));
    RunFor(Seconds(5));

    BOOST_CHECK_EQUAL(bed.Got(1, a), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, b), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, b2), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, a2), 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 2U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortState(0), SWITCH_PORT_UP);
    BOOST_REQUIRE_EQUAL(bed.violations.size(), 2U);
    BOOST_CHECK_EQUAL(bed.violations[0].port, 0U);
    BOOST_CHECK_EQUAL(bed.violations[0].mac, Local(2));
    BOOST_CHECK_EQUAL(bed.violations[0].mode, PORT_SECURITY_RESTRICT);
    BOOST_CHECK(bed.DropsOf(b2) == std::vector<EthernetSwitchDropReason>{SWITCH_DROP_VIOLATION});
    BOOST_CHECK(bed.states.empty());
}

// Cisco violation mode shutdown, the default ("shutdown | no | yes | trap |
// err-disabled"): the port goes err-disabled; afterwards every frame of the port is
// dropped, the secure MAC's included, and nothing is sent to it.
BOOST_AUTO_TEST_CASE(shutdown_err_disables_the_port)
{
    SwitchBed bed(2, [](EthernetSwitchHelper& h) {
        h.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(true)); // max 1, shutdown
    });
    uint64_t a = bed.Send(Seconds(1), 0, Local(1), bed.Mac(1));
    uint64_t toA = bed.Send(Seconds(1.5), 1, bed.Mac(1), Local(1));
    uint64_t b = bed.Send(Seconds(2), 0, Local(2), bed.Mac(1));
    uint64_t a2 = bed.Send(Seconds(3), 0, Local(1), bed.Mac(1));
    uint64_t toA2 = bed.Send(Seconds(4), 1, bed.Mac(1), Local(1));
    RunFor(Seconds(100));

    BOOST_CHECK_EQUAL(bed.Got(1, a), 1U);
    BOOST_CHECK_EQUAL(bed.Got(0, toA), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, b), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, a2), 0U); // the legitimate MAC is cut off too
    BOOST_CHECK_EQUAL(bed.Got(0, toA2), 0U);
    BOOST_CHECK(bed.DropsOf(b) == std::vector<EthernetSwitchDropReason>{SWITCH_DROP_VIOLATION});
    BOOST_CHECK(bed.DropsOf(a2) == std::vector<EthernetSwitchDropReason>{SWITCH_DROP_ERR_DISABLED});
    // toA2: port 0's entries were flushed, so it is flooded and finds no port that is up
    BOOST_CHECK(bed.DropsOf(toA2) == std::vector<EthernetSwitchDropReason>{SWITCH_DROP_NO_EGRESS});
    EthernetSwitchPortStatus s = bed.sw->GetPortStatus(0);
    BOOST_CHECK_EQUAL(s.state, SWITCH_PORT_ERR_DISABLED);
    BOOST_CHECK_EQUAL(s.violations, 1U); // err-disabled drops are not violations
    BOOST_CHECK_EQUAL(s.rxDropped, 2U);
    BOOST_REQUIRE_EQUAL(bed.violations.size(), 1U);
    BOOST_CHECK_EQUAL(bed.violations[0].mode, PORT_SECURITY_SHUTDOWN);
    BOOST_REQUIRE_EQUAL(bed.states.size(), 1U); // no recovery configured: stays down
    BOOST_CHECK_EQUAL(bed.states[0].port, 0U);
    BOOST_CHECK_EQUAL(bed.states[0].state, SWITCH_PORT_ERR_DISABLED);
    BOOST_CHECK_EQUAL(bed.states[0].at, Seconds(2));
    // manual recovery (shutdown / no shutdown) clears the dynamic secure MAC
    bed.sw->RecoverPort(0);
    BOOST_CHECK_EQUAL(bed.sw->GetPortState(0), SWITCH_PORT_UP);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).secureMacCount, 0U);
}

// Cisco `errdisable recovery cause psecure-violation` with an interval: the port comes
// back up by itself after the interval, its dynamic secure MACs cleared, so another MAC
// can now be secured.
BOOST_AUTO_TEST_CASE(err_disabled_port_recovers_after_the_interval)
{
    SwitchBed bed(2);
    PortSecurityConfig c = Secure(1, PORT_SECURITY_SHUTDOWN);
    c.errDisableRecoveryInterval = Seconds(30);
    bed.sw->SetPortSecurity(0, c);
    bed.Send(Seconds(1), 0, Local(1), bed.Mac(1));
    bed.Send(Seconds(2), 0, Local(2), bed.Mac(1)); // violation at 2 s
    uint64_t during = bed.Send(Seconds(20), 0, Local(1), bed.Mac(1));
    uint32_t secureAt31 = 99; // still err-disabled: the secure MAC is kept
    uint32_t secureAt33 = 99; // recovered: the dynamic secure MAC is cleared
    At(Seconds(31), [&]() { secureAt31 = bed.sw->GetPortStatus(0).secureMacCount; });
    At(Seconds(33), [&]() { secureAt33 = bed.sw->GetPortStatus(0).secureMacCount; });
    uint64_t after = bed.Send(Seconds(35), 0, Local(2), bed.Mac(1));
    RunFor(Seconds(40));

    BOOST_CHECK_EQUAL(bed.Got(1, during), 0U);
    BOOST_REQUIRE_EQUAL(bed.states.size(), 2U);
    BOOST_CHECK_EQUAL(bed.states[1].state, SWITCH_PORT_UP);
    BOOST_CHECK_EQUAL(bed.states[1].at, Seconds(32));
    BOOST_CHECK_EQUAL(secureAt31, 1U);
    BOOST_CHECK_EQUAL(secureAt33, 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, after), 1U); // first come after recovery is secured
    std::vector<SecureMacEntry> secure = bed.sw->GetSecureMacs(0);
    BOOST_REQUIRE_EQUAL(secure.size(), 1U);
    BOOST_CHECK_EQUAL(secure[0].mac, Local(2));
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 1U);
}

// Cisco static secure MAC (`switchport port-security mac-address MAC`): it counts
// toward the maximum, so with maximum 1 nothing else is admitted; it is in the
// forwarding table from configuration on, before any frame from it.
BOOST_AUTO_TEST_CASE(static_secure_mac_is_the_only_one_admitted)
{
    SwitchBed bed(3);
    PortSecurityConfig c = Secure(1, PORT_SECURITY_RESTRICT);
    c.staticMacs.push_back(Local(5));
    bed.sw->SetPortSecurity(0, c);
    uint64_t toS = bed.Send(Seconds(1), 1, bed.Mac(1), Local(5)); // not flooded
    uint64_t fromS = bed.Send(Seconds(2), 0, Local(5), bed.Mac(1));
    uint64_t other = bed.Send(Seconds(3), 0, bed.Mac(0), bed.Mac(1));
    RunFor(Seconds(4));

    BOOST_CHECK_EQUAL(bed.Got(0, toS), 1U);
    BOOST_CHECK_EQUAL(bed.Got(2, toS), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, fromS), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, other), 0U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 1U);
    std::vector<SecureMacEntry> secure = bed.sw->GetSecureMacs(0);
    BOOST_REQUIRE_EQUAL(secure.size(), 1U);
    BOOST_CHECK_EQUAL(secure[0].type, SECURE_MAC_STATIC);
}

// Cisco sticky learning ("sticky addresses are not aged"): with aging on, a sticky
// MAC stays secure (and in the forwarding table) long after a dynamic one on another
// port with the same aging has gone.
BOOST_AUTO_TEST_CASE(sticky_macs_do_not_age)
{
    SwitchBed bed(3, [](EthernetSwitchHelper& h) {
        h.SetDeviceAttribute("FdbAgingTime", TimeValue(Seconds(20)));
    });
    PortSecurityConfig sticky = Secure(2, PORT_SECURITY_RESTRICT);
    sticky.sticky = true;
    sticky.agingTime = Seconds(10);
    PortSecurityConfig dynamic = sticky;
    dynamic.sticky = false;
    bed.sw->SetPortSecurity(0, sticky);
    bed.sw->SetPortSecurity(1, dynamic);
    bed.Send(Seconds(1), 0, Local(1), Local(9));
    bed.Send(Seconds(1), 1, Local(2), Local(9));
    uint64_t toSticky = bed.Send(Seconds(100), 2, bed.Mac(2), Local(1));
    RunFor(Seconds(101));

    std::vector<SecureMacEntry> s0 = bed.sw->GetSecureMacs(0);
    BOOST_REQUIRE_EQUAL(s0.size(), 1U);
    BOOST_CHECK_EQUAL(s0[0].type, SECURE_MAC_STICKY);
    BOOST_CHECK_EQUAL(bed.sw->GetSecureMacs(1).size(), 0U); // dynamic aged at 11 s
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(Local(1)), 0U);     // sticky: pinned, never aged
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(Local(2)), EthernetSwitchNetDevice::NO_PORT);
    BOOST_CHECK_EQUAL(bed.Got(0, toSticky), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, toSticky), 0U);
}

// Cisco `aging type absolute`: a dynamic secure MAC is removed agingTime after it was
// learnt, however active it is; until then a new MAC is a violation, after it is
// admitted.
BOOST_AUTO_TEST_CASE(absolute_aging_removes_secure_macs_after_the_time)
{
    SwitchBed bed(2);
    PortSecurityConfig c = Secure(1, PORT_SECURITY_RESTRICT);
    c.agingTime = Seconds(10);
    c.agingType = PORT_SECURITY_AGING_ABSOLUTE;
    bed.sw->SetPortSecurity(0, c);
    for (double t : {1.0, 5.0, 9.0})
    {
        bed.Send(Seconds(t), 0, Local(1), bed.Mac(1)); // learnt at 1 s: expires at 11 s
    }
    uint64_t early = bed.Send(Seconds(10), 0, Local(2), bed.Mac(1));
    uint64_t late = bed.Send(Seconds(12), 0, Local(2), bed.Mac(1));
    RunFor(Seconds(13));

    BOOST_CHECK_EQUAL(bed.Got(1, early), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, late), 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 1U);
    std::vector<SecureMacEntry> secure = bed.sw->GetSecureMacs(0);
    BOOST_REQUIRE_EQUAL(secure.size(), 1U);
    BOOST_CHECK_EQUAL(secure[0].mac, Local(2));
    BOOST_CHECK_EQUAL(secure[0].type, SECURE_MAC_DYNAMIC);
}

// Cisco `aging type inactivity`: a dynamic secure MAC is removed agingTime after its
// last frame; activity keeps it.
BOOST_AUTO_TEST_CASE(inactivity_aging_removes_idle_secure_macs)
{
    SwitchBed bed(2);
    PortSecurityConfig c = Secure(1, PORT_SECURITY_RESTRICT);
    c.agingTime = Seconds(10);
    c.agingType = PORT_SECURITY_AGING_INACTIVITY;
    bed.sw->SetPortSecurity(0, c);
    for (double t : {1.0, 5.0, 9.0})
    {
        bed.Send(Seconds(t), 0, Local(1), bed.Mac(1)); // last seen at 9 s: expires at 19 s
    }
    uint64_t at15 = bed.Send(Seconds(15), 0, Local(2), bed.Mac(1)); // absolute would admit
    uint64_t at20 = bed.Send(Seconds(20), 0, Local(2), bed.Mac(1));
    RunFor(Seconds(21));

    BOOST_CHECK_EQUAL(bed.Got(1, at15), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, at20), 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 1U);
    BOOST_REQUIRE_EQUAL(bed.sw->GetSecureMacs(0).size(), 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetSecureMacs(0)[0].mac, Local(2));
}

// Cisco violation (b): "a MAC secured on one port shows up on another secure port": a
// violation on the second port, by its mode, even though it has room; the first port
// and the address's forwarding entry are untouched. On a port without security the
// frame passes, but the secure address does not move there (a choice of this model).
BOOST_AUTO_TEST_CASE(mac_secured_on_another_port_is_a_violation)
{
    SwitchBed bed(4);
    bed.sw->SetPortSecurity(0, Secure(2, PORT_SECURITY_RESTRICT));
    bed.sw->SetPortSecurity(1, Secure(2, PORT_SECURITY_RESTRICT));
    bed.Send(Seconds(1), 0, Local(1), bed.Mac(3));
    uint64_t onB = bed.Send(Seconds(2), 1, Local(1), bed.Mac(3));
    uint64_t onOpen = bed.Send(Seconds(3), 2, Local(1), bed.Mac(3));
    RunFor(Seconds(4));

    BOOST_CHECK_EQUAL(bed.Got(3, onB), 0U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(1).violations, 1U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(1).secureMacCount, 0U);
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).violations, 0U);
    BOOST_REQUIRE_EQUAL(bed.violations.size(), 1U);
    BOOST_CHECK_EQUAL(bed.violations[0].port, 1U);
    BOOST_CHECK_EQUAL(bed.violations[0].mac, Local(1));
    BOOST_CHECK_EQUAL(bed.Got(3, onOpen), 1U);
    BOOST_CHECK_EQUAL(bed.sw->LookupFdb(Local(1)), 0U);
}

// Hairpin off (Linux br_forward/should_deliver: never back out of the ingress port): a
// frame for a MAC learnt on its own ingress port is dropped, not reflected, and so is a
// frame whose source equals its destination. This is why a VEPA host needs a hairpin
// switch port.
BOOST_AUTO_TEST_CASE(hairpin_off_drops_frames_for_the_ingress_port)
{
    SwitchBed bed(2);
    bed.Send(Seconds(1), 0, Local(1), Local(9)); // learn Local(1) on port 0
    uint64_t peer = bed.Send(Seconds(2), 0, Local(2), Local(1));
    uint64_t self = bed.Send(Seconds(3), 0, Local(3), Local(3));
    RunFor(Seconds(4));

    BOOST_CHECK_EQUAL(bed.Got(0, peer), 0U);
    BOOST_CHECK_EQUAL(bed.Got(1, peer), 0U);
    BOOST_CHECK_EQUAL(bed.Got(0, self), 0U);
    BOOST_CHECK(bed.DropsOf(peer) ==
                std::vector<EthernetSwitchDropReason>{SWITCH_DROP_HAIRPIN_OFF});
    BOOST_CHECK(bed.DropsOf(self) ==
                std::vector<EthernetSwitchDropReason>{SWITCH_DROP_HAIRPIN_OFF});
    BOOST_CHECK_EQUAL(bed.sw->GetPortStatus(0).rxDropped, 2U);
}

// Hairpin on (BRIDGE_MODE_HAIRPIN, reflective relay for VEPA, doc/field-reports.rst §3b): the frame
// goes back out of its ingress port, source == destination included, and floods include the ingress
// port.
BOOST_AUTO_TEST_CASE(hairpin_on_reflects_frames_to_the_ingress_port)
{
    SwitchBed bed(2);
    bed.sw->SetHairpin(0, true);
    BOOST_CHECK(bed.sw->GetHairpin(0));
    BOOST_CHECK(!bed.sw->GetHairpin(1));
    bed.Send(Seconds(1), 0, Local(1), Local(9));
    uint64_t peer = bed.Send(Seconds(2), 0, Local(2), Local(1));
    uint64_t self = bed.Send(Seconds(3), 0, Local(3), Local(3));
    uint64_t bcast = bed.Send(Seconds(4), 0, Local(1), Mac48Address::GetBroadcast());
    uint64_t fromOther = bed.Send(Seconds(5), 1, bed.Mac(1), Mac48Address::GetBroadcast());
    RunFor(Seconds(6));

    BOOST_CHECK_EQUAL(bed.Got(0, peer), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, peer), 0U);
    BOOST_CHECK_EQUAL(bed.Got(0, self), 1U);
    BOOST_CHECK_EQUAL(bed.Got(0, bcast), 1U); // the flood includes the ingress port
    BOOST_CHECK_EQUAL(bed.Got(1, bcast), 1U);
    BOOST_CHECK_EQUAL(bed.Got(1, fromOther), 0U); // port 1 has no hairpin
    BOOST_CHECK_EQUAL(bed.Got(0, fromOther), 1U);
    bool reflectedAsSent = false;
    for (const auto& f : bed.rx[0])
    {
        reflectedAsSent |= f.uid == peer && f.src == Local(2) && f.dst == Local(1);
    }
    BOOST_CHECK(reflectedAsSent);
    BOOST_CHECK(bed.drops.empty());
}

// The reason ipvlan exists (the kernel's Documentation/networking/ipvlan.rst: "switch/router has
// policy configured that allows only one mac per port"): behind a port with maximum 1 and violation
// shutdown, an ipvlan master with three containers works (every slave uses the master's MAC), while
// a host showing three MACs (as macvlan does: one per container) gets its port err-disabled by its
// second MAC. Real UDP through real stacks.
BOOST_AUTO_TEST_CASE(one_mac_port_passes_ipvlan_and_shuts_down_many_macs)
{
    Ptr<Node> swNode = CreateObject<Node>();
    Ptr<Node> host = CreateObject<Node>();   // ipvlan host, port 0
    Ptr<Node> router = CreateObject<Node>(); // port 1
    NodeContainer containers;                // ipvlan containers on host
    containers.Create(3);
    NodeContainer macvlans; // three MACs behind port 2
    macvlans.Create(3);

    SimpleNetDeviceHelper link;
    NetDeviceContainer l0 = link.Install(NodeContainer(host, swNode));
    NetDeviceContainer l1 = link.Install(NodeContainer(router, swNode));
    NetDeviceContainer l2 = link.Install(NodeContainer(NodeContainer(macvlans), swNode));
    NetDeviceContainer ports(l0.Get(1), l1.Get(1));
    ports.Add(l2.Get(3));

    // the router's port (1) has no security
    Ptr<EthernetSwitchNetDevice> sw = InstallOneMacSwitch(swNode, ports, "shutdown", 1);

    InternetStackHelper stack;
    stack.Install(router);
    stack.Install(containers);
    stack.Install(macvlans);
    IpvlanHelper ipvlan;
    ipvlan.SetMode("l2");
    NetDeviceContainer slaves = ipvlan.Install(l0.Get(0), containers);
    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    addr.Assign(NetDeviceContainer(l1.Get(0))); // router .1
    addr.Assign(slaves);                        // containers .2 .. .4
    NetDeviceContainer macvlanDevs(l2.Get(0), l2.Get(1));
    macvlanDevs.Add(l2.Get(2));
    addr.Assign(macvlanDevs); // .5 .. .7, three MACs

    UdpEcho echo;
    echo.Serve(router);
    std::vector<uint32_t> ipvlanIds;
    for (uint32_t i = 0; i < 3; ++i)
    {
        ipvlanIds.push_back(echo.Send(containers.Get(i), Ipv4Address("10.0.0.1"), Seconds(1 + i)));
    }
    uint32_t mv0 = echo.Send(macvlans.Get(0), Ipv4Address("10.0.0.1"), Seconds(5));
    uint32_t mv1 = echo.Send(macvlans.Get(1), Ipv4Address("10.0.0.1"), Seconds(6));
    uint32_t mv0again = echo.Send(macvlans.Get(0), Ipv4Address("10.0.0.1"), Seconds(7));
    RunFor(Seconds(10));

    for (uint32_t id : ipvlanIds)
    {
        BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    }
    EthernetSwitchPortStatus p0 = sw->GetPortStatus(0);
    BOOST_CHECK_EQUAL(p0.state, SWITCH_PORT_UP);
    BOOST_CHECK_EQUAL(p0.violations, 0U);
    BOOST_CHECK_EQUAL(p0.secureMacCount, 1U);
    BOOST_CHECK_EQUAL(sw->GetSecureMacs(0).at(0).mac,
                      Mac48Address::ConvertFrom(l0.Get(0)->GetAddress()));

    BOOST_CHECK_EQUAL(echo.Replies(mv0), 1U);      // first MAC secured
    BOOST_CHECK_EQUAL(echo.Replies(mv1), 0U);      // second MAC: violation, shutdown
    BOOST_CHECK_EQUAL(echo.Replies(mv0again), 0U); // the whole port is down
    EthernetSwitchPortStatus p2 = sw->GetPortStatus(2);
    BOOST_CHECK_EQUAL(p2.state, SWITCH_PORT_ERR_DISABLED);
    BOOST_CHECK_EQUAL(p2.violations, 1U);
    Simulator::Destroy();
}

// Bad input stops with a message that names the value and what is allowed: maximum 0
// (Cisco's range starts at 1), lowering the maximum below the secure MACs the port
// holds (Cisco refuses it), more static MACs than the maximum, a static MAC secure on
// another port, a non-Ethernet port, a port without SendFrom, the same device twice, a
// port of another switch, a device of another node, a bad port index.
BOOST_AUTO_TEST_CASE(bad_configuration_is_refused)
{
    CheckFatalOutput(
        []() {
            SwitchBed bed(1);
            bed.sw->SetPortSecurity(0, Secure(0, PORT_SECURITY_SHUTDOWN));
        },
        {"port 0", "maximum secure MAC addresses 0 refused", "at least 1"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(1, [](EthernetSwitchHelper& h) {
                h.SetDeviceAttribute("MaxMacAddresses", UintegerValue(0));
            });
        },
        {"MaxMacAddresses", "\"0\" refused", "at least 1"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(2);
            bed.sw->SetPortSecurity(0, Secure(3, PORT_SECURITY_RESTRICT));
            bed.Send(Seconds(1), 0, Local(1), bed.Mac(1));
            bed.Send(Seconds(2), 0, Local(2), bed.Mac(1));
            RunFor(Seconds(3));
            bed.sw->SetPortSecurity(0, Secure(1, PORT_SECURITY_RESTRICT));
        },
        {"maximum 1 refused", "already holds 2 secure MAC addresses", "cannot be lowered"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(1);
            PortSecurityConfig c = Secure(1, PORT_SECURITY_SHUTDOWN);
            c.staticMacs = {Local(1), Local(2)};
            bed.sw->SetPortSecurity(0, c);
        },
        {"2 static secure MAC addresses exceed the maximum 1"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(2);
            PortSecurityConfig c = Secure(1, PORT_SECURITY_SHUTDOWN);
            c.staticMacs = {Local(1)};
            bed.sw->SetPortSecurity(0, c);
            bed.sw->SetPortSecurity(1, c);
        },
        {"static secure MAC 02:00:00:00:aa:01 refused", "already secure on port 0"});
    CheckFatalOutput(
        []() {
            Ptr<Node> n = CreateObject<Node>();
            Ptr<Mac16Device> dev = CreateObject<Mac16Device>();
            dev->address16 = Mac16Address("00:02");
            n->AddDevice(dev);
            EthernetSwitchHelper().Install(n, NetDeviceContainer(dev));
        },
        {"00:02", "not an Ethernet (Mac48Address)"});
    CheckFatalOutput(
        []() {
            Ptr<NoSendFromDevice> dev = CreateObject<NoSendFromDevice>();
            AddToNewNode(dev);
            EthernetSwitchHelper().Install(dev->GetNode(), NetDeviceContainer(dev));
        },
        {"does not support SendFrom"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(1);
            bed.sw->AddSwitchPort(bed.sw->GetSwitchPort(0));
        },
        {"is already port 0", "of this switch"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(1);
            EthernetSwitchHelper().Install(bed.swNode,
                                           NetDeviceContainer(bed.sw->GetSwitchPort(0)));
        },
        {"is already in use (EBUSY)", "port 0 of switch ns3::EthernetSwitchNetDevice"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(1);
            bed.sw->AddSwitchPort(bed.hostDevs[0]);
        },
        {"is not on the switch's node"});
    CheckFatalOutput(
        []() {
            SwitchBed bed(2);
            bed.sw->SetHairpin(2, true);
        },
        {"SetHairpin: port index 2 refused", "has 2 ports"});
}

BOOST_AUTO_TEST_SUITE_END()
