#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""Why ipvlan exists (kernel ipvlan.rst section 6): switches that admit one MAC per port and
NICs whose unicast filter overflows into promiscuous mode. The Python twin of
ipvlan-port-security.cc (same network, options, tables and .dat/.plt files).

Four hosts, each running N containers a different way, hang off one switch whose host ports
allow one MAC address (port security, violation mode --violation); the router's port is
unrestricted.

  host "ipvlan-l2"   ipvlan l2 bridge, host interface on the master (one MAC on the wire)
  host "ipvlan-l3"   ipvlan l3; the router has host routes to the containers via the host
  host "macvlan"     macvlan bridge: one MAC per container on the wire
  host "forwarding"  the veth alternative: every container on its own link (a /30) to the
                     host, which routes between it and the wire (one MAC on the wire)

  containers -- host1..host4 (eth0, NIC unicast filter of --slots entries) --+
                                                                           switch -- router

Every container pings the router (--count pings, 0.2 s apart, starts staggered). One row per
host: reachability, pings, violations and state of its switch port, whether its NIC went
promiscuous, and the frames its NIC handed to the host.

Usage: ipvlan-port-security.py [--containers=4] [--slots=16] [--count=5]
                               [--violation=protect|restrict|shutdown] [--port-security=1]
                               [--flood=0] [--frame-cost=0] [--udp-pps=0]
                               [--sweep | --flood-sweep] [--outdir=.]
--sweep runs N = 1, 2, 4, 8, 16, 32 and writes OUTDIR/ipvlan-port-security.dat and .plt;
--flood-sweep runs N = 32 without port security at 10 us per frame and floods of 0 to
800 Mb/s, and writes OUTDIR/ipvlan-host-load.dat and .plt. With matplotlib installed the
.png is drawn too. In an ns-3 tree with Python bindings: ./ns3 run ipvlan-port-security.py
"""

import dataclasses
import sys

import ipvlan_py_compat as compat

# The four ways of running containers, one host each
KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_MACVLAN, KIND_FORWARDING = range(4)
KIND_COUNT = 4
KIND_NAMES = ("ipvlan-l2", "ipvlan-l3", "macvlan", "forwarding")

FLOOD_PAYLOAD = 1000  # frame size of the background flood (bytes of payload)

# The loads and probes of one run in C++: receive callbacks, trace sinks, a protocol handler
# and scheduled senders, which cppyy cannot make of Python functions.
PORT_SECURITY_CPP = r"""
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <vector>

namespace ipvlan_py
{

/// The host loads of one run: downstream UDP, the neighbour's flood, forwarded packets
class HostLoad
{
  public:
    /// @param kinds how many hosts (one UDP counter pair each)
    explicit HostLoad(uint32_t kinds)
        : m_udpSent(kinds, 0),
          m_udpReceived(kinds, 0)
    {
    }

    /// Count the packets a host's stack routes (Ipv4L3Protocol UnicastForward trace)
    void CountForwards(ns3::Ptr<ns3::Node> host)
    {
        host->GetObject<ns3::Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "UnicastForward",
            ns3::MakeBoundCallback(&HostLoad::CountForward, &m_forwarded));
    }

    /**
     * The forwarding host's NICs are ordinary devices under an IP stack; this promiscuous
     * handler offers every frame on the device's segment to its NIC model first, as the
     * ipvlan and macvlan ports do, so that framesInspected counts the same thing.
     */
    static void AccountNicFrames(ns3::Ptr<ns3::NetDevice> device)
    {
        device->GetNode()->RegisterProtocolHandler(ns3::MakeCallback(&HostLoad::AccountNicFrame),
                                                   0,
                                                   device,
                                                   true);
    }

    /// The router's UDP socket
    ns3::Ptr<ns3::Socket> OpenSender(ns3::Ptr<ns3::Node> router)
    {
        ns3::Ptr<ns3::Socket> tx = ns3::Socket::CreateSocket(router, UdpFactory());
        tx->Bind();
        m_sockets.push_back(tx);
        return tx;
    }

