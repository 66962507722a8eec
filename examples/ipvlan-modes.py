#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""The ipvlan modes and flags side by side, each scenario printing what happened and why
(kernel ipvlan.rst sections 4 and 5); the Python twin of ipvlan-modes.cc:

 l3s-policy  host1 drops every new inbound flow ("ct state established accept") on the
             INPUT hook. In l3s slave-bound traffic passes that hook, so the router's ping
             to a container is dropped while the container's own ping to the router gets
             its reply; in l3 the inbound traffic bypasses the host and the policy never
             sees it.
 private     l2 private: containers cannot reach each other (the unicast is dropped at the
             sender); they still reach the router.
 vepa        l2 vepa: container-to-container traffic leaves on the wire with source ==
             destination == eth0's MAC and comes back only if the switch port reflects it
             (hairpin).

  ns0 ns1 (containers) -- ipvlan -- eth0 [host1] --- switch (port security off) --- router

Usage: ipvlan-modes.py [--scenario=all|l3s-policy|private|vepa]
In an ns-3 tree configured with --enable-python-bindings: ./ns3 run ipvlan-modes.py
"""

import sys

import ipvlan_py_compat as compat

SCENARIOS = ("all", "l3s-policy", "private", "vepa")


class World:
    """One small world: host1 with two containers and a router, through a switch"""

    def __init__(self, ns, kit, mode, flags, hairpin):
        self.ns = ns
        self.kit = kit
        self.series = []  # (from, to, PingSeries); the pingers keep pointers to the records
        self.pingers = []
        self.host = compat.create_object(ns, "Node")
        self.router = compat.create_object(ns, "Node")
        self.containers = ns.NodeContainer()
        self.containers.Create(2)
        sw_node = compat.create_object(ns, "Node")
        csma = ns.CsmaHelper()
        csma.SetChannelAttribute("DataRate", ns.StringValue("1Gbps"))
        l0 = csma.Install(compat.nodes(ns, self.host, sw_node))
        l1 = csma.Install(compat.nodes(ns, self.router, sw_node))
        sw_helper = ns.EthernetSwitchHelper()
        self.sw = sw_helper.Install(sw_node, compat.devices(ns, l0.Get(1), l1.Get(1)))
        self.sw.SetHairpin(0, hairpin)
        self.eth0 = l0.Get(0)

        stack = ns.InternetStackHelper()
        stack.Install(self.host)
        stack.Install(self.router)
        stack.Install(self.containers)
        ipvlan = ns.IpvlanHelper()
        ipvlan.SetMode(mode)
        ipvlan.SetFlags(flags)
        slaves = ipvlan.Install(self.eth0, self.containers)
        host_if = ipvlan.InstallHost(self.eth0)
        self.port = kit.FindPort(self.eth0)

        addr = ns.Ipv4AddressHelper(ns.Ipv4Address("10.0.0.0"), ns.Ipv4Mask("255.255.255.0"))
        self.router_addr = addr.Assign(compat.devices(ns, l1.Get(0))).GetAddress(0)
        host_addr = addr.Assign(host_if).GetAddress(0)
        self.slave_ifs = addr.Assign(slaves)
        routing = ns.Ipv4StaticRoutingHelper()
        for i in range(2):
            ipv4 = compat.get_object(ns, self.containers.Get(i), "Ipv4")
            routing.GetStaticRouting(ipv4).SetDefaultRoute(
                self.router_addr, self.slave_ifs.Get(i).second
            )
            # the router reaches the containers through host1 (needed in l3/l3s)
            router_ipv4 = compat.get_object(ns, self.router, "Ipv4")
            routing.GetStaticRouting(router_ipv4).AddHostRouteTo(
                self.slave_ifs.GetAddress(i), host_addr, 1
            )

    def ping(self, frm, to, dst):
        """Add a ping series (3 pings; the series start one second apart).
        frm: "ns0", "ns1" or "router"; to: a name for the destination; dst: its address"""
        if len(self.series) == 8:
            raise SystemExit("at most 8 ping series")
        record = self.ns.PingSeries()
        record.toAddr = dst
        self.series.append((frm, to, record))

    def run(self):
        """Start every ping, run, and return"""
        ns = self.ns
        for k, (frm, _, record) in enumerate(self.series):
            node = self.router if frm == "router" else self.containers.Get(1 if frm == "ns1" else 0)
            p = self.kit.MakePinger(node, record, 200 + k)
            p.Start(ns.Seconds(1.0 + k), 3, ns.Seconds(0.2))
            self.pingers.append(p)
        ns.Simulator.Stop(ns.Seconds(2.0 + len(self.series)))
        ns.Simulator.Run()
        for p in self.pingers:
            p.Close()

    def print(self, label, why):
        """Print one line per ping series"""
        for frm, to, record in self.series:
            print(series_line(label, frm, to, int(record.rttMs.size()), int(record.sent)))
        print("    why: %s" % why)

    def close(self):
        """The end of this world (C++: ~World)"""
        self.ns.Simulator.Destroy()


def series_line(label, frm, to, answered, sent):
    return "  %-18s%-8s-> %-8s%d/%d answered" % (label, frm, to, answered, sent)


HEADING_L3S = "\n== host policy 'accept established only' on INPUT, l3 vs l3s"
HEADING_PRIVATE = "\n== l2 private"
HEADING_VEPA = "\n== l2 vepa, switch port without and with hairpin"


def why_l3s_policy(mode, netfilter_drops):
    if mode == "l3s":
        return (
            "in l3s slave-bound packets pass host1's INPUT hook: the replies to ns0's own "
            "pings are ESTABLISHED and accepted, the router's new pings are dropped "
            "(%d netfilter drops)" % netfilter_drops
        )
    return (
        "in l3 inbound packets go straight to the slave: the policy never sees them, so the "
        "router's pings get through (%d netfilter drops)" % netfilter_drops
    )


def why_private(tx_dropped, rx_multicast):
    return (
        "private drops unicast between slaves at the sender (ns1's ARP replies: %d tx drops "
        "on ns1) while broadcast still flows (ns1 got %d ARP requests); the router is not "
        "affected" % (tx_dropped, rx_multicast)
    )


def why_vepa(hairpin, port_drops):
    return (
        "vepa sends ns0->ns1 out of eth0 with source == destination == its MAC; %s (frames "
        "dropped at host1's switch port: %d)"
        % (
            "the hairpin port reflects it and the port demultiplexes it by IP"
            if hairpin else "a switch never sends a frame back out of its ingress port",
            port_drops,
        )
    )


def all_answered(answered, sent):
    return sent > 0 and answered == sent


def answered_text(answered, sent):
    return "%d/%d answered" % (answered, sent)


def check_l3s_policy(checks, mode, up, down, netfilter_drops):
    """The rows of one mode: up is ns0 -> router, down router -> ns0, each (answered, sent)"""
    drops = ", %d netfilter drops" % netfilter_drops
    if mode == "l3s":
        checks.check("mode l3s: ns0 -> router answered (its replies are ESTABLISHED)",
                     all_answered(*up), answered_text(*up))
        checks.check("mode l3s: router -> ns0 dropped by host1's INPUT policy",
                     down[0] == 0 and netfilter_drops > 0, answered_text(*down) + drops)
    else:
        checks.check("mode l3: ns0 -> router answered", all_answered(*up), answered_text(*up))
        checks.check("mode l3: router -> ns0 answered (host1's INPUT policy not on its path)",
                     all_answered(*down) and netfilter_drops == 0, answered_text(*down) + drops)


def check_private(checks, to_ns1, to_router, tx_dropped):
    """The l2 private rows, each (answered, sent), and ns1's tx drops"""
    checks.check("l2 private: ns0 -> ns1 unanswered (dropped at the sending slave)",
                 to_ns1[0] == 0 and tx_dropped > 0,
                 "%s, %d tx drops on ns1" % (answered_text(*to_ns1), tx_dropped))
    checks.check("l2 private: ns0 -> router answered", all_answered(*to_router),
                 answered_text(*to_router))


