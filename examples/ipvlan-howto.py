#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""The kernel's IPVLAN HOWTO configuration (Documentation/networking/ipvlan.rst, section 6)
as a simulation, the Python twin of ipvlan-howto.cc (same topology, options, table and
.dat/.plt files):

  +======================================================+
  |  Host: host1                                         |
  |   +------------------+        +------------------+   |
  |   |  NS: ns0  ipvl0  |  ...   |  NS: nsN-1 ipvlN-1|  |
  |   +--------#---------+        +--------#---------+   |
  |            ##############################            |
  |                          # eth0 (master; host .2)    |
  +==========================#===========================+
                             #  100 Mb/s Ethernet (CSMA)
                          router 10.0.0.1

  ip link add link eth0 ipvlN type ipvlan mode l2
  ip -4 addr add 10.0.0.(10+N) dev ipvlN ; ip -4 route add default via 10.0.0.1

Every container pings the router and its neighbour container; the host pings ns0, which
fails, as it does in Linux (the master's transmissions bypass the ipvlan switch). With
--mode=l3 the router cannot resolve the containers unless it routes them via host1
(--router-routes).

Output: a table of pings, OUTDIR/ipvlan-howto.dat, a gnuplot script OUTDIR/ipvlan-howto.plt
(and OUTDIR/ipvlan-howto.png drawn with matplotlib where it is installed), with --pcap
captures.

Run it in an ns-3 tree configured with --enable-python-bindings:
  ./ns3 run "ipvlan-howto.py --mode=l3 --router-routes"
"""

import sys

import ipvlan_py_compat as compat

# The wire sniffer (the router's PromiscSniffer trace) in C++: cppyy cannot hand a Python
# function to TraceConnectWithoutContext, and it sees every frame.
HOWTO_CPP = r"""
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

namespace ipvlan_py
{

/// What the wire showed: IPv4 frames per unordered address pair, the source MACs per sender
class WireLog
{
  public:
    /// Sniff a device's promiscuous trace (the router's)
    void Attach(ns3::Ptr<ns3::NetDevice> device)
    {
        device->TraceConnectWithoutContext("PromiscSniffer",
                                           ns3::MakeCallback(&WireLog::Sniff, this));
    }

    /// IPv4 frames between a and b, either direction
    uint32_t Frames(ns3::Ipv4Address a, ns3::Ipv4Address b) const
    {
        auto it = m_pairs.find(Key(a, b));
        return it == m_pairs.end() ? 0 : it->second.frames;
    }

    /// The MACs source used on the wire in the pair's frames, sorted, comma-separated
    std::string SourceMacs(ns3::Ipv4Address a, ns3::Ipv4Address b, ns3::Ipv4Address source) const
    {
        std::string macs;
        auto it = m_pairs.find(Key(a, b));
        if (it == m_pairs.end())
        {
            return macs;
        }
        auto sender = it->second.sourceMacs.find(source);
        if (sender == it->second.sourceMacs.end())
        {
            return macs;
        }
        for (const auto& mac : sender->second)
        {
            macs += (macs.empty() ? "" : ",") + mac;
        }
        return macs;
    }

  private:
    /// One pair's view
    struct View
    {
        uint32_t frames{0};                                              ///< IPv4 frames
        std::map<ns3::Ipv4Address, std::set<std::string>> sourceMacs; ///< per IPv4 source
    };

    /// The key of an unordered pair
    static std::pair<ns3::Ipv4Address, ns3::Ipv4Address> Key(ns3::Ipv4Address a,
                                                             ns3::Ipv4Address b)
    {
        return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
    }

    /// Record one frame seen on the wire
    void Sniff(ns3::Ptr<const ns3::Packet> frame)
    {
        ns3::Ptr<ns3::Packet> p = frame->Copy();
        ns3::EthernetHeader eth;
        p->RemoveHeader(eth);
        if (eth.GetLengthType() != 0x0800)
        {
            return;
        }
        ns3::Ipv4Header ip;
        p->PeekHeader(ip);
        View& v = m_pairs[Key(ip.GetSource(), ip.GetDestination())];
        v.frames++;
        std::ostringstream mac;
        mac << eth.GetSource();
        v.sourceMacs[ip.GetSource()].insert(mac.str());
    }

    std::map<std::pair<ns3::Ipv4Address, ns3::Ipv4Address>, View> m_pairs; ///< per pair
};

} // namespace ipvlan_py
"""


class Series:
    """One ping series: who pings whom, and the C++ record its Pinger fills in."""

    def __init__(self, ns, frm, frm_addr, to, to_addr):
        self.frm = frm
        self.to = to
        self.frm_addr = frm_addr
        self.to_addr = to_addr
        self.data = ns.PingSeries()  # owned here; the Pinger keeps a pointer to it
        self.data.fromAddr = frm_addr
        self.data.toAddr = to_addr

    def rtts(self):
        """The answered pings' RTTs in ms, in arrival order"""
        return [self.data.rttMs[k].second for k in range(int(self.data.rttMs.size()))]


def table_header():
    return "%-8s%-8s%6s%6s%7s%10s%10s  %-13s%6s  %s" % (
        "from", "to", "sent", "recv", "loss%", "first_ms", "rtt_ms", "path", "wire",
        "source MAC of 'from' on the wire",
    )


def row_stats(sent, rtts, frames):
    """(loss %, first RTT, mean steady RTT, path) of one series, as the C++ twin computes them"""
    # the first ping includes ARP resolution; the rest are steady state
    first = rtts[0] if rtts else 0.0
    avg = 0.0
    for rtt in rtts[1:]:
        avg += rtt
    avg = avg / (len(rtts) - 1) if len(rtts) > 1 else first
    loss = 100.0 * (sent - len(rtts)) / sent if sent else 0.0
    path = "unreachable"
    if rtts:
        path = "ipvlan-local" if frames == 0 else "wire"
    return loss, first, avg, path


def table_row(frm, to, sent, received, loss, first, avg, path, frames, macs):
    """One line of the table, as the C++ twin prints it"""
    return "%-8s%-8s%6d%6d%7.1f%10.3f%10.3f  %-13s%6d  %s" % (
        frm, to, sent, received, loss, first, avg, path, frames, macs if macs else "-",
    )


def intro_line(mac, mode, flags, n_containers, router):
    return "ipvlan HOWTO example: host1 eth0 (MAC %s), mode %s %s, %d containers, router %s\n" % (
        mac, mode, flags, n_containers, router,
    )


def port_line(rx_frames, to_slaves, to_host, local, to_wire, multicast_queued, drops):
    return (
        "\nport: rx frames %d, to slaves %d, to host %d, switched locally %d, slave frames "
        "to wire %d, multicast queued %d, drops %d"
        % (rx_frames, to_slaves, to_host, local, to_wire, multicast_queued, drops)
    )


def closing_notes(mode, router_routes):
    """The lines after the port counters"""
    notes = [
        "host1 -> ns0 fails by design: the master's own frames bypass the ipvlan switch "
        "(kernel ipvlan.rst; doc/kernel-behaviour.rst \u00a72.4)"
    ]
    if mode != "l2" and not router_routes:
        notes.append(
            "in %s the router cannot resolve the containers (their ARP requests are diverted "
            "to NOARP slaves and go unanswered): rerun with --router-routes to route them via "
            "host1" % mode
        )
    return notes


def check_pairs(checks, mode, flags, router_routes, eth0_mac, rows):
    """What the kernel HOWTO says of each pair, checked on the table's rows: (from, to, sent,
    received, wire frames, source MACs of 'from' on the wire or "") each"""
    router_reachable = mode == "l2" or router_routes
    seen_router, seen_mac, seen_pairs = [], [], []
    pairs = False
    host = None
    for frm, to, sent, received, frames, macs in rows:
        seen = "%s -> %s %d/%d" % (frm, to, received, sent)
        if frm == "host1":
            host = (received, seen)
        elif to == "router":
            ok = sent > 0 and received == sent if router_reachable else received == 0
            if not ok:
                seen_router.append(seen)
            if macs != eth0_mac:
                seen_mac.append("%s: %s" % (frm, macs if macs else "no frame"))
        else:
            pairs = True
            if flags == "bridge":
                ok = sent > 0 and received == sent and frames == 0
            else:
                ok = received == 0
            if not ok:
                seen_pairs.append("%s, %d wire frames" % (seen, frames))
    checks.check("every ping from a container to the router is answered" if router_reachable
                 else "in %s without router routes no container's ping to the router is "
                 "answered" % mode, not seen_router, ", ".join(seen_router))
    checks.check("the containers' frames on the wire carry eth0's MAC", not seen_mac,
                 ", ".join(seen_mac))
    if pairs:
        checks.check("every ping between containers is answered inside host1 (no wire frame)"
                     if flags == "bridge" else "%s: no ping between containers is answered"
                     % flags, not seen_pairs, ", ".join(seen_pairs))
    checks.check("host1 -> ns0 is unanswered (the master bypasses the ipvlan switch)",
                 host is not None and host[0] == 0, host[1] if host else "no such row")


def steady_us(rtts):
    """The mean steady-state RTT in microseconds (0 without one)"""
    steady = 0.0
    for rtt in rtts[1:]:
        steady += rtt * 1e3
    return steady / (len(rtts) - 1) if len(rtts) > 1 else 0.0


def dat_line(frm, to, sent, received, frames, steady):
    """One line of ipvlan-howto.dat: pair sent received wire_frames steady_rtt_us"""
    return '"%s->%s" %d %d %d %s' % (frm, to, sent, received, frames, compat.cxx_double(steady))


def plot_title(mode, flags, n_containers, count):
    return "ipvlan %s %s: the kernel HOWTO example (%d containers, %d pings per pair)" % (
        mode, flags, n_containers, count,
    )


def plt_text(outdir, dat, title):
    """The gnuplot script, as the C++ twin writes it"""
    return (
        "set terminal pngcairo size 1000,450 font ',10'\n"
        "set output '%s/ipvlan-howto.png'\n"
        "set multiplot layout 1,2 title '%s'\n"
        "set style data histograms\nset style histogram clustered gap 1\n"
        "set style fill solid 0.8 border -1\nset boxwidth 0.9\nset grid ytics\n"
        "set xtics rotate by -30\nset yrange [0:*]\nset offsets 0, 0, graph 0.15, 0\n"
        "set key top right\n"
        "set title 'pings answered, and IPv4 frames of the pair on the wire'\n"
        "plot '%s' using 3:xtic(1) title 'answered', '' using 4 title 'frames on wire'\n"
        "set title 'steady-state RTT (after ARP)'\nset ylabel 'microseconds'\nunset key\n"
        "plot '%s' using 5:xtic(1) title 'RTT'\n"
        "unset multiplot\n" % (outdir, title, dat, dat)
    )


def plot_png(dat, png, title):
    """Draw the .plt's two panels with matplotlib; False when it is not installed."""
    plt = compat.matplotlib_pyplot()
    if plt is None:
        return False
    rows = compat.read_dat(dat)
    labels = [r[0] for r in rows]
    x = list(range(len(rows)))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5))
    fig.suptitle(title, fontsize=10)
    width = 0.4
    left.bar([i - width / 2 for i in x], [float(r[2]) for r in rows], width, label="answered")
    left.bar([i + width / 2 for i in x], [float(r[3]) for r in rows], width,
             label="frames on wire")
    left.set_title("pings answered, and IPv4 frames of the pair on the wire", fontsize=9)
    left.legend(loc="upper right")
    right.bar(x, [float(r[4]) for r in rows], 0.8)
    right.set_title("steady-state RTT (after ARP)", fontsize=9)
    right.set_ylabel("microseconds")
    for axis in (left, right):
        axis.set_xticks(x)
        axis.set_xticklabels(labels, rotation=-30, ha="left", fontsize=8)
        axis.grid(axis="y")
        axis.set_ylim(bottom=0)
    fig.tight_layout()
    fig.savefig(png)
    plt.close(fig)
    return True


