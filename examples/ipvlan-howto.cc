/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The example configuration of the kernel's IPVLAN HOWTO (Documentation/networking/
// ipvlan.rst, section 6), as a simulation:
//
//   +======================================================+
//   |  Host: host1                                         |
//   |   +------------------+        +------------------+   |
//   |   |  NS: ns0  ipvl0  |  ...   |  NS: nsN-1 ipvlN-1|  |
//   |   +--------#---------+        +--------#---------+   |
//   |            ##############################            |
//   |                          # eth0 (master; host .2)    |
//   +==========================#===========================+
//                              #  100 Mb/s Ethernet (CSMA)
//                           router 10.0.0.1
//
//   ip link add link eth0 ipvlN type ipvlan mode l2
//   ip -4 addr add 10.0.0.(10+N) dev ipvlN ; ip -4 route add default via 10.0.0.1
//
// Each namespace is an ns-3 node with one ipvlan slave; eth0 is a CsmaNetDevice, and
// the host's own address sits on its IpvlanHostNetDevice. Every container pings the
// router and its neighbour container; the host pings ns0, which fails, as it does in
// Linux (the master's transmissions bypass the ipvlan switch).
//
// With --mode=l3 the containers' egress is routed by host1's stack, and the router, on the
// same link, cannot resolve them: pings to the router get no answer unless the router
// routes the containers via host1 (--router-routes), as in Linux.
//
// Output: a table of pings (sent, received, RTT, path, MACs seen on the wire), the
// per-pair summary in OUTDIR/ipvlan-howto.dat, a gnuplot script OUTDIR/ipvlan-howto.plt
// (gnuplot writes OUTDIR/ipvlan-howto.png from it) and, with --pcap, captures.

#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanHowto");

