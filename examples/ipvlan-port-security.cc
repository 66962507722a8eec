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
//                             [--violation=protect|restrict|shutdown] [--port-security=1]
//                             [--flood=0] [--frame-cost=0] [--udp-pps=0]
//                             [--sweep | --flood-sweep] [--outdir=.]
// --sweep runs N = 1, 2, 4, 8, 16, 32 and writes OUTDIR/ipvlan-port-security.dat and .plt
// (gnuplot OUTDIR/ipvlan-port-security.plt draws OUTDIR/ipvlan-port-security.png).
// Host load: --flood adds a neighbour flooding unknown unicast (Mb/s), --frame-cost gives
// each host a cost per frame its NIC hands it (microseconds; past 1000 waiting frames the
// host drops), --udp-pps sends every container downstream UDP for 1 s. --flood-sweep runs
// N = 32 without port security at 10 us per frame and floods of 0 to 800 Mb/s, and writes
// OUTDIR/ipvlan-host-load.dat and .plt: the promiscuous macvlan host loses its containers'
// traffic, the ipvlan hosts (one MAC, flood filtered by the NIC) do not.

#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <fstream>
#include <functional>
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
    uint64_t udpSent{0};      ///< downstream UDP datagrams the router sent its containers
    uint64_t udpReceived{0};  ///< of which its containers received
    double busyMs{0};         ///< host time spent on frames its NICs handed it (PerFrameCost)
    uint64_t backlogDrops{0}; ///< frames dropped because the host's backlog was full
};

/// One run of the experiment
struct ExperimentConfig
{
    uint32_t n{4};                     ///< containers per host
    uint32_t slots{16};                ///< NIC unicast filter slots
    uint32_t count{5};                 ///< pings per container
    std::string violation{"shutdown"}; ///< port-security violation mode
    bool portSecurity{true};           ///< port security on the host ports
    double floodMbps{0};               ///< unknown-unicast background traffic on the switch
    Time frameCost;                    ///< host time per frame its NIC hands it (0: none)
    uint32_t udpPps{0};                ///< downstream UDP per container (router -> container)
};

/// Frame size of the background flood (bytes of payload)
const uint32_t FLOOD_PAYLOAD = 1000;
/// How long the downstream UDP and the flood last
const Time LOAD_TIME = Seconds(1);

/// Send one flood frame to a MAC nobody owns (the switch floods it to every port)
void
SendFloodFrame(Ptr<NetDevice> dev, Time gap, Time until)
{
    if (Simulator::Now() >= until)
    {
        return;
    }
    dev->Send(Create<Packet>(FLOOD_PAYLOAD), Mac48Address("02:ee:ee:ee:ee:ee"), 0x88B5);
    Simulator::Schedule(gap, &SendFloodFrame, dev, gap, until);
}

/// Send one downstream UDP datagram to a container, and the next one after gap
void
SendUdp(Ptr<Socket> socket, Address to, Time gap, Time until, uint64_t* sent)
{
    if (Simulator::Now() >= until)
    {
        return;
    }
    socket->SendTo(Create<Packet>(200), 0, to);
    ++*sent;
    Simulator::Schedule(gap, &SendUdp, socket, to, gap, until, sent);
}

/// Count the datagrams waiting on a container's socket
void
ReceiveUdp(uint64_t* received, Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        ++*received;
    }
}

