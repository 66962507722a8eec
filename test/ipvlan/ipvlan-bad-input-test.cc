/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Bad input is refused with a message that names the attribute, the value and what is
// allowed (doc/hardening-notes.rst, "Attribute errors"): every way of setting an
// attribute (SetAttribute with a StringValue or a typed value, Config::SetDefault,
// ObjectFactory), for the switch, port security, the NIC filter, macvlan and the host
// netfilter; refused operations leave everything as it was.
#include "../ipvlan-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/ethernet-switch-net-device.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/ipvlan-netfilter.h"
#include "ns3/macvlan-net-device.h"
#include "ns3/macvlan-port.h"
#include "ns3/nic-unicast-filter.h"
#include "ns3/object-factory.h"
#include "ns3/port-security.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
/// One bad value for one attribute, with what the message must say
struct BadAttribute
{
    std::string type;                   ///< TypeId name
    std::string attribute;              ///< attribute name
    std::string value;                  ///< the bad value, as text
    std::vector<std::string> fragments; ///< what the message must contain
};

/// Set a bad value in the three ways and check each message
void
CheckRefusedEverywhere(const BadAttribute& c)
{
    std::vector<std::string> fragments = c.fragments;
    fragments.push_back(c.type + "::" + c.attribute);
    fragments.push_back("\"" + c.value + "\"");
    BOOST_TEST_CONTEXT(c.type << "::" << c.attribute << " = " << c.value)
    {
        // SetAttribute with a StringValue
        CheckFatalOutput(
            [&c]() {
                ObjectFactory f;
                f.SetTypeId(c.type);
                Ptr<Object> o = f.Create();
                o->SetAttribute(c.attribute, StringValue(c.value));
            },
            fragments);
        // Config::SetDefault
        CheckFatalOutput(
            [&c]() { Config::SetDefault(c.type + "::" + c.attribute, StringValue(c.value)); },
            fragments);
        // ObjectFactory
        CheckFatalOutput(
            [&c]() {
                ObjectFactory f;
                f.SetTypeId(c.type);
                f.Set(c.attribute, StringValue(c.value));
                f.Create();
            },
            fragments);
    }
}

const std::string SW = "ns3::EthernetSwitchNetDevice";
const std::string NF = "ns3::IpvlanNetfilter";
const std::string U32 = "4294967295";
} // namespace

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(switch_attributes_name_value_and_allowed)
{
    const std::vector<BadAttribute> cases = {
        {SW, "Mtu", "0", {"68..65535", "ether_setup"}},
        {SW, "Mtu", "70000", {"68..65535"}},
        {SW, "Mtu", "jumbo", {"68..65535"}},
        {SW, "MaxFdbEntries", "-1", {"0.." + U32}},
        {SW,
         "FdbAgingTime",
         "-1s",
         {"zero or a positive time", "zero: learnt addresses never age"}},
        {SW, "PortSecurityEnabled", "maybe", {"true|false"}},
        {SW, "MaxMacAddresses", "0", {"1.." + U32, "at least 1"}},
        {SW, "ViolationMode", "drop", {"protect|restrict|shutdown"}},
        {SW, "Sticky", "2", {"true|false"}},
        {SW, "SecureAgingTime", "-5s", {"zero or a positive time", "zero: no aging"}},
        {SW, "SecureAgingType", "sometimes", {"absolute|inactivity"}},
        {SW, "ErrDisableRecoveryInterval", "-30s", {"zero or a positive time"}},
        {SW, "Hairpin", "on", {"true|false"}},
    };
    for (const auto& c : cases)
    {
        CheckRefusedEverywhere(c);
    }
}

// Typed values are checked as strictly as text.
BOOST_AUTO_TEST_CASE(typed_values_are_checked_too)
{
    CheckFatalOutput(
        []() { CreateObject<EthernetSwitchNetDevice>()->SetAttribute("Mtu", UintegerValue(0)); },
        {"ns3::EthernetSwitchNetDevice::Mtu", "\"0\"", "68..65535"});
    CheckFatalOutput(
        []() {
            CreateObject<EthernetSwitchNetDevice>()->SetAttribute("FdbAgingTime",
                                                                  TimeValue(Seconds(-1)));
        },
        {"ns3::EthernetSwitchNetDevice::FdbAgingTime", "\"-", "zero or a positive time"});
    // an integer cast to the enum: named as the integer, never looked up
    CheckFatalOutput(
        []() {
            CreateObject<EthernetSwitchNetDevice>()->SetAttribute(
                "ViolationMode",
                IpvlanEnumValueOf<PortSecurityViolationMode>(
                    static_cast<PortSecurityViolationMode>(99)));
        },
        {"ns3::EthernetSwitchNetDevice::ViolationMode", "\"99\"", "protect|restrict|shutdown"});
    CheckFatalOutput(
        []() {
            Config::SetDefault("ns3::MacvlanNetDevice::Mode",
                               IpvlanEnumValueOf<MacvlanMode>(static_cast<MacvlanMode>(16)));
        },
        {"ns3::MacvlanNetDevice::Mode", "\"16\"", "private|vepa|bridge|passthru"});
    // a value of another type
    CheckFatalOutput(
        []() {
            CreateObject<EthernetSwitchNetDevice>()->SetAttribute("Hairpin", UintegerValue(1));
        },
        {"ns3::EthernetSwitchNetDevice::Hairpin", "not a", "true|false"});
}