    /**
     * A container's socket on port 9, and the router sending it pps datagrams a second from
     * loadStart + slot/slots of a gap until until.
     */
    void StartFlow(ns3::Ptr<ns3::Socket> tx,
                   ns3::Ptr<ns3::Node> container,
                   ns3::Ipv4Address dst,
                   uint32_t kind,
                   ns3::Time loadStart,
                   uint32_t pps,
                   uint32_t slot,
                   uint32_t slots,
                   ns3::Time until)
    {
        ns3::Ptr<ns3::Socket> rx = ns3::Socket::CreateSocket(container, UdpFactory());
        rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9));
        rx->SetRecvCallback(ns3::MakeBoundCallback(&HostLoad::ReceiveUdp, &m_udpReceived[kind]));
        m_sockets.push_back(rx);
        ns3::Time gap = ns3::Seconds(1.0 / pps);
        ns3::Time at = loadStart + gap * slot / slots;
        ns3::Simulator::Schedule(at,
                                 &HostLoad::SendUdp,
                                 tx,
                                 ns3::Address(ns3::InetSocketAddress(dst, 9)),
                                 gap,
                                 until,
                                 &m_udpSent[kind]);
    }

    /// Flood frames to a MAC nobody owns (the switch floods them to every port)
    static void StartFlood(ns3::Ptr<ns3::NetDevice> device,
                           ns3::Time at,
                           ns3::Time gap,
                           ns3::Time until)
    {
        ns3::Simulator::Schedule(at, &HostLoad::SendFloodFrame, device, gap, until);
    }

    /// @return packets the forwarding host's stack routed
    uint64_t GetForwarded() const
    {
        return m_forwarded;
    }

    /// @return datagrams the router sent to the containers of host kind
    uint64_t GetUdpSent(uint32_t kind) const
    {
        return m_udpSent.at(kind);
    }

    /// @return datagrams the containers of host kind received
    uint64_t GetUdpReceived(uint32_t kind) const
    {
        return m_udpReceived.at(kind);
    }

    /// @return the time a device's NIC kept its host busy, ms (0 without a NIC model)
    static double NicBusyMs(ns3::Ptr<ns3::NetDevice> device)
    {
        ns3::Ptr<ns3::NicUnicastFilter> nic = ns3::NicUnicastFilter::Find(device);
        return nic ? nic->GetBusyTime().GetSeconds() * 1000.0 : 0.0;
    }

    /// @return frames a device's NIC dropped because its host was busy (0 without a model)
    static uint64_t NicBacklogDrops(ns3::Ptr<ns3::NetDevice> device)
    {
        ns3::Ptr<ns3::NicUnicastFilter> nic = ns3::NicUnicastFilter::Find(device);
        return nic ? nic->GetCounters().framesBacklogDropped : 0;
    }

    /// Close every socket opened here
    void CloseSockets()
    {
        for (auto& s : m_sockets)
        {
            s->Close();
        }
    }

  private:
    static ns3::TypeId UdpFactory()
    {
        return ns3::TypeId::LookupByName("ns3::UdpSocketFactory");
    }

    static void SendFloodFrame(ns3::Ptr<ns3::NetDevice> device, ns3::Time gap, ns3::Time until)
    {
        if (ns3::Simulator::Now() >= until)
        {
            return;
        }
        device->Send(ns3::Create<ns3::Packet>(1000),
                     ns3::Mac48Address("02:ee:ee:ee:ee:ee"),
                     0x88B5);
        ns3::Simulator::Schedule(gap, &HostLoad::SendFloodFrame, device, gap, until);
    }

    static void SendUdp(ns3::Ptr<ns3::Socket> socket,
                        ns3::Address to,
                        ns3::Time gap,
                        ns3::Time until,
                        uint64_t* sent)
    {
        if (ns3::Simulator::Now() >= until)
        {
            return;
        }
        socket->SendTo(ns3::Create<ns3::Packet>(200), 0, to);
        ++*sent;
        ns3::Simulator::Schedule(gap, &HostLoad::SendUdp, socket, to, gap, until, sent);
    }

    static void ReceiveUdp(uint64_t* received, ns3::Ptr<ns3::Socket> socket)
    {
        while (socket->Recv())
        {
            ++*received;
        }
    }

    static void CountForward(uint64_t* counter,
                             const ns3::Ipv4Header& header,
                             ns3::Ptr<const ns3::Packet> packet,
                             uint32_t iif)
    {
        ++*counter;
    }

    static void AccountNicFrame(ns3::Ptr<ns3::NetDevice> device,
                                ns3::Ptr<const ns3::Packet> packet,
                                uint16_t protocol,
                                const ns3::Address& from,
                                const ns3::Address& to,
                                ns3::NetDevice::PacketType type)
    {
        ns3::NicUnicastFilter::AccountFrame(device, ns3::Mac48Address::ConvertFrom(to));
    }

    uint64_t m_forwarded{0};                    ///< packets routed by the forwarding host
    std::vector<uint64_t> m_udpSent;            ///< per host kind (sized once: sinks point in)
    std::vector<uint64_t> m_udpReceived;        ///< per host kind
    std::vector<ns3::Ptr<ns3::Socket>> m_sockets; ///< every socket, closed at the end
};

} // namespace ipvlan_py
"""


@dataclasses.dataclass
class HostResult:
    """What one host's row reports"""

    mode: str = ""  # how its containers are attached
    containers: int = 0  # containers on it
    reachable: int = 0  # containers with at least one reply
    sent: int = 0  # echo requests sent by its containers
    answered: int = 0  # echo replies received by its containers
    violations: int = 0  # port-security violations on its switch port
    port_state: str = ""  # "up" or "err-disabled"
    promiscuous: bool = False  # its NIC ended up promiscuous
    inspected: int = 0  # frames the NIC handed to the host
    forwarded: int = -1  # packets its stack forwarded (forwarding host), else -1
    stack_passes: int = 1  # IP stack passes per container packet
    unicast_addrs: int = 0  # secondary unicast MACs the host asked its NIC for
    udp_sent: int = 0  # downstream UDP datagrams the router sent its containers
    udp_received: int = 0  # of which its containers received
    busy_ms: float = 0.0  # host time spent on frames its NICs handed it (PerFrameCost)
    backlog_drops: int = 0  # frames dropped because the host's backlog was full