/// Sum what a host's NICs report about its per-frame work
void
AddNicLoad(HostResult& r, Ptr<NetDevice> dev)
{
    Ptr<NicUnicastFilter> nic = NicUnicastFilter::Find(dev);
    if (nic)
    {
        r.busyMs += nic->GetBusyTime().GetSeconds() * 1000.0;
        r.backlogDrops += nic->GetCounters().framesBacklogDropped;
    }
}

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
RunExperiment(const ExperimentConfig& cfg)
{
    const uint32_t n = cfg.n;
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
    // the router's link is faster, so that it carries every host's traffic and the flood
    // (CSMA links are half duplex) without becoming the bottleneck
    CsmaHelper uplink;
    uplink.SetChannelAttribute("DataRate", StringValue("10Gbps"));
    uplink.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    NetDeviceContainer routerLink = uplink.Install(NodeContainer(router, swNode));
    swPorts.Add(routerLink.Get(1));
    std::vector<Ptr<NetDevice>> eth0(KIND_COUNT);
    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        NetDeviceContainer link = csma.Install(NodeContainer(hosts.Get(k), swNode));
        eth0[k] = link.Get(0);
        swPorts.Add(link.Get(1));
    }

    // a noisy neighbour on its own port: unknown-unicast frames, flooded to every port
    Ptr<Node> noise = CreateObject<Node>();
    NetDeviceContainer noiseLink = csma.Install(NodeContainer(noise, swNode));
    swPorts.Add(noiseLink.Get(1));

    EthernetSwitchHelper swHelper;
    swHelper.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(cfg.portSecurity));
    swHelper.SetDeviceAttribute("MaxMacAddresses", UintegerValue(1));
    swHelper.SetDeviceAttribute("ViolationMode", StringValue(cfg.violation));
    Ptr<EthernetSwitchNetDevice> sw = swHelper.Install(swNode, swPorts);
    PortSecurityConfig open; // the router's and the neighbour's ports: no port security
    open.enabled = false;
    sw->SetPortSecurity(0, open);
    sw->SetPortSecurity(swPorts.GetN() - 1, open);

    // every host's NIC filters --slots secondary unicast addresses, then goes promiscuous;
    // with --frame-cost the host spends that long on each frame the NIC hands it
    auto nicFor = [&cfg](Ptr<NetDevice> dev) {
        Ptr<NicUnicastFilter> nic = NicUnicastFilter::GetOrCreate(dev);
        nic->SetUnicastFilterSlots(cfg.slots);
        nic->SetAttribute("PerFrameCost", TimeValue(cfg.frameCost));
    };
    for (uint32_t k = 0; k < KIND_COUNT; ++k)
    {
        nicFor(eth0[k]);
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
    std::vector<Ptr<NetDevice>> fwdLinks; // the forwarding host's container-side links

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
                // Each packet crosses a second stack on the host's CPU: upstream the host's
                // (received on this link), downstream the container's (its veth end).
                for (uint32_t end = 0; end < 2; ++end)
                {
                    nicFor(link.Get(end));
                    link.Get(end)->GetNode()->RegisterProtocolHandler(
                        MakeCallback(&AccountNicFrame),
                        0,
                        link.Get(end),
                        true);
                    fwdLinks.push_back(link.Get(end));
                }
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
            p->Start(last, cfg.count, interval);
            pingers.push_back(p);
        }
    }
    Time end = last + interval * cfg.count + Seconds(1.0);

    // downstream UDP: the router sends every container --udp-pps datagrams a second,
    // while the neighbour floods --flood Mbps of unknown unicast
    std::vector<uint64_t> udpSent(KIND_COUNT, 0);
    std::vector<uint64_t> udpReceived(KIND_COUNT, 0);
    std::vector<Ptr<Socket>> sockets;
    const Time loadStart = end;
    if (cfg.udpPps > 0)
    {
        TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
        Ptr<Socket> tx = Socket::CreateSocket(router, udp);
        tx->Bind();
        sockets.push_back(tx);
        Time gap = Seconds(1.0 / cfg.udpPps);
        for (uint32_t k = 0; k < KIND_COUNT; ++k)
        {
            for (uint32_t i = 0; i < n; ++i)
            {
                Ptr<Socket> rx = Socket::CreateSocket(containers[k].Get(i), udp);
                rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
                rx->SetRecvCallback(MakeBoundCallback(&ReceiveUdp, &udpReceived[k]));
                sockets.push_back(rx);
                Time at = loadStart + gap * (k * n + i) / (KIND_COUNT * n);
                Simulator::Schedule(at,
                                    &SendUdp,
                                    tx,
                                    Address(InetSocketAddress(containerIfs[k].GetAddress(i), 9)),
                                    gap,
                                    loadStart + LOAD_TIME,
                                    &udpSent[k]);
            }
        }
        end = loadStart + LOAD_TIME + Seconds(0.5);
    }
    if (cfg.floodMbps > 0)
    {
        Time gap = Seconds((FLOOD_PAYLOAD + 18) * 8 / (cfg.floodMbps * 1e6));
        Simulator::Schedule(loadStart,
                            &SendFloodFrame,
                            noiseLink.Get(0),
                            gap,
                            loadStart + LOAD_TIME);
        end = std::max(end, loadStart + LOAD_TIME + Seconds(0.5));
    }
    Simulator::Stop(end);
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
        r.udpSent = udpSent[k];
        r.udpReceived = udpReceived[k];
        AddNicLoad(r, eth0[k]);
        if (k == KIND_FORWARDING)
        {
            for (Ptr<NetDevice> d : fwdLinks)
            {
                AddNicLoad(r, d);
            }
        }
    }
    for (auto& s : sockets)
    {
        s->Close();
    }

    for (auto& p : pingers)
    {
        p->Close();
    }
    Simulator::Destroy();
    return results;
}

