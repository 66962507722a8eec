/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Configuration: mode and flag words, refused masters, address ownership. Bad input
// must stop with a message that names the value and what is allowed.
#include "../ipvlan-test-utils.h"

#include "ns3/bridge-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/node.h"
#include "ns3/queue.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/**
 * A device of a host on a wire to another node (made here).
 * @param host the host
 * @return the device
 */
Ptr<NetDevice>
WiredDevice(Ptr<Node> host)
{
    Ptr<Node> other = CreateObject<Node>();
    return SimpleNetDeviceHelper().Install(NodeContainer(host, other)).Get(0);
}

/**
 * An ipvlan l2 slave for a container.
 * @param master the master
 * @param container the container
 */
void
InstallL2Slave(Ptr<NetDevice> master, Ptr<Node> container)
{
    IpvlanHelper helper;
    helper.SetMode("l2");
    helper.Install(master, container);
}
} // namespace

BOOST_AUTO_TEST_SUITE(configuration)

// iproute2 words (ip/iplink_ipvlan.c): mode l2|l3|l3s, flags bridge|private|vepa.
BOOST_AUTO_TEST_CASE(mode_and_flag_words_parse_as_iproute2)
{
    BOOST_CHECK_EQUAL(ParseIpvlanMode("l2"), IPVLAN_MODE_L2);
    BOOST_CHECK_EQUAL(ParseIpvlanMode("L3"), IPVLAN_MODE_L3);
    BOOST_CHECK_EQUAL(ParseIpvlanMode("l3s"), IPVLAN_MODE_L3S);
    BOOST_CHECK_EQUAL(ParseIpvlanFlags(""), IPVLAN_F_BRIDGE);
    BOOST_CHECK_EQUAL(ParseIpvlanFlags("bridge"), IPVLAN_F_BRIDGE);
    BOOST_CHECK_EQUAL(ParseIpvlanFlags("private"), IPVLAN_F_PRIVATE);
    BOOST_CHECK_EQUAL(ParseIpvlanFlags("vepa"), IPVLAN_F_VEPA);
    BOOST_CHECK_EQUAL(IpvlanModeToString(IPVLAN_MODE_L3S), "l3s");
    BOOST_CHECK_EQUAL(IpvlanFlagsToString(IPVLAN_F_PRIVATE), "private");
    IpvlanHelper helper;
    BOOST_CHECK_EQUAL(helper.GetMode(), IPVLAN_MODE_L3); // the kernel's default mode
    BOOST_CHECK_EQUAL(helper.GetFlags(), IPVLAN_F_BRIDGE);
}

BOOST_AUTO_TEST_CASE(unknown_mode_word_is_refused_naming_it)
{
    CheckFatalOutput([]() { ParseIpvlanMode("l4"); }, {"unknown mode \"l4\"", "l2, l3, l3s"});
    CheckFatalOutput([]() { IpvlanHelper().SetMode("bridge"); }, {"unknown mode \"bridge\""});
}

BOOST_AUTO_TEST_CASE(unknown_flag_word_is_refused_naming_it)
{
    CheckFatalOutput([]() { IpvlanHelper().SetFlags("passthru"); },
                     {"unknown flag \"passthru\"", "bridge, private, vepa"});
}

// ipvlan_nl_validate: PRIVATE and VEPA together are EINVAL.
BOOST_AUTO_TEST_CASE(private_with_vepa_is_refused)
{
    BOOST_CHECK(!ValidateIpvlanFlags(IPVLAN_F_PRIVATE | IPVLAN_F_VEPA).empty());
    BOOST_CHECK(ValidateIpvlanFlags(IPVLAN_F_VEPA).empty());
    CheckFatalOutput([]() { IpvlanHelper().SetFlags("private vepa"); },
                     {"private vepa", "mutually exclusive"});
    CheckFatalOutput([]() { IpvlanHelper().SetFlags(uint16_t(3)); }, {"mutually exclusive"});
    CheckFatalOutput([]() { IpvlanHelper().SetFlags(uint16_t(4)); }, {"unknown flag bits 0x4"});
    // the port's attribute validates too
    CheckFatalOutput(
        []() {
            Ptr<IpvlanPort> port = CreateObject<IpvlanPort>();
            port->SetAttribute("Flags", UintegerValue(3));
        },
        {"mutually exclusive"});
}