@dataclasses.dataclass
class ExperimentConfig:
    """One run of the experiment"""

    n: int = 4  # containers per host
    slots: int = 16  # NIC unicast filter slots
    count: int = 5  # pings per container
    violation: str = "shutdown"  # port-security violation mode
    port_security: bool = True  # port security on the host ports
    flood_mbps: float = 0.0  # unknown-unicast background traffic on the switch
    frame_cost_us: int = 0  # host time per frame its NIC hands it, us (0: none)
    udp_pps: int = 0  # downstream UDP per container (router -> container)


COUT = compat.CoutDoubles()  # std::cout's sticky std::fixed, as the C++ twin leaves it


def run_experiment(ns, kit, cfg):
    """Build the whole network for N containers per host, run it, and return one result per
    host. Each call is a fresh simulation (Simulator::Destroy at its end)."""
    steps = compat.time_steps
    n = cfg.n
    ns.Ipv4AddressGenerator.Reset()  # addresses of the previous run are gone with its nodes

    router = compat.create_object(ns, "Node")
    sw_node = compat.create_object(ns, "Node")
    hosts = ns.NodeContainer()
    hosts.Create(KIND_COUNT)
    containers = []
    for _ in range(KIND_COUNT):
        c = ns.NodeContainer()
        c.Create(n)
        containers.append(c)

    # one CSMA link per switch port: port 0 the router, port 1 + k host k
    csma = ns.CsmaHelper()
    csma.SetChannelAttribute("DataRate", ns.StringValue("1Gbps"))
    csma.SetChannelAttribute("Delay", ns.TimeValue(ns.MicroSeconds(1)))
    sw_ports = ns.NetDeviceContainer()
    # the router's link is faster, so that it carries every host's traffic and the flood
    # (CSMA links are half duplex) without becoming the bottleneck
    uplink = ns.CsmaHelper()
    uplink.SetChannelAttribute("DataRate", ns.StringValue("10Gbps"))
    uplink.SetChannelAttribute("Delay", ns.TimeValue(ns.MicroSeconds(1)))
    router_link = uplink.Install(compat.nodes(ns, router, sw_node))
    sw_ports.Add(router_link.Get(1))
    eth0 = []
    for k in range(KIND_COUNT):
        link = csma.Install(compat.nodes(ns, hosts.Get(k), sw_node))
        eth0.append(link.Get(0))
        sw_ports.Add(link.Get(1))

    # a noisy neighbour on its own port: unknown-unicast frames, flooded to every port
    noise = compat.create_object(ns, "Node")
    noise_link = csma.Install(compat.nodes(ns, noise, sw_node))
    sw_ports.Add(noise_link.Get(1))

    sw_helper = ns.EthernetSwitchHelper()
    sw_helper.SetDeviceAttribute("PortSecurityEnabled", ns.BooleanValue(cfg.port_security))
    sw_helper.SetDeviceAttribute("MaxMacAddresses", ns.UintegerValue(1))
    sw_helper.SetDeviceAttribute("ViolationMode", ns.StringValue(cfg.violation))
    sw = sw_helper.Install(sw_node, sw_ports)
    open_port = ns.PortSecurityConfig()  # the router's and the neighbour's ports
    open_port.enabled = False
    sw.SetPortSecurity(0, open_port)
    sw.SetPortSecurity(sw_ports.GetN() - 1, open_port)

    # every host's NIC filters --slots secondary unicast addresses, then goes promiscuous;
    # with --frame-cost the host spends that long on each frame the NIC hands it
    def nic_for(device):
        nic = ns.NicUnicastFilter.GetOrCreate(device)
        nic.SetUnicastFilterSlots(cfg.slots)
        nic.SetAttribute("PerFrameCost", ns.TimeValue(ns.MicroSeconds(cfg.frame_cost_us)))

    for k in range(KIND_COUNT):
        nic_for(eth0[k])

    stack = ns.InternetStackHelper()
    stack.Install(router)
    stack.Install(hosts)
    for c in containers:
        stack.Install(c)

    # the LAN is 10.0.0.0/16: router 10.0.0.1, host k 10.0.(k+1).1, its containers
    # 10.0.(k+1).(10+i)
    routing = ns.Ipv4StaticRoutingHelper()
    router_routing = routing.GetStaticRouting(compat.get_object(ns, router, "Ipv4"))
    lan_net = ns.Ipv4Address("10.0.0.0")
    lan_mask = ns.Ipv4Mask("255.255.0.0")
    lan = ns.Ipv4AddressHelper(lan_net, lan_mask, ns.Ipv4Address("0.0.0.1"))
    router_addr = lan.Assign(compat.devices(ns, router_link.Get(0))).GetAddress(0)
    container_ifs = [ns.Ipv4InterfaceContainer() for _ in range(KIND_COUNT)]
    load = kit.HostLoad(KIND_COUNT)
    fwd_links = []  # the forwarding host's container-side links

    def default_route(node, via, interface):
        ipv4 = compat.get_object(ns, node, "Ipv4")
        routing.GetStaticRouting(ipv4).SetDefaultRoute(via, interface)

    for k in range(KIND_COUNT):
        # Ipv4AddressHelper takes the host part as its base: 0.0.(k+1).1 and 0.0.(k+1).10
        host_base = ns.Ipv4Address("0.0.%d.1" % (k + 1))
        slave_base = ns.Ipv4Address("0.0.%d.10" % (k + 1))
        if k in (KIND_IPVLAN_L2, KIND_IPVLAN_L3):
            ipvlan = ns.IpvlanHelper()
            ipvlan.SetMode("l2" if k == KIND_IPVLAN_L2 else "l3")
            slaves = ipvlan.Install(eth0[k], containers[k])
            host_if = ipvlan.InstallHost(eth0[k])
            lan.SetBase(lan_net, lan_mask, host_base)
            host_addr = lan.Assign(host_if).GetAddress(0)
            lan.SetBase(lan_net, lan_mask, slave_base)
            container_ifs[k] = lan.Assign(slaves)
            for i in range(n):
                default_route(containers[k].Get(i), router_addr, container_ifs[k].Get(i).second)
                if k == KIND_IPVLAN_L3:
                    # an l3 slave answers no ARP: the router reaches it through the host
                    router_routing.AddHostRouteTo(container_ifs[k].GetAddress(i), host_addr, 1)
        elif k == KIND_MACVLAN:
            macvlan = ns.MacvlanHelper()
            macvlan.SetMode("bridge")
            slaves = macvlan.Install(eth0[k], containers[k])
            lan.SetBase(lan_net, lan_mask, slave_base)
            container_ifs[k] = lan.Assign(slaves)
            for i in range(n):
                default_route(containers[k].Get(i), router_addr, container_ifs[k].Get(i).second)
        else:
            # the veth alternative: the host keeps eth0 with its own IP and routes
            host = hosts.Get(k)
            lan.SetBase(lan_net, lan_mask, host_base)
            host_addr = lan.Assign(compat.devices(ns, eth0[k])).GetAddress(0)
            kit.HostLoad.AccountNicFrames(eth0[k])
            load.CountForwards(host)
            # container i: 10.1.(i/64).(4*(i%64))/30, host .1, container .2
            p2p = ns.Ipv4AddressHelper()
            p2p_mask = ns.Ipv4Mask("255.255.255.252")
            for i in range(n):
                net = ns.Ipv4Address("10.1.%d.%d" % (i // 64, 4 * (i % 64)))
                p2p.SetBase(net, p2p_mask)
                link = csma.Install(compat.nodes(ns, host, containers[k].Get(i)))
                # Each packet crosses a second stack on the host's CPU: upstream the host's
                # (received on this link), downstream the container's (its veth end).
                for end in range(2):
                    nic_for(link.Get(end))
                    kit.HostLoad.AccountNicFrames(link.Get(end))
                    fwd_links.append(link.Get(end))
                ifs = p2p.Assign(link)
                container_end = ifs.Get(1)
                container_ifs[k].Add(container_end.first, container_end.second)
                default_route(containers[k].Get(i), ifs.GetAddress(0), ifs.Get(1).second)
                router_routing.AddNetworkRouteTo(net, p2p_mask, host_addr, 1)
            # ns-3 nodes forward by default (IpForward true on every interface)

    # every container pings the router; starts 5 ms apart across all hosts. Times are
    # summed as integer time steps, exactly as C++'s Time arithmetic does.
    records = [ns.PingSeries() for _ in range(KIND_COUNT * n)]  # the pingers point in
    pingers = []
    interval = ns.Seconds(0.2)
    last = 0
    for i in range(n):
        for k in range(KIND_COUNT):
            s = k * n + i
            records[s].fromAddr = container_ifs[k].GetAddress(i)
            records[s].toAddr = router_addr
            p = kit.MakePinger(containers[k].Get(i), records[s], 1000 + s)
            last = steps(ns.Seconds(1.0)) + steps(ns.MilliSeconds(5 * (i * KIND_COUNT + k)))
            p.Start(ns.TimeStep(last), cfg.count, interval)
            pingers.append(p)
    end = last + steps(interval) * cfg.count + steps(ns.Seconds(1.0))

    # downstream UDP: the router sends every container --udp-pps datagrams a second,
    # while the neighbour floods --flood Mbps of unknown unicast
    load_time = steps(ns.Seconds(1.0))
    load_start = end
    if cfg.udp_pps > 0:
        tx = load.OpenSender(router)
        for k in range(KIND_COUNT):
            for i in range(n):
                load.StartFlow(
                    tx,
                    containers[k].Get(i),
                    container_ifs[k].GetAddress(i),
                    k,
                    ns.TimeStep(load_start),
                    cfg.udp_pps,
                    k * n + i,
                    KIND_COUNT * n,
                    ns.TimeStep(load_start + load_time),
                )
        end = load_start + load_time + steps(ns.Seconds(0.5))
    if cfg.flood_mbps > 0:
        gap = ns.Seconds((FLOOD_PAYLOAD + 18) * 8 / (cfg.flood_mbps * 1e6))
        kit.HostLoad.StartFlood(
            noise_link.Get(0), ns.TimeStep(load_start), gap, ns.TimeStep(load_start + load_time)
        )
        end = max(end, load_start + load_time + steps(ns.Seconds(0.5)))
    ns.Simulator.Stop(ns.TimeStep(end))
    ns.Simulator.Run()

    results = []
    for k in range(KIND_COUNT):
        r = HostResult(mode=KIND_NAMES[k], containers=n)
        for i in range(n):
            record = records[k * n + i]
            replies = int(record.rttMs.size())
            r.sent += int(record.sent)
            r.answered += replies
            r.reachable += 1 if replies else 0
        st = sw.GetPortStatus(1 + k)
        r.violations = int(st.violations)
        r.port_state = str(kit.PortStateText(st))
        nic = kit.FindNic(eth0[k])
        r.promiscuous = bool(nic.IsPromiscuous())
        r.inspected = int(nic.GetCounters().framesInspected)
        r.unicast_addrs = int(nic.GetUnicastCount())
        # Per-packet stack passes: an ipvlan or macvlan container's packet crosses one IP
        # stack (the container's; the master only demultiplexes or, in l3, routes it on the
        # way out). With forwarding, every packet crosses the container's stack and then the
        # host's stack a second time to be routed between the container's link and eth0.
        r.stack_passes = 2 if k == KIND_FORWARDING else 1
        r.forwarded = int(load.GetForwarded()) if k == KIND_FORWARDING else -1
        r.udp_sent = int(load.GetUdpSent(k))
        r.udp_received = int(load.GetUdpReceived(k))
        add_nic_load(kit, r, eth0[k])
        if k == KIND_FORWARDING:
            for d in fwd_links:
                add_nic_load(kit, r, d)
        results.append(r)
    load.CloseSockets()
    for p in pingers:
        p.Close()
    ns.Simulator.Destroy()
    return results


def add_nic_load(kit, r, device):
    """Sum what a host's NICs report about its per-frame work"""
    r.busy_ms += kit.HostLoad.NicBusyMs(device)
    r.backlog_drops += int(kit.HostLoad.NicBacklogDrops(device))


def print_table(results, cfg):
    """Print the table for one run"""
    line = "\nN = %d containers per host; host switch ports: %s; NIC unicast filter: %d slots" % (
        results[0].containers,
        ("max 1 MAC, violation " + cfg.violation) if cfg.port_security else "no port security",
        cfg.slots,
    )
    if cfg.frame_cost_us > 0:
        line += "; host cost %d us/frame" % cfg.frame_cost_us
    if cfg.flood_mbps > 0:
        line += "; flood %s Mb/s" % COUT.text(cfg.flood_mbps)
    print(line)
    header = "%-12s%6s%7s%7s%7s%6s%14s%9s%9s%11s%11s%8s" % (
        "mode", "N", "reach", "sent", "answ", "viol", "port", "uc-macs", "promisc",
        "inspected", "forwarded", "passes",
    )
    if cfg.udp_pps > 0:
        header += "%9s%9s" % ("udp-tx", "udp-rx")
    if cfg.frame_cost_us > 0:
        header += "%9s%9s" % ("busy-ms", "backlog")
    print(header)
    for r in results:
        row = "%-12s%6d%7d%7d%7d%6d%14s%9d%9s%11d%11s%8d" % (
            r.mode, r.containers, r.reachable, r.sent, r.answered, r.violations, r.port_state,
            r.unicast_addrs, "yes" if r.promiscuous else "no", r.inspected,
            "-" if r.forwarded < 0 else str(r.forwarded), r.stack_passes,
        )
        if cfg.udp_pps > 0:
            row += "%9d%9d" % (r.udp_sent, r.udp_received)
        if cfg.frame_cost_us > 0:
            COUT.fixed(1)
            row += "%9s%9d" % (COUT.text(r.busy_ms), r.backlog_drops)
        print(row)
    print(
        "  reach: containers with at least one reply; uc-macs: secondary unicast MACs the "
        "host asked its NIC to filter;\n  inspected: frames the NIC handed to the host; "
        "forwarded: packets the host's stack routed; passes: IP stack passes per packet"
    )
    if cfg.udp_pps > 0 or cfg.frame_cost_us > 0:
        print(
            "  udp-tx/rx: downstream datagrams router -> containers; busy-ms: host time on "
            "frames its NICs handed it;\n  backlog: frames dropped because the host was busy "
            "(MaxBacklog frames waiting)"
        )


def print_verdict(r, cfg):
    """Check the expected outcome and say honestly what happened"""
    print("  verdict:")
    for k in (KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_FORWARDING):
        ok = r[k].reachable == r[k].containers and r[k].violations == 0 and r[k].port_state == "up"
        line = "    %-11s%s" % (
            r[k].mode,
            "works: every container reached the router, one MAC on the port" if ok
            else "UNEXPECTED: not every container reached the router or the port saw a "
            "violation",
        )
        if r[k].udp_sent > 0:
            line += "; %d/%d datagrams" % (r[k].udp_received, r[k].udp_sent)
        print(line)
    m = r[KIND_MACVLAN]
    line = "    %-11s" % "macvlan"
    if not cfg.port_security:
        line += "no port security: %d/%d containers reached the router" % (
            m.reachable, m.containers,
        )
        if m.udp_sent > 0:
            line += ", %d/%d datagrams (%d frames lost to the busy host)" % (
                m.udp_received, m.udp_sent, m.backlog_drops,
            )
    elif m.containers == 1:
        line += "one container is one MAC: the port allows it (%s the router)" % (
            "reached" if m.reachable == 1 else "UNEXPECTEDLY did not reach"
        )
    else:
        blocked = m.violations > 0 or m.reachable < m.containers
        line += "%s%d/%d containers reached the router, %d/%d pings answered, port %s " \
                "(%d violations, mode %s)" % (
                    "blocked: " if blocked else "UNEXPECTED, not blocked: ", m.reachable,
                    m.containers, m.answered, m.sent, m.port_state, m.violations, cfg.violation,
                )
        if 0 < m.reachable < m.containers:
            line += "; the first MAC the port learnt is the one it admits"
    line += "; NIC %s with %d MACs for %d filter slots%s" % (
        "promiscuous" if m.promiscuous else "not promiscuous", m.unicast_addrs, cfg.slots,
        " (UNEXPECTED)" if (m.unicast_addrs > cfg.slots) != m.promiscuous else "",
    )
    print(line)


def check_verdict(checks, r, cfg, where, flood_sweep, last_step):
    """The verdict's claims, checked on one run's results; where: the sweep step ("N = 8"),
    or "" for a single run"""

    def at(seen):
        return "%s: %s" % (where, seen) if where else seen

    def reached(h):
        return "%d/%d reached" % (h.reachable, h.containers)

    def datagrams(h):
        return "%d/%d datagrams" % (h.udp_received, h.udp_sent)

    for k in (KIND_IPVLAN_L2, KIND_IPVLAN_L3, KIND_FORWARDING):
        h = r[k]
        checks.check(
            "%s passes the one-MAC port: every container reaches the router" % h.mode
            if cfg.port_security else "%s: every container reaches the router" % h.mode,
            h.reachable == h.containers and h.violations == 0 and h.port_state == "up",
            at("%s, %d violations, port %s" % (reached(h), h.violations, h.port_state)))
        checks.check("%s: one MAC (no secondary MAC on the NIC, not promiscuous)" % h.mode,
                     h.unicast_addrs == 0 and not h.promiscuous,
                     at("%d secondary MACs, promiscuous %s"
                        % (h.unicast_addrs, "yes" if h.promiscuous else "no")))
        if flood_sweep and k != KIND_FORWARDING:
            checks.check("%s: every downstream datagram delivered despite the flood" % h.mode,
                         h.udp_sent > 0 and h.udp_received == h.udp_sent, at(datagrams(h)))
    m = r[KIND_MACVLAN]
    if not cfg.port_security:
        checks.check("macvlan without port security: every container reaches the router",
                     m.reachable == m.containers, at(reached(m)))
    elif m.containers == 1:
        checks.check("macvlan with one container passes the one-MAC port",
                     m.reachable == 1 and m.violations == 0,
                     at("%s, %d violations" % (reached(m), m.violations)))
    else:
        checks.check("macvlan with several containers is blocked by the one-MAC port",
                     m.violations > 0 or m.reachable < m.containers,
                     at("%s, %d violations" % (reached(m), m.violations)))
    checks.check("macvlan: one secondary MAC per container on the NIC",
                 m.unicast_addrs == m.containers,
                 at("%d for %d containers" % (m.unicast_addrs, m.containers)))
    checks.check("macvlan: NIC promiscuous exactly when its MACs exceed the filter slots",
                 (m.unicast_addrs > cfg.slots) == m.promiscuous,
                 at("%d MACs, %d slots, promiscuous %s"
                    % (m.unicast_addrs, cfg.slots, "yes" if m.promiscuous else "no")))
    if flood_sweep and last_step:
        checks.check("macvlan (promiscuous) loses downstream datagrams to the %s Mb/s flood"
                     % compat.cxx_double(cfg.flood_mbps), m.udp_received < m.udp_sent,
                     at(datagrams(m)))
    f = r[KIND_FORWARDING]
    checks.check("forwarding: the host's stack routes every ping and reply (a second stack "
                 "pass)", f.answered > 0 and f.forwarded >= 2 * f.answered,
                 at("%d forwarded for %d answered pings" % (f.forwarded, f.answered)))


def sweep_where(sw, value):
    """The step of a sweep as the checks name it ("N = 8")"""
    return "%s = %s" % (sw.x_name, compat.cxx_double(value))


PLOT_NAMES = ("ipvlan l2", "ipvlan l3", "macvlan", "forwarding (veth-like)")
PLOT_STYLES = ("lw 2", "lw 2 dt 2", "lw 2", "lw 2 dt 3")


def plt_text(plt, png, dat, title, xlabel, left, right, log_x):
    """The gnuplot script (two panels) for one of the sweeps, as the C++ twin writes it"""
    text = (
        "# gnuplot %s\n"
        "set terminal pngcairo size 1200,500 font 'Sans,10'\n"
        "set output '%s'\n"
        "set multiplot layout 1,2 title '%s'\n"
        "%sset xlabel '%s'\n"
        "set key top left\n"
        "set grid\n"
        % (plt, png, title, "set logscale x 2\nset xrange [0.8:40]\n" if log_x else "", xlabel)
    )
    for panel, label in enumerate((left, right)):
        text += "set title '%s'\nset ylabel '%s'\n" % (label, label)
        for k in range(KIND_COUNT):
            text += "%s using 1:%d with linespoints %s title '%s'%s\n" % (
                "plot '%s'" % dat if k == 0 else "     ''",
                2 + panel * KIND_COUNT + k,
                PLOT_STYLES[k],
                PLOT_NAMES[k],
                ", \\" if k + 1 < KIND_COUNT else "",
            )
    return text + "unset multiplot\n"


def plot_png(dat, png, title, xlabel, left, right, log_x):
    """Draw the .plt's two panels with matplotlib; False when it is not installed."""
    pyplot = compat.matplotlib_pyplot()
    if pyplot is None:
        return False
    rows = [[float(v) for v in row] for row in compat.read_dat(dat)]
    x = [row[0] for row in rows]
    fig, axes = pyplot.subplots(1, 2, figsize=(12, 5))
    fig.suptitle(title, fontsize=10)
    dashes = ("-", "--", "-", ":")
    for panel, (axis, label) in enumerate(zip(axes, (left, right))):
        for k in range(KIND_COUNT):
            column = 1 + panel * KIND_COUNT + k
            axis.plot(x, [row[column] for row in rows], dashes[k], marker="o", lw=2,
                      label=PLOT_NAMES[k])
        axis.set_title(label, fontsize=9)
        axis.set_ylabel(label)
        axis.set_xlabel(xlabel)
        if log_x:
            axis.set_xscale("log", base=2)
            axis.set_xlim(0.8, 40)
        axis.grid(True)
        axis.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(png)
    pyplot.close(fig)
    return True


@dataclasses.dataclass
class SweepSpec:
    """One sweep: a parameter stepped over values, two quantities per host written and
    plotted"""

    name: str  # file base name
    header: str  # comment line of the .dat
    x_name: str  # first column
    values: tuple  # parameter values
    apply: object  # set the parameter: apply(cfg, value)
    left_name: str  # column prefix, left panel
    left: object  # left quantity of a HostResult
    right_name: str  # column prefix, right panel
    right: object  # right quantity of a HostResult
    title: str  # plot title
    xlabel: str  # x axis
    left_label: str  # left panel's quantity
    right_label: str  # right panel's quantity
    log_x: bool  # logarithmic x axis


def sweep_dat_header(sw):
    """The first lines of a sweep's .dat: its comment, then the column names"""
    text = "# %s\n# %s" % (sw.header, sw.x_name)
    for prefix in (sw.left_name, sw.right_name):
        for name in KIND_NAMES:
            text += " %s_%s" % (prefix, name)
    return text + "\n"


def sweep_dat_row(sw, value, results):
    """One line of a sweep's .dat: the parameter, then the left and right quantity per host"""
    fields = [compat.cxx_double(value)]
    fields += [compat.cxx_double(sw.left(h)) for h in results]
    fields += [compat.cxx_double(sw.right(h)) for h in results]
    return " ".join(fields) + "\n"


def run_sweep(ns, kit, cfg, sw, outdir, checks, flood_sweep_run):
    """Run a sweep, print each table, write OUTDIR/<name>.dat and .plt, check each step"""
    cfg = dataclasses.replace(cfg)
    dat = "%s/%s.dat" % (outdir, sw.name)
    with open(dat, "w") as out:
        out.write(sweep_dat_header(sw))
        for v in sw.values:
            sw.apply(cfg, v)
            r = run_experiment(ns, kit, cfg)
            print_table(r, cfg)
            print_verdict(r, cfg)
            check_verdict(checks, r, cfg, sweep_where(sw, v), flood_sweep_run,
                          v == sw.values[-1])
            out.write(sweep_dat_row(sw, v, r))
    plt = "%s/%s.plt" % (outdir, sw.name)
    png = "%s/%s.png" % (outdir, sw.name)
    with open(plt, "w") as g:
        g.write(plt_text(plt, png, dat, sw.title, sw.xlabel, sw.left_label, sw.right_label,
                         sw.log_x))
    print("\nwrote %s and %s/%s.plt" % (dat, outdir, sw.name))
    if plot_png(dat, png, sw.title, sw.xlabel, sw.left_label, sw.right_label, sw.log_x):
        print("drew %s (matplotlib)" % png)


def container_sweep(cfg):
    """The sweep over N (--sweep): answered pings and inspected frames per host"""

    def set_n(c, v):
        c.n = int(v)

    return SweepSpec(
        "ipvlan-port-security",
        "ipvlan-port-security sweep: violation %s, %d NIC filter slots, %d pings per container"
        % (cfg.violation, cfg.slots, cfg.count),
        "N",
        (1.0, 2.0, 4.0, 8.0, 16.0, 32.0),
        set_n,
        "answered",
        lambda h: float(h.answered),
        "inspected",
        lambda h: float(h.inspected),
        "Containers behind a one-MAC switch port (violation %s, %d NIC filter slots, %d pings "
        "per container)" % (cfg.violation, cfg.slots, cfg.count),
        "containers per host (N)",
        "answered pings",
        "frames the NIC handed to the host",
        True,
    )


def flood_sweep(cfg):
    """The sweep over the flood rate (--flood-sweep): delivered downstream UDP and host time"""

    def set_flood(c, v):
        c.flood_mbps = v

    return SweepSpec(
        "ipvlan-host-load",
        "ipvlan-port-security --flood-sweep: N %d, %d NIC filter slots, port security %s, "
        "%d us per frame, %d datagrams/s per container"
        % (cfg.n, cfg.slots, "on" if cfg.port_security else "off", cfg.frame_cost_us,
           cfg.udp_pps),
        "flood_Mbps",
        (0.0, 200.0, 400.0, 600.0, 700.0, 800.0),
        set_flood,
        "delivered_pct",
        lambda h: 100.0 * h.udp_received / h.udp_sent if h.udp_sent else 0.0,
        "busy_ms",
        lambda h: h.busy_ms,
        "Unknown-unicast flood vs. host NIC filter (N = %d, %d filter slots, %d us per frame, "
        "no port security)" % (cfg.n, cfg.slots, cfg.frame_cost_us),
        "background flood (Mb/s of 1000-byte frames to an unknown MAC)",
        "downstream UDP delivered (%)",
        "host busy time (ms)",
        False,
    )


def command_line():
    """The options, as ipvlan-port-security.cc declares them"""
    defaults = ExperimentConfig()
    cmd = compat.CommandLine("ipvlan-port-security", __doc__.split("\n\n")[0])
    cmd.add("containers", "containers per host (N)", defaults.n)
    cmd.add("slots", "secondary unicast MACs each host NIC filters (UnicastFilterSlots)",
            defaults.slots)
    cmd.add("count", "pings per container", defaults.count)
    cmd.add("violation", "port-security violation mode: protect, restrict or shutdown",
            defaults.violation)
    cmd.add("port-security", "port security on the host ports (max 1 MAC)",
            defaults.port_security)
    cmd.add("flood", "unknown-unicast background traffic on the switch, Mb/s",
            defaults.flood_mbps)
    cmd.add("frame-cost", "host time per frame its NIC hands it, microseconds "
            "(NicUnicastFilter PerFrameCost; 0: none)", 0)
    cmd.add("udp-pps", "downstream UDP datagrams per second per container", defaults.udp_pps)
    cmd.add("sweep", "run N = 1, 2, 4, 8, 16, 32 and write the .dat and .plt", False)
    cmd.add("flood-sweep", "port security off, N = 32, 10 us per frame, 500 datagrams/s per "
            "container: sweep the flood from 0 to 800 Mb/s and write ipvlan-host-load.dat/.plt",
            False)
    cmd.add("outdir", "where the sweeps write their files", ".")
    return cmd


def make_config(opt):
    """The experiment's configuration and what to run ("single", "sweep" or "flood-sweep")
    from the options; SystemExit with the C++ twin's message on a value out of range."""
    cfg = ExperimentConfig(
        n=opt["containers"], slots=opt["slots"], count=opt["count"],
        violation=opt["violation"], port_security=opt["port-security"],
        flood_mbps=opt["flood"], frame_cost_us=opt["frame-cost"], udp_pps=opt["udp-pps"],
    )
    if cfg.violation not in ("protect", "restrict", "shutdown"):
        raise SystemExit(
            "--violation=%s is unknown; allowed: protect, restrict, shutdown" % cfg.violation
        )
    if cfg.n < 1 or cfg.n > 250:
        raise SystemExit("--containers=%d is out of range; allowed: 1 to 250" % cfg.n)
    if cfg.count < 1:
        raise SystemExit("--count=%d must be at least 1" % cfg.count)
    if cfg.flood_mbps < 0 or cfg.flood_mbps > 1000:
        raise SystemExit(
            "--flood=%s is out of range; allowed: 0 to 1000 (Mb/s, the switch links are 1 Gb/s)"
            % compat.cxx_double(cfg.flood_mbps)
        )
    if cfg.udp_pps > 100000:
        raise SystemExit("--udp-pps=%d is out of range; allowed: 0 to 100000" % cfg.udp_pps)
    if opt["flood-sweep"]:
        cfg.port_security = False
        cfg.n = 32
        cfg.count = 1
        cfg.frame_cost_us = opt["frame-cost"] if opt["frame-cost"] else 10
        cfg.udp_pps = cfg.udp_pps if cfg.udp_pps else 500
        return cfg, "flood-sweep"
    return cfg, "sweep" if opt["sweep"] else "single"


def main(argv):
    opt, rest = command_line().parse_or_exit(argv)
    cfg, what = make_config(opt)
    ns = compat.load_ns()
    kit = compat.cppdef(ns, PORT_SECURITY_CPP)
    compat.parse_ns3(ns, __file__, rest)
    checks = compat.Checks()
    if what == "flood-sweep":
        run_sweep(ns, kit, cfg, flood_sweep(cfg), opt["outdir"], checks, True)
    elif what == "sweep":
        run_sweep(ns, kit, cfg, container_sweep(cfg), opt["outdir"], checks, False)
    else:
        r = run_experiment(ns, kit, cfg)
        print_table(r, cfg)
        print_verdict(r, cfg)
        check_verdict(checks, r, cfg, "", False, False)
    return checks.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