/// Print the table for one run
void
PrintTable(const std::vector<HostResult>& results, const ExperimentConfig& cfg)
{
    std::cout << "\nN = " << results[0].containers << " containers per host; host switch ports: "
              << (cfg.portSecurity ? "max 1 MAC, violation " + cfg.violation
                                   : std::string("no port security"))
              << "; NIC unicast filter: " << cfg.slots << " slots";
    if (cfg.frameCost.IsStrictlyPositive())
    {
        std::cout << "; host cost " << cfg.frameCost.GetMicroSeconds() << " us/frame";
    }
    if (cfg.floodMbps > 0)
    {
        std::cout << "; flood " << cfg.floodMbps << " Mb/s";
    }
    std::cout << "\n";
    std::cout << std::left << std::setw(12) << "mode" << std::right << std::setw(6) << "N"
              << std::setw(7) << "reach" << std::setw(7) << "sent" << std::setw(7) << "answ"
              << std::setw(6) << "viol" << std::setw(14) << "port" << std::setw(9) << "uc-macs"
              << std::setw(9) << "promisc" << std::setw(11) << "inspected" << std::setw(11)
              << "forwarded" << std::setw(8) << "passes";
    if (cfg.udpPps > 0)
    {
        std::cout << std::setw(9) << "udp-tx" << std::setw(9) << "udp-rx";
    }
    if (cfg.frameCost.IsStrictlyPositive())
    {
        std::cout << std::setw(9) << "busy-ms" << std::setw(9) << "backlog";
    }
    std::cout << "\n";
    for (const auto& r : results)
    {
        std::cout << std::left << std::setw(12) << r.mode << std::right << std::setw(6)
                  << r.containers << std::setw(7) << r.reachable << std::setw(7) << r.sent
                  << std::setw(7) << r.answered << std::setw(6) << r.violations << std::setw(14)
                  << r.portState << std::setw(9) << r.unicastAddrs << std::setw(9)
                  << (r.promiscuous ? "yes" : "no") << std::setw(11) << r.inspected << std::setw(11)
                  << (r.forwarded < 0 ? "-" : std::to_string(r.forwarded)) << std::setw(8)
                  << r.stackPasses;
        if (cfg.udpPps > 0)
        {
            std::cout << std::setw(9) << r.udpSent << std::setw(9) << r.udpReceived;
        }
        if (cfg.frameCost.IsStrictlyPositive())
        {
            std::cout << std::setw(9) << std::fixed << std::setprecision(1) << r.busyMs
                      << std::setw(9) << r.backlogDrops;
        }
        std::cout << "\n";
    }
    std::cout << "  reach: containers with at least one reply; uc-macs: secondary unicast MACs "
                 "the host asked its NIC to filter;\n  inspected: frames the NIC handed to the "
                 "host; forwarded: packets the host's stack routed; passes: IP stack passes per "
                 "packet\n";
    if (cfg.udpPps > 0 || cfg.frameCost.IsStrictlyPositive())
    {
        std::cout << "  udp-tx/rx: downstream datagrams router -> containers; busy-ms: host time "
                     "on frames its NICs handed it;\n  backlog: frames dropped because the host "
                     "was busy (MaxBacklog frames waiting)\n";
    }
}

