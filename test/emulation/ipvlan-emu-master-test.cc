/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// An ipvlan master on a real interface (FdNetDevice on an AF_PACKET socket opened by the module): a
// real namespace reaches simulated L2 containers, which appear on the real link behind the
// interface's own MAC without promiscuous mode (kernel behaviour:
// doc/kernel-behaviour.rst §2.4 rows 3 and 5, every slave uses the master's MAC, and §5.5, ipvlan
// never puts the master into promiscuous mode).
#include "ipvlan-emu-test-bed.h"

#include "ns3/global-value.h"
#include "ns3/ipvlan-emu-helper.h"
#include "ns3/ipvlan-emu-interface.h"
#include "ns3/ipvlan-port.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <memory>
#include <sched.h>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using namespace ns3::ipvlanemutest;

namespace
{
/// Give up root in a forked child: no groups, uid/gid nobody, so no capabilities
void
DropRoot()
{
    if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
    {
        _exit(4);
    }
}

/// Move the (single-threaded, forked) process into a namespace for the rest of its life
void
EnterNetnsForGood(const std::string& netns)
{
    int fd = open(("/var/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) != 0)
    {
        _exit(5);
    }
    close(fd);
}

/// Read whether a real interface is promiscuous (scheduled: a function, for ns-3.35's
/// Simulator::Schedule, which takes no lambdas)
void
ReadPromiscuous(std::string netns, std::string ifname, bool* promiscuous)
{
    ipvlanemu::NetnsScope scope(netns);
    *promiscuous = ipvlanemu::QueryInterface(ifname).promiscuous;
}
} // namespace

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * A real namespace (ns r, 10.199.0.1 on veth r0) pings N = 4 simulated L2 containers
 * (10.199.0.10-13) and the simulated host (10.199.0.2) behind an Emu master on the other
 * end of the veth (h0, in ns h). Every reply arrives; a tcpdump capture on r0 shows only
 * two source MACs: r0's and h0's (the master's own), and each container's packets carry
 * h0's MAC; h0 never goes promiscuous.
 */
BOOST_AUTO_TEST_CASE(emu_master_ping_behind_own_mac,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    BOOST_REQUIRE_MESSAGE(RunCommand("command -v tcpdump && command -v ping").status == 0,
                          "tcpdump and ping are needed (apt-get install tcpdump iputils-ping)");
    const uint32_t n = 4;
    const std::string subnet = "10.199.0.0";
    EmuTestBed bed;
    std::string nsR = bed.AddNetns("r");
    std::string nsH = bed.AddNetns("h");
    bed.AddVeth(nsR, "r0", nsH, "h0");
    bed.Ip(nsR, "addr add 10.199.0.1/24 dev r0");
    Mac48Address r0 = bed.MacOf(nsR, "r0");
    Mac48Address h0 = bed.MacOf(nsH, "h0");

    EmuHost h = BuildEmuHost(nsH, "h0", n, "l2", subnet, subnet, AddressIn(subnet, 1));
    BOOST_CHECK_EQUAL(Mac48Address::ConvertFrom(h.master->GetAddress()), h0);

    std::string pcap = bed.TempFile("master.pcap");
    BackgroundCommand capture("ip netns exec " + nsR + " tcpdump -i r0 -n -U -w " + pcap, 30);
    BOOST_REQUIRE_MESSAGE(capture.WaitForOutput("listening on", 5), "tcpdump did not start");

    std::vector<std::unique_ptr<BackgroundCommand>> pings;
    for (uint32_t i = 0; i <= n; ++i)
    {
        Ipv4Address dst = i < n ? AddressIn(subnet, 10 + i) : AddressIn(subnet, 2);
        std::ostringstream cmd;
        cmd << "sleep 0.5; ip netns exec " << nsR << " ping -c 3 -i 0.2 -W 2 " << dst;
        pings.push_back(std::make_unique<BackgroundCommand>(cmd.str(), 15));
    }
    bool promiscuousDuringRun = true;
    Simulator::Schedule(Seconds(2),
                        &ReadPromiscuous,
                        nsH,
                        std::string("h0"),
                        &promiscuousDuringRun);
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    IpvlanPortCounters counters = IpvlanPort::Find(h.master)->GetCounters();
    Simulator::Destroy();

    for (uint32_t i = 0; i <= n; ++i)
    {
        CommandResult r = pings[i]->Wait();
        PingResult p = ParsePing(r.output);
        BOOST_TEST_MESSAGE("ping " << (i < n ? AddressIn(subnet, 10 + i) : AddressIn(subnet, 2))
                                   << ": " << p.received << "/" << p.transmitted << " replies");
        BOOST_CHECK_MESSAGE(p.transmitted == 3 && p.received == 3,
                            "every ping is answered; ping said:\n"
                                << r.output);
    }
    BOOST_CHECK_MESSAGE(!promiscuousDuringRun, "h0 went promiscuous");
    BOOST_CHECK_GE(counters.rxToSlave, 3 * n);
    BOOST_CHECK_GE(counters.txToWire, 3 * n);

    capture.Signal(SIGINT);
    capture.Wait();
    std::vector<CapturedFrame> frames = ReadCapture(pcap);
    std::set<Mac48Address> sources;
    std::vector<uint32_t> fromContainer(n, 0);
    for (const auto& f : frames)
    {
        sources.insert(f.src);
        for (uint32_t i = 0; i < n; ++i)
        {
            std::ostringstream ip;
            std::ostringstream arp;
            ip << AddressIn(subnet, 10 + i) << " > ";
            arp << "Reply " << AddressIn(subnet, 10 + i) << " is-at ";
            bool sent = f.line.find(ip.str()) != std::string::npos;
            if (sent || f.line.find(arp.str()) != std::string::npos)
            {
                // an IP packet or ARP reply of container i
                BOOST_CHECK_MESSAGE(f.src == h0,
                                    "container " << i << " sent a frame with " << f.src << ": "
                                                 << f.line);
                fromContainer[i] += sent ? 1 : 0;
            }
        }
    }
    BOOST_TEST_MESSAGE("capture on r0: " << frames.size() << " frames, " << sources.size()
                                         << " source MACs");
    for (Mac48Address s : sources)
    {
        BOOST_CHECK_MESSAGE(s == r0 || s == h0,
                            "only r0's and the master's MACs are on the link; saw " << s);
    }
    BOOST_CHECK(sources.count(h0) == 1);
    for (uint32_t i = 0; i < n; ++i)
    {
        BOOST_CHECK_MESSAGE(fromContainer[i] >= 3,
                            "container " << i << " sent " << fromContainer[i]
                                         << " packets seen on r0");
    }
}

/*
 * Without root the module stops at once with a message naming the interface, the call,
 * the errno text and "run as root": it never hangs (a child with a 10 s alarm).
 */
BOOST_AUTO_TEST_CASE(emu_without_root_fails_clearly,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    EmuTestBed bed;
    std::string nsH = bed.AddNetns("h");
    bed.Ip(nsH, "link add h0 type veth peer name h1");
    bed.Ip(nsH, "link set h0 up");

    ChildOutcome raw = RunInChild([&]() {
        EnterNetnsForGood(nsH); // as root
        DropRoot();
        IpvlanEmuHelper::EnableRealtime();
        IpvlanEmuHelper().InstallMaster(CreateObject<Node>(), "h0");
    });
    BOOST_TEST_MESSAGE("raw socket without root: " << raw.output);
    BOOST_CHECK(!raw.hung);
    BOOST_CHECK(raw.fatal);
    for (const char* f : {"'h0'", "raw packet socket", "Operation not permitted", "run as root"})
    {
        BOOST_CHECK_MESSAGE(raw.output.find(f) != std::string::npos,
                            "message lacks \"" << f << "\": " << raw.output);
    }

    ChildOutcome tap = RunInChild([&]() {
        DropRoot();
        IpvlanEmuHelper::EnableRealtime();
        IpvlanEmuHelper().InstallTap(CreateObject<Node>(),
                                     "ipvemutap0",
                                     Mac48Address("02:00:00:00:00:01"),
                                     1500);
    });
    BOOST_TEST_MESSAGE("TAP without root: " << tap.output);
    BOOST_CHECK(!tap.hung);
    BOOST_CHECK(tap.fatal);
    for (const char* f : {"TAP 'ipvemutap0'", "run as root"})
    {
        BOOST_CHECK_MESSAGE(tap.output.find(f) != std::string::npos,
                            "message lacks \"" << f << "\": " << tap.output);
    }

    ChildOutcome netns = RunInChild([&]() {
        DropRoot();
        IpvlanEmuHelper::EnableRealtime();
        IpvlanEmuHelper emu;
        emu.SetNetns(nsH);
        emu.InstallMaster(CreateObject<Node>(), "h0");
    });
    BOOST_CHECK(!netns.hung);
    BOOST_CHECK(netns.fatal);
    BOOST_CHECK_MESSAGE(netns.output.find("cannot enter network namespace") != std::string::npos &&
                            netns.output.find("run as root") != std::string::npos,
                        "message: " << netns.output);
}

/*
 * Bad input is refused with a message naming the bad value: an interface that does not
 * exist, a namespace that does not exist, an interface that is down, a non-Ethernet
 * interface, emulation without the real-time scheduler.
 */
BOOST_AUTO_TEST_CASE(emu_bad_input_named,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    EmuTestBed bed;
    std::string nsH = bed.AddNetns("h");
    bed.Ip(nsH, "link add h0 type veth peer name h1"); // down

    struct Case
    {
        std::string netns;
        std::string ifname;
        bool realtime;
        std::vector<std::string> fragments;
    };

    const std::vector<Case> cases = {
        {nsH, "nope0", true, {"no interface 'nope0'"}},
        {nsH + "-missing",
         "h0",
         true,
         {"no network namespace '" + nsH + "-missing'", "ip netns add"}},
        {nsH, "h0", true, {"'h0' is down", "ip -n " + nsH + " link set h0 up"}},
        {nsH, "lo", true, {"'lo'", "not Ethernet"}},
        {nsH, "h0", false, {"not ns3::RealtimeSimulatorImpl", "EnableRealtime"}},
        {nsH, "bad/name", true, {"'bad/name' is not a valid interface name"}},
    };
    for (const Case& c : cases)
    {
        ChildOutcome out = RunInChild([&]() {
            if (c.realtime)
            {
                IpvlanEmuHelper::EnableRealtime();
            }
            else
            {
                // the parent may have selected it for an earlier case
                GlobalValue::Bind("SimulatorImplementationType",
                                  StringValue("ns3::DefaultSimulatorImpl"));
            }
            IpvlanEmuHelper emu;
            emu.SetNetns(c.netns);
            emu.InstallMaster(CreateObject<Node>(), c.ifname);
        });
        BOOST_CHECK_MESSAGE(out.fatal && !out.hung,
                            c.ifname << " in " << c.netns
                                     << ": expected a fatal error; got: " << out.output);
        for (const auto& f : c.fragments)
        {
            BOOST_CHECK_MESSAGE(out.output.find(f) != std::string::npos,
                                "message lacks \"" << f << "\": " << out.output);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
