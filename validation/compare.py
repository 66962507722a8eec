#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare the kernel runner's and the model runner's results (validation/FORMAT.md §4).

    compare.py <kernel-out> <model-out> [--allowed FILE]
    compare.py --self-test

For every scenario and probe, the outcome lines must be equal (two `flood` outcomes:
both numbers within the tolerance they state) and the sets of normalised frames of the
two captures must be equal.  Prints the table
`scenario probe kernel model agree`, the differing frames under each disagreement,
and the summary `N scenarios, M probes, A agree[, D allowed][, F differ]`.
Exit status 1 on any difference not listed in the allowed-differences file, and on
a scenario that is missing or errored on either side.

Pure standard library: the pcap reader is the few lines below.
"""

import argparse
import ipaddress
import os
import shutil
import struct
import sys
import tempfile

# ------------------------------------------------------------------------------------
# pcap reading and frame normalisation

PCAP_MAGIC = {  # magic as read little-endian -> (byte order, nanosecond timestamps)
    0xA1B2C3D4: ("<", False),
    0xD4C3B2A1: (">", False),
    0xA1B23C4D: ("<", True),
    0x4D3CB2A1: (">", True),
}
LINKTYPE_ETHERNET = 1
MLD_AND_RS = {130, 131, 132, 143, 133}  # ICMPv6 types removed from the comparison
IPV6_EXT_HEADERS = {0, 43, 60}  # hop-by-hop, routing, destination options
IP_PROTO_NAMES = {1: "icmp", 2: "igmp", 6: "tcp", 17: "udp", 58: "icmp6"}


class PcapError(Exception):
    pass


def read_pcap(path):
    """The frames (bytes) of a classic pcap file with Ethernet link type."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise PcapError(f"{path}: too short for a pcap header")
    (magic,) = struct.unpack("<I", data[:4])
    if magic not in PCAP_MAGIC:
        raise PcapError(f"{path}: not a classic pcap file (magic {magic:#x}; pcapng is not supported)")
    order, _ = PCAP_MAGIC[magic]
    linktype = struct.unpack(order + "I", data[20:24])[0] & 0x0FFFFFFF
    if linktype != LINKTYPE_ETHERNET:
        raise PcapError(f"{path}: link type {linktype}, expected Ethernet (1)")
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(order + "IIII", data[off : off + 16])
        off += 16
        if off + incl > len(data):
            raise PcapError(f"{path}: truncated record")
        frames.append(data[off : off + incl])
        off += incl
    return frames


def mac(b):
    return ":".join(f"{x:02x}" for x in b)


def normalise(frame):
    """One frame as a comparable string, or None if the comparison ignores it.

    Kept: source and destination MAC, ethertype; for ARP the operation, sender and
    target IP; for IPv4/IPv6 source, destination, protocol and the ICMP/ICMPv6 type.
    Ignored: MLD (ICMPv6 130-132, 143), router solicitations (133), IGMP, LLDP, STP.
    """
    if len(frame) < 14:
        return f"runt frame of {len(frame)} bytes"
    head = f"{mac(frame[6:12])} > {mac(frame[0:6])}"
    etype, off = struct.unpack("!H", frame[12:14])[0], 14
    while etype in (0x8100, 0x88A8) and len(frame) >= off + 4:  # VLAN tags
        tci, etype = struct.unpack("!HH", frame[off : off + 4])
        head += f" vlan {tci & 0xFFF}"
        off += 4
    body = frame[off:]
    if etype < 0x0600:  # IEEE 802.3 length: LLC
        if body[:1] == b"\x42":  # STP (bridge group address LLC SAP)
            return None
        return head + " llc" + (f" dsap {body[0]:#04x}" if body else "")
    if etype == 0x88CC:  # LLDP
        return None
    if etype == 0x0806:
        return head + " " + normalise_arp(body)
    if etype == 0x0800:
        rest = normalise_ipv4(body)
        return None if rest is None else head + " " + rest
    if etype == 0x86DD:
        rest = normalise_ipv6(body)
        if rest is not None and rest.startswith("ND ") and frame[0:2] == b"\x33\x33":
            head = f"{mac(frame[6:12])} > multicast"  # the group as well: the stack's choice
        return None if rest is None else head + " " + rest
    return head + f" ethertype {etype:#06x}"