/// Check the expected outcome and say honestly what happened
void
PrintVerdict(const std::vector<HostResult>& r, const ExperimentConfig& cfg)
{
    std::cout << "  verdict:\n";
    for (uint32_t k : {KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_FORWARDING})
    {
        bool ok =
            r[k].reachable == r[k].containers && r[k].violations == 0 && r[k].portState == "up";
        std::cout << "    " << std::left << std::setw(11) << r[k].mode
                  << (ok ? "works: every container reached the router, one MAC on the port"
                         : "UNEXPECTED: not every container reached the router or the port "
                           "saw a violation");
        if (r[k].udpSent > 0)
        {
            std::cout << "; " << r[k].udpReceived << "/" << r[k].udpSent << " datagrams";
        }
        std::cout << "\n";
    }
    const HostResult& m = r[KIND_MACVLAN];
    std::cout << "    " << std::left << std::setw(11) << "macvlan";
    if (!cfg.portSecurity)
    {
        std::cout << "no port security: " << m.reachable << "/" << m.containers
                  << " containers reached the router";
        if (m.udpSent > 0)
        {
            std::cout << ", " << m.udpReceived << "/" << m.udpSent << " datagrams ("
                      << m.backlogDrops << " frames lost to the busy host)";
        }
    }
    else if (m.containers == 1)
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
                  << " violations, mode " << cfg.violation << ")";
        if (m.reachable > 0 && m.reachable < m.containers)
        {
            std::cout << "; the first MAC the port learnt is the one it admits";
        }
    }
    std::cout << "; NIC " << (m.promiscuous ? "promiscuous" : "not promiscuous") << " with "
              << m.unicastAddrs << " MACs for " << cfg.slots << " filter slots"
              << ((m.unicastAddrs > cfg.slots) != m.promiscuous ? " (UNEXPECTED)" : "") << "\n";
}

/**
 * The verdict's claims, checked on one run's results.
 * @param checks where the claims go
 * @param r the results, one per host
 * @param cfg the run
 * @param where the sweep step ("N = 8"), or "" for a single run
 * @param floodSweep the run is a step of --flood-sweep
 * @param lastStep it is the sweep's last (highest) step
 */
