#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the seed corpus of the ipvlan fuzz harness (test/fuzz/ipvlan-fuzz.cc).

Every file is one input in the harness's format: a test-bed byte (mode, flags), then
records (an operation, a destination selector, an ethertype, a length, the payload).
The payloads are real frames for the harness's addresses (router 10.0.0.1 and
2001:db8::1, host .2 and ::2, containers .10-.12 and ::10-::12): ARP, IPv4 UDP/ICMP,
IPv6 UDP/ICMPv6, NS/NA with and without options, DAD probes, IPv6 extension headers,
an 802.1Q frame, and truncated or inconsistent headers.

Usage: make-seed-corpus.py OUTPUT_DIR
"""

import ipaddress
import os
import struct
import sys

# Ethertypes
ETH_IP, ETH_ARP, ETH_IPV6, ETH_VLAN = 0x0800, 0x0806, 0x86DD, 0x8100

# Operations (low 3 bits of the op byte; the slave index is op >> 3)
OP_RX, OP_RX_REFLECTED, OP_TX_SLAVE, OP_TX_HOST = 0, 1, 2, 3
OP_TOGGLE_UP, OP_TOGGLE_ALLMULTI, OP_MTU, OP_RUN = 4, 5, 6, 7

# Destination selectors (DestinationFor in the harness)
D_MASTER, D_BCAST, D_ALLHOSTS, D_ALLNODES, D_SOLICITED0, D_ROUTER, D_OTHER, D_GROUP = range(8)
D_NOT_ETHERNET = 15

ROUTER_MAC = bytes.fromhex("020000000001")  # only ever a payload field (ARP sha)


def v4(a):
    return ipaddress.IPv4Address(a).packed


def v6(a):
    return ipaddress.IPv6Address(a).packed


def csum(data):
    """The Internet checksum (ones' complement sum of 16-bit words)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4(src, dst, proto, payload, ttl=64, tot_len=None, ihl=5):
    options = b"\x01" * (ihl * 4 - 20)  # NOPs
    length = tot_len if tot_len is not None else ihl * 4 + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, length, 1, 0, ttl, proto, 0,
                      v4(src), v4(dst)) + options
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def udp4(src, dst, sport, dport, data):
    length = 8 + len(data)
    pseudo = v4(src) + v4(dst) + struct.pack("!BBH", 0, 17, length)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    return struct.pack("!HHHH", sport, dport, length, csum(pseudo + hdr + data)) + data


def icmp4_echo(ident=1, seq=1, data=b"ping"):
    body = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, ETH_IP, 6, 4, op, sha, v4(spa), tha, v4(tpa))


def ipv6(src, dst, nh, payload, hop=64):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, hop, v6(src), v6(dst)) + payload


def l4_6(src, dst, nh, body):
    """Fill in the checksum (bytes 2-3 for ICMPv6, 6-7 for UDP) over the pseudo-header."""
    pseudo = v6(src) + v6(dst) + struct.pack("!IxxxB", len(body), nh)
    c = csum(pseudo + body)
    at = 6 if nh == 17 else 2
    return body[:at] + struct.pack("!H", c) + body[at + 2:]


def udp6(src, dst, sport, dport, data):
    body = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return l4_6(src, dst, 17, body)


def icmp6(src, dst, typ, code, rest):
    return l4_6(src, dst, 58, struct.pack("!BBH", typ, code, 0) + rest)


def ns(src, dst, target, with_option=True):
    opt = struct.pack("!BB6s", 1, 1, ROUTER_MAC) if with_option else b""
    return ipv6(src, dst, 58, icmp6(src, dst, 135, 0, b"\0\0\0\0" + v6(target) + opt), hop=255)


def na(src, dst, target, with_option=True, flags=0x60000000):
    opt = struct.pack("!BB6s", 2, 1, ROUTER_MAC) if with_option else b""
    body = struct.pack("!I", flags) + v6(target) + opt
    return ipv6(src, dst, 58, icmp6(src, dst, 136, 0, body), hop=255)


def solicited(a):
    return "ff02::1:ff" + ipaddress.IPv6Address(a).packed[13:].hex()[:2] + ":" + \
        ipaddress.IPv6Address(a).packed[14:].hex()


def frame(op, dst, ethertype, payload, slave=0, mac=b""):
    """One frame record."""
    return bytes([op | (slave << 3), dst]) + mac + struct.pack("!HH", ethertype,
                                                                len(payload)) + payload


def control(op, arg=0):
    """One control record (up/down, all-multicast, MTU, run)."""
    return bytes([op | (arg << 3)])