// ipvlan_link_new: "Master is either lo or non-ether device" (-EINVAL).
BOOST_AUTO_TEST_CASE(non_ethernet_master_is_refused)
{
    CheckFatalOutput(
        []() {
            Ptr<Node> host = CreateObject<Node>();
            Ptr<Node> c = CreateObject<Node>();
            Ptr<Mac16Device> dev = CreateObject<Mac16Device>(); // address 00:01
            host->AddDevice(dev);
            InstallL2Slave(dev, c);
        },
        {"00:01", "not an Ethernet (Mac48Address)"});
}

// ipvlan_link_new: a device that already has an rx_handler (here: a bridge port) is
// refused with -EBUSY "Device is already in use".
BOOST_AUTO_TEST_CASE(master_owned_by_a_bridge_is_refused)
{
    CheckFatalOutput(
        []() {
            Ptr<Node> host = CreateObject<Node>();
            Ptr<NetDevice> master = WiredDevice(host);
            Ptr<Node> c = CreateObject<Node>();
            BridgeHelper bridge;
            bridge.Install(host, NetDeviceContainer(master));
            InstallL2Slave(master, c);
        },
        {"already in use (EBUSY)", "a port of bridge"});
}

// The model's departure (see doc): the physical master carries no IP of its own.
BOOST_AUTO_TEST_CASE(master_with_its_own_ip_is_refused)
{
    CheckFatalOutput(
        []() {
            Ptr<Node> host = CreateObject<Node>();
            Ptr<NetDevice> master = WiredDevice(host);
            Ptr<Node> c = CreateObject<Node>();
            InternetStackHelper stack;
            stack.Install(host);
            Ipv4AddressHelper addr("10.1.0.0", "255.255.255.0");
            addr.Assign(NetDeviceContainer(master));
            InstallL2Slave(master, c);
        },
        {"has an IP interface of its own", "IpvlanHostNetDevice"});
}

// ipvlan_nl_validate: a mode >= IPVLAN_MODE_MAX is EINVAL.
BOOST_AUTO_TEST_CASE(invalid_numeric_mode_is_refused)
{
    CheckFatalOutput(
        []() {
            Ptr<IpvlanPort> port = CreateObject<IpvlanPort>();
            port->SetMode(static_cast<IpvlanMode>(7));
        },
        {"mode 7 is invalid", "l2 (0), l3 (1), l3s (2)"});
}

// Mode and flags are per port, last writer wins (ipvlan_set_port_mode on newlink), and
// ipvlan on ipvlan attaches to the underlying master's port (ipvlan_link_new).
BOOST_AUTO_TEST_CASE(port_is_shared_flags_last_writer_wins_and_nesting_is_flattened)
{
    L2TestBed bed(2);
    BOOST_CHECK_EQUAL(bed.port->GetNSlaves(), 2U);
    BOOST_CHECK_EQUAL(bed.port->GetFlags(), IPVLAN_F_BRIDGE);
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetPort(), bed.slaves[1]->GetPort());
    BOOST_CHECK_EQUAL(bed.slaves[0]->GetAddress(), bed.master->GetAddress());
    BOOST_CHECK(bed.slaves[0]->NeedsArp()); // L2: ARP is the slave's own

    Ptr<Node> extra = CreateObject<Node>();
    IpvlanHelper helper;
    helper.SetMode("l2");
    helper.SetFlags("private");
    NetDeviceContainer nested = helper.Install(bed.slaves[0], extra); // link = a slave
    Ptr<IpvlanNetDevice> n = DynamicCast<IpvlanNetDevice>(nested.Get(0));
    BOOST_CHECK_EQUAL(n->GetPort(), bed.port);
    BOOST_CHECK_EQUAL(n->GetLowerDevice(), bed.master);
    BOOST_CHECK_EQUAL(bed.port->GetNSlaves(), 3U);
    BOOST_CHECK_EQUAL(bed.port->GetFlags(), IPVLAN_F_PRIVATE);
}