// Good values still pass every way, and read back as text through the wrapped checkers.
BOOST_AUTO_TEST_CASE(good_values_still_pass)
{
    Config::SetDefault("ns3::EthernetSwitchNetDevice::ViolationMode", StringValue("restrict"));
    Ptr<EthernetSwitchNetDevice> sw = CreateObject<EthernetSwitchNetDevice>();
    StringValue text;
    sw->GetAttribute("ViolationMode", text);
    BOOST_CHECK_EQUAL(text.Get(), "restrict");
    Config::SetDefault("ns3::EthernetSwitchNetDevice::ViolationMode", StringValue("shutdown"));
    sw->SetAttribute("ViolationMode",
                     IpvlanEnumValueOf<PortSecurityViolationMode>(PORT_SECURITY_PROTECT));
    sw->GetAttribute("ViolationMode", text);
    BOOST_CHECK_EQUAL(text.Get(), "protect");
    sw->SetAttribute("Mtu", StringValue("9000"));
    BOOST_CHECK_EQUAL(sw->GetMtu(), 9000);
    sw->SetAttribute("Mtu", UintegerValue(68));
    BOOST_CHECK_EQUAL(sw->GetMtu(), 68);
    sw->SetAttribute("FdbAgingTime", StringValue("0s"));
    sw->SetAttribute("Hairpin", StringValue("true"));
    sw->GetAttribute("SecureAgingType", text);
    BOOST_CHECK_EQUAL(text.Get(), "absolute");
    ObjectFactory f;
    f.SetTypeId("ns3::MacvlanNetDevice");
    f.Set("Mode", StringValue("vepa"));
    Ptr<MacvlanNetDevice> m = f.Create<MacvlanNetDevice>();
    BOOST_CHECK_EQUAL(m->GetMode(), MACVLAN_MODE_VEPA);
    Ptr<IpvlanNetfilter> nf = CreateObject<IpvlanNetfilter>();
    nf->SetAttribute("UdpTimeout", StringValue("5s"));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_UDP_UNREPLIED), Seconds(5));
}

// A refused MTU change answers false and changes nothing.
BOOST_AUTO_TEST_CASE(switch_mtu_below_minimum_is_refused_and_changes_nothing)
{
    Ptr<EthernetSwitchNetDevice> sw = CreateObject<EthernetSwitchNetDevice>();
    BOOST_CHECK(!sw->SetMtu(0));
    BOOST_CHECK(!sw->SetMtu(67));
    BOOST_CHECK_EQUAL(sw->GetMtu(), 1500);
    BOOST_CHECK(sw->SetMtu(68));
    BOOST_CHECK_EQUAL(sw->GetMtu(), 68);
}

// Port security configurations (Cisco interface commands) name the value and the range.
BOOST_AUTO_TEST_CASE(port_security_configuration_names_value_and_allowed)
{
    CheckFatalOutput(
        []() {
            PortSecurityConfig c;
            c.maxMacAddresses = 0;
            PortSecurity::Validate("port 1", c);
        },
        {"port 1", "maximum secure MAC addresses 0", "at least 1"});
    CheckFatalOutput(
        []() {
            PortSecurityConfig c;
            c.violationMode = static_cast<PortSecurityViolationMode>(7);
            PortSecurity::Validate("port 1", c);
        },
        {"violation mode 7", "protect, restrict, shutdown"});
    CheckFatalOutput(
        []() {
            PortSecurityConfig c;
            c.agingType = static_cast<PortSecurityAgingType>(200);
            PortSecurity::Validate("port 1", c);
        },
        {"aging type 200", "absolute, inactivity"});
    CheckFatalOutput(
        []() {
            PortSecurityConfig c;
            c.agingTime = Seconds(-1);
            PortSecurity::Validate("port 1", c);
        },
        {"aging time -1", "zero (no aging) or positive"});
    CheckFatalOutput(
        []() {
            PortSecurityConfig c;
            c.errDisableRecoveryInterval = Seconds(-2);
            PortSecurity::Validate("port 1", c);
        },
        {"recovery interval -2", "zero (no automatic recovery) or positive"});
    // a refused configuration leaves the port as it was: checked before anything moves
    PortSecurity ps;
    PortSecurityConfig good;
    good.enabled = true;
    good.maxMacAddresses = 2;
    ps.Configure("port 1", good, Seconds(0));
    BOOST_CHECK_EQUAL(ps.Admit(Mac48Address("00:00:00:00:00:01"), Seconds(0)),
                      PortSecurity::ADMIT_LEARNT);
    FatalOutcome o = RunExpectingFatal([&ps]() {
        PortSecurityConfig bad;
        bad.enabled = true;
        bad.maxMacAddresses = 0;
        ps.Configure("port 1", bad, Seconds(1));
    });
    BOOST_CHECK(o.died);
    BOOST_CHECK_EQUAL(ps.GetConfig().maxMacAddresses, 2U);
    BOOST_CHECK_EQUAL(ps.GetCount(), 1U);
}