def normalise_arp(b):
    if len(b) < 8:
        return "ARP truncated"
    _, ptype, hlen, plen, op = struct.unpack("!HHBBH", b[:8])
    opname = {1: "request", 2: "reply"}.get(op, f"op {op}")
    if ptype != 0x0800 or plen != 4 or len(b) < 8 + 2 * hlen + 8:
        return f"ARP {opname} ptype {ptype:#06x}"
    spa = b[8 + hlen : 12 + hlen]
    tpa = b[12 + 2 * hlen : 16 + 2 * hlen]
    return f"ARP {opname} {ipaddress.IPv4Address(spa)} > {ipaddress.IPv4Address(tpa)}"


def normalise_ipv4(b):
    if len(b) < 20 or b[0] >> 4 != 4:
        return "IPv4 malformed"
    ihl = (b[0] & 0x0F) * 4
    proto = b[9]
    if proto == 2:  # IGMP: membership reports, like MLD for IPv6
        return None
    text = f"IPv4 {ipaddress.IPv4Address(b[12:16])} > {ipaddress.IPv4Address(b[16:20])} {IP_PROTO_NAMES.get(proto, proto)}"
    frag_off = struct.unpack("!H", b[6:8])[0] & 0x1FFF
    if proto == 1 and frag_off == 0 and len(b) > ihl:
        text += f" type {b[ihl]}"
    return text


def normalise_ipv6(b):
    if len(b) < 40 or b[0] >> 4 != 6:
        return "IPv6 malformed"
    nh, off = b[6], 40
    while True:
        if nh in IPV6_EXT_HEADERS and len(b) >= off + 2:
            nh, off = b[off], off + (b[off + 1] + 1) * 8
        elif nh == 44 and len(b) >= off + 8:  # fragment header
            first = struct.unpack("!H", b[off + 2 : off + 4])[0] & 0xFFF8 == 0
            nh, off = b[off], off + 8
            if not first:
                break
        else:
            break
    text = f"IPv6 {ipaddress.IPv6Address(b[8:24])} > {ipaddress.IPv6Address(b[24:40])} {IP_PROTO_NAMES.get(nh, nh)}"
    if nh == 58 and len(b) > off:
        if b[off] in MLD_AND_RS:
            return None
        if b[off] in (135, 136) and len(b) >= off + 24:
            # Neighbour discovery: which address is resolved or defended, and whether it
            # is DAD (source ::). The IPv6 source and destination the stacks pick for ND
            # (Linux: a link-local source, a DAD defence to ff02::1; ns-3: a global
            # source, the solicited-node group) are the IP stack's, not ipvlan's.
            kind = "NS" if b[off] == 135 else "NA"
            dad = " from ::" if b[8:24] == bytes(16) else ""
            return f"ND {kind} target {ipaddress.IPv6Address(b[off + 8 : off + 24])}{dad}"
        text += f" type {b[off]}"
    return text


def without_nud(frames):
    """Remove neighbour-unreachability probing, whose timing is the IP stack's.

    Linux re-confirms a STALE neighbour with unicast ARP requests or unicast neighbour
    solicitations a few seconds after use (NUD DELAY/PROBE); ns-3 has other timers. A
    unicast ARP request or NS is removed, and so is the reply that answers only it (no
    broadcast/multicast request for the same address on the same side).
    """
    unicast_arp, broadcast_arp, unicast_ns, multicast_ns = set(), set(), set(), set()
    for f in frames:
        w = f.split()
        if len(w) >= 8 and w[3] == "ARP" and w[4] == "request":
            (broadcast_arp if w[2] == "ff:ff:ff:ff:ff:ff" else unicast_arp).add((w[5], w[7]))
        elif len(w) >= 7 and w[3] == "ND" and w[4] == "NS" and not f.endswith("from ::"):
            (multicast_ns if w[2] == "multicast" else unicast_ns).add(w[6])
    kept = set()
    for f in frames:
        w = f.split()
        if len(w) >= 8 and w[3] == "ARP":
            if w[4] == "request" and w[2] != "ff:ff:ff:ff:ff:ff":
                continue
            if w[4] == "reply" and (w[7], w[5]) in unicast_arp - broadcast_arp:
                continue
        elif len(w) >= 7 and w[3] == "ND" and not f.endswith("from ::"):
            if w[4] == "NS" and w[2] != "multicast":
                continue
            if w[4] == "NA" and w[2] != "multicast" and w[6] in unicast_ns - multicast_ns:
                continue
        kept.add(f)
    return kept


