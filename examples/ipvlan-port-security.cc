/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Why ipvlan exists (kernel ipvlan.rst section 6): switches that admit one MAC per port and
// NICs whose unicast filter overflows into promiscuous mode. Four hosts, each running N
// containers a different way, hang off one switch whose host ports allow one MAC address
// (port security, violation mode --violation); the router's port is unrestricted.
//
//   host "ipvlan-l2"   ipvlan l2 bridge, host interface on the master (one MAC on the wire)
//   host "ipvlan-l3"   ipvlan l3; the router has host routes to the containers via the host
//   host "macvlan"     macvlan bridge: one MAC per container on the wire
//   host "forwarding"  the veth alternative: every container on its own link (a /30) to the
//                      host, which routes between it and the wire (one MAC on the wire)
//
//   containers -- host1..host4 (eth0, NIC unicast filter of --slots entries) --+
//                                                                            switch -- router
//
// Every container pings the router (--count pings, 0.2 s apart, starts staggered). One row
// per host: reachability, pings, violations and state of its switch port, whether its NIC
// went promiscuous, and the frames its NIC handed to the host.
//
// Usage: ipvlan-port-security [--containers=4] [--slots=16] [--count=5]
//                             [--violation=protect|restrict|shutdown]
//                             [--sweep] [--outdir=.]
// --sweep runs N = 1, 2, 4, 8, 16, 32 and writes OUTDIR/ipvlan-port-security.dat and .plt
// (gnuplot OUTDIR/ipvlan-port-security.plt draws OUTDIR/ipvlan-port-security.png).

#include "ipvlan-example-ping.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanPortSecurity");

namespace
{

/// The four ways of running containers, one host each
enum HostKind
{
    KIND_IPVLAN_L2 = 0,
    KIND_IPVLAN_L3,
    KIND_MACVLAN,
    KIND_FORWARDING,
    KIND_COUNT
};

const char* const KIND_NAMES[KIND_COUNT] = {"ipvlan-l2", "ipvlan-l3", "macvlan", "forwarding"};

/// What one host's row reports
struct HostResult
{
    std::string mode;         ///< how its containers are attached
    uint32_t containers{0};   ///< containers on it
    uint32_t reachable{0};    ///< containers with at least one reply
    uint32_t sent{0};         ///< echo requests sent by its containers
    uint32_t answered{0};     ///< echo replies received by its containers
    uint64_t violations{0};   ///< port-security violations on its switch port
    std::string portState;    ///< "up" or "err-disabled"
    bool promiscuous{false};  ///< its NIC ended up promiscuous
    uint64_t inspected{0};    ///< frames the NIC handed to the host
    int64_t forwarded{-1};    ///< packets its stack forwarded (forwarding host), else -1
    uint32_t stackPasses{1};  ///< IP stack passes per container packet
    uint32_t unicastAddrs{0}; ///< secondary unicast MACs the host asked its NIC for
};

/// Count one forwarded packet (Ipv4L3Protocol UnicastForward trace)
void
CountForward(uint64_t* counter, const Ipv4Header& header, Ptr<const Packet> packet, uint32_t iif)
{
    ++*counter;
}

/**
 * The forwarding host's NIC is an ordinary device under the host's IP stack; this promiscuous
 * handler offers every frame on its segment to the NIC model first, as the ipvlan and macvlan
 * ports do, so that its framesInspected counts the same thing.
 */
void
AccountNicFrame(Ptr<NetDevice> device,
                Ptr<const Packet> packet,
                uint16_t protocol,
                const Address& from,
                const Address& to,
                NetDevice::PacketType type)
{
    NicUnicastFilter::AccountFrame(device, Mac48Address::ConvertFrom(to));
}

/**
 * Build the whole network for N containers per host, run it, and return one result per host.
 * Each call is a fresh simulation (Simulator::Destroy at its end).
 */
std::vector<HostResult>
RunExperiment(uint32_t n, uint32_t slots, uint32_t count, const std::string& violation)
{
    Ipv4AddressGenerator::Reset(); // addresses of the previous run are gone with its nodes

    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> swNode = CreateObject<Node>();
    NodeContainer hosts;
    hosts.Create(KIND_COUNT);
    std::vector<NodeContainer> containers(KIND_COUNT);
    for (auto& c : containers)
    {
        c.Create(n);
    }

    // one CSMA link per switch port: port 0 the router, port 1 + k host k
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    NetDeviceContainer swPorts;
    NetDeviceContainer routerLink = csma.Install(NodeContainer(router, swNode));
    swPorts.Add(routerLink.Get(1));
    std::vector<Ptr<NetDevice>> eth0(KIND_COUNT);
    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        NetDeviceContainer link = csma.Install(NodeContainer(hosts.Get(k), swNode));
        eth0[k] = link.Get(0);
        swPorts.Add(link.Get(1));
    }