def frames():
    """(name, record) pairs: received frames and slave/host transmissions."""
    r, h, c0, c1 = "10.0.0.1", "10.0.0.2", "10.0.0.10", "10.0.0.11"
    r6, h6, c06, c16 = "2001:db8::1", "2001:db8::2", "2001:db8::10", "2001:db8::11"
    zero = b"\0" * 6
    udp_c0 = ipv4(r, c0, 17, udp4(r, c0, 1234, 7, b"hello"))
    udp6_c0 = ipv6(r6, c06, 17, udp6(r6, c06, 1234, 7, b"hello"))
    hbh = struct.pack("!BB", 17, 0) + b"\x01\x04\0\0\0\0"  # next UDP, PadN(4)
    frag_first = struct.pack("!BBHI", 17, 0, 0x0001, 0x1234)  # offset 0, M=1
    frag_atomic = struct.pack("!BBHI", 17, 0, 0x0000, 0x1235)  # offset 0, M=0
    u6 = udp6(r6, c06, 1234, 7, b"fragment")
    vlan_inner = struct.pack("!HH", 0x0005, ETH_IP) + udp_c0
    yield "rx-arp-request", frame(OP_RX, D_BCAST, ETH_ARP, arp(1, ROUTER_MAC, r, zero, c0))
    yield "rx-arp-request-host", frame(OP_RX, D_BCAST, ETH_ARP, arp(1, ROUTER_MAC, r, zero, h))
    yield "rx-arp-reply", frame(OP_RX, D_MASTER, ETH_ARP, arp(2, ROUTER_MAC, r, zero, c0))
    yield "rx-arp-request-reflected", frame(OP_RX_REFLECTED, D_BCAST, ETH_ARP,
                                            arp(1, zero, c1, zero, c0))
    yield "rx-ipv4-udp", frame(OP_RX, D_MASTER, ETH_IP, udp_c0)
    yield "rx-ipv4-udp-host", frame(OP_RX, D_MASTER, ETH_IP, ipv4(r, h, 17, udp4(r, h, 9, 7, b"x")))
    yield "rx-ipv4-icmp", frame(OP_RX, D_MASTER, ETH_IP, ipv4(r, c1, 1, icmp4_echo()))
    yield "rx-ipv4-udp-bcast", frame(OP_RX, D_BCAST, ETH_IP,
                                     ipv4(r, "10.0.0.255", 17, udp4(r, "10.0.0.255", 9, 7, b"b")))
    yield "rx-ipv4-udp-mcast", frame(OP_RX, D_ALLHOSTS, ETH_IP,
                                     ipv4(r, "224.0.0.1", 17, udp4(r, "224.0.0.1", 9, 7, b"m")))
    yield "rx-ipv4-otherhost", frame(OP_RX, D_OTHER, ETH_IP, udp_c0)
    yield "rx-ipv6-udp", frame(OP_RX, D_MASTER, ETH_IPV6, udp6_c0)
    yield "rx-ipv6-icmp-echo", frame(OP_RX, D_MASTER, ETH_IPV6,
                                     ipv6(r6, c16, 58, icmp6(r6, c16, 128, 0, b"\0\1\0\1ping")))
    yield "rx-ns-option", frame(OP_RX, D_SOLICITED0, ETH_IPV6, ns(r6, solicited(c06), c06))
    yield "rx-ns-no-option", frame(OP_RX, D_MASTER, ETH_IPV6, ns(r6, c06, c06, False))
    yield "rx-na-option", frame(OP_RX, D_MASTER, ETH_IPV6, na(r6, c06, r6))
    yield "rx-na-no-option", frame(OP_RX, D_ALLNODES, ETH_IPV6, na(r6, "ff02::1", r6, False))
    yield "rx-dad-ns", frame(OP_RX, D_SOLICITED0, ETH_IPV6, ns("::", solicited(c06), c06, False))
    yield "rx-dad-ns-other", frame(OP_RX, D_ALLNODES, ETH_IPV6,
                                   ns("::", solicited("2001:db8::99"), "2001:db8::99", False))
    yield "rx-ipv6-hop-by-hop", frame(OP_RX, D_MASTER, ETH_IPV6,
                                      ipv6(r6, c06, 0, hbh + udp6(r6, c06, 1234, 7, b"hbh")))
    yield "rx-ipv6-fragment", frame(OP_RX, D_MASTER, ETH_IPV6, ipv6(r6, c06, 44, frag_first + u6))
    yield "rx-ipv6-atomic-fragment", frame(OP_RX, D_MASTER, ETH_IPV6,
                                           ipv6(r6, c06, 44, frag_atomic + u6))
    yield "rx-vlan", frame(OP_RX, D_MASTER, ETH_VLAN, vlan_inner)
    yield "rx-ipv4-truncated", frame(OP_RX, D_MASTER, ETH_IP, udp_c0[:10])
    yield "rx-ipv4-short-totlen", frame(OP_RX, D_MASTER, ETH_IP,
                                        ipv4(r, c0, 17, udp4(r, c0, 9, 7, b"x"), tot_len=200))
    yield "rx-ipv4-options", frame(OP_RX, D_MASTER, ETH_IP,
                                   ipv4(r, c0, 17, udp4(r, c0, 9, 7, b"o"), ihl=6))
    yield "rx-ipv6-truncated", frame(OP_RX, D_MASTER, ETH_IPV6, udp6_c0[:20])
    yield "rx-arp-truncated", frame(OP_RX, D_BCAST, ETH_ARP, arp(1, ROUTER_MAC, r, zero, c0)[:12])
    yield "rx-unknown-ethertype", frame(OP_RX, D_MASTER, 0x88B5, b"\0" * 20)
    # transmissions by container 0 (10.0.0.10 / 2001:db8::10) and by the host
    yield "tx-ipv4-udp-to-slave", frame(OP_TX_SLAVE, D_MASTER, ETH_IP,
                                        ipv4(c0, c1, 17, udp4(c0, c1, 9, 7, b"s2s")))
    yield "tx-ipv4-udp-to-router", frame(OP_TX_SLAVE, D_ROUTER, ETH_IP,
                                         ipv4(c0, r, 17, udp4(c0, r, 9, 7, b"out")))
    yield "tx-ipv4-icmp-to-host", frame(OP_TX_SLAVE, D_MASTER, ETH_IP, ipv4(c0, h, 1, icmp4_echo()))
    yield "tx-ipv4-bcast", frame(OP_TX_SLAVE, D_BCAST, ETH_IP,
                                 ipv4(c0, "10.0.0.255", 17, udp4(c0, "10.0.0.255", 9, 7, b"b")))
    yield "tx-arp-request", frame(OP_TX_SLAVE, D_BCAST, ETH_ARP, arp(1, zero, c0, zero, c1))
    yield "tx-ipv6-udp-to-slave", frame(OP_TX_SLAVE, D_MASTER, ETH_IPV6,
                                        ipv6(c06, c16, 17, udp6(c06, c16, 9, 7, b"s2s")))
    yield "tx-ipv6-udp-to-router", frame(OP_TX_SLAVE, D_ROUTER, ETH_IPV6,
                                         ipv6(c06, r6, 17, udp6(c06, r6, 9, 7, b"out")))
    yield "tx-dad-ns", frame(OP_TX_SLAVE, D_SOLICITED0, ETH_IPV6,
                             ns("::", solicited(c16), c16, False), slave=0)
    yield "tx-ns", frame(OP_TX_SLAVE, D_ALLNODES, ETH_IPV6, ns(c06, solicited(r6), r6))
    yield "tx-not-ethernet", frame(OP_TX_SLAVE, D_NOT_ETHERNET, ETH_IP, udp_c0)
    yield "tx-vlan", frame(OP_TX_SLAVE, D_ROUTER, ETH_VLAN, vlan_inner)
    yield "tx-truncated", frame(OP_TX_SLAVE, D_MASTER, ETH_IPV6, udp6_c0[:30])
    yield "tx-jumbo", frame(OP_TX_SLAVE, D_ROUTER, ETH_IP,
                            ipv4(c0, r, 17, udp4(c0, r, 9, 7, b"j" * 1600)))
    yield "tx-host-udp-to-slave", frame(OP_TX_HOST, D_MASTER, ETH_IP,
                                        ipv4(h, c0, 17, udp4(h, c0, 9, 7, b"h2s")))
    # sequences: state changes between frames
    yield "seq-slave-down-rx", control(OP_TOGGLE_UP, 0) + frame(OP_RX, D_MASTER, ETH_IP, udp_c0) + \
        control(OP_RUN, 10) + control(OP_TOGGLE_UP, 0) + frame(OP_RX, D_MASTER, ETH_IP, udp_c0)
    yield "seq-allmulti-group", control(OP_TOGGLE_ALLMULTI, 1) + frame(
        OP_RX, D_GROUP, ETH_IP, ipv4(r, "239.127.0.1", 17, udp4(r, "239.127.0.1", 9, 7, b"g")))
    yield "seq-mtu-small", control(OP_MTU, 2) + frame(
        OP_TX_SLAVE, D_ROUTER, ETH_IP, ipv4(c0, r, 17, udp4(c0, r, 9, 7, b"m" * 1000)))
    yield "seq-ping-then-reply", frame(OP_TX_SLAVE, D_ROUTER, ETH_IP,
                                       ipv4(c0, r, 1, icmp4_echo())) + control(OP_RUN, 5) + \
        frame(OP_RX, D_MASTER, ETH_IP, ipv4(r, c0, 1, icmp4_echo()))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    modes, flags = ("l2", "l3", "l3s"), ("bridge", "private", "vepa")
    n = 0
    for f in range(3):
        for m in range(3):
            beds = [(m + 3 * f, "%s-%s" % (modes[m], flags[f]))]
            if m == 2:
                beds.append((0x80 | (m + 3 * f), "%s-%s-established" % (modes[m], flags[f])))
            for bed, bed_name in beds:
                for name, record in frames():
                    with open(os.path.join(out, "%s-%s" % (bed_name, name)), "wb") as fh:
                        fh.write(bytes([bed]) + record)
                    n += 1
    print("wrote %d seed inputs to %s" % (n, out))


if __name__ == "__main__":
    main()