namespace
{

/// What the wire showed for one pair of IPv4 addresses (either direction)
struct WireView
{
    uint32_t frames{0};                                      ///< IPv4 frames between the two
    std::map<Ipv4Address, std::set<std::string>> sourceMacs; ///< per IPv4 source
};

/// per unordered address pair
std::map<std::pair<Ipv4Address, Ipv4Address>, WireView> g_wire;

/// The key of an unordered pair
std::pair<Ipv4Address, Ipv4Address>
PairKey(Ipv4Address a, Ipv4Address b)
{
    return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

/// Sniff the wire (router's device, promiscuous): who sends with which MAC
void
SniffWire(Ptr<const Packet> frame)
{
    Ptr<Packet> p = frame->Copy();
    EthernetHeader eth;
    p->RemoveHeader(eth);
    if (eth.GetLengthType() != 0x0800)
    {
        return;
    }
    Ipv4Header ip;
    p->PeekHeader(ip);
    WireView& v = g_wire[PairKey(ip.GetSource(), ip.GetDestination())];
    v.frames++;
    std::ostringstream mac;
    mac << eth.GetSource();
    v.sourceMacs[ip.GetSource()].insert(mac.str());
}

/// One row of the table: a ping series as the checks see it
struct PairOutcome
{
    std::string from;  ///< who pinged
    std::string to;    ///< whom
    uint32_t sent;     ///< pings sent
    uint32_t received; ///< replies
    uint32_t frames;   ///< IPv4 frames of the pair on the wire
    std::string macs;  ///< the source MACs of 'from' on the wire ("" for none)
};

/// "from -> to received/sent" for a check's observation
std::string
Seen(const PairOutcome& p)
{
    return p.from + " -> " + p.to + " " + std::to_string(p.received) + "/" + std::to_string(p.sent);
}

/**
 * What the kernel HOWTO says of each pair, checked on the table's rows.
 * @param checks where the claims go
 * @param mode the port's mode word
 * @param flags its flag word
 * @param routerRoutes whether the router routes the containers via host1
 * @param eth0Mac eth0's MAC as printed
 * @param rows the table's rows
 */
void
CheckPairs(ExampleChecks& checks,
           const std::string& mode,
           const std::string& flags,
           bool routerRoutes,
           const std::string& eth0Mac,
           const std::vector<PairOutcome>& rows)
{
    bool routerReachable = mode == "l2" || routerRoutes;
    bool toRouter = true;
    bool withEth0Mac = true;
    bool pairs = false;
    bool pairsAsClaimed = true;
    std::string seenRouter;
    std::string seenMac;
    std::string seenPairs;
    const PairOutcome* host = nullptr;
    auto note = [](std::string& seen, const std::string& what) {
        seen += (seen.empty() ? "" : ", ") + what;
    };
    for (const PairOutcome& p : rows)
    {
        if (p.from == "host1")
        {
            host = &p;
        }
        else if (p.to == "router")
        {
            bool ok = routerReachable ? p.sent > 0 && p.received == p.sent : p.received == 0;
            if (!ok)
            {
                toRouter = false;
                note(seenRouter, Seen(p));
            }
            if (p.macs != eth0Mac)
            {
                withEth0Mac = false;
                note(seenMac, p.from + ": " + (p.macs.empty() ? "no frame" : p.macs));
            }
        }
        else
        {
            pairs = true;
            bool ok = flags == "bridge" ? p.sent > 0 && p.received == p.sent && p.frames == 0
                                        : p.received == 0;
            if (!ok)
            {
                pairsAsClaimed = false;
                note(seenPairs, Seen(p) + ", " + std::to_string(p.frames) + " wire frames");
            }
        }
    }
    checks.Check(routerReachable ? "every ping from a container to the router is answered"
                                 : "in " + mode +
                                       " without router routes no container's ping to the "
                                       "router is answered",
                 toRouter,
                 seenRouter);
    checks.Check("the containers' frames on the wire carry eth0's MAC", withEth0Mac, seenMac);
    if (pairs)
    {
        checks.Check(flags == "bridge"
                         ? "every ping between containers is answered inside host1 (no wire "
                           "frame)"
                         : flags + ": no ping between containers is answered",
                     pairsAsClaimed,
                     seenPairs);
    }
    checks.Check("host1 -> ns0 is unanswered (the master bypasses the ipvlan switch)",
                 host && host->received == 0,
                 host ? Seen(*host) : "no such row");
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nContainers = 2;
    uint32_t count = 5;
    double interval = 1.0;
    std::string outDir = ".";
    bool pcap = false;
    std::string mode = "l2";
    std::string flags = "bridge";
    bool routerRoutes = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("containers", "Number of containers (namespaces) on host1", nContainers);
    cmd.AddValue("count", "Pings per pair", count);
    cmd.AddValue("interval", "Seconds between pings", interval);
    cmd.AddValue("mode", "ipvlan mode word: l2 or l3 (l3s is not modelled yet)", mode);
    cmd.AddValue("flags", "ipvlan flag word: bridge, private or vepa", flags);
    cmd.AddValue("router-routes",
                 "Give the router a route to each container via host1 (needed in l3: an "
                 "on-link host cannot ARP an l3 slave)",
                 routerRoutes);
    cmd.AddValue("outdir", "Directory for the .dat/.plt (and .pcap) outputs", outDir);
    cmd.AddValue("pcap", "Write pcap captures of eth0 and the slaves", pcap);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(nContainers < 1 || nContainers > 240,
                    "--containers=" << nContainers << " is out of range; allowed: 1..240");
    NS_ABORT_MSG_IF(count < 1, "--count must be at least 1");

    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    NodeContainer containers;
    containers.Create(nContainers);
    Names::Add("host1", host);
    Names::Add("router", router);
    for (uint32_t i = 0; i < nContainers; ++i)
    {
        Names::Add("ns" + std::to_string(i), containers.Get(i));
    }

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NetDeviceContainer wire = csma.Install(NodeContainer(host, router));
    Ptr<NetDevice> eth0 = wire.Get(0);
    Names::Add("host1/eth0", eth0);

    InternetStackHelper stack;
    stack.InstallAll();

    // ip link add link eth0 ipvlN type ipvlan mode l2 ; ip link set dev ipvlN netns nsN
    IpvlanHelper ipvlan;
    ipvlan.SetMode(mode);
    ipvlan.SetFlags(flags);
    NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
    NetDeviceContainer hostIf = ipvlan.InstallHost(eth0);

    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    Ipv4Address routerAddr = addr.Assign(NetDeviceContainer(wire.Get(1))).GetAddress(0);
    Ipv4Address hostAddr = addr.Assign(hostIf).GetAddress(0);
    addr.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.10");
    Ipv4InterfaceContainer slaveIfs = addr.Assign(slaves);
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i = 0; i < nContainers; ++i)
    {
        // ip -4 route add default via $ROUTER dev ipvlN
        routing.GetStaticRouting(containers.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(routerAddr, slaveIfs.Get(i).second);
    }

    if (routerRoutes)
    {
        Ptr<Ipv4StaticRouting> r = routing.GetStaticRouting(router->GetObject<Ipv4>());
        for (uint32_t i = 0; i < nContainers; ++i)
        {
            r->AddHostRouteTo(slaveIfs.GetAddress(i), hostAddr, 1);
        }
    }

    DynamicCast<CsmaNetDevice>(wire.Get(1))
        ->TraceConnectWithoutContext("PromiscSniffer", MakeCallback(&SniffWire));
    if (pcap)
    {
        csma.EnablePcap(outDir + "/ipvlan-howto-eth0", eth0, true);
        ipvlan.EnablePcap(outDir + "/ipvlan-howto", slaves);
    }

    // The pings: every container to the router and to its neighbour; the host to ns0.
    std::vector<PingSeries> series;
    auto addSeries = [&](std::string from, Ipv4Address fa, std::string to, Ipv4Address ta) {
        PingSeries s;
        s.from = from;
        s.to = to;
        s.fromAddr = fa;
        s.toAddr = ta;
        series.push_back(s);
    };
    for (uint32_t i = 0; i < nContainers; ++i)
    {
        addSeries("ns" + std::to_string(i), slaveIfs.GetAddress(i), "router", routerAddr);
    }
    for (uint32_t i = 0; nContainers > 1 && i < nContainers; ++i)
    {
        uint32_t j = (i + 1) % nContainers;
        if (nContainers == 2 && i == 1)
        {
            break; // ns0 <-> ns1 once is enough for two
        }
        addSeries("ns" + std::to_string(i),
                  slaveIfs.GetAddress(i),
                  "ns" + std::to_string(j),
                  slaveIfs.GetAddress(j));
    }
    addSeries("host1", hostAddr, "ns0", slaveIfs.GetAddress(0));

    std::vector<Ptr<Pinger>> pingers;
    for (size_t k = 0; k < series.size(); ++k)
    {
        Ptr<Node> node = Names::Find<Node>(series[k].from);
        Ptr<Pinger> p = Create<Pinger>(node, &series[k], static_cast<uint16_t>(100 + k));
        p->Start(Seconds(1.0 + 0.01 * k), count, Seconds(interval));
        pingers.push_back(p);
    }

    Simulator::Stop(Seconds(2.0 + count * interval));
    Simulator::Run();

    Ptr<IpvlanPort> port = IpvlanPort::Find(eth0);
    std::vector<PairOutcome> rows;
    std::cout << "ipvlan HOWTO example: host1 eth0 (MAC "
              << Mac48Address::ConvertFrom(eth0->GetAddress()) << "), mode " << port->GetMode()
              << " " << IpvlanFlagsToString(port->GetFlags()) << ", " << nContainers
              << " containers, router " << routerAddr << "\n\n";
    std::cout << std::left << std::setw(8) << "from" << std::setw(8) << "to" << std::right
              << std::setw(6) << "sent" << std::setw(6) << "recv" << std::setw(7) << "loss%"
              << std::setw(10) << "first_ms" << std::setw(10) << "rtt_ms"
              << "  " << std::left << std::setw(13) << "path" << std::right << std::setw(6)
              << "wire"
              << "  "
              << "source MAC of 'from' on the wire\n";
    for (const auto& s : series)
    {
        // the first ping includes ARP resolution; the rest are steady state
        double first = s.rttMs.empty() ? 0 : s.rttMs.front().second;
        double avg = 0;
        for (size_t k = 1; k < s.rttMs.size(); ++k)
        {
            avg += s.rttMs[k].second;
        }
        avg = s.rttMs.size() > 1 ? avg / (s.rttMs.size() - 1) : first;
        double loss = s.sent ? 100.0 * (s.sent - s.rttMs.size()) / s.sent : 0;
        const WireView& w = g_wire[PairKey(s.fromAddr, s.toAddr)];
        std::string path = "unreachable";
        if (!s.rttMs.empty())
        {
            path = w.frames == 0 ? "ipvlan-local" : "wire";
        }
        std::string macs;
        auto fromMacs = w.sourceMacs.find(s.fromAddr);
        for (const auto& m :
             fromMacs == w.sourceMacs.end() ? std::set<std::string>() : fromMacs->second)
        {
            macs += (macs.empty() ? "" : ",") + m;
        }
        std::cout << std::left << std::setw(8) << s.from << std::setw(8) << s.to << std::right
                  << std::setw(6) << s.sent << std::setw(6) << s.rttMs.size() << std::setw(7)
                  << std::fixed << std::setprecision(1) << loss << std::setw(10)
                  << std::setprecision(3) << first << std::setw(10) << avg << "  " << std::left
                  << std::setw(13) << path << std::right << std::setw(6) << w.frames << "  "
                  << (macs.empty() ? "-" : macs) << "\n";
        rows.push_back(
            {s.from, s.to, s.sent, static_cast<uint32_t>(s.rttMs.size()), w.frames, macs});
    }
    const IpvlanPortCounters& pc = port->GetCounters();
    std::cout << "\nport: rx frames " << pc.rxFrames << ", to slaves " << pc.rxToSlave
              << ", to host " << pc.rxToHost << ", switched locally " << pc.txLocal
              << ", slave frames to wire " << pc.txToWire << ", multicast queued "
              << pc.multicastQueued << ", drops " << pc.drops << "\n";
    std::cout << "host1 -> ns0 fails by design: the master's own frames bypass the ipvlan "
                 "switch (kernel ipvlan.rst; doc/kernel-behaviour.rst §2.4)\n";
    if (port->GetMode() != IPVLAN_MODE_L2 && !routerRoutes)
    {
        std::cout << "in " << port->GetMode()
                  << " the router cannot resolve the containers (their ARP requests are "
                     "diverted to NOARP slaves and go unanswered): rerun with --router-routes "
                     "to route them via host1\n";
    }

    // Per-pair summary for gnuplot: answered pings and IPv4 frames on the wire
    std::string dat = outDir + "/ipvlan-howto.dat";
    std::ofstream out(dat);
    out << "# pair sent received wire_frames steady_rtt_us\n";
    for (const auto& s : series)
    {
        double steady = 0;
        for (size_t k = 1; k < s.rttMs.size(); ++k)
        {
            steady += s.rttMs[k].second * 1e3;
        }
        steady = s.rttMs.size() > 1 ? steady / (s.rttMs.size() - 1) : 0;
        out << "\"" << s.from << "->" << s.to << "\" " << s.sent << " " << s.rttMs.size() << " "
            << g_wire[PairKey(s.fromAddr, s.toAddr)].frames << " " << steady << "\n";
    }
    out.close();
    std::string plt = outDir + "/ipvlan-howto.plt";
    std::ofstream g(plt);
    g << "set terminal pngcairo size 1000,450 font ',10'\n"
      << "set output '" << outDir << "/ipvlan-howto.png'\n"
      << "set multiplot layout 1,2 title 'ipvlan " << port->GetMode() << " "
      << IpvlanFlagsToString(port->GetFlags()) << ": the kernel HOWTO example (" << nContainers
      << " containers, " << count << " pings per pair)'\n"
      << "set style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.8 border -1\nset boxwidth 0.9\nset grid ytics\n"
      << "set xtics rotate by -30\nset yrange [0:*]\nset offsets 0, 0, graph 0.15, 0\n"
      << "set key top right\n"
      << "set title 'pings answered, and IPv4 frames of the pair on the wire'\n"
      << "plot '" << dat << "' using 3:xtic(1) title 'answered', '' using 4 title "
      << "'frames on wire'\n"
      << "set title 'steady-state RTT (after ARP)'\nset ylabel 'microseconds'\nunset key\n"
      << "plot '" << dat << "' using 5:xtic(1) title 'RTT'\n"
      << "unset multiplot\n";
    g.close();
    std::cout << "wrote " << dat << " and " << plt << "\n";

    std::ostringstream modeText;
    modeText << port->GetMode();
    std::ostringstream eth0Mac;
    eth0Mac << Mac48Address::ConvertFrom(eth0->GetAddress());
    ExampleChecks checks;
    CheckPairs(checks,
               modeText.str(),
               IpvlanFlagsToString(port->GetFlags()),
               routerRoutes,
               eth0Mac.str(),
               rows);

    for (auto& p : pingers)
    {
        p->Close();
    }
    Simulator::Destroy();
    return checks.Report();
}
