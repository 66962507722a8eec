#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Kernel side of the validation: runs scenarios (validation/FORMAT.md) on Linux.

Inside User-Mode Linux (started by guest-init.sh):
    guest-runner.py --out DIR --scn-dir DIR [--jobs N] --list FILE | NAME...
runs <scn-dir>/<NAME>.scn, N at a time (each in a forked worker), and writes
DIR/<NAME>/results.txt, probe-<k>.pcap and runner.txt.  On the host, run-kernel.sh
calls
    guest-runner.py --budget [--jobs N] FILE.scn...
to learn the time limit of the batch.

Topology per scenario, all in fresh network namespaces (names prefixed with the
worker, e.g. j0-wire, j0-n-host), removed afterwards:
  wire       a Linux bridge br0 (STP off, multicast snooping off, default ageing);
             IPv6 disabled, so the wire itself never sends a frame
  n-host     the master: eth0, one end of a veth pair whose other end p-host is a
             port of br0; the capture runs on p-host
  n-<ext>    an external host: eth0, a veth whose other end p-<ext> is on br0
  n-<slave>  a container: eth0, the slave, created in n-host on the master, moved here
"""

import argparse
import contextlib
import ctypes
import errno
import ipaddress
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

DEV = "eth0"  # every node's only interface (the master, for host)
MASTER_MAC = "02:00:00:00:00:01"
NODE_RE = re.compile(r"^[a-z0-9]{1,8}$")

# Time budget in seconds, per probe kind (generous: the window itself is the probe
# plus 1 s, plus tcpdump start-up and the strace'd ip calls).
PROBE_BUDGET = {"ping": 8, "udp": 7, "newslave": 12}
PROBE_BUDGET_DEFAULT = 5
SETUP_BUDGET = 25  # plus 3 s per node
BOOT_BUDGET = 60  # booting UML and loading modules, counted once per batch

FLOOD_PACING_S = 0.02  # how late a flood's last datagram may leave (FORMAT.md, Traffic control)
NEIGH_HOLD_S = 3600  # neighbour reachable time and first-probe delay (see main)
USABLE_NEIGH = {"REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT"}


class ScenarioError(Exception):
    """The scenario cannot be run (parse or topology failure)."""


class ProbeError(Exception):
    """A probe that does not apply to its node (its outcome is `error <text>`)."""


class ScenarioTimeout(Exception):
    """The scenario ran past its time limit."""


# --------------------------------------------------------------------------------
# Scenario file


class Addr:
    def __init__(self, cidr, dad=False):
        try:
            self.iface = ipaddress.ip_interface(cidr)
        except ValueError as e:
            raise ScenarioError(f"bad address {cidr!r}: {e}") from None
        if "/" not in cidr:
            raise ScenarioError(f"address {cidr!r} needs a prefix length")
        self.cidr = cidr
        self.dad = dad

    @property
    def v6(self):
        return self.iface.version == 6


def parse_addrs(words):
    """CIDRs, each optionally followed by the word `dad`."""
    out = []
    for w in words:
        if w == "dad":
            if not out:
                raise ScenarioError("`dad` must follow an address")
            out[-1].dad = True
        else:
            out.append(Addr(w))
    return out


class Scenario:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.description = ""
        self.link = ["ipvlan", "mode", "l2", "bridge"]
        self.master = []
        self.hairpin = False
        self.slaves = []  # (name, [Addr])
        self.exts = []  # (name, [Addr])
        self.routes = []  # (node, prefix, 'via', ip) or (node, prefix, 'dev', None)
        self.forwards = []
        self.joins = []  # (node, group)
        self.drops = []  # protocols
        self.wire_mtu = None  # MTU of the wire's ports (wire-mtu), None: the default
        self.probes = []  # word lists

    def nodes(self):
        return ["host"] + [n for n, _ in self.slaves] + [n for n, _ in self.exts]


def parse_scenario(name, path):
    sc = Scenario(name, path)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    names = set()

    def new_node(n):
        if not NODE_RE.match(n) or n == "host":
            raise ScenarioError(f"bad node name {n!r}")
        if n in names:
            raise ScenarioError(f"node {n!r} defined twice")
        names.add(n)

    for no, raw in enumerate(lines, 1):
        if raw.lstrip().startswith("#"):
            if not sc.description:
                sc.description = raw.lstrip()[1:].strip()
            continue
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        kw, args = words[0], words[1:]
        try:
            if kw == "link":
                if not args:
                    raise ScenarioError("link needs words")
                sc.link = args
            elif kw == "master":
                sc.master += parse_addrs(args)
            elif kw == "hairpin":
                if args not in (["on"], ["off"]):
                    raise ScenarioError("hairpin on|off")
                sc.hairpin = args == ["on"]
            elif kw in ("slave", "ext"):
                if not args:
                    raise ScenarioError(f"{kw} needs a name")
                new_node(args[0])
                (sc.slaves if kw == "slave" else sc.exts).append((args[0], parse_addrs(args[1:])))
            elif kw == "route":
                if len(args) == 4 and args[2] == "via":
                    sc.routes.append((args[0], args[1], "via", args[3]))
                elif len(args) == 3 and args[2] == "dev":
                    sc.routes.append((args[0], args[1], "dev", None))
                else:
                    raise ScenarioError("route <node> <prefix>|default via <ip> | dev")
            elif kw == "forward":
                if len(args) != 1:
                    raise ScenarioError("forward <node>")
                sc.forwards.append(args[0])
            elif kw == "join":
                if len(args) != 2:
                    raise ScenarioError("join <node> <group>")
                if not ipaddress.ip_address(args[1]).is_multicast:
                    raise ScenarioError(f"{args[1]} is not a multicast group")
                sc.joins.append((args[0], args[1]))
            elif kw == "drop-input":
                if args not in (["icmp"], ["udp"]):
                    raise ScenarioError("drop-input icmp|udp")
                sc.drops.append(args[0])
            elif kw == "wire-mtu":
                if len(args) != 1 or not args[0].isdigit() or not 68 <= int(args[0]) <= 65535:
                    raise ScenarioError("wire-mtu <68..65535>")
                sc.wire_mtu = int(args[0])
            elif kw == "probe":
                check_probe(args, names)
                sc.probes.append(args)
            else:
                raise ScenarioError(f"unknown line {kw!r}")
        except (ScenarioError, ValueError) as e:
            raise ScenarioError(f"{os.path.basename(path)}:{no}: {e}") from None
    known = set(sc.nodes())
    for node in [r[0] for r in sc.routes] + sc.forwards + [j[0] for j in sc.joins]:
        if node not in known:
            raise ScenarioError(f"unknown node {node!r}")
    return sc


PROBE_ARGS = {  # kind: (min args, max args or None)
    "ping": (2, 2),
    "udp": (3, 4),
    "addr": (2, 3),
    "deladdr": (2, 2),
    "mtu": (2, 2),
    "showmtu": (1, 1),
    "set": (2, None),
    "newslave": (2, None),
    "down": (1, 1),
    "up": (1, 1),
    "ipdown": (1, 1),
    "ipup": (1, 1),
    "counters": (1, 1),
    "carrier": (1, 1),
    "neigh": (2, 2),
    "linklocal": (1, 1),
    "showmode": (1, 1),
    "sleep": (1, 1),
    "qdisc": (2, None),
    "showqdisc": (1, 1),
    "flood": (6, 7),
}


# tc's rate units (tc(8) "RATES"): bit/s, SI and IEC multiples; *bps are bytes per second.
RATE_UNITS = {
    "bit": 1, "kbit": 1e3, "mbit": 1e6, "gbit": 1e9,
    "kibit": 1024, "mibit": 1024**2, "gibit": 1024**3,
    "bps": 8, "kbps": 8e3, "mbps": 8e6, "gbps": 8e9,
}


def parse_rate(word):
    """A rate as tc writes it (`4mbit`, `500kbit`, `1000bps`): bits per second."""
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([a-z]*)", word)
    if not m or m.group(2) not in RATE_UNITS or float(m.group(1)) <= 0:
        raise ScenarioError(f"bad rate {word!r} (e.g. 4mbit, 500kbit)")
    return float(m.group(1)) * RATE_UNITS[m.group(2)]


class Flood:
    """The words of a `flood` probe (FORMAT.md, "Traffic control")."""

    def __init__(self, args):
        # args: <senders> <ip> <port> <bytes> <rate> <seconds> [tol=<n>[,<m>]]
        self.senders = args[0].split(",")
        if not all(NODE_RE.match(n) or n == "host" for n in self.senders) or len(set(self.senders)) != len(self.senders):
            raise ScenarioError(f"bad flood senders {args[0]!r}")
        self.dst = args[1]
        ipaddress.ip_address(args[1])
        if not args[2].isdigit() or not 1 <= int(args[2]) <= 65535:
            raise ScenarioError("flood port must be 1..65535")
        self.port = int(args[2])
        if not args[3].isdigit() or not 1 <= int(args[3]) <= 65000:
            raise ScenarioError("flood payload size must be 1..65000 bytes")
        self.size = int(args[3])
        self.rate = parse_rate(args[4])
        try:
            self.seconds = float(args[5])
        except ValueError:
            raise ScenarioError(f"bad flood duration {args[5]!r}") from None
        if not 0 < self.seconds <= 10:
            raise ScenarioError("flood duration must be in (0, 10] seconds")
        # datagrams per sender: rate x seconds / (8 x bytes), to the nearest integer
        self.count = int(self.rate * self.seconds / (8 * self.size) + 0.5)
        if not 1 <= self.count <= 20000:
            raise ScenarioError(f"a flood of {self.count} datagrams per sender (1..20000)")
        self.interval = 8 * self.size / self.rate
        self.tol = "0"  # exact unless the scenario states (and justifies) a tolerance
        if len(args) > 6:
            m = re.fullmatch(r"tol=([0-9]+)(,[0-9]+)?", args[6])
            if not m:
                raise ScenarioError("flood tolerance: tol=<n> or tol=<n>,<m>")
            self.tol = args[6][4:]

    def schedule(self):
        """(time from the start, sender index, datagram index), in time order: datagram j
        of sender i at j x interval + i x interval / senders."""
        n = len(self.senders)
        return sorted((j * self.interval + i * self.interval / n, i, j) for i in range(n) for j in range(self.count))


def check_probe(args, names):
    """Syntax of a probe line (the nodes are checked when the probe runs)."""
    if not args or args[0] not in PROBE_ARGS:
        raise ScenarioError(f"unknown probe {' '.join(args)!r}")
    lo, hi = PROBE_ARGS[args[0]]
    n = len(args) - 1
    if n < lo or (hi is not None and n > hi):
        raise ScenarioError(f"wrong number of words in probe {args[0]}")
    if args[0] == "newslave":
        if "--" not in args or args.index("--") == len(args) - 1:
            raise ScenarioError("newslave <name> [<cidr>...] -- <words...>")
        if not NODE_RE.match(args[1]) or args[1] == "host" or args[1] in names:
            raise ScenarioError(f"bad or duplicate node name {args[1]!r}")
        names.add(args[1])
        parse_addrs(args[2 : args.index("--")])
    if args[0] == "sleep":
        float(args[1])
    if args[0] == "flood":
        Flood(args[1:])
    if args[0] == "udp" and len(args) == 5 and not (args[4].isdigit() and 1 <= int(args[4]) <= 65000):
        raise ScenarioError("udp payload size must be 1..65000 bytes")


def probe_budget(words):
    if words[0] == "sleep":
        return float(words[1]) + PROBE_BUDGET_DEFAULT
    if words[0] == "flood":  # the flood, its 2 s, and the counters and sockets around it
        return Flood(words[1:]).seconds + 2 + PROBE_BUDGET_DEFAULT + 3
    return PROBE_BUDGET.get(words[0], PROBE_BUDGET_DEFAULT)


def scenario_budget(sc):
    """Time limit of one scenario, in seconds."""
    return SETUP_BUDGET + 3 * len(sc.nodes()) + sum(probe_budget(p) for p in sc.probes)


# --------------------------------------------------------------------------------
# Processes and namespaces
#
# Starting a process is slow in UML (tens of ms, an `ip` call about 70 ms), so the
# topology is made with one `ip -batch` per namespace, sysctls and socket work are
# done in this process after setns(), and commands that must run inside a namespace
# enter it with setns() between fork and exec instead of `ip netns exec`.

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
ERRNO_BY_MESSAGE = {os.strerror(n): name for n, name in errno.errorcode.items()}
ROOT_NS_FD = None  # the initial namespace, opened in main()


def setns_to(name):
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {name}")
    finally:
        os.close(fd)


@contextlib.contextmanager
def netns(name):
    """Run the body with this (single-threaded) process in namespace `name`."""
    setns_to(name)
    try:
        yield
    finally:
        if libc.setns(ROOT_NS_FD, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back to the initial namespace")


def run(args, ns=None, timeout=20, check=True, stdin=None):
    """Run a command (inside namespace `ns` if given); raise ScenarioError on failure if check."""
    pre = (lambda: setns_to(ns)) if ns else None
    try:
        r = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout, preexec_fn=pre)
    except subprocess.TimeoutExpired:
        raise ScenarioError(f"timed out: {' '.join(args)}") from None
    if check and r.returncode != 0:
        raise ScenarioError(f"{' '.join(args)}: {' | '.join(r.stderr.split(chr(10))).strip(' |') or r.returncode}")
    return r


def ip_batch(ns, lines):
    """Several `ip` commands in one process (`ns` None: the initial namespace)."""
    if lines:
        run(["ip"] + (["-n", ns] if ns else []) + ["-batch", "-"], stdin="\n".join(lines) + "\n")


def ip_json(ns, *args):
    out = run(["ip", "-n", ns, "-j"] + list(args)).stdout
    return json.loads(out) if out.strip() else []


def ip_refusal(ns, *args):
    """Run `ip -n ns args`: (None, "") on success, else (errno name, message).

    Exit status 1 means that ip itself rejected the words (EINVAL) or did not find
    the device (ENODEV); 2 that the kernel refused.  Without an extack message ip
    prints strerror ("RTNETLINK answers: File exists"), which names the errno.  With
    one ("Error: Address already assigned to an ipvlan device.") it does not: the
    command is then run again under strace, which shows the netlink acknowledgement
    (error=-EADDRINUSE).  A refused request changes nothing, so the repetition meets
    the same refusal.
    """
    cmd = ["ip", "-n", ns] + list(args)
    r = run(cmd, check=False)
    if r.returncode == 0:
        return None, ""
    msg = " | ".join(r.stderr.strip().splitlines())
    if r.returncode == 1:
        return ("ENODEV" if "Cannot find device" in msg else "EINVAL"), msg
    m = re.search(r"RTNETLINK answers: (.+?)( \||$)", msg)
    if m and m.group(1) in ERRNO_BY_MESSAGE:
        return ERRNO_BY_MESSAGE[m.group(1)], msg
    trace = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"ip-strace-{os.getpid()}.txt")
    again = run(["strace", "-f", "-qq", "-e", "trace=sendmsg,recvmsg", "-e", "signal=none", "-o", trace] + cmd, check=False)
    with open(trace, encoding="utf-8", errors="replace") as f:
        found = re.findall(r"error=-(E[A-Z0-9]+)", f.read())
    os.unlink(trace)
    if again.returncode == 2 and found:
        return found[-1], msg
    return "EUNKNOWN", f"{msg} (repeated under strace: exit {again.returncode})"


def tc_refusal(ns, *args):
    """Run `tc -n ns args`: (None, "") on success, else (errno name, message).

    As ip_refusal: strerror after "RTNETLINK answers:" names the errno; an extack
    message does not, so the command is repeated under strace to read the netlink
    acknowledgement.  No acknowledgement with an error means that tc refused the words
    itself, before asking the kernel: EINVAL, as for `ip`.
    """
    cmd = ["tc", "-n", ns] + list(args)
    r = run(cmd, check=False)
    if r.returncode == 0:
        return None, ""
    msg = " | ".join((r.stderr + r.stdout).strip().splitlines())
    m = re.search(r"RTNETLINK answers: (.+?)( \||$)", msg)
    if m and m.group(1) in ERRNO_BY_MESSAGE:
        return ERRNO_BY_MESSAGE[m.group(1)], msg
    trace = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"tc-strace-{os.getpid()}.txt")
    run(["strace", "-f", "-qq", "-e", "trace=sendmsg,recvmsg", "-e", "signal=none", "-o", trace] + cmd, check=False)
    with open(trace, encoding="utf-8", errors="replace") as f:
        found = re.findall(r"error=-(E[A-Z0-9]+)", f.read())
    os.unlink(trace)
    return (found[-1] if found else "EINVAL"), msg


def sysctl(name, value):
    """Write /proc/sys/<name> in the current namespace."""
    with open("/proc/sys/" + name.replace(".", "/"), "w", encoding="ascii") as f:
        f.write(str(value))


def tentative_addresses():
    """IPv6 addresses of the current namespace still in DAD (IFA_F_TENTATIVE)."""
    with open("/proc/self/net/if_inet6", encoding="ascii") as f:
        return [line.split()[0] for line in f if int(line.split()[4], 16) & 0x40]


def addr_words(a):
    words = ["addr", "add", a.cidr, "dev", DEV]
    if a.v6 and not a.dad:
        words.append("nodad")
    return words


# --------------------------------------------------------------------------------
# Capture


class Capture:
    """tcpdump on the wire-side end of the master's veth, for one probe window."""

    def __init__(self, wire_ns, path):
        self.proc = subprocess.Popen(
            ["tcpdump", "-Z", "root", "--immediate-mode", "-U", "-n", "-i", "p-host", "-w", path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: setns_to(wire_ns),
        )
        self.err = b""
        deadline = time.monotonic() + 10
        # Capturing once tcpdump says "listening on" (the socket is bound then).
        while b"listening on" not in self.err:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                self.stop()
                raise ScenarioError("tcpdump did not start: " + self.err.decode(errors="replace").strip())
            ready, _, _ = select.select([self.proc.stderr], [], [], left)
            if ready:
                self.err += os.read(self.proc.stderr.fileno(), 4096)

    def stop(self):
        """SIGINT, wait, return tcpdump's statistics."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, rest = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, rest = self.proc.communicate()
        text = (self.err + (rest or b"")).decode(errors="replace")
        m = re.search(r"(\d+) packets? captured", text)
        d = re.search(r"(\d+) packets? dropped by kernel", text)
        return f"{m.group(1) if m else '?'} captured, {d.group(1) if d else '?'} dropped"


# --------------------------------------------------------------------------------
# One scenario


class Node:
    def __init__(self, name, kind, ns):
        self.name, self.kind, self.ns = name, kind, ns


class Run:
    """Builds one scenario's topology, runs its probes, tears it down.

    `prefix` keeps the namespaces of scenarios that run at the same time apart.
    """

    def __init__(self, sc, outdir, prefix):
        self.sc = sc
        self.outdir = outdir
        self.prefix = prefix
        self.wire = prefix + "wire"
        self.nodes = {}  # name -> Node, in creation order
        self.namespaces = []
        self.join_sockets = []
        self.macvlans = 0
        self.counter_marks = {}  # node -> counters at its previous `counters` probe
        self.log = []  # lines for runner.txt

    def ns_of(self, name):
        return f"{self.prefix}n-{name}"

    def node(self, name):
        return self.nodes[name]  # KeyError: reported as "error no node <name>"

    def add_namespaces(self, dad_of):
        """Create namespaces: node name -> wants DAD; None is the wire."""
        names = [self.wire if n is None else self.ns_of(n) for n in dad_of]
        ip_batch(None, [f"netns add {ns}" for ns in names])
        self.namespaces += names
        for n, ns in zip(dad_of, names):
            with netns(ns):
                if n is None:
                    # The wire is a plain switch: no address, no IPv6, no frames of its own.
                    sysctl("net.ipv6.conf.all.disable_ipv6", 1)
                    sysctl("net.ipv6.conf.default.disable_ipv6", 1)
                    continue
                # No router discovery noise; DAD only where the scenario asks for it.
                for scope in ("all", "default"):
                    sysctl(f"net.ipv6.conf.{scope}.accept_ra", 0)
                    sysctl(f"net.ipv6.conf.{scope}.router_solicitations", 0)
                sysctl("net.ipv6.conf.default.dad_transmits", 1 if dad_of[n] else 0)

    def route_words(self, node):
        """`ip -batch` lines for the node's routes (family from the prefix or gateway)."""
        out = []
        for n, prefix, kind, via in self.sc.routes:
            if n != node:
                continue
            if kind == "via":
                if prefix == "default":
                    prefix = "::/0" if ":" in via else "0.0.0.0/0"
                out.append(f"route add {prefix} via {via} dev {DEV}")
            elif prefix == "default":
                out += [f"route add 0.0.0.0/0 dev {DEV}", f"route add ::/0 dev {DEV}"]
            else:
                out.append(f"route add {prefix} dev {DEV}")
        return out

    def slave_link_words(self, name, words):
        cmd = ["link", "add", "link", DEV, "name", "s-" + name]
        if words[0] == "macvlan":
            self.macvlans += 1
            cmd += ["address", f"02:00:00:00:02:{self.macvlans:02x}"]
        return cmd + ["type"] + list(words)

    # ---- topology
    def build(self):
        sc = self.sc
        dad_of = {None: False, "host": any(a.dad for a in sc.master)}
        for n, addrs in sc.slaves + sc.exts:
            dad_of[n] = any(a.dad for a in addrs)
        self.add_namespaces(dad_of)
        host_ns = self.ns_of("host")

        # The wire: bridge, the master's veth and one veth per external host.
        lines = [
            "link add br0 type bridge stp_state 0 mcast_snooping 0",
            f"link add p-host address 02:00:00:00:ff:00 type veth peer name {DEV} address {MASTER_MAC} netns {host_ns}",
            "link set p-host master br0",
        ]
        if sc.hairpin:
            lines.append("link set p-host type bridge_slave hairpin on")
        if sc.wire_mtu:
            lines.append(f"link set p-host mtu {sc.wire_mtu}")
        lines.append("link set p-host up")
        for i, (name, _) in enumerate(sc.exts, 1):
            port = "p-" + name
            lines += [
                f"link add {port} address 02:00:00:00:ff:{i:02x} type veth peer name {DEV} address 02:00:00:00:01:{i:02x} netns {self.ns_of(name)}",
                f"link set {port} master br0",
                f"link set {port} up",
            ]
            if sc.wire_mtu:
                lines.append(f"link set {port} mtu {sc.wire_mtu}")
        if sc.wire_mtu:
            lines.append(f"link set br0 mtu {sc.wire_mtu}")
        lines.append("link set br0 up")
        ip_batch(self.wire, lines)

        # The host: addresses and routes on the master, then the slaves, moved out.
        self.nodes["host"] = Node("host", "host", host_ns)
        lines = ["link set lo up"] + [" ".join(addr_words(a)) for a in sc.master] + [f"link set {DEV} up"]
        lines += self.route_words("host")
        for name, _ in sc.slaves:
            lines.append(" ".join(self.slave_link_words(name, sc.link)))
            lines.append(f"link set s-{name} netns {self.ns_of(name)}")
        ip_batch(host_ns, lines)

        for name, addrs in sc.exts + sc.slaves:
            ns = self.ns_of(name)
            is_slave = any(name == s for s, _ in sc.slaves)
            lines = ["link set lo up"]
            if is_slave:
                lines.append(f"link set s-{name} name {DEV}")
            lines += [" ".join(addr_words(a)) for a in addrs] + [f"link set {DEV} up"] + self.route_words(name)
            ip_batch(ns, lines)
        for name, _ in sc.slaves:
            self.nodes[name] = Node(name, "slave", self.ns_of(name))
        for name, _ in sc.exts:
            self.nodes[name] = Node(name, "ext", self.ns_of(name))

        for name in sc.forwards:
            with netns(self.node(name).ns):
                sysctl("net.ipv4.ip_forward", 1)
                sysctl("net.ipv6.conf.all.forwarding", 1)

        if sc.drops:
            # nftables' ip family is not built into this UML kernel: iptables (legacy),
            # the same two rules as FORMAT.md's nftables ones.
            ipt = ["iptables-legacy", "-w"]
            run(ipt + ["-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"], ns=host_ns)
            for proto in sc.drops:
                run(ipt + ["-A", "INPUT", "-p", proto, "-j", "DROP"], ns=host_ns)

        for name, group in sc.joins:
            self.join(self.node(name), group)

        self.wait_settled()
        time.sleep(1)

    def join(self, node, group):
        """A socket that stays open for the whole scenario holds the membership."""
        g = ipaddress.ip_address(group)
        with netns(node.ns):
            idx = socket.if_nametoindex(DEV)
            if g.version == 4:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                mreqn = g.packed + b"\0\0\0\0" + struct.pack("@i", idx)
                s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)
            else:
                s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, g.packed + struct.pack("@I", idx))
        self.join_sockets.append(s)

    def wait_settled(self):
        """No tentative IPv6 address left (DAD done); 15 s at most."""
        deadline = time.monotonic() + 15
        pending = [n.ns for n in self.nodes.values()]
        while True:
            still = []
            for ns in pending:
                with netns(ns):
                    if tentative_addresses():
                        still.append(ns)
            pending = still
            if not pending:
                return
            if time.monotonic() > deadline:
                raise ScenarioError("addresses still tentative in " + " ".join(pending))
            time.sleep(0.1)

    def make_slave(self, name, addrs, words):
        """The newslave probe: (None, "") or the refusal; nothing is left on refusal."""
        ns = self.ns_of(name)
        self.add_namespaces({name: any(a.dad for a in addrs)})
        macvlans = self.macvlans
        refusal = ip_refusal(self.ns_of("host"), *self.slave_link_words(name, words))
        if refusal[0] is None:
            ip_batch(self.ns_of("host"), [f"link set s-{name} netns {ns}"])
            ip_batch(ns, ["link set lo up", f"link set s-{name} name {DEV}"])
            for a in addrs:
                refusal = ip_refusal(ns, *addr_words(a))
                if refusal[0] is not None:
                    break
            else:
                ip_batch(ns, [f"link set {DEV} up"])
                self.nodes[name] = Node(name, "slave", ns)
                return refusal
        self.macvlans = macvlans
        ip_batch(None, [f"netns del {ns}"])  # removes the slave too
        self.namespaces.remove(ns)
        return refusal

    # ---- probes
    def probe(self, k, words):
        try:
            return getattr(self, "probe_" + words[0])(k, *words[1:])
        except KeyError as e:
            return f"error no node {e.args[0]}"
        except ProbeError as e:
            return f"error {e}"

    def probe_ping(self, k, node, dst):
        """One echo request, 3 s for the reply.

        ping itself stops 3 s after its request; but when the send fails locally
        (ENOBUFS: ipvlan's private flag drops the frame in the sender) iputils keeps
        retrying for several seconds, so the process is interrupted after 5 s: the
        outcome is the reply within the 3 s, as FORMAT.md says.
        """
        cmd = ["ping", "-n", "-c", "1", "-W", "3"]
        if ipaddress.ip_address(dst.split("%")[0]).is_link_local:
            cmd += ["-I", DEV]
        ns = self.node(node).ns
        proc = subprocess.Popen(cmd + [dst], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: setns_to(ns))
        try:
            _, err = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)
            try:
                _, err = proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            err += " (interrupted after 5 s)"
        if proc.returncode != 0 and err.strip():
            self.log.append(f"probe {k}: ping: {' | '.join(err.strip().splitlines())}")
        return "delivered" if proc.returncode == 0 else "lost"

    def probe_udp(self, k, sender, dst, port, size=None):
        src = self.node(sender)
        port = int(port)
        dst_ip = ipaddress.ip_address(dst)
        fam = socket.AF_INET6 if dst_ip.version == 6 else socket.AF_INET
        token = f"ipvlan-validate {self.sc.name} {k}".encode()
        if size is not None:  # the payload has exactly `size` bytes (the token, padded)
            token = token.ljust(int(size), b".")[: int(size)]
        receivers = {}
        try:
            for n in self.nodes.values():
                if n is src:
                    continue
                with netns(n.ns):
                    s = socket.socket(fam, socket.SOCK_DGRAM)
                    receivers[n.name] = s
                    if fam == socket.AF_INET6:
                        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", port))
                    s.setblocking(False)
            with netns(src.ns):
                s = socket.socket(fam, socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
                addr = (dst, port)
                if dst_ip.version == 6 and (dst_ip.is_link_local or dst_ip.is_multicast):
                    addr = (dst, port, 0, socket.if_nametoindex(DEV))
                try:
                    s.sendto(token, addr)
                except OSError as e:
                    self.log.append(f"probe {k}: send failed: {e}")
                finally:
                    s.close()
            time.sleep(2)
            got = []
            for name, s in receivers.items():
                while True:
                    try:
                        data = s.recv(65536)
                    except BlockingIOError:
                        break
                    if data == token:
                        got.append(name)
                        break
            return "received " + (" ".join(sorted(got)) if got else "none")
        finally:
            for s in receivers.values():
                s.close()

    def probe_addr(self, k, node, cidr, *flag):
        if flag not in ((), ("dad",)):
            return "error bad probe"
        return self.refusal_outcome(k, ip_refusal(self.node(node).ns, *addr_words(Addr(cidr, dad=bool(flag)))))

    def probe_deladdr(self, k, node, cidr):
        return self.refusal_outcome(k, ip_refusal(self.node(node).ns, "addr", "del", cidr, "dev", DEV))

    def probe_mtu(self, k, node, mtu):
        return self.refusal_outcome(k, ip_refusal(self.node(node).ns, "link", "set", "dev", DEV, "mtu", mtu))

    def probe_showmtu(self, k, node):
        return f"mtu {self.link_info(node)['mtu']}"

    def probe_set(self, k, slave, *words):
        return self.refusal_outcome(k, ip_refusal(self.node(slave).ns, "link", "set", "dev", DEV, "type", *words))

    def probe_newslave(self, k, name, *rest):
        cut = rest.index("--")
        return self.refusal_outcome(k, self.make_slave(name, parse_addrs(rest[:cut]), list(rest[cut + 1 :])))

    def probe_down(self, k, node):
        return self.refusal_outcome(k, ip_refusal(self.node(node).ns, "link", "set", "dev", DEV, "down"))

    def probe_up(self, k, node):
        return self.refusal_outcome(k, ip_refusal(self.node(node).ns, "link", "set", "dev", DEV, "up"))

    def probe_ipdown(self, k, slave):
        # Linux has one way to take an interface down: the same as `down`.
        self.slave_only(slave)
        return self.probe_down(k, slave)

    def probe_ipup(self, k, slave):
        self.slave_only(slave)
        return self.probe_up(k, slave)

    def slave_only(self, name):
        if self.node(name).kind != "slave":
            raise ProbeError(f"{name} is not a slave")

    COUNTER_FIELDS = (  # FORMAT.md name: (stats64 direction, field)
        ("rx_packets", "rx", "packets"),
        ("rx_bytes", "rx", "bytes"),
        ("rx_multicast", "rx", "multicast"),
        ("rx_errors", "rx", "errors"),
        ("rx_dropped", "rx", "dropped"),
        ("tx_packets", "tx", "packets"),
        ("tx_bytes", "tx", "bytes"),
        ("tx_dropped", "tx", "dropped"),
    )

    def probe_counters(self, k, slave):
        """The slave's `ip -s -s link` counters, as the change since this slave's
        previous `counters` probe; the first one only marks (`counters start`)."""
        self.slave_only(slave)
        stats = ip_json(self.node(slave).ns, "-s", "-s", "link", "show", "dev", DEV)[0]["stats64"]
        now = {name: int(stats[d][f]) for name, d, f in self.COUNTER_FIELDS}
        self.log.append(f"probe {k}: {slave} counters " + " ".join(f"{n}={v}" for n, v in now.items()))
        before = self.counter_marks.get(slave)
        self.counter_marks[slave] = now
        if before is None:
            return "counters start"
        return "counters " + " ".join(f"{n}={now[n] - before[n]}" for n, _, _ in self.COUNTER_FIELDS)

    def probe_carrier(self, k, node):
        # IFF_LOWER_UP: the interface is up and has carrier (a down one reads off).
        return "carrier on" if "LOWER_UP" in self.link_info(node)["flags"] else "carrier off"

    def probe_neigh(self, k, node, addr):
        for e in ip_json(self.node(node).ns, "neigh", "show", "to", addr, "dev", DEV):
            if ipaddress.ip_address(e.get("dst", "::")) == ipaddress.ip_address(addr):
                if USABLE_NEIGH & set(e.get("state", [])) and e.get("lladdr"):
                    return "lladdr " + e["lladdr"].lower()
        return "none"

    def probe_linklocal(self, k, node):
        for entry in ip_json(self.node(node).ns, "-6", "addr", "show", "dev", DEV, "scope", "link"):
            for a in entry.get("addr_info", []):
                if a.get("family") == "inet6":
                    return "ll " + ipaddress.ip_address(a["local"]).compressed
        return "ll none"

    def probe_showmode(self, k, slave):
        info = self.link_info(slave, detail=True).get("linkinfo", {})
        data = info.get("info_data", {})
        if info.get("info_kind") == "ipvlan":
            flag = next((f for f in ("private", "vepa", "bridge") if data.get(f)), "bridge")
            return f"mode {data.get('mode', '?')} {flag}"
        return f"mode {data.get('mode', '?')}"

    def probe_qdisc(self, k, node, *words):
        """`tc qdisc add dev eth0 <words>`; `delete`: `tc qdisc del dev eth0 root`."""
        ns = self.node(node).ns
        if list(words) == ["delete"]:
            return self.refusal_outcome(k, tc_refusal(ns, "qdisc", "del", "dev", DEV, "root"))
        return self.refusal_outcome(k, tc_refusal(ns, "qdisc", "add", "dev", DEV, *words))

    def probe_showqdisc(self, k, node):
        """The kind of the interface's root qdisc, as `tc qdisc show` names it."""
        out = run(["tc", "-n", self.node(node).ns, "-j", "qdisc", "show", "dev", DEV]).stdout
        qdiscs = json.loads(out) if out.strip() else []
        self.log.append(f"probe {k}: {node} qdiscs " + " ".join(f"{q.get('kind')}:{q.get('handle')}:{q.get('parent', 'root')}" for q in qdiscs))
        for q in qdiscs:
            if q.get("root"):
                return f"qdisc {q.get('kind')}"
        return "qdisc none"

    def tx_dropped(self, slaves):
        return {n.name: int(ip_json(n.ns, "-s", "-s", "link", "show", "dev", DEV)[0]["stats64"]["tx"]["dropped"]) for n in slaves}

    def probe_flood(self, k, *args):
        """UDP datagrams from every sender at once, each paced at the rate; the
        datagrams received (by any node but the senders) and the sending slaves'
        tx_dropped over the flood.

        The pacing loop sends, at each turn, every datagram whose time has come, in
        time order (UML's timers are coarse: a turn may come late and send a few at
        once); between turns it reads the receiving sockets, so that no receive buffer
        overflows.  The lateness of the sends goes to runner.txt.
        """
        f = Flood(list(args))
        srcs = [self.node(n) for n in f.senders]
        slaves = [n for n in srcs if n.kind == "slave"]
        dst_ip = ipaddress.ip_address(f.dst)
        fam = socket.AF_INET6 if dst_ip.version == 6 else socket.AF_INET
        token = f"ipvlan-validate flood {self.sc.name} {k}".encode().ljust(f.size, b".")[: f.size]
        receivers, senders = [], []
        try:
            for n in self.nodes.values():
                if n in srcs:
                    continue
                with netns(n.ns):
                    s = socket.socket(fam, socket.SOCK_DGRAM)
                    receivers.append(s)
                    if fam == socket.AF_INET6:
                        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                    s.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE: room for the whole flood
                    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", f.port))
                    s.setblocking(False)
            for n in srcs:
                with netns(n.ns):
                    s = socket.socket(fam, socket.SOCK_DGRAM)
                    senders.append(s)
                    s.setblocking(False)
            got = [0]

            def drain(timeout):
                """Wait up to `timeout` s for datagrams, then read all that came."""
                if not receivers:
                    time.sleep(max(0.0, timeout))
                    return
                ready, _, _ = select.select(receivers, [], [], max(0.0, timeout))
                for s in ready:
                    while True:
                        try:
                            data = s.recv(65536)
                        except BlockingIOError:
                            break
                        got[0] += data == token

            before = self.tx_dropped(slaves)
            plan = f.schedule()
            failed, late_max, sent = 0, 0.0, 0
            t0 = time.monotonic()
            while sent < len(plan):
                now = time.monotonic() - t0
                while sent < len(plan) and plan[sent][0] <= now:
                    at, i, _ = plan[sent]
                    late_max = max(late_max, now - at)
                    try:
                        senders[i].sendto(token, (f.dst, f.port))
                    except OSError:
                        failed += 1
                    sent += 1
                    now = time.monotonic() - t0
                if sent < len(plan):
                    drain(min(0.002, plan[sent][0] - now))
            last = time.monotonic() - t0
            # then 2 s (from the flood's end, or from the last send if that came later)
            end = max(f.seconds, last) + 2
            while time.monotonic() - t0 < end:
                drain(end - (time.monotonic() - t0))
            after = self.tx_dropped(slaves)
        finally:
            for s in receivers + senders:
                s.close()
        self.log.append(
            f"probe {k}: flood of {len(plan)} datagrams ({f.count} per sender, every {f.interval * 1000:.3f} ms), "
            f"last sent at {last:.3f} s (planned {plan[-1][0]:.3f} s), latest send {late_max * 1000:.1f} ms behind plan, "
            f"{failed} sends failed; tx_dropped " + " ".join(f"{n}: {before[n]} -> {after[n]}" for n in before)
        )
        if last - plan[-1][0] > FLOOD_PACING_S:
            self.log.append(
                f"probe {k}: warning: the last datagram left {(last - plan[-1][0]) * 1000:.0f} ms late; the tolerance of a flood "
                f"through a backlogged tbf assumes at most {FLOOD_PACING_S * 1000:.0f} ms (FORMAT.md, Traffic control)"
            )
        dropped = sum(after[n] - before[n] for n in before)
        return f"received {got[0]} tx_dropped {dropped} tol {f.tol}"

    def probe_sleep(self, k, seconds):
        time.sleep(float(seconds))
        return "ok"

    def link_info(self, node, detail=False):
        extra = ["-d"] if detail else []
        return ip_json(self.node(node).ns, *extra, "link", "show", "dev", DEV)[0]

    def refusal_outcome(self, k, refusal):
        if refusal[0] is not None:
            self.log.append(f"probe {k}: {refusal[0]}: {refusal[1]}")
        return "ok" if refusal[0] is None else f"refused {refusal[0]}"

    # ---- teardown
    def teardown(self):
        for s in self.join_sockets:
            s.close()
        self.join_sockets = []
        # Deleting the host namespace deletes the master, and with it every slave.
        run(["ip", "-batch", "-"], stdin="".join(f"netns del {ns}\n" for ns in reversed(self.namespaces)), check=False)
        self.namespaces = []


def alarm_handler(signum, frame):
    raise ScenarioTimeout()


def run_scenario(name, path, outdir, kernel, prefix, own_klog):
    """Run one scenario; always writes results.txt and runner.txt.  Returns the status."""
    t0 = time.monotonic()
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    os.makedirs(outdir)
    results, log, status, r = [], [], "ok", None
    if own_klog:
        run(["dmesg", "-C"], check=False)
    try:
        sc = parse_scenario(name, path)
        limit = scenario_budget(sc)
        log += [f"scenario: {sc.description}", f"time limit: {limit:.0f} s"]
        signal.signal(signal.SIGALRM, alarm_handler)
        signal.alarm(int(limit))
        r = Run(sc, outdir, prefix)
        r.build()
        log.append(f"setup: {time.monotonic() - t0:.2f} s")
        for k, words in enumerate(sc.probes, 1):
            tp = time.monotonic()
            cap = Capture(r.wire, os.path.join(outdir, f"probe-{k}.pcap"))
            try:
                outcome = r.probe(k, words)
                time.sleep(1)  # the window ends 1 s after the probe
            finally:
                stats = cap.stop()
            results.append(f"{k} {outcome}")
            log.append(f"probe {k}: {' '.join(words)} -> {outcome} ({time.monotonic() - tp:.2f} s; {stats})")
        results.append("end")
    except ScenarioTimeout:
        status = "timeout"
        results.append(f"error kernel runner: time limit reached after {len(results)} probes")
    except ScenarioError as e:
        status = "error"
        results = [f"error {e}"]
    except Exception as e:  # a bug of this runner: report it, go on with the next scenario
        status = "error"
        results = [f"error kernel runner: {type(e).__name__}: {e}"]
    finally:
        signal.alarm(0)
        if r is not None:
            log += r.log
            try:
                r.teardown()
            except Exception as e:
                log.append(f"teardown failed: {e}")
    total = time.monotonic() - t0
    klog = run(["dmesg", "-c"], check=False).stdout.strip() if own_klog else ""
    with open(os.path.join(outdir, "results.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(results) + "\n")
    with open(os.path.join(outdir, "runner.txt"), "w", encoding="utf-8") as f:
        f.write("runner: kernel (User-Mode Linux, validation/kernel/run-kernel.sh)\n")
        f.write(f"kernel: {kernel}\n")
        f.write("\n".join(log) + "\n")
        f.write(f"total: {total:.2f} s\n")
        if klog:
            f.write("kernel log:\n" + klog + "\n")
    return status, total


def run_all(names, scn_dir, out, jobs):
    """Run the scenarios, `jobs` at a time (each in a forked worker with its own
    namespace prefix).  Prints one progress line per scenario."""
    kernel = os.uname().release
    pending = list(enumerate(names, 1))
    running = {}  # pid -> (index, name, slot, start, deadline)
    free = list(range(jobs))
    failed = 0
    while pending or running:
        while pending and free:
            i, name = pending.pop(0)
            slot = free.pop(0)
            path = os.path.join(scn_dir, name + ".scn")
            try:
                limit = scenario_budget(parse_scenario(name, path)) + 30
            except (ScenarioError, OSError):
                limit = SETUP_BUDGET
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                code = 3
                try:
                    status, _ = run_scenario(name, path, os.path.join(out, name), kernel, f"j{slot}-", jobs == 1)
                    code = 0 if status == "ok" else 1
                finally:
                    os._exit(code)
            running[pid] = (i, name, slot, time.monotonic(), time.monotonic() + limit)
        pid, wstatus = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for p, (i, name, slot, t0, deadline) in running.items():
                if now > deadline:
                    os.kill(p, signal.SIGKILL)  # its results.txt stays missing: an error on the host
            time.sleep(0.1)
            continue
        i, name, slot, t0, _ = running.pop(pid)
        free.append(slot)
        code = os.waitstatus_to_exitcode(wstatus)
        status = {0: "ok", 1: "error or timeout"}.get(code, f"worker died ({code})")
        failed += code != 0
        print(f"[{i}/{len(names)}] {name}: {status} ({time.monotonic() - t0:.1f} s)", flush=True)
    return failed


def main():
    global ROOT_NS_FD
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", help="output folder (one sub-folder per scenario)")
    p.add_argument("--scn-dir", help="folder holding <name>.scn")
    p.add_argument("--jobs", type=int, default=1, help="scenarios run at the same time (default 1)")
    p.add_argument("--budget", action="store_true", help="print the batch's time limit in seconds and exit")
    p.add_argument("--list", help="file naming the scenarios to run, one a line (with --scn-dir)")
    p.add_argument("items", nargs="*", help="scenario names (with --scn-dir) or files (with --budget)")
    a = p.parse_args()

    if a.budget:
        limits = []
        for path in a.items:
            try:
                limits.append(scenario_budget(parse_scenario(os.path.basename(path)[:-4], path)))
            except (ScenarioError, OSError):
                limits.append(SETUP_BUDGET)
        print(int(BOOT_BUDGET + sum(limits) / max(1, a.jobs) + max(limits)))
        return 0

    names = list(a.items)
    if a.list:
        with open(a.list, encoding="utf-8") as f:
            names += f.read().split()
        # The list must name exactly the scenario files that were copied.
        copied = sorted(f[:-4] for f in os.listdir(a.scn_dir) if f.endswith(".scn"))
        if sorted(names) != copied:
            print(f"kernel runner: list of {len(names)} names does not match the {len(copied)} scenario files", flush=True)
            return 1
    ROOT_NS_FD = os.open("/proc/self/ns/net", os.O_RDONLY)
    # Neighbour entries never age during a scenario: the unicast refresh probes
    # (DELAY -> PROBE after 5 s, REACHABLE -> STALE after a random 15-45 s) would land
    # in whichever window the machine's speed puts them, so two runs of the same
    # kernel would differ on the wire.  Every new interface, in any namespace, copies
    # these defaults of the initial namespace (neigh_parms_alloc).
    for fam in ("ipv4", "ipv6"):
        sysctl(f"net.{fam}.neigh.default.base_reachable_time_ms", NEIGH_HOLD_S * 1000)
        sysctl(f"net.{fam}.neigh.default.delay_first_probe_time", NEIGH_HOLD_S)
    t0 = time.monotonic()
    failed = run_all(names, a.scn_dir, a.out, max(1, a.jobs))
    print(f"kernel runner: {len(names)} scenarios in {time.monotonic() - t0:.1f} s ({a.jobs} at a time), {failed} not run to the end", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