BOOST_AUTO_TEST_CASE(nic_filter_attributes_name_value_and_allowed)
{
    const std::string NIC = "ns3::NicUnicastFilter";
    const std::vector<BadAttribute> cases = {
        {NIC, "UnicastFilterSlots", "-3", {"0.." + U32, "IFF_UNICAST_FLT"}},
        {NIC, "PerFrameCost", "-1ms", {"zero or a positive time"}},
        {NIC, "MaxBacklog", "0", {"1.." + U32, "netdev_max_backlog"}},
    };
    for (const auto& c : cases)
    {
        CheckRefusedEverywhere(c);
    }
}

BOOST_AUTO_TEST_CASE(macvlan_attributes_name_value_and_allowed)
{
    const std::vector<BadAttribute> cases = {
        {"ns3::MacvlanNetDevice", "Mode", "source", {"private|vepa|bridge|passthru"}},
        {"ns3::MacvlanNetDevice", "NoPromisc", "yes", {"true|false"}},
        {"ns3::MacvlanPort", "BroadcastQueueLength", "0", {"1.." + U32, "bc_queue_len"}},
    };
    for (const auto& c : cases)
    {
        CheckRefusedEverywhere(c);
    }
    // the mode setter validates the integer before it is a mode
    CheckFatalOutput(
        []() { CreateObject<MacvlanNetDevice>()->SetMode(static_cast<MacvlanMode>(3)); },
        {"mode 3", "private (1), vepa (2), bridge (4), passthru (8)"});
}

BOOST_AUTO_TEST_CASE(netfilter_attributes_name_value_and_allowed)
{
    const std::vector<BadAttribute> cases = {
        {NF, "UdpTimeout", "0s", {"a positive time"}},
        {NF, "UdpStreamTimeout", "-1s", {"a positive time"}},
        {NF, "IcmpTimeout", "0s", {"a positive time"}},
        {NF, "GenericTimeout", "soon", {"a positive time"}},
        {NF, "TcpEstablishedTimeout", "-432000s", {"a positive time"}},
        {NF, "TcpCloseTimeout", "0s", {"a positive time"}},
        {NF, "MaxEntries", "0", {"1.." + U32, "refuse every flow"}},
        {NF, "EarlyDrop", "sometimes", {"true|false"}},
        {NF, "GcBatch", "0", {"1..1024"}},
        {NF, "GcBatch", "5000", {"1..1024"}},
    };
    for (const auto& c : cases)
    {
        CheckRefusedEverywhere(c);
    }
    // a hook point that is not one
    CheckFatalOutput(
        []() {
            CreateObject<IpvlanNetfilter>()->AcceptEstablishedOnly(static_cast<IpvlanHookPoint>(5));
        },
        {"hook point 5", "input (0), output (1)"});
}

BOOST_AUTO_TEST_SUITE_END()

// The ipvlan port's attributes (IpvlanPort::GetTypeId), through the same checkers.
BOOST_AUTO_TEST_SUITE(port_attributes)

BOOST_AUTO_TEST_CASE(mode_l4_names_value_and_allowed)
{
    CheckRefusedEverywhere({"ns3::IpvlanPort", "Mode", "l4", {"l2|l3|l3s"}});
}

BOOST_AUTO_TEST_CASE(backlog_limit_zero_names_value_and_allowed)
{
    CheckRefusedEverywhere({"ns3::IpvlanPort", "BacklogLimit", "0", {"1.." + U32}});
}

BOOST_AUTO_TEST_CASE(flags_3_names_value_and_allowed)
{
    CheckRefusedEverywhere(
        {"ns3::IpvlanPort", "Flags", "3", {"0 (bridge), 1 (private), 2 (vepa)"}});
}

BOOST_AUTO_TEST_SUITE_END()