def command_line():
    """The options, as ipvlan-howto.cc declares them"""
    cmd = compat.CommandLine("ipvlan-howto", __doc__.split("\n\n")[0])
    cmd.add("containers", "Number of containers (namespaces) on host1", 2)
    cmd.add("count", "Pings per pair", 5)
    cmd.add("interval", "Seconds between pings", 1.0)
    cmd.add("mode", "ipvlan mode word: l2 or l3 (l3s is not modelled yet)", "l2")
    cmd.add("flags", "ipvlan flag word: bridge, private or vepa", "bridge")
    cmd.add(
        "router-routes",
        "Give the router a route to each container via host1 (needed in l3: an on-link "
        "host cannot ARP an l3 slave)",
        False,
    )
    cmd.add("outdir", "Directory for the .dat/.plt (and .pcap) outputs", ".")
    cmd.add("pcap", "Write pcap captures of eth0 and the slaves", False)
    return cmd


def main(argv):
    cmd = command_line()
    opt, rest = cmd.parse_or_exit(argv)
    n_containers = opt["containers"]
    count = opt["count"]
    interval = opt["interval"]
    outdir = opt["outdir"]
    if n_containers < 1 or n_containers > 240:
        raise SystemExit("--containers=%d is out of range; allowed: 1..240" % n_containers)
    if count < 1:
        raise SystemExit("--count must be at least 1")

    ns = compat.load_ns()
    kit = compat.cppdef(ns, HOWTO_CPP)
    compat.parse_ns3(ns, __file__, rest)

    host = compat.create_object(ns, "Node")
    router = compat.create_object(ns, "Node")
    containers = ns.NodeContainer()
    containers.Create(n_containers)
    by_name = {"host1": host, "router": router}
    kit.NameNode("host1", host)
    kit.NameNode("router", router)
    for i in range(n_containers):
        kit.NameNode("ns%d" % i, containers.Get(i))
        by_name["ns%d" % i] = containers.Get(i)

    csma = ns.CsmaHelper()
    csma.SetChannelAttribute("DataRate", ns.StringValue("100Mbps"))
    csma.SetChannelAttribute("Delay", ns.TimeValue(ns.MicroSeconds(5)))
    wire = csma.Install(compat.nodes(ns, host, router))
    eth0 = wire.Get(0)
    kit.NameDevice("host1/eth0", eth0)

    stack = ns.InternetStackHelper()
    stack.InstallAll()

    # ip link add link eth0 ipvlN type ipvlan mode l2 ; ip link set dev ipvlN netns nsN
    ipvlan = ns.IpvlanHelper()
    ipvlan.SetMode(opt["mode"])
    ipvlan.SetFlags(opt["flags"])
    slaves = ipvlan.Install(eth0, containers)
    host_if = ipvlan.InstallHost(eth0)

    mask = ns.Ipv4Mask("255.255.255.0")
    addr = ns.Ipv4AddressHelper(ns.Ipv4Address("10.0.0.0"), mask)
    router_addr = addr.Assign(compat.devices(ns, wire.Get(1))).GetAddress(0)
    host_addr = addr.Assign(host_if).GetAddress(0)
    addr.SetBase(ns.Ipv4Address("10.0.0.0"), mask, ns.Ipv4Address("0.0.0.10"))
    slave_ifs = addr.Assign(slaves)
    routing = ns.Ipv4StaticRoutingHelper()
    for i in range(n_containers):
        # ip -4 route add default via $ROUTER dev ipvlN
        ipv4 = compat.get_object(ns, containers.Get(i), "Ipv4")
        routing.GetStaticRouting(ipv4).SetDefaultRoute(router_addr, slave_ifs.Get(i).second)

    if opt["router-routes"]:
        r = routing.GetStaticRouting(compat.get_object(ns, router, "Ipv4"))
        for i in range(n_containers):
            r.AddHostRouteTo(slave_ifs.GetAddress(i), host_addr, 1)

    wire_log = kit.WireLog()
    wire_log.Attach(wire.Get(1))
    if opt["pcap"]:
        csma.EnablePcap(outdir + "/ipvlan-howto-eth0", eth0, True)
        ipvlan.EnablePcap(outdir + "/ipvlan-howto", slaves)

    # The pings: every container to the router and to its neighbour; the host to ns0.
    series = []
    for i in range(n_containers):
        series.append(Series(ns, "ns%d" % i, slave_ifs.GetAddress(i), "router", router_addr))
    for i in range(n_containers if n_containers > 1 else 0):
        j = (i + 1) % n_containers
        if n_containers == 2 and i == 1:
            break  # ns0 <-> ns1 once is enough for two
        series.append(
            Series(ns, "ns%d" % i, slave_ifs.GetAddress(i), "ns%d" % j, slave_ifs.GetAddress(j))
        )
    series.append(Series(ns, "host1", host_addr, "ns0", slave_ifs.GetAddress(0)))

    pingers = []
    for k, s in enumerate(series):
        p = kit.MakePinger(by_name[s.frm], s.data, 100 + k)
        p.Start(ns.Seconds(1.0 + 0.01 * k), count, ns.Seconds(interval))
        pingers.append(p)

    ns.Simulator.Stop(ns.Seconds(2.0 + count * interval))
    ns.Simulator.Run()

    port = kit.FindPort(eth0)
    mode = str(ns.IpvlanModeToString(port.GetMode()))
    flags = str(ns.IpvlanFlagsToString(port.GetFlags()))
    print(intro_line(kit.MacText(eth0), mode, flags, n_containers, kit.Ipv4Text(router_addr)))
    print(table_header())
    rows = []
    for s in series:
        rtts = s.rtts()
        sent = int(s.data.sent)
        frames = int(wire_log.Frames(s.frm_addr, s.to_addr))
        macs = str(wire_log.SourceMacs(s.frm_addr, s.to_addr, s.frm_addr))
        loss, first, avg, path = row_stats(sent, rtts, frames)
        print(table_row(s.frm, s.to, sent, len(rtts), loss, first, avg, path, frames, macs))
        rows.append((s.frm, s.to, sent, len(rtts), frames, macs))
    pc = port.GetCounters()
    print(port_line(pc.rxFrames, pc.rxToSlave, pc.rxToHost, pc.txLocal, pc.txToWire,
                    pc.multicastQueued, pc.drops))
    for note in closing_notes(mode, opt["router-routes"]):
        print(note)

    # Per-pair summary for gnuplot: answered pings and IPv4 frames on the wire
    dat = outdir + "/ipvlan-howto.dat"
    with open(dat, "w") as out:
        out.write("# pair sent received wire_frames steady_rtt_us\n")
        for s in series:
            rtts = s.rtts()
            frames = int(wire_log.Frames(s.frm_addr, s.to_addr))
            out.write(dat_line(s.frm, s.to, int(s.data.sent), len(rtts), frames,
                               steady_us(rtts)) + "\n")
    plt = outdir + "/ipvlan-howto.plt"
    title = plot_title(mode, flags, n_containers, count)
    with open(plt, "w") as g:
        g.write(plt_text(outdir, dat, title))
    print("wrote %s and %s" % (dat, plt))
    if plot_png(dat, outdir + "/ipvlan-howto.png", title):
        print("drew %s/ipvlan-howto.png (matplotlib)" % outdir)

    checks = compat.Checks()
    check_pairs(checks, mode, flags, opt["router-routes"], str(kit.MacText(eth0)), rows)

    for p in pingers:
        p.Close()
    ns.Simulator.Destroy()
    return checks.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
