/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ipvlan modes and flags side by side, each scenario printing what happened and why
// (kernel ipvlan.rst sections 4 and 5):
//
//  l3s-policy  host1 drops every new inbound flow ("ct state established accept") on the
//              INPUT hook. In l3s slave-bound traffic passes that hook, so the router's
//              ping to a container is dropped while the container's own ping to the router
//              gets its reply; in l3 the inbound traffic bypasses the host and the policy
//              never sees it.
//  private     l2 private: containers cannot reach each other (the unicast is dropped at
//              the sender); they still reach the router.
//  vepa        l2 vepa: container-to-container traffic leaves on the wire with source ==
//              destination == eth0's MAC and comes back only if the switch port reflects
//              it (hairpin).
//
//   ns0 ns1 (containers) -- ipvlan -- eth0 [host1] --- switch (port security off) --- router
//
// Usage: ipvlan-modes [--scenario=all|l3s-policy|private|vepa]

#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanModes");

namespace
{

/// One small world: host1 with two containers and a router, through a switch
struct World
{
    Ptr<Node> host;                   ///< host1
    Ptr<Node> router;                 ///< the router
    NodeContainer containers;         ///< ns0, ns1
    Ptr<EthernetSwitchNetDevice> sw;  ///< the switch
    Ptr<NetDevice> eth0;              ///< host1's master
    Ptr<IpvlanPort> port;             ///< its port
    Ipv4InterfaceContainer slaveIfs;  ///< container addresses
    Ipv4Address routerAddr;           ///< router address
    std::vector<PingSeries> series;   ///< the pings
    std::vector<Ptr<Pinger>> pingers; ///< their clients

    World(const std::string& mode, const std::string& flags, bool hairpin)
    {
        series.reserve(8);
        host = CreateObject<Node>();
        router = CreateObject<Node>();
        containers.Create(2);
        Ptr<Node> swNode = CreateObject<Node>();
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
        NetDeviceContainer l0 = csma.Install(NodeContainer(host, swNode));
        NetDeviceContainer l1 = csma.Install(NodeContainer(router, swNode));
        EthernetSwitchHelper swHelper;
        sw = swHelper.Install(swNode, NetDeviceContainer(l0.Get(1), l1.Get(1)));
        sw->SetHairpin(0, hairpin);
        eth0 = l0.Get(0);

        InternetStackHelper stack;
        stack.Install(host);
        stack.Install(router);
        stack.Install(containers);
        IpvlanHelper ipvlan;
        ipvlan.SetMode(mode);
        ipvlan.SetFlags(flags);
        NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
        NetDeviceContainer hostIf = ipvlan.InstallHost(eth0);
        port = IpvlanPort::Find(eth0);

        Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
        routerAddr = addr.Assign(NetDeviceContainer(l1.Get(0))).GetAddress(0);
        Ipv4Address hostAddr = addr.Assign(hostIf).GetAddress(0);
        slaveIfs = addr.Assign(slaves);
        Ipv4StaticRoutingHelper routing;
        for (uint32_t i = 0; i < 2; ++i)
        {
            routing.GetStaticRouting(containers.Get(i)->GetObject<Ipv4>())
                ->SetDefaultRoute(routerAddr, slaveIfs.Get(i).second);
            // the router reaches the containers through host1 (needed in l3/l3s)
            routing.GetStaticRouting(router->GetObject<Ipv4>())
                ->AddHostRouteTo(slaveIfs.GetAddress(i), hostAddr, 1);
        }
    }

    /**
     * Add a ping series (3 pings; the series start one second apart).
     * @param from "ns0", "ns1" or "router"
     * @param to a name for the destination
     * @param dst the destination address
     */
    void Ping(const std::string& from, const std::string& to, Ipv4Address dst)
    {
        NS_ABORT_MSG_IF(series.size() == series.capacity(), "at most 8 ping series");
        PingSeries s;
        s.from = from;
        s.to = to;
        s.toAddr = dst;
        series.push_back(s); // no reallocation: the pingers keep pointers into it
    }

    /// Start every ping, run, and return
    void Run()
    {
        for (size_t k = 0; k < series.size(); ++k)
        {
            Ptr<Node> node =
                series[k].from == "router" ? router : containers.Get(series[k].from == "ns1");
            Ptr<Pinger> p = Create<Pinger>(node, &series[k], static_cast<uint16_t>(200 + k));
            p->Start(Seconds(1.0 + k), 3, Seconds(0.2));
            pingers.push_back(p);
        }
        Simulator::Stop(Seconds(2.0 + series.size()));
        Simulator::Run();
        for (auto& p : pingers)
        {
            p->Close();
        }
    }

    /// Print one line per ping series
    void Print(const std::string& label, const std::string& why) const
    {
        for (const auto& s : series)
        {
            std::cout << "  " << std::left << std::setw(18) << label << std::setw(8) << s.from
                      << "-> " << std::setw(8) << s.to << s.rttMs.size() << "/" << s.sent
                      << " answered\n";
        }
        std::cout << "    why: " << why << "\n";
    }