def frame_set(path):
    """The set of normalised frames of one capture."""
    return without_nud({n for n in map(normalise, read_pcap(path)) if n is not None})


# ------------------------------------------------------------------------------------
# Runner outputs


class Side:
    """One runner's output for one scenario."""

    def __init__(self, root, scenario):
        self.dir = os.path.join(root, scenario)
        self.error = None
        self.outcomes = {}  # k -> outcome text
        path = os.path.join(self.dir, "results.txt")
        if not os.path.isfile(path):
            self.error = "missing"
            return
        ended = False
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f.read().splitlines():
                line = line.strip()
                if not line:
                    continue
                if line == "end":
                    ended = True
                elif line.startswith("error"):
                    self.error = line
                else:
                    k, _, outcome = line.partition(" ")
                    try:
                        self.outcomes[int(k)] = outcome
                    except ValueError:
                        self.error = f"error bad results line {line!r}"
        if self.error is None and not ended:
            self.error = "error incomplete results (no `end` line)"

    def frames(self, k):
        """(set of frames, None) or (None, error text)."""
        path = os.path.join(self.dir, f"probe-{k}.pcap")
        if not os.path.isfile(path):
            return None, f"no probe-{k}.pcap"
        try:
            return frame_set(path), None
        except (PcapError, OSError) as e:
            return None, str(e)


def scenarios_in(root):
    if not os.path.isdir(root):
        return set()
    return {d for d in os.listdir(root) if not d.startswith(".") and os.path.isdir(os.path.join(root, d))}


def allowance_kind(word):
    """`outcome`, `wire` or `counter:<field>` (one cell of a `counters` outcome)."""
    if word in ("outcome", "wire"):
        return True
    return word.startswith("counter:") and word[len("counter:") :] in COUNTER_FIELDS


def read_allowed(path):
    """{(scenario, k or '*', 'outcome'|'wire'|'counter:<field>'): reason}."""
    allowed = {}
    if not path:
        return allowed
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split(None, 3)
            if len(words) < 4 or not allowance_kind(words[2]) or not (words[1] == "*" or words[1].isdigit()):
                raise SystemExit(f"{path}:{no}: expected `<scenario> <k|*> <outcome|wire|counter:<field>> <reason...>`")
            allowed[(words[0], words[1], words[2])] = words[3]
    return allowed


def allowance(allowed, used, scenario, k, what):
    for key in ((scenario, str(k), what), (scenario, "*", what)):
        if key in allowed:
            used.add(key)
            return True
    return False


COUNTER_FIELDS = ("rx_packets", "rx_bytes", "rx_multicast", "rx_errors", "rx_dropped", "tx_packets", "tx_bytes", "tx_dropped")


def parse_counters(outcome):
    """A `counters` outcome as {field: int}; None if it is not one with values
    (`counters start`, an error, another probe's outcome)."""
    words = outcome.split()
    if not words or words[0] != "counters" or len(words) != 1 + len(COUNTER_FIELDS):
        return None
    values = {}
    for w, field in zip(words[1:], COUNTER_FIELDS):
        name, eq, value = w.partition("=")
        if name != field or not eq or not value.isdigit():
            return None
        values[name] = int(value)
    return values


def counter_cells(kernel_outcome, model_outcome):
    """The fields in which two `counters` outcomes differ ([] if either is not one)."""
    k, m = parse_counters(kernel_outcome), parse_counters(model_outcome)
    if k is None or m is None:
        return []
    return [f for f in COUNTER_FIELDS if k[f] != m[f]]


def counter_notes(kernel_outcome, model_outcome):
    """For two `counters` outcomes, one note per field that differs (FORMAT.md §1,
    `counters`): the outcome lines differ anyway; the notes say which cell."""
    k, m = parse_counters(kernel_outcome), parse_counters(model_outcome)
    if k is None or m is None:
        return []
    return [f"  counter {f}: kernel {k[f]}, model {m[f]} ({m[f] - k[f]:+d})" for f in COUNTER_FIELDS if k[f] != m[f]]


def parse_flood(outcome):
    """A `flood` outcome `received <n> tx_dropped <m> tol <a>[,<b>]` as
    (n, m, a, b) (b = a when not given); None if it is not one."""
    words = outcome.split()
    if len(words) != 6 or words[0] != "received" or words[2] != "tx_dropped" or words[4] != "tol":
        return None
    tol = words[5].split(",")
    if not (words[1].isdigit() and words[3].isdigit() and len(tol) in (1, 2) and all(t.isdigit() for t in tol)):
        return None
    return int(words[1]), int(words[3]), int(tol[0]), int(tol[-1])