def check_vepa(checks, hairpin, to_ns1, port_drops):
    """One vepa row (answered, sent) and the drops at host1's switch port"""
    seen = "%s, %d switch port drops" % (answered_text(*to_ns1), port_drops)
    if hairpin:
        checks.check("vepa, hairpin: ns0 -> ns1 answered (reflected by the switch port)",
                     all_answered(*to_ns1) and port_drops == 0, seen)
    else:
        checks.check("vepa, no hairpin: ns0 -> ns1 unanswered (dropped at the switch port)",
                     to_ns1[0] == 0 and port_drops > 0, seen)


def outcome(record):
    """(answered, sent) of a ping series"""
    return int(record.rttMs.size()), int(record.sent)


def l3s_policy(ns, kit, checks):
    print(HEADING_L3S)
    for mode in ("l3", "l3s"):
        w = World(ns, kit, mode, "bridge", False)
        nf = ns.IpvlanNetfilter.GetOrCreate(w.host)
        nf.AcceptEstablishedOnly(ns.IPVLAN_HOOK_INPUT)
        w.ping("ns0", "router", w.router_addr)
        w.ping("router", "ns0", w.slave_ifs.GetAddress(0))
        w.run()
        why = why_l3s_policy(mode, nf.GetDropped())
        w.print("mode " + mode, why)
        check_l3s_policy(checks, mode, outcome(w.series[0][2]), outcome(w.series[1][2]),
                         int(nf.GetDropped()))
        w.close()