    EthernetSwitchHelper swHelper;
    swHelper.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(true));
    swHelper.SetDeviceAttribute("MaxMacAddresses", UintegerValue(1));
    swHelper.SetDeviceAttribute("ViolationMode", StringValue(violation));
    Ptr<EthernetSwitchNetDevice> sw = swHelper.Install(swNode, swPorts);
    PortSecurityConfig open; // the router's port: no port security
    open.enabled = false;
    sw->SetPortSecurity(0, open);

    // every host's NIC filters --slots secondary unicast addresses, then goes promiscuous
    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        NicUnicastFilter::GetOrCreate(eth0[k])->SetUnicastFilterSlots(slots);
    }

    InternetStackHelper stack;
    stack.Install(router);
    stack.Install(hosts);
    for (auto& c : containers)
    {
        stack.Install(c);
    }

    // the LAN is 10.0.0.0/16: router 10.0.0.1, host k 10.0.(k+1).1, its containers
    // 10.0.(k+1).(10+i)
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4StaticRouting> routerRouting = routing.GetStaticRouting(router->GetObject<Ipv4>());
    Ipv4AddressHelper lan("10.0.0.0", "255.255.0.0", "0.0.0.1");
    Ipv4Address routerAddr = lan.Assign(NetDeviceContainer(routerLink.Get(0))).GetAddress(0);
    std::vector<Ipv4InterfaceContainer> containerIfs(KIND_COUNT);
    uint64_t forwarded = 0;

    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        // Ipv4AddressHelper takes the host part as its base: 0.0.(k+1).1 and 0.0.(k+1).10
        std::ostringstream hostBase;
        hostBase << "0.0." << k + 1 << ".1";
        std::ostringstream slaveBase;
        slaveBase << "0.0." << k + 1 << ".10";
        if (k == KIND_IPVLAN_L2 || k == KIND_IPVLAN_L3)
        {
            IpvlanHelper ipvlan;
            ipvlan.SetMode(k == KIND_IPVLAN_L2 ? "l2" : "l3");
            NetDeviceContainer slaves = ipvlan.Install(eth0[k], containers[k]);
            NetDeviceContainer hostIf = ipvlan.InstallHost(eth0[k]);
            lan.SetBase("10.0.0.0", "255.255.0.0", hostBase.str().c_str());
            Ipv4Address hostAddr = lan.Assign(hostIf).GetAddress(0);
            lan.SetBase("10.0.0.0", "255.255.0.0", slaveBase.str().c_str());
            containerIfs[k] = lan.Assign(slaves);
            for (uint32_t i = 0; i < n; ++i)
            {
                routing.GetStaticRouting(containers[k].Get(i)->GetObject<Ipv4>())
                    ->SetDefaultRoute(routerAddr, containerIfs[k].Get(i).second);
                if (k == KIND_IPVLAN_L3)
                {
                    // an l3 slave answers no ARP: the router reaches it through the host
                    routerRouting->AddHostRouteTo(containerIfs[k].GetAddress(i), hostAddr, 1);
                }
            }
        }
        else if (k == KIND_MACVLAN)
        {
            MacvlanHelper macvlan;
            macvlan.SetMode("bridge");
            NetDeviceContainer slaves = macvlan.Install(eth0[k], containers[k]);
            lan.SetBase("10.0.0.0", "255.255.0.0", slaveBase.str().c_str());
            containerIfs[k] = lan.Assign(slaves);
            for (uint32_t i = 0; i < n; ++i)
            {
                routing.GetStaticRouting(containers[k].Get(i)->GetObject<Ipv4>())
                    ->SetDefaultRoute(routerAddr, containerIfs[k].Get(i).second);
            }
        }
        else
        {
            // the veth alternative: the host keeps eth0 with its own IP and routes
            Ptr<Node> host = hosts.Get(k);
            lan.SetBase("10.0.0.0", "255.255.0.0", hostBase.str().c_str());
            Ipv4Address hostAddr = lan.Assign(NetDeviceContainer(eth0[k])).GetAddress(0);
            host->RegisterProtocolHandler(MakeCallback(&AccountNicFrame), 0, eth0[k], true);
            host->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "UnicastForward",
                MakeBoundCallback(&CountForward, &forwarded));
            // container i: 10.1.(i/64).(4*(i%64))/30, host .1, container .2
            Ipv4AddressHelper p2p;
            for (uint32_t i = 0; i < n; ++i)
            {
                std::ostringstream net;
                net << "10.1." << i / 64 << "." << 4 * (i % 64);
                p2p.SetBase(net.str().c_str(), "255.255.255.252");
                NetDeviceContainer link = csma.Install(NodeContainer(host, containers[k].Get(i)));
                Ipv4InterfaceContainer ifs = p2p.Assign(link);
                containerIfs[k].Add(ifs.Get(1));
                routing.GetStaticRouting(containers[k].Get(i)->GetObject<Ipv4>())
                    ->SetDefaultRoute(ifs.GetAddress(0), ifs.Get(1).second);
                routerRouting->AddNetworkRouteTo(Ipv4Address(net.str().c_str()),
                                                 Ipv4Mask("255.255.255.252"),
                                                 hostAddr,
                                                 1);
            }
            // ns-3 nodes forward by default (IpForward true on every interface)
        }
    }

    // every container pings the router; starts 5 ms apart across all hosts
    std::vector<PingSeries> series(KIND_COUNT * n); // sized once: pingers point into it
    std::vector<Ptr<Pinger>> pingers;
    const Time interval = Seconds(0.2);
    Time last = Seconds(0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t k = 0; k < KIND_COUNT; ++k)
        {
            uint32_t s = k * n + i;
            series[s].from = KIND_NAMES[k];
            series[s].to = "router";
            series[s].fromAddr = containerIfs[k].GetAddress(i);
            series[s].toAddr = routerAddr;
            Ptr<Pinger> p =
                Create<Pinger>(containers[k].Get(i), &series[s], static_cast<uint16_t>(1000 + s));
            last = Seconds(1.0) + MilliSeconds(5 * (i * KIND_COUNT + k));
            p->Start(last, count, interval);
            pingers.push_back(p);
        }
    }
    Simulator::Stop(last + interval * count + Seconds(1.0));
    Simulator::Run();

    std::vector<HostResult> results(KIND_COUNT);
    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        HostResult& r = results[k];
        r.mode = KIND_NAMES[k];
        r.containers = n;
        for (uint32_t i = 0; i < n; ++i)
        {
            const PingSeries& s = series[k * n + i];
            r.sent += s.sent;
            r.answered += s.rttMs.size();
            r.reachable += s.rttMs.empty() ? 0 : 1;
        }
        EthernetSwitchPortStatus st = sw->GetPortStatus(1 + k);
        r.violations = st.violations;
        std::ostringstream state;
        state << st.state;
        r.portState = state.str();
        Ptr<NicUnicastFilter> nic = NicUnicastFilter::Find(eth0[k]);
        r.promiscuous = nic->IsPromiscuous();
        r.inspected = nic->GetCounters().framesInspected;
        r.unicastAddrs = nic->GetUnicastCount();
        // Per-packet stack passes: an ipvlan or macvlan container's packet crosses one IP
        // stack (the container's; the master only demultiplexes or, in l3, routes it on the
        // way out). With forwarding, every packet crosses the container's stack and then the
        // host's stack a second time to be routed between the container's link and eth0:
        // the forwarding host processes every packet twice (the paper's point against the
        // veth/routing alternative).
        r.stackPasses = k == KIND_FORWARDING ? 2 : 1;
        r.forwarded = k == KIND_FORWARDING ? static_cast<int64_t>(forwarded) : -1;
    }

    for (auto& p : pingers)
    {
        p->Close();
    }
    Simulator::Destroy();
    return results;
}