void
CheckVerdict(ExampleChecks& checks,
             const std::vector<HostResult>& r,
             const ExperimentConfig& cfg,
             const std::string& where,
             bool floodSweep,
             bool lastStep)
{
    auto at = [&where](const std::string& seen) {
        return where.empty() ? seen : where + ": " + seen;
    };
    auto reached = [](const HostResult& h) {
        return std::to_string(h.reachable) + "/" + std::to_string(h.containers) + " reached";
    };
    auto datagrams = [](const HostResult& h) {
        return std::to_string(h.udpReceived) + "/" + std::to_string(h.udpSent) + " datagrams";
    };
    for (uint32_t k : {KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_FORWARDING})
    {
        const HostResult& h = r[k];
        checks.Check(cfg.portSecurity
                         ? h.mode + " passes the one-MAC port: every container reaches the router"
                         : h.mode + ": every container reaches the router",
                     h.reachable == h.containers && h.violations == 0 && h.portState == "up",
                     at(reached(h) + ", " + std::to_string(h.violations) + " violations, port " +
                        h.portState));
        checks.Check(h.mode + ": one MAC (no secondary MAC on the NIC, not promiscuous)",
                     h.unicastAddrs == 0 && !h.promiscuous,
                     at(std::to_string(h.unicastAddrs) + " secondary MACs, promiscuous " +
                        (h.promiscuous ? "yes" : "no")));
        if (floodSweep && k != KIND_FORWARDING)
        {
            checks.Check(h.mode + ": every downstream datagram delivered despite the flood",
                         h.udpSent > 0 && h.udpReceived == h.udpSent,
                         at(datagrams(h)));
        }
    }
    const HostResult& m = r[KIND_MACVLAN];
    if (!cfg.portSecurity)
    {
        checks.Check("macvlan without port security: every container reaches the router",
                     m.reachable == m.containers,
                     at(reached(m)));
    }
    else if (m.containers == 1)
    {
        checks.Check("macvlan with one container passes the one-MAC port",
                     m.reachable == 1 && m.violations == 0,
                     at(reached(m) + ", " + std::to_string(m.violations) + " violations"));
    }
    else
    {
        checks.Check("macvlan with several containers is blocked by the one-MAC port",
                     m.violations > 0 || m.reachable < m.containers,
                     at(reached(m) + ", " + std::to_string(m.violations) + " violations"));
    }
    checks.Check("macvlan: one secondary MAC per container on the NIC",
                 m.unicastAddrs == m.containers,
                 at(std::to_string(m.unicastAddrs) + " for " + std::to_string(m.containers) +
                    " containers"));
    checks.Check("macvlan: NIC promiscuous exactly when its MACs exceed the filter slots",
                 (m.unicastAddrs > cfg.slots) == m.promiscuous,
                 at(std::to_string(m.unicastAddrs) + " MACs, " + std::to_string(cfg.slots) +
                    " slots, promiscuous " + (m.promiscuous ? "yes" : "no")));
    if (floodSweep && lastStep)
    {
        std::ostringstream claim;
        claim << "macvlan (promiscuous) loses downstream datagrams to the " << cfg.floodMbps
              << " Mb/s flood";
        checks.Check(claim.str(), m.udpReceived < m.udpSent, at(datagrams(m)));
    }
    const HostResult& f = r[KIND_FORWARDING];
    checks.Check("forwarding: the host's stack routes every ping and reply (a second stack "
                 "pass)",
                 f.answered > 0 && f.forwarded >= 2 * static_cast<int64_t>(f.answered),
                 at(std::to_string(f.forwarded) + " forwarded for " + std::to_string(f.answered) +
                    " answered pings"));
}

/// Write a gnuplot script (two panels) for one of the sweeps
void
WritePlot(const std::string& plt,
          const std::string& png,
          const std::string& dat,
          const std::string& title,
          const std::string& xlabel,
          const std::string& left,
          const std::string& right,
          bool logX)
{
    std::ofstream g(plt);
    NS_ABORT_MSG_IF(!g, "cannot write " << plt);
    const char* names[KIND_COUNT] = {"ipvlan l2", "ipvlan l3", "macvlan", "forwarding (veth-like)"};
    const char* styles[KIND_COUNT] = {"lw 2", "lw 2 dt 2", "lw 2", "lw 2 dt 3"};
    g << "# gnuplot " << plt << "\n"
      << "set terminal pngcairo size 1200,500 font 'Sans,10'\n"
      << "set output '" << png << "'\n"
      << "set multiplot layout 1,2 title '" << title << "'\n"
      << (logX ? "set logscale x 2\nset xrange [0.8:40]\n" : "") << "set xlabel '" << xlabel
      << "'\n"
      << "set key top left\n"
      << "set grid\n";
    for (int panel = 0; panel < 2; ++panel)
    {
        g << "set title '" << (panel == 0 ? left : right) << "'\n"
          << "set ylabel '" << (panel == 0 ? left : right) << "'\n";
        for (uint32_t k = 0; k < KIND_COUNT; ++k)
        {
            g << (k == 0 ? "plot '" + dat + "'" : "     ''")
              << " using 1:" << 2 + panel * KIND_COUNT + k << " with linespoints " << styles[k]
              << " title '" << names[k] << "'" << (k + 1 < KIND_COUNT ? ", \\" : "") << "\n";
        }
    }
    g << "unset multiplot\n";
}