def flood_within(kernel_outcome, model_outcome):
    """For two `flood` outcomes (FORMAT.md, "Traffic control"): (True, note) when both
    numbers are within the flood's tolerance, (False, note) when not, None when either is
    not a flood outcome or the two state different tolerances."""
    k, m = parse_flood(kernel_outcome), parse_flood(model_outcome)
    if k is None or m is None or k[2:] != m[2:]:
        return None
    dr, dd = m[0] - k[0], m[1] - k[1]
    ok = abs(dr) <= k[2] and abs(dd) <= k[3]
    note = f"  flood: received {dr:+d} (tol {k[2]}), tx_dropped {dd:+d} (tol {k[3]})" + ("" if ok else ": outside the tolerance")
    return ok, note


def show(frames, limit=8):
    lines = sorted(frames)
    out = lines[:limit]
    if len(lines) > limit:
        out.append(f"(+{len(lines) - limit} more)")
    return out


def compare(kernel_root, model_root, allowed, out=sys.stdout):
    """Print the table and the summary; return the number of unallowed differences."""
    names = sorted(scenarios_in(kernel_root) | scenarios_in(model_root))
    rows, details = [], {}
    counts = {"agree": 0, "allowed": 0, "differ": 0}
    used = set()
    for name in names:
        ks, ms = Side(kernel_root, name), Side(model_root, name)
        if ks.error or ms.error:
            probes = sorted(set(ks.outcomes) | set(ms.outcomes)) or ["-"]
            for k in probes:
                kt = ks.error if ks.error else ks.outcomes.get(k, "(none)")
                mt = ms.error if ms.error else ms.outcomes.get(k, "(none)")
                rows.append((name, str(k), kt, mt, "no"))
                counts["differ"] += 1
            continue
        for k in sorted(set(ks.outcomes) | set(ms.outcomes)):
            kt, mt = ks.outcomes.get(k, "(none)"), ms.outcomes.get(k, "(none)")
            notes = []
            info = []  # printed, but the probe still agrees
            ok = True
            flood = flood_within(kt, mt) if kt != mt else None
            if flood and flood[0]:
                info.append(flood[1])
            elif kt != mt:
                cells = counter_cells(kt, mt)
                if flood:
                    notes.append(flood[1])
                if allowance(allowed, used, name, k, "outcome"):
                    notes.append("outcome differs (allowed)")
                elif cells and all([allowance(allowed, used, name, k, "counter:" + f) for f in cells]):
                    notes.append("counter cells differ (allowed): " + " ".join(cells))
                else:
                    ok = False
                notes += counter_notes(kt, mt)
            (kf, kerr), (mf, merr) = ks.frames(k), ms.frames(k)
            if kerr or merr:
                ok = False
                notes += [f"kernel capture: {kerr}"] if kerr else []
                notes += [f"model capture: {merr}"] if merr else []
            elif kf != mf:
                allowed_wire = allowance(allowed, used, name, k, "wire")
                ok = ok and allowed_wire
                notes.append("wire differs" + (" (allowed)" if allowed_wire else ""))
                notes += ["  kernel only: " + f for f in show(kf - mf)]
                notes += ["  model only:  " + f for f in show(mf - kf)]
            if ok and not notes:
                verdict = "yes"
            elif ok:
                verdict = "allowed"
            else:
                verdict = "no"
            counts[{"yes": "agree", "allowed": "allowed", "no": "differ"}[verdict]] += 1
            rows.append((name, str(k), kt, mt, verdict))
            if notes or info:
                details[len(rows) - 1] = info + notes

    header = ("scenario", "probe", "kernel", "model", "agree")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]

    def fmt(r):
        return "  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4]

    print(fmt(header), file=out)
    for i, r in enumerate(rows):
        print(fmt(r), file=out)
        for note in details.get(i, []):
            print("      " + note, file=out)
    for key in sorted(set(allowed) - used):
        if key[0] in names:  # (a run of a few scenarios says nothing of the others)
            print(f"note: allowance not used: {' '.join(key)}", file=out)
    summary = f"{len(names)} scenarios, {len(rows)} probes, {counts['agree']} agree"
    if counts["allowed"]:
        summary += f", {counts['allowed']} allowed"
    if counts["differ"]:
        summary += f", {counts['differ']} differ"
    print(summary, file=out)
    return counts["differ"]