/// Print the table for one N
void
PrintTable(const std::vector<HostResult>& results, uint32_t slots, const std::string& violation)
{
    std::cout << "\nN = " << results[0].containers << " containers per host; host switch ports: "
              << "max 1 MAC, violation " << violation << "; NIC unicast filter: " << slots
              << " slots\n";
    std::cout << std::left << std::setw(12) << "mode" << std::right << std::setw(6) << "N"
              << std::setw(7) << "reach" << std::setw(7) << "sent" << std::setw(7) << "answ"
              << std::setw(6) << "viol" << std::setw(14) << "port" << std::setw(9) << "uc-macs"
              << std::setw(9) << "promisc" << std::setw(11) << "inspected" << std::setw(11)
              << "forwarded" << std::setw(8) << "passes"
              << "\n";
    for (const auto& r : results)
    {
        std::cout << std::left << std::setw(12) << r.mode << std::right << std::setw(6)
                  << r.containers << std::setw(7) << r.reachable << std::setw(7) << r.sent
                  << std::setw(7) << r.answered << std::setw(6) << r.violations << std::setw(14)
                  << r.portState << std::setw(9) << r.unicastAddrs << std::setw(9)
                  << (r.promiscuous ? "yes" : "no") << std::setw(11) << r.inspected << std::setw(11)
                  << (r.forwarded < 0 ? "-" : std::to_string(r.forwarded)) << std::setw(8)
                  << r.stackPasses << "\n";
    }
    std::cout << "  reach: containers with at least one reply; uc-macs: secondary unicast MACs "
                 "the host asked its NIC to filter;\n  inspected: frames the NIC handed to the "
                 "host; forwarded: packets the host's stack routed; passes: IP stack passes per "
                 "packet\n";
}