    ~World()
    {
        Simulator::Destroy();
    }
};

/// Every ping of a series answered
bool
AllAnswered(const PingSeries& s)
{
    return s.sent > 0 && s.rttMs.size() == s.sent;
}

/// "answered/sent answered" for a check's observation
std::string
Answered(const PingSeries& s)
{
    return std::to_string(s.rttMs.size()) + "/" + std::to_string(s.sent) + " answered";
}

void
L3sPolicy(ExampleChecks& checks)
{
    std::cout << "\n== host policy 'accept established only' on INPUT, l3 vs l3s\n";
    for (std::string mode : {"l3", "l3s"})
    {
        World w(mode, "bridge", false);
        Ptr<IpvlanNetfilter> nf = IpvlanNetfilter::GetOrCreate(w.host);
        nf->AcceptEstablishedOnly(IPVLAN_HOOK_INPUT);
        w.Ping("ns0", "router", w.routerAddr);
        w.Ping("router", "ns0", w.slaveIfs.GetAddress(0));
        w.Run();
        std::ostringstream why;
        if (mode == "l3s")
        {
            why << "in l3s slave-bound packets pass host1's INPUT hook: the replies to ns0's "
                   "own pings are ESTABLISHED and accepted, the router's new pings are "
                   "dropped ("
                << nf->GetDropped() << " netfilter drops)";
        }
        else
        {
            why << "in l3 inbound packets go straight to the slave: the policy never sees "
                   "them, so the router's pings get through ("
                << nf->GetDropped() << " netfilter drops)";
        }
        w.Print("mode " + mode, why.str());
        const PingSeries& up = w.series[0];
        const PingSeries& down = w.series[1];
        std::string drops = ", " + std::to_string(nf->GetDropped()) + " netfilter drops";
        if (mode == "l3s")
        {
            checks.Check("mode l3s: ns0 -> router answered (its replies are ESTABLISHED)",
                         AllAnswered(up),
                         Answered(up));
            checks.Check("mode l3s: router -> ns0 dropped by host1's INPUT policy",
                         down.rttMs.empty() && nf->GetDropped() > 0,
                         Answered(down) + drops);
        }
        else
        {
            checks.Check("mode l3: ns0 -> router answered", AllAnswered(up), Answered(up));
            checks.Check("mode l3: router -> ns0 answered (host1's INPUT policy not on its path)",
                         AllAnswered(down) && nf->GetDropped() == 0,
                         Answered(down) + drops);
        }
    }
}

void
Private(ExampleChecks& checks)
{
    std::cout << "\n== l2 private\n";
    World w("l2", "private", false);
    w.Ping("ns0", "ns1", w.slaveIfs.GetAddress(1));
    w.Ping("ns0", "router", w.routerAddr);
    w.Run();
    Ptr<IpvlanNetDevice> ns1 = DynamicCast<IpvlanNetDevice>(w.port->GetSlave(1));
    std::ostringstream why;
    why << "private drops unicast between slaves at the sender (ns1's ARP replies: "
        << ns1->GetCounters().txDropped << " tx drops on ns1) while broadcast still flows (ns1 got "
        << ns1->GetCounters().rxMulticast << " ARP requests); the router is not affected";
    w.Print("l2 private", why.str());
    uint64_t txDropped = ns1->GetCounters().txDropped;
    checks.Check("l2 private: ns0 -> ns1 unanswered (dropped at the sending slave)",
                 w.series[0].rttMs.empty() && txDropped > 0,
                 Answered(w.series[0]) + ", " + std::to_string(txDropped) + " tx drops on ns1");
    checks.Check("l2 private: ns0 -> router answered",
                 AllAnswered(w.series[1]),
                 Answered(w.series[1]));
}

void
Vepa(ExampleChecks& checks)
{
    std::cout << "\n== l2 vepa, switch port without and with hairpin\n";
    for (bool hairpin : {false, true})
    {
        World w("l2", "vepa", hairpin);
        w.Ping("ns0", "ns1", w.slaveIfs.GetAddress(1));
        w.Run();
        std::ostringstream why;
        why << "vepa sends ns0->ns1 out of eth0 with source == destination == its MAC; "
            << (hairpin ? "the hairpin port reflects it and the port demultiplexes it by IP"
                        : "a switch never sends a frame back out of its ingress port")
            << " (frames dropped at host1's switch port: " << w.sw->GetPortStatus(0).rxDropped
            << ")";
        w.Print(hairpin ? "vepa, hairpin" : "vepa, no hairpin", why.str());
        const PingSeries& s = w.series[0];
        uint64_t portDrops = w.sw->GetPortStatus(0).rxDropped;
        std::string seen = Answered(s) + ", " + std::to_string(portDrops) + " switch port drops";
        if (hairpin)
        {
            checks.Check("vepa, hairpin: ns0 -> ns1 answered (reflected by the switch port)",
                         AllAnswered(s) && portDrops == 0,
                         seen);
        }
        else
        {
            checks.Check("vepa, no hairpin: ns0 -> ns1 unanswered (dropped at the switch port)",
                         s.rttMs.empty() && portDrops > 0,
                         seen);
        }
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string scenario = "all";
    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "all, l3s-policy, private or vepa", scenario);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(scenario != "all" && scenario != "l3s-policy" && scenario != "private" &&
                        scenario != "vepa",
                    "--scenario=" << scenario << " is unknown; allowed: all, l3s-policy, "
                                  << "private, vepa");
    ExampleChecks checks;
    if (scenario == "all" || scenario == "l3s-policy")
    {
        L3sPolicy(checks);
    }
    if (scenario == "all" || scenario == "private")
    {
        Private(checks);
    }
    if (scenario == "all" || scenario == "vepa")
    {
        Vepa(checks);
    }
    return checks.Report();
}