# ------------------------------------------------------------------------------------
# Self-test: hand-built frames and outputs, so the comparator itself is checked


def eth(dst, src, etype, payload):
    return bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", "")) + struct.pack("!H", etype) + payload


def arp(op, spa, tpa, sha="02:00:00:00:00:01"):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + bytes.fromhex(sha.replace(":", "")) + ipaddress.IPv4Address(spa).packed + bytes(6) + ipaddress.IPv4Address(tpa).packed


def ipv4(src, dst, proto, payload):
    head = struct.pack("!BBHHHBBH", 0x45, 0, 20 + len(payload), 0, 0, 64, proto, 0)
    return head + ipaddress.IPv4Address(src).packed + ipaddress.IPv4Address(dst).packed + payload


def ipv6(src, dst, nh, payload):
    head = struct.pack("!IHBB", 6 << 28, len(payload), nh, 255)
    return head + ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed + payload


def pcap_bytes(frames, order="<", nano=False):
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET)
    for i, fr in enumerate(frames):
        out += struct.pack(order + "IIII", 1000 + i, 0, len(fr), len(fr)) + fr
    return out


M, B = "02:00:00:00:00:01", "ff:ff:ff:ff:ff:ff"
NS_FD00_12 = bytes([135, 0]) + bytes(6) + ipaddress.IPv6Address("fd00::12").packed
E1 = "02:00:00:00:01:01"
SAMPLE = [
    eth(B, M, 0x0806, arp(1, "10.0.0.11", "10.0.0.12")),
    eth(M, E1, 0x0806, arp(2, "10.0.0.100", "10.0.0.11", E1)),
    eth(E1, M, 0x0800, ipv4("10.0.0.11", "10.0.0.100", 1, b"\x08\x00" + bytes(6))),
    eth(E1, M, 0x0800, ipv4("10.0.0.11", "10.0.0.100", 1, b"\x08\x00" + bytes(6))),  # duplicate
    eth(B, M, 0x0800, ipv4("10.0.0.11", "255.255.255.255", 17, bytes(8))),
    eth("01:00:5e:00:00:16", M, 0x0800, ipv4("10.0.0.11", "224.0.0.22", 2, bytes(8))),  # IGMP
    eth("33:33:ff:00:00:12", M, 0x86DD, ipv6("fd00::11", "ff02::1:ff00:12", 58, NS_FD00_12)),
    # NUD: a unicast ARP request and its reply, a unicast NS and its NA: removed
    eth(E1, M, 0x0806, arp(1, "10.0.0.11", "10.0.0.101")),
    eth(M, E1, 0x0806, arp(2, "10.0.0.101", "10.0.0.11", E1)),
    eth(E1, M, 0x86DD, ipv6("fd00::11", "fd00::100", 58, bytes([135, 0]) + bytes(6) + ipaddress.IPv6Address("fd00::100").packed)),
    eth(M, E1, 0x86DD, ipv6("fd00::100", "fd00::11", 58, bytes([136, 0]) + bytes(6) + ipaddress.IPv6Address("fd00::100").packed)),
    # MLDv2 report behind a hop-by-hop header (router alert): removed
    eth("33:33:00:00:00:16", M, 0x86DD, ipv6("fe80::1", "ff02::16", 0, bytes([58, 0, 5, 2, 0, 0, 1, 0]) + bytes([143, 0]) + bytes(6))),
    eth("33:33:00:00:00:02", M, 0x86DD, ipv6("fe80::1", "ff02::2", 58, bytes([133, 0]) + bytes(6))),  # RS
    eth("01:80:c2:00:00:00", M, 38, b"\x42\x42\x03" + bytes(35)),  # STP
    eth("01:80:c2:00:00:0e", M, 0x88CC, bytes(20)),  # LLDP
    eth(E1, M, 0x8100, struct.pack("!HH", 5, 0x88B5) + bytes(10)),  # VLAN 5, local experimental
]
SAMPLE_EXPECTED = {
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP request 10.0.0.11 > 10.0.0.12",
    "02:00:00:00:01:01 > 02:00:00:00:00:01 ARP reply 10.0.0.100 > 10.0.0.11",
    "02:00:00:00:00:01 > 02:00:00:00:01:01 IPv4 10.0.0.11 > 10.0.0.100 icmp type 8",
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff IPv4 10.0.0.11 > 255.255.255.255 udp",
    "02:00:00:00:00:01 > multicast ND NS target fd00::12",
    "02:00:00:00:00:01 > 02:00:00:00:01:01 vlan 5 ethertype 0x88b5",
}