// ipvlan_addr_busy via the address validators: an address another slave of the port
// holds is refused (EADDRINUSE) and does not stay on the interface.
BOOST_AUTO_TEST_CASE(duplicate_address_is_refused_naming_the_holder)
{
    L2TestBed bed(2);
    bed.port->SetAttribute("RefusedAddress", StringValue("remove"));
    std::vector<std::string> refusals;
    bed.slaves[1]->TraceConnectWithoutContext("AddressRefused",
                                              MakeBoundCallback(&RecordRefusal, &refusals));
    Ptr<Ipv4> ipv4 = bed.containers.Get(1)->GetObject<Ipv4>();
    int32_t ifIndex = ipv4->GetInterfaceForDevice(bed.slaves[1]);
    BOOST_REQUIRE_GE(ifIndex, 0);
    ipv4->AddAddress(ifIndex,
                     Ipv4InterfaceAddress(L2TestBed::ContainerAddress(0), Ipv4Mask("/24")));
    BOOST_REQUIRE_EQUAL(refusals.size(), 1U);
    BOOST_CHECK_NE(refusals[0].find("10.0.0.10"), std::string::npos);
    BOOST_CHECK_NE(refusals[0].find("EADDRINUSE"), std::string::npos);
    BOOST_CHECK_NE(refusals[0].find("node " + std::to_string(bed.containers.Get(0)->GetId())),
                   std::string::npos);
    BOOST_CHECK_EQUAL(ipv4->GetInterfaceForAddress(L2TestBed::ContainerAddress(0)), -1);
    // the holder keeps it: frames for it still reach container 0
    BOOST_CHECK_EQUAL(bed.port->Lookup(L2TestBed::ContainerAddress(0)), PeekPointer(bed.slaves[0]));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(address_rules)

// doc/kernel-behaviour.rst §1.4: only running slaves' addresses are in the demux table
// (ipvlan_stop un-hashes them, ipvlan_open hashes them again), but ipvlan_addr_busy
// walks every slave's list, so a down slave's address is still refused to another slave.
// Acceptance case §7(g), "even a down one".
BOOST_AUTO_TEST_CASE(down_slave_leaves_the_table_but_keeps_its_addresses)
{
    L2TestBed bed(3);
    bed.port->SetAttribute("RefusedAddress", StringValue("remove"));
    bed.slaves[0]->SetAdminUp(false);
    BOOST_CHECK(bed.port->Lookup(L2TestBed::ContainerAddress(0)) == nullptr);
    std::vector<std::string> refusals;
    bed.slaves[1]->TraceConnectWithoutContext("AddressRefused",
                                              MakeBoundCallback(&RecordRefusal, &refusals));
    Ptr<Ipv4> ipv4 = bed.containers.Get(1)->GetObject<Ipv4>();
    int32_t ifIndex = ipv4->GetInterfaceForDevice(bed.slaves[1]);
    ipv4->AddAddress(ifIndex,
                     Ipv4InterfaceAddress(L2TestBed::ContainerAddress(0), Ipv4Mask("/24")));
    BOOST_CHECK_EQUAL(refusals.size(), 1U);
    BOOST_CHECK_EQUAL(ipv4->GetInterfaceForAddress(L2TestBed::ContainerAddress(0)), -1);

    UdpEcho echo;
    echo.Serve(bed.containers.Get(0));
    uint32_t whileDown = echo.Send(bed.router, L2TestBed::ContainerAddress(0), Seconds(1));
    Simulator::Schedule(Seconds(6), &IpvlanNetDevice::SetAdminUp, bed.slaves[0], true);
    // (the router has marked 10.0.0.10 dead in its ARP cache by now, and container 1's
    // refused address took its on-link route with it in ns-3: ask from container 2)
    uint32_t whenUp = echo.Send(bed.containers.Get(2), L2TestBed::ContainerAddress(0), Seconds(7));
    Simulator::Stop(Seconds(9)); // the router gives up its ARP retries while the slave is down
    Simulator::Run();
    BOOST_CHECK_EQUAL(echo.Replies(whileDown), 0U);
    BOOST_CHECK_EQUAL(echo.Replies(whenUp), 1U);
    BOOST_CHECK_EQUAL(bed.port->Lookup(L2TestBed::ContainerAddress(0)), PeekPointer(bed.slaves[0]));
}

BOOST_AUTO_TEST_SUITE_END()