def private(ns, kit, checks):
    print(HEADING_PRIVATE)
    w = World(ns, kit, "l2", "private", False)
    w.ping("ns0", "ns1", w.slave_ifs.GetAddress(1))
    w.ping("ns0", "router", w.router_addr)
    w.run()
    ns1 = w.port.GetSlave(1)
    why = why_private(ns1.GetCounters().txDropped, ns1.GetCounters().rxMulticast)
    w.print("l2 private", why)
    check_private(checks, outcome(w.series[0][2]), outcome(w.series[1][2]),
                  int(ns1.GetCounters().txDropped))
    w.close()


def vepa(ns, kit, checks):
    print(HEADING_VEPA)
    for hairpin in (False, True):
        w = World(ns, kit, "l2", "vepa", hairpin)
        w.ping("ns0", "ns1", w.slave_ifs.GetAddress(1))
        w.run()
        why = why_vepa(hairpin, w.sw.GetPortStatus(0).rxDropped)
        w.print("vepa, hairpin" if hairpin else "vepa, no hairpin", why)
        check_vepa(checks, hairpin, outcome(w.series[0][2]), int(w.sw.GetPortStatus(0).rxDropped))
        w.close()


def command_line():
    """The options, as ipvlan-modes.cc declares them"""
    cmd = compat.CommandLine("ipvlan-modes", __doc__.split("\n\n")[0])
    cmd.add("scenario", "all, l3s-policy, private or vepa", "all")
    return cmd


def main(argv):
    cmd = command_line()
    opt, rest = cmd.parse_or_exit(argv)
    scenario = opt["scenario"]
    if scenario not in SCENARIOS:
        raise SystemExit(
            "--scenario=%s is unknown; allowed: all, l3s-policy, private, vepa" % scenario
        )
    ns = compat.load_ns()
    kit = compat.kit(ns)
    compat.parse_ns3(ns, __file__, rest)
    checks = compat.Checks()
    if scenario in ("all", "l3s-policy"):
        l3s_policy(ns, kit, checks)
    if scenario in ("all", "private"):
        private(ns, kit, checks)
    if scenario in ("all", "vepa"):
        vepa(ns, kit, checks)
    return checks.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