/// One sweep: a parameter stepped over values, two quantities per host written and plotted
struct SweepSpec
{
    std::string name;                                     ///< file base name
    std::string header;                                   ///< comment line of the .dat
    std::string xName;                                    ///< first column
    std::vector<double> values;                           ///< parameter values
    std::function<void(ExperimentConfig&, double)> apply; ///< set the parameter
    std::string leftName;                                 ///< column prefix, left panel
    std::function<double(const HostResult&)> left;        ///< left quantity
    std::string rightName;                                ///< column prefix, right panel
    std::function<double(const HostResult&)> right;       ///< right quantity
    std::string title;                                    ///< plot title
    std::string xlabel;                                   ///< x axis
    std::string leftLabel;                                ///< left panel's quantity
    std::string rightLabel;                               ///< right panel's quantity
    bool logX;                                            ///< logarithmic x axis
};

/// Run a sweep, print each table, write OUTDIR/<name>.dat and .plt, check each step
void
RunSweep(ExperimentConfig cfg,
         const SweepSpec& sw,
         const std::string& outDir,
         ExampleChecks& checks,
         bool floodSweep)
{
    std::string dat = outDir + "/" + sw.name + ".dat";
    std::ofstream out(dat);
    NS_ABORT_MSG_IF(!out, "cannot write " << dat);
    out << "# " << sw.header << "\n# " << sw.xName;
    for (const std::string& prefix : {sw.leftName, sw.rightName})
    {
        for (const char* name : KIND_NAMES)
        {
            out << " " << prefix << "_" << name;
        }
    }
    out << "\n";
    for (double v : sw.values)
    {
        sw.apply(cfg, v);
        std::vector<HostResult> r = RunExperiment(cfg);
        PrintTable(r, cfg);
        PrintVerdict(r, cfg);
        std::ostringstream where;
        where << sw.xName << " = " << v;
        CheckVerdict(checks, r, cfg, where.str(), floodSweep, v == sw.values.back());
        out << v;
        for (const auto& h : r)
        {
            out << " " << sw.left(h);
        }
        for (const auto& h : r)
        {
            out << " " << sw.right(h);
        }
        out << "\n";
    }
    WritePlot(outDir + "/" + sw.name + ".plt",
              outDir + "/" + sw.name + ".png",
              dat,
              sw.title,
              sw.xlabel,
              sw.leftLabel,
              sw.rightLabel,
              sw.logX);
    std::cout << "\nwrote " << dat << " and " << outDir << "/" << sw.name << ".plt\n";
}

/// The sweep over N (--sweep): answered pings and inspected frames per host
SweepSpec
ContainerSweep(const ExperimentConfig& cfg)
{
    std::ostringstream header;
    header << "ipvlan-port-security sweep: violation " << cfg.violation << ", " << cfg.slots
           << " NIC filter slots, " << cfg.count << " pings per container";
    std::ostringstream title;
    title << "Containers behind a one-MAC switch port (violation " << cfg.violation << ", "
          << cfg.slots << " NIC filter slots, " << cfg.count << " pings per container)";
    return {"ipvlan-port-security",
            header.str(),
            "N",
            {1, 2, 4, 8, 16, 32},
            [](ExperimentConfig& c, double v) { c.n = static_cast<uint32_t>(v); },
            "answered",
            [](const HostResult& h) { return double(h.answered); },
            "inspected",
            [](const HostResult& h) { return double(h.inspected); },
            title.str(),
            "containers per host (N)",
            "answered pings",
            "frames the NIC handed to the host",
            true};
}

/// The sweep over the flood rate (--flood-sweep): delivered downstream UDP and host time
SweepSpec
FloodSweep(const ExperimentConfig& cfg)
{
    std::ostringstream header;
    header << "ipvlan-port-security --flood-sweep: N " << cfg.n << ", " << cfg.slots
           << " NIC filter slots, port security " << (cfg.portSecurity ? "on" : "off") << ", "
           << cfg.frameCost.GetMicroSeconds() << " us per frame, " << cfg.udpPps
           << " datagrams/s per container";
    std::ostringstream title;
    title << "Unknown-unicast flood vs. host NIC filter (N = " << cfg.n << ", " << cfg.slots
          << " filter slots, " << cfg.frameCost.GetMicroSeconds()
          << " us per frame, no port security)";
    return {"ipvlan-host-load",
            header.str(),
            "flood_Mbps",
            {0, 200, 400, 600, 700, 800},
            [](ExperimentConfig& c, double v) { c.floodMbps = v; },
            "delivered_pct",
            [](const HostResult& h) { return h.udpSent ? 100.0 * h.udpReceived / h.udpSent : 0.0; },
            "busy_ms",
            [](const HostResult& h) { return h.busyMs; },
            title.str(),
            "background flood (Mb/s of 1000-byte frames to an unknown MAC)",
            "downstream UDP delivered (%)",
            "host busy time (ms)",
            false};
}

} // namespace

