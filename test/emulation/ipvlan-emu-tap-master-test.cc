/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// An ipvlan master on a TAP (FdNetDevice's "Tap" mode, the TAP opened by the module): the TAP's
// Linux side, in a real namespace, is the simulated host's link peer and reaches simulated L2
// containers, which all answer from the master's MAC (kernel behaviour:
// doc/kernel-behaviour.rst §2.4 rows 3 and 5, every slave uses the master's MAC; §2.2 row 3, ARP
// requests for a slave are answered by that slave).
#include "ipvlan-emu-test-bed.h"

#include "ns3/ipvlan-port.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <memory>
#include <sstream>

using namespace ns3;
using namespace ns3::ipvlanemutest;

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * ns t holds the TAP tm0 (created by the simulation, Linux-side MAC changed to r's own,
 * address 10.199.6.1); the simulated host's master is the FdNetDevice on tm0 with MAC
 * 02:00:00:00:a6:01; three L2 containers 10.199.6.10-12. A real ping from ns t reaches
 * each container; on tm0 every container frame carries the master's MAC, and the ARP
 * replies for the containers name it.
 */
BOOST_AUTO_TEST_CASE(emu_tap_master_ping_behind_master_mac,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(60))
{
    BOOST_REQUIRE_MESSAGE(RunCommand("command -v tcpdump && command -v ping").status == 0,
                          "tcpdump and ping are needed (apt-get install tcpdump iputils-ping)");
    const uint32_t n = 3;
    const std::string subnet = "10.199.6.0";
    const Mac48Address masterMac("02:00:00:00:a6:01");
    EmuTestBed bed;
    std::string nsT = bed.AddNetns("t");

    EmuHost h = BuildTapMasterHost(nsT, "tm0", masterMac, n, subnet, AddressIn(subnet, 1));
    BOOST_CHECK_EQUAL(Mac48Address::ConvertFrom(h.master->GetAddress()), masterMac);
    // The TAP's Linux side is the host's peer on the link: a MAC of its own.
    bed.Ip(nsT, "link set tm0 address 02:00:00:00:a6:99");
    bed.Ip(nsT, "addr add 10.199.6.1/24 dev tm0");
    Mac48Address peer = bed.MacOf(nsT, "tm0");
    BOOST_REQUIRE(peer != masterMac);

    std::string pcap = bed.TempFile("tap-master.pcap");
    BackgroundCommand capture("ip netns exec " + nsT + " tcpdump -i tm0 -n -U -w " + pcap, 30);
    BOOST_REQUIRE_MESSAGE(capture.WaitForOutput("listening on", 5), "tcpdump did not start");
    std::vector<std::unique_ptr<BackgroundCommand>> pings;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::ostringstream cmd;
        cmd << "sleep 0.5; ip netns exec " << nsT << " ping -c 3 -i 0.2 -W 2 "
            << AddressIn(subnet, 10 + i);
        pings.push_back(std::make_unique<BackgroundCommand>(cmd.str(), 15));
    }
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    IpvlanPortCounters counters = IpvlanPort::Find(h.master)->GetCounters();
    Simulator::Destroy();

    for (uint32_t i = 0; i < n; ++i)
    {
        CommandResult r = pings[i]->Wait();
        PingResult p = ParsePing(r.output);
        BOOST_TEST_MESSAGE("ping " << AddressIn(subnet, 10 + i) << ": " << p.received << "/"
                                   << p.transmitted << " replies");
        BOOST_CHECK_MESSAGE(p.transmitted == 3 && p.received == 3,
                            "every ping is answered; ping said:\n"
                                << r.output);
    }
    BOOST_CHECK_GE(counters.rxToSlave, 3 * n); // the port demultiplexed the requests
    BOOST_CHECK_GE(counters.txToWire, 3 * n);  // and sent the replies out of the TAP

    capture.Signal(SIGINT);
    capture.Wait();
    uint32_t containerFrames = 0;
    for (const auto& f : ReadCapture(pcap))
    {
        BOOST_CHECK_MESSAGE(f.src == peer || f.src == masterMac,
                            "only the peer's and the master's MACs are on the TAP; saw "
                                << f.src << ": " << f.line);
        for (uint32_t i = 0; i < n; ++i)
        {
            std::ostringstream ip;
            ip << AddressIn(subnet, 10 + i) << " > ";
            if (f.line.find(ip.str()) != std::string::npos)
            {
                ++containerFrames;
                BOOST_CHECK_MESSAGE(f.src == masterMac,
                                    "container " << i << " sent with " << f.src);
            }
        }
    }
    BOOST_CHECK_GE(containerFrames, 3 * n);
}

BOOST_AUTO_TEST_SUITE_END()