def self_test():
    results = []

    def check(name, cond):
        results.append(cond)
        print(f"{'ok  ' if cond else 'FAIL'} {name}")

    tmp = tempfile.mkdtemp(prefix="compare-self-test.")
    try:
        for order, nano in (("<", False), (">", False), ("<", True)):
            p = os.path.join(tmp, "sample.pcap")
            with open(p, "wb") as f:
                f.write(pcap_bytes(SAMPLE, order, nano))
            got = frame_set(p)
            check(f"normaliser on a hand-built pcap ({'big' if order == '>' else 'little'}-endian{', ns' if nano else ''})", got == SAMPLE_EXPECTED)
            if got != SAMPLE_EXPECTED:
                print("   got only:", sorted(got - SAMPLE_EXPECTED), "\n   expected only:", sorted(SAMPLE_EXPECTED - got))
        bad = os.path.join(tmp, "bad.pcap")
        with open(bad, "wb") as f:
            f.write(b"\x0a\x0d\x0d\x0a" + bytes(40))
        try:
            frame_set(bad)
            check("pcapng is refused", False)
        except PcapError:
            check("pcapng is refused", True)

        def write_side(root, scenario, outcomes, captures, end=True):
            d = os.path.join(root, scenario)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "results.txt"), "w") as f:
                f.write("".join(f"{k} {o}\n" for k, o in enumerate(outcomes, 1)) + ("end\n" if end else ""))
            for k, frames in enumerate(captures, 1):
                with open(os.path.join(d, f"probe-{k}.pcap"), "wb") as f:
                    f.write(pcap_bytes(frames))

        def run_case(name, kernel, model, allowed_text, want_differ, want_in_summary):
            root = tempfile.mkdtemp(dir=tmp)
            for side, spec in (("k", kernel), ("m", model)):
                for scenario, args in spec.items():
                    write_side(os.path.join(root, side), scenario, *args)
            allowed = {}
            if allowed_text is not None:
                path = os.path.join(root, "allowed.txt")
                with open(path, "w") as f:
                    f.write(allowed_text)
                allowed = read_allowed(path)

            class Sink:
                text = ""

                def write(self, s):
                    Sink.text += s

            differ = compare(os.path.join(root, "k"), os.path.join(root, "m"), allowed, out=Sink())
            summary = Sink.text.strip().splitlines()[-1]
            check(f"{name}: {summary}", (differ > 0) == want_differ and want_in_summary in summary)

        base = {"s1": (["delivered", "lost"], [SAMPLE[:3], SAMPLE[4:6]])}
        run_case("identical outputs agree", base, base, None, False, "1 scenarios, 2 probes, 2 agree")
        noisy = {"s1": (["delivered", "lost"], [SAMPLE[:3] + SAMPLE[7:11] + [SAMPLE[3]], SAMPLE[4:6] + [SAMPLE[5]]])}
        run_case("ignored frames and duplicates do not count", base, noisy, None, False, "2 agree")
        doctored = {"s1": (["delivered", "delivered"], [SAMPLE[:3], SAMPLE[4:6]])}
        run_case("a changed outcome differs", base, doctored, None, True, "1 agree, 1 differ")
        run_case("an allowed outcome difference passes", base, doctored, "s1 2 outcome test\n", False, "1 agree, 1 allowed")
        run_case("a wire allowance does not cover an outcome", base, doctored, "s1 * wire test\n", True, "1 differ")
        wire = {"s1": (["delivered", "lost"], [SAMPLE[:2], SAMPLE[4:6]])}
        run_case("a missing frame differs", base, wire, None, True, "1 differ")
        run_case("an allowed wire difference passes", base, wire, "s1 * wire test\n", False, "1 allowed")
        run_case("a missing scenario differs", {**base, "s2": (["ok"], [[]])}, base, None, True, "2 scenarios")
        # counters: equal deltas agree; one cell off differs and is named
        cnt = "counters rx_packets=2 rx_bytes=154 rx_multicast=1 rx_errors=0 rx_dropped=0 tx_packets=2 tx_bytes=140 tx_dropped=0"
        cnt_k = {"c": (["counters start", cnt], [[], []])}
        run_case("equal counters agree", cnt_k, cnt_k, None, False, "2 agree")
        cnt_m = {"c": (["counters start", cnt.replace("rx_errors=0 rx_dropped=0", "rx_errors=2 rx_dropped=2")], [[], []])}
        run_case("one counter cell off differs", cnt_k, cnt_m, None, True, "1 agree, 1 differ")
        notes = counter_notes(cnt, cnt_m["c"][0][1])
        check("the differing counter cells are named", notes == ["  counter rx_errors: kernel 0, model 2 (+2)", "  counter rx_dropped: kernel 0, model 2 (+2)"])
        run_case("an allowed counter cell passes", cnt_k, cnt_m, "c 2 counter:rx_errors x\nc 2 counter:rx_dropped x\n", False, "1 agree, 1 allowed")
        run_case("a counter allowance covers only its cell", cnt_k, cnt_m, "c 2 counter:rx_errors x\n", True, "1 differ")
        check("a counters line missing a field is not parsed", parse_counters(cnt.rsplit(" ", 1)[0]) is None and parse_counters("counters start") is None)
        # flood: both numbers within the stated tolerance agree; the rest differs
        fk = {"f": (["received 268 tx_dropped 732 tol 8"], [SAMPLE[:3]])}
        fm = {"f": (["received 271 tx_dropped 729 tol 8"], [SAMPLE[:3]])}
        run_case("a flood within its tolerance agrees", fk, fm, None, False, "1 probes, 1 agree")
        fm9 = {"f": (["received 277 tx_dropped 723 tol 8"], [SAMPLE[:3]])}
        run_case("a flood outside its tolerance differs", fk, fm9, None, True, "1 differ")
        run_case("a flood at its tolerance's edge agrees", fk, {"f": (["received 260 tx_dropped 740 tol 8"], [SAMPLE[:3]])}, None, False, "1 agree")
        fk2 = {"f": (["received 268 tx_dropped 870 tol 8,29"], [SAMPLE[:3]])}
        run_case("a flood's second tolerance is tx_dropped's", fk2, {"f": (["received 271 tx_dropped 895 tol 8,29"], [SAMPLE[:3]])}, None, False, "1 agree")
        run_case("a flood's first tolerance is received's", fk2, {"f": (["received 280 tx_dropped 870 tol 8,29"], [SAMPLE[:3]])}, None, True, "1 differ")
        run_case("an exact flood (tol 0) differs by one", {"f": (["received 3 tx_dropped 7 tol 0"], [[]])}, {"f": (["received 3 tx_dropped 8 tol 0"], [[]])}, None, True, "1 differ")
        run_case("floods stating different tolerances differ", fk, {"f": (["received 268 tx_dropped 732 tol 9"], [SAMPLE[:3]])}, None, True, "1 differ")
        run_case("a flood outside its tolerance can be allowed", fk, fm9, "f 1 outcome test\n", False, "1 allowed")
        run_case("a flood within tolerance still compares the wire", fk, {"f": (["received 271 tx_dropped 729 tol 8"], [SAMPLE[:2]])}, None, True, "1 differ")
        check("a flood outcome is parsed", parse_flood("received 3 tx_dropped 7 tol 0") == (3, 7, 0, 0) and parse_flood("received 3 tx_dropped 7 tol 2,5") == (3, 7, 2, 5))
        check("other outcomes are not floods", parse_flood("received c1 e1") is None and parse_flood("received 3 tx_dropped 7") is None and parse_flood("received 3 tx_dropped x tol 1") is None)
        errored = {"s1": (["delivered"], [SAMPLE[:3]], False)}
        run_case("an incomplete result differs", base, errored, "s1 * outcome x\ns1 * wire x\n", True, "2 differ")
    finally:
        shutil.rmtree(tmp)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_allowed = os.path.join(here, "allowed-differences.txt")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kernel_out", nargs="?")
    p.add_argument("model_out", nargs="?")
    p.add_argument("--allowed", default=default_allowed if os.path.isfile(default_allowed) else None, help="allowed differences (default: allowed-differences.txt beside this script)")
    p.add_argument("--self-test", action="store_true", help="test the normaliser and the comparison on hand-built data")
    a = p.parse_args()
    if a.self_test:
        return self_test()
    if not a.kernel_out or not a.model_out:
        p.error("give <kernel-out> <model-out> (or --self-test)")
    differ = compare(a.kernel_out, a.model_out, read_allowed(a.allowed))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