int
main(int argc, char* argv[])
{
    ExperimentConfig cfg;
    uint32_t frameCostUs = 0;
    bool sweep = false;
    bool floodSweep = false;
    std::string outDir = ".";
    CommandLine cmd(__FILE__);
    cmd.AddValue("containers", "containers per host (N)", cfg.n);
    cmd.AddValue("slots",
                 "secondary unicast MACs each host NIC filters (UnicastFilterSlots)",
                 cfg.slots);
    cmd.AddValue("count", "pings per container", cfg.count);
    cmd.AddValue("violation",
                 "port-security violation mode: protect, restrict or shutdown",
                 cfg.violation);
    cmd.AddValue("port-security", "port security on the host ports (max 1 MAC)", cfg.portSecurity);
    cmd.AddValue("flood", "unknown-unicast background traffic on the switch, Mb/s", cfg.floodMbps);
    cmd.AddValue("frame-cost",
                 "host time per frame its NIC hands it, microseconds (NicUnicastFilter "
                 "PerFrameCost; 0: none)",
                 frameCostUs);
    cmd.AddValue("udp-pps", "downstream UDP datagrams per second per container", cfg.udpPps);
    cmd.AddValue("sweep", "run N = 1, 2, 4, 8, 16, 32 and write the .dat and .plt", sweep);
    cmd.AddValue("flood-sweep",
                 "port security off, N = 32, 10 us per frame, 500 datagrams/s per container: "
                 "sweep the flood from 0 to 800 Mb/s and write ipvlan-host-load.dat/.plt",
                 floodSweep);
    cmd.AddValue("outdir", "where the sweeps write their files", outDir);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(
        cfg.violation != "protect" && cfg.violation != "restrict" && cfg.violation != "shutdown",
        "--violation=" << cfg.violation << " is unknown; allowed: protect, restrict, shutdown");
    NS_ABORT_MSG_IF(cfg.n < 1 || cfg.n > 250,
                    "--containers=" << cfg.n << " is out of range; allowed: 1 to 250");
    NS_ABORT_MSG_IF(cfg.count < 1, "--count=" << cfg.count << " must be at least 1");
    NS_ABORT_MSG_IF(cfg.floodMbps < 0 || cfg.floodMbps > 1000,
                    "--flood=" << cfg.floodMbps
                               << " is out of range; allowed: 0 to 1000 (Mb/s, "
                                  "the switch links are 1 Gb/s)");
    NS_ABORT_MSG_IF(cfg.udpPps > 100000,
                    "--udp-pps=" << cfg.udpPps << " is out of range; allowed: 0 to 100000");
    cfg.frameCost = MicroSeconds(frameCostUs);
    ExampleChecks checks;

    if (floodSweep)
    {
        cfg.portSecurity = false;
        cfg.n = 32;
        cfg.count = 1;
        cfg.frameCost = frameCostUs ? MicroSeconds(frameCostUs) : MicroSeconds(10);
        cfg.udpPps = cfg.udpPps ? cfg.udpPps : 500;
        RunSweep(cfg, FloodSweep(cfg), outDir, checks, true);
    }
    else if (sweep)
    {
        RunSweep(cfg, ContainerSweep(cfg), outDir, checks, false);
    }
    else
    {
        std::vector<HostResult> r = RunExperiment(cfg);
        PrintTable(r, cfg);
        PrintVerdict(r, cfg);
        CheckVerdict(checks, r, cfg, "", false, false);
    }
    return checks.Report();
}