/// Check the expected outcome and say honestly what happened
void
PrintVerdict(const std::vector<HostResult>& r, uint32_t slots, const std::string& violation)
{
    std::cout << "  verdict:\n";
    for (uint32_t k : {KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_FORWARDING})
    {
        bool ok =
            r[k].reachable == r[k].containers && r[k].violations == 0 && r[k].portState == "up";
        std::cout << "    " << std::left << std::setw(11) << r[k].mode
                  << (ok ? "works: every container reached the router, one MAC on the port"
                         : "UNEXPECTED: not every container reached the router or the port "
                           "saw a violation")
                  << "\n";
    }
    const HostResult& m = r[KIND_MACVLAN];
    std::cout << "    " << std::left << std::setw(11) << "macvlan";
    if (m.containers == 1)
    {
        std::cout << "one container is one MAC: the port allows it ("
                  << (m.reachable == 1 ? "reached" : "UNEXPECTEDLY did not reach")
                  << " the router)";
    }
    else
    {
        bool blocked = m.violations > 0 || m.reachable < m.containers;
        std::cout << (blocked ? "blocked: " : "UNEXPECTED, not blocked: ") << m.reachable << "/"
                  << m.containers << " containers reached the router, " << m.answered << "/"
                  << m.sent << " pings answered, port " << m.portState << " (" << m.violations
                  << " violations, mode " << violation << ")";
        if (m.reachable > 0 && m.reachable < m.containers)
        {
            std::cout << "; the first MAC the port learnt is the one it admits";
        }
    }
    std::cout << "; NIC " << (m.promiscuous ? "promiscuous" : "not promiscuous") << " with "
              << m.unicastAddrs << " MACs for " << slots << " filter slots"
              << ((m.unicastAddrs > slots) != m.promiscuous ? " (UNEXPECTED)" : "") << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t containers = 4;
    uint32_t slots = 16;
    uint32_t count = 5;
    std::string violation = "shutdown";
    bool sweep = false;
    std::string outDir = ".";
    CommandLine cmd(__FILE__);
    cmd.AddValue("containers", "containers per host (N)", containers);
    cmd.AddValue("slots",
                 "secondary unicast MACs each host NIC filters (UnicastFilterSlots)",
                 slots);
    cmd.AddValue("count", "pings per container", count);
    cmd.AddValue("violation",
                 "port-security violation mode: protect, restrict or shutdown",
                 violation);
    cmd.AddValue("sweep", "run N = 1, 2, 4, 8, 16, 32 and write the .dat and .plt", sweep);
    cmd.AddValue("outdir", "where --sweep writes its files", outDir);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(violation != "protect" && violation != "restrict" && violation != "shutdown",
                    "--violation=" << violation
                                   << " is unknown; allowed: protect, restrict, shutdown");
    NS_ABORT_MSG_IF(containers < 1 || containers > 250, "--containers must be 1..250");
    NS_ABORT_MSG_IF(count < 1, "--count must be at least 1");

    if (!sweep)
    {
        std::vector<HostResult> r = RunExperiment(containers, slots, count, violation);
        PrintTable(r, slots, violation);
        PrintVerdict(r, slots, violation);
        return 0;
    }

    std::string dat = outDir + "/ipvlan-port-security.dat";
    std::string plt = outDir + "/ipvlan-port-security.plt";
    std::ofstream out(dat);
    NS_ABORT_MSG_IF(!out, "cannot write " << dat);
    out << "# ipvlan-port-security sweep: violation " << violation << ", " << slots
        << " NIC filter slots, " << count << " pings per container\n"
        << "# N";
    for (const char* name : KIND_NAMES)
    {
        out << " answered_" << name;
    }
    for (const char* name : KIND_NAMES)
    {
        out << " inspected_" << name;
    }
    out << "\n";
    for (uint32_t n : {1, 2, 4, 8, 16, 32})
    {
        std::vector<HostResult> r = RunExperiment(n, slots, count, violation);
        PrintTable(r, slots, violation);
        PrintVerdict(r, slots, violation);
        out << n;
        for (const auto& h : r)
        {
            out << " " << h.answered;
        }
        for (const auto& h : r)
        {
            out << " " << h.inspected;
        }
        out << "\n";
    }
    out.close();

    std::ofstream g(plt);
    NS_ABORT_MSG_IF(!g, "cannot write " << plt);
    g << "# gnuplot " << plt << "\n"
      << "set terminal pngcairo size 1200,500 font 'Sans,10'\n"
      << "set output '" << outDir << "/ipvlan-port-security.png'\n"
      << "set multiplot layout 1,2 title 'Containers behind a one-MAC switch port (violation "
      << violation << ", " << slots << " NIC filter slots)'\n"
      << "set logscale x 2\n"
      << "set xrange [0.8:40]\n"
      << "set xlabel 'containers per host (N)'\n"
      << "set key top left\n"
      << "set grid\n"
      << "set title 'echo replies received (" << count << " pings per container)'\n"
      << "set ylabel 'answered pings'\n"
      << "plot '" << dat << "' using 1:2 with linespoints lw 2 title 'ipvlan l2', \\\n"
      << "     '' using 1:3 with linespoints lw 2 dt 2 title 'ipvlan l3', \\\n"
      << "     '' using 1:4 with linespoints lw 2 title 'macvlan', \\\n"
      << "     '' using 1:5 with linespoints lw 2 dt 3 title 'forwarding (veth-like)', \\\n"
      << "     '' using 1:($1*" << count << ") with lines lc rgb 'gray' dt 4 title 'sent'\n"
      << "set title 'frames the host NIC handed to the host'\n"
      << "set ylabel 'frames inspected'\n"
      << "set logscale y 10\n"
      << "plot '" << dat << "' using 1:6 with linespoints lw 2 title 'ipvlan l2', \\\n"
      << "     '' using 1:7 with linespoints lw 2 dt 2 title 'ipvlan l3', \\\n"
      << "     '' using 1:8 with linespoints lw 2 title 'macvlan', \\\n"
      << "     '' using 1:9 with linespoints lw 2 dt 3 title 'forwarding (veth-like)'\n"
      << "unset multiplot\n";
    g.close();
    std::cout << "\nwrote " << dat << " and " << plt << "\n";
    return 0;
}
