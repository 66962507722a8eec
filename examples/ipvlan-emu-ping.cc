/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Simulated containers on a real network. The master of a simulated ipvlan host is a real
// Ethernet interface (an FdNetDevice on a raw socket the module opens itself); every
// simulated container appears on the real link behind that interface's own MAC, and the
// interface is not put in promiscuous mode. Real hosts on the link reach the containers
// with ping; the containers ping a real address too (--ping).
//
//   real host(s) ---- real link ---- IF (up, no IP address)
//                                    |  AF_PACKET raw socket, IF's own MAC, not promiscuous
//   +================================#====================================+
//   | simulated host: master = IF; its own address --host-address (.2)     |
//   |   ns0 .10   ns1 .11   ...   (ipvlan slaves, --mode l2|l3)            |
//   +======================================================================+
//
// Run as root, for --duration seconds of real time:
//   ipvlan-emu-ping --interface=eth0 [--netns=NS] [--containers=4] [--mode=l2]
//                   [--subnet=10.199.10.0] [--host-address=10.199.10.2]
//                   [--gateway=10.199.10.1] [--ping=10.199.10.1] [--duration=30]
//                   [--macvlan] [--disable-offloads=IF@NS,...]
// Use an interface that carries no traffic of the real host (no IP address on it): a
// spare NIC, or one end of a veth pair (utils/emu-demo.sh builds such a test bed). With
// --macvlan the containers are macvlan slaves with MACs of their own instead, and the NIC
// is put in promiscuous mode, which they need; a port-secured switch, a cloud or a Wi-Fi
// access point then refuses them.

#include "ipvlan-emu-example.h"
#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

#include <set>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanEmuPing");

int
main(int argc, char* argv[])
{
    EmuExampleOptions opt;
    opt.nContainers = 4;
    std::string ping;
    bool macvlan = false;
    CommandLine cmd(__FILE__);
    opt.AddTo(cmd);
    cmd.AddValue("ping", "A real address every container pings 5 times (default: none)", ping);
    cmd.AddValue("macvlan", "Use macvlan slaves (own MACs, promiscuous NIC) instead", macvlan);
    cmd.Parse(argc, argv);
    opt.Check(1);
    const std::string& ifname = opt.ifname;
    const std::string& netns = opt.netns;
    const uint32_t nContainers = opt.nContainers;
    const std::string& mode = opt.mode;
    const double duration = opt.duration;
    const std::string& offloads = opt.offloads;
    Ipv4Address base = opt.Base();
    Ipv4Address host = opt.Host();
    Ipv4Address gw = opt.Gateway();
    const std::string& subnet = opt.subnet;

    DisableOffloadsList(offloads);
    IpvlanEmuHelper::EnableRealtime();
    EmuExampleHost h;
    BuildEmuExampleHost(h, ifname, netns, nContainers, mode, macvlan, base, host, gw);

    // the packet socket's promiscuous membership shows in the promiscuity count only
    int64_t promiscuity = InterfacePromiscuity(ifname, netns);
    bool promiscuous = promiscuity > 0;
    Mac48Address mac = Mac48Address::ConvertFrom(h.master->GetAddress());
    std::cout << "master " << ifname << (netns.empty() ? "" : " (netns " + netns + ")") << ": MAC "
              << mac << " (its own), MTU " << h.master->GetMtu()
              << ", promiscuous: " << (promiscuous ? "yes" : "no") << " (promiscuity "
              << promiscuity << ")\n";
    if (!macvlan)
    {
        std::cout << "simulated host: " << host << "/24, ipvlan mode " << mode << "\n";
    }
    for (uint32_t c = 0; c < nContainers; ++c)
    {
        std::cout << "  container ns" << c << ": " << Ipv4Address(base.Get() + 10 + c)
                  << "/24 behind MAC " << Mac48Address::ConvertFrom(h.slaves.Get(c)->GetAddress())
                  << "\n";
    }
    std::cout << "From a real host on the link: ping -c 3 " << Ipv4Address(base.Get() + 10);
    if (mode != "l2" && !macvlan)
    {
        std::cout << "  (l3: first ip route add " << subnet << "/24 via " << host << ")";
    }
    std::cout << "\n";

    std::vector<PingSeries> series(ping.empty() ? 0 : nContainers);
    std::vector<Ptr<Pinger>> pingers;
    for (uint32_t c = 0; c < series.size(); ++c)
    {
        series[c].fromAddr = Ipv4Address(base.Get() + 10 + c);
        series[c].toAddr = Ipv4Address(ping.c_str());
        pingers.push_back(Create<Pinger>(h.containers.Get(c), &series[c], 100 + c));
        pingers.back()->Start(Seconds(1), 5, Seconds(0.5));
    }

    std::cout << "running for " << duration << " s (real time)" << std::endl;
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    for (const PingSeries& s : series)
    {
        double sum = 0;
        for (const auto& r : s.rttMs)
        {
            sum += r.second;
        }
        std::cout << "ping " << s.fromAddr << " -> " << s.toAddr << ": " << s.rttMs.size() << "/"
                  << s.sent << " replies";
        if (!s.rttMs.empty())
        {
            std::cout << ", mean RTT " << std::fixed << std::setprecision(3) << sum / s.rttMs.size()
                      << " ms";
        }
        std::cout << "\n";
    }
    PrintEmuExampleCounters(h);

    ExampleChecks checks;
    std::string seenMacs;
    bool ownMac = true;
    bool distinct = true;
    std::set<Mac48Address> macs;
    for (uint32_t c = 0; c < nContainers; ++c)
    {
        Mac48Address m = Mac48Address::ConvertFrom(h.slaves.Get(c)->GetAddress());
        distinct = distinct && m != mac && macs.insert(m).second;
        if (m != mac)
        {
            ownMac = false;
            std::ostringstream os;
            os << (seenMacs.empty() ? "" : ", ") << "ns" << c << " " << m;
            seenMacs += os.str();
        }
    }
    std::string promiscuitySeen = "promiscuity " + std::to_string(promiscuity);
    if (macvlan)
    {
        checks.Check("macvlan: the interface is promiscuous", promiscuous, promiscuitySeen);
        checks.Check("macvlan: every container has a MAC of its own",
                     distinct,
                     "a MAC shared with the interface or another container");
    }
    else
    {
        checks.Check("ipvlan: the interface is not promiscuous", promiscuity == 0, promiscuitySeen);
        checks.Check("ipvlan: every container is behind the interface's own MAC", ownMac, seenMacs);
    }
    if (!ping.empty())
    {
        CheckEveryPingSeriesAnswered(checks,
                                     "every container's pings to " + ping + " get replies",
                                     series);
    }
    for (auto& p : pingers)
    {
        p->Close();
    }
    Simulator::Destroy();
    return checks.Report();
}
