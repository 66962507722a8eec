/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The host netfilter's connection tracker forgets flows with the kernel's per-protocol
// timeouts, is bounded (MaxEntries, early_drop, refusal with reason conntrack-full) and
// purges expired flows a few at a time (doc/hardening-notes.rst, "Connection tracking
// that expires").
#include "../ipvlan-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipvlan-netfilter.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::ipvlantest;

namespace
{
const Ipv4Address CONTAINER("10.0.0.10"); ///< the slave's side
const Ipv4Address REMOTE("192.0.2.1");    ///< the far side

/// An IPv4 packet with a UDP header
Ptr<Packet>
Udp(Ipv4Address src, uint16_t sport, Ipv4Address dst, uint16_t dport)
{
    Ptr<Packet> p = Create<Packet>(16);
    UdpHeader udp;
    udp.SetSourcePort(sport);
    udp.SetDestinationPort(dport);
    p->AddHeader(udp);
    Ipv4Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetProtocol(17);
    ip.SetPayloadSize(p->GetSize());
    p->AddHeader(ip);
    return p;
}

/// An IPv4 packet with a TCP header carrying the given flags
Ptr<Packet>
Tcp(Ipv4Address src, uint16_t sport, Ipv4Address dst, uint16_t dport, uint8_t flags)
{
    Ptr<Packet> p = Create<Packet>(0);
    TcpHeader tcp;
    tcp.SetSourcePort(sport);
    tcp.SetDestinationPort(dport);
    tcp.SetFlags(flags);
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetProtocol(6);
    ip.SetPayloadSize(p->GetSize());
    p->AddHeader(ip);
    return p;
}

/// Let simulated time pass until t (absolute)
void
AdvanceTo(Time t)
{
    RunFor(t - Simulator::Now());
}

/// A slave's flow out (OUTPUT) from the container's port to the remote's
bool
Out(Ptr<IpvlanNetfilter> nf, Ptr<Packet> p, IpvlanDropReason* reason = nullptr)
{
    return nf->Process(IPVLAN_HOOK_OUTPUT, p, Ipv4L3Protocol::PROT_NUMBER, nullptr, reason);
}

/// A packet in (INPUT) to the slave
bool
In(Ptr<IpvlanNetfilter> nf, Ptr<Packet> p, IpvlanDropReason* reason = nullptr)
{
    return nf->Process(IPVLAN_HOOK_INPUT, p, Ipv4L3Protocol::PROT_NUMBER, nullptr, reason);
}

/// A hook that counts the packets it is asked about and accepts them
bool
CountingHook(uint32_t* calls, Ptr<const Packet>, const IpvlanPacketInfo&)
{
    (*calls)++;
    return true;
}

/// Records the Drop trace
void
RecordNfDrop(std::vector<IpvlanDropReason>* drops,
             Ptr<const Packet>,
             const IpvlanPacketInfo&,
             IpvlanDropReason reason)
{
    drops->push_back(reason);
}

/// Records the Conntrack trace
void
RecordCt(std::vector<IpvlanCtEvent>* events, IpvlanCtEvent e, IpvlanCtTimeoutClass, uint32_t)
{
    events->push_back(e);
}

/// Records the conntrack state each hook saw
bool
RecordState(std::vector<IpvlanCtState>* states, Ptr<const Packet>, const IpvlanPacketInfo& info)
{
    states->push_back(info.state);
    return true;
}

/// Records the class of every expired flow
void
RecordExpiredClass(std::vector<IpvlanCtTimeoutClass>* classes,
                   IpvlanCtEvent e,
                   IpvlanCtTimeoutClass cls,
                   uint32_t)
{
    if (e == IPVLAN_CT_EVENT_EXPIRED)
    {
        classes->push_back(cls);
    }
}

/// Fresh simulator state for each case
struct ConntrackFixture
{
    ConntrackFixture()
    {
        Simulator::Destroy();
        nf = CreateObject<IpvlanNetfilter>();
        nf->AcceptEstablishedOnly(IPVLAN_HOOK_INPUT);
    }

    ~ConntrackFixture()
    {
        nf->Dispose();
        Simulator::Destroy();
    }

    Ptr<IpvlanNetfilter> nf; ///< the netfilter under test
};
} // namespace

BOOST_FIXTURE_TEST_SUITE(conntrack_expiry, ConntrackFixture)

// The defaults are the kernel's nf_conntrack sysctls.
BOOST_AUTO_TEST_CASE(defaults_are_the_kernel_timeouts)
{
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_UDP_UNREPLIED), Seconds(30));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_UDP_STREAM), Seconds(120));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_ICMP), Seconds(30));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_GENERIC), Seconds(600));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_SYN_SENT), Seconds(120));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_SYN_RECV), Seconds(60));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_ESTABLISHED), Seconds(432000));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_FIN_WAIT), Seconds(120));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_CLOSE_WAIT), Seconds(60));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_LAST_ACK), Seconds(30));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_TIME_WAIT), Seconds(120));
    BOOST_CHECK_EQUAL(nf->GetTimeout(IPVLAN_CT_TCP_CLOSE), Seconds(10));
    UintegerValue max;
    nf->GetAttribute("MaxEntries", max);
    BOOST_CHECK_EQUAL(max.Get(), 65536U);
}

// A slave's flow out: the answer comes back before the timeout and is accepted by
// "accept established only"; an answer after the timeout meets no flow and is dropped.
BOOST_AUTO_TEST_CASE(reply_accepted_before_the_timeout_and_refused_after)
{
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5001, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 2U);
    AdvanceTo(Seconds(29));
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5000))); // within UdpTimeout (30 s)
    AdvanceTo(Seconds(31));
    IpvlanDropReason reason = IPVLAN_DROP_CONNTRACK_FULL;
    BOOST_CHECK(!In(nf, Udp(REMOTE, 53, CONTAINER, 5001), &reason)); // the flow is gone
    BOOST_CHECK_EQUAL(reason, IPVLAN_DROP_NETFILTER);                // by the policy
    BOOST_CHECK_EQUAL(nf->GetLastDropReason(), IPVLAN_DROP_NETFILTER);
    BOOST_CHECK_EQUAL(nf->GetExpired(), 1U);

    // the same for an established TCP connection with a shorter established timeout
    nf->SetAttribute("TcpEstablishedTimeout", TimeValue(Seconds(300)));
    BOOST_CHECK(Out(nf, Tcp(CONTAINER, 6000, REMOTE, 80, TcpHeader::SYN)));
    BOOST_CHECK(In(nf, Tcp(REMOTE, 80, CONTAINER, 6000, TcpHeader::SYN | TcpHeader::ACK)));
    BOOST_CHECK(Out(nf, Tcp(CONTAINER, 6000, REMOTE, 80, TcpHeader::ACK)));
    AdvanceTo(Seconds(31 + 299));
    BOOST_CHECK(In(nf, Tcp(REMOTE, 80, CONTAINER, 6000, TcpHeader::ACK))); // refreshed
    AdvanceTo(Seconds(31 + 299 + 301));
    BOOST_CHECK(!In(nf, Tcp(REMOTE, 80, CONTAINER, 6000, TcpHeader::ACK)));
}

// An answered UDP flow is a stream: it lives UdpStreamTimeout (120 s) after its last
// packet, not UdpTimeout (30 s).
BOOST_AUTO_TEST_CASE(replied_udp_flow_lives_for_the_stream_timeout)
{
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    AdvanceTo(Seconds(1));
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    AdvanceTo(Seconds(1 + 100)); // past 30 s, within 120 s
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    AdvanceTo(Seconds(101 + 119));
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    AdvanceTo(Seconds(220 + 121));
    BOOST_CHECK(!In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    BOOST_CHECK_EQUAL(nf->GetExpired(), 1U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 0U);
}

// The original direction stays NEW until the flow is answered (IPS_SEEN_REPLY).
BOOST_AUTO_TEST_CASE(original_direction_is_new_until_answered)
{
    nf->AcceptEstablishedOnly(IPVLAN_HOOK_OUTPUT);
    nf->ClearHooks();
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    std::vector<IpvlanCtState> states;
    nf->AddHook(IPVLAN_HOOK_OUTPUT, MakeBoundCallback(&RecordState, &states));
    nf->AddHook(IPVLAN_HOOK_INPUT, MakeBoundCallback(&RecordState, &states));
    Out(nf, Udp(CONTAINER, 5000, REMOTE, 53));
    In(nf, Udp(REMOTE, 53, CONTAINER, 5000));
    Out(nf, Udp(CONTAINER, 5000, REMOTE, 53));
    BOOST_REQUIRE_EQUAL(states.size(), 3U);
    BOOST_CHECK_EQUAL(states[0], IPVLAN_CT_NEW);
    BOOST_CHECK_EQUAL(states[1], IPVLAN_CT_ESTABLISHED);
    BOOST_CHECK_EQUAL(states[2], IPVLAN_CT_ESTABLISHED);
}

// MaxEntries N, N answered (assured) flows: the N+1-th new flow is refused with reason
// conntrack-full before any hook runs; counters and traces say so; nothing else moves.
BOOST_AUTO_TEST_CASE(full_table_of_assured_flows_refuses_a_new_flow)
{
    const uint32_t n = 16;
    nf->SetAttribute("MaxEntries", UintegerValue(n));
    std::vector<IpvlanDropReason> drops;
    std::vector<IpvlanCtEvent> events;
    nf->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordNfDrop, &drops));
    nf->TraceConnectWithoutContext("Conntrack", MakeBoundCallback(&RecordCt, &events));
    for (uint32_t i = 0; i < n; ++i)
    {
        uint16_t port = static_cast<uint16_t>(5000 + i);
        BOOST_CHECK(Out(nf, Udp(CONTAINER, port, REMOTE, 53)));
        BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, port))); // answered: assured
    }
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    uint32_t hookCalls = 0;
    nf->AddHook(IPVLAN_HOOK_OUTPUT, MakeBoundCallback(&CountingHook, &hookCalls));
    IpvlanDropReason reason = IPVLAN_DROP_NETFILTER;
    BOOST_CHECK(!Out(nf, Udp(CONTAINER, 7000, REMOTE, 53), &reason));
    BOOST_CHECK_EQUAL(reason, IPVLAN_DROP_CONNTRACK_FULL);
    BOOST_CHECK_EQUAL(nf->GetLastDropReason(), IPVLAN_DROP_CONNTRACK_FULL);
    BOOST_CHECK_EQUAL(hookCalls, 0U);
    BOOST_CHECK_EQUAL(nf->GetRefused(), 1U);
    BOOST_CHECK_EQUAL(nf->GetEarlyDropped(), 0U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    BOOST_CHECK_EQUAL(nf->GetInserted(), n);
    BOOST_REQUIRE_EQUAL(drops.size(), 1U);
    BOOST_CHECK_EQUAL(drops[0], IPVLAN_DROP_CONNTRACK_FULL);
    BOOST_REQUIRE(!events.empty());
    BOOST_CHECK_EQUAL(events.back(), IPVLAN_CT_EVENT_REFUSED);
    // packets of tracked flows still pass
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    BOOST_CHECK_EQUAL(hookCalls, 1U);
    // once flows expire there is room again
    AdvanceTo(Seconds(121));
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 7000, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetRefused(), 1U);
}

// A full table with non-assured flows evicts one of them (early_drop), unless EarlyDrop
// is off.
BOOST_AUTO_TEST_CASE(full_table_evicts_a_non_assured_flow_first)
{
    const uint32_t n = 8;
    nf->SetAttribute("MaxEntries", UintegerValue(n));
    for (uint32_t i = 0; i < n; ++i)
    {
        BOOST_CHECK(Out(nf, Udp(CONTAINER, static_cast<uint16_t>(5000 + i), REMOTE, 53)));
        AdvanceTo(Simulator::Now() + Seconds(1));
    }
    // answer all but the first: the first is the only non-assured flow
    for (uint32_t i = 1; i < n; ++i)
    {
        BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, static_cast<uint16_t>(5000 + i))));
    }
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 7000, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetEarlyDropped(), 1U);
    BOOST_CHECK_EQUAL(nf->GetRefused(), 0U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    // the evicted one was the unanswered flow: its answer now meets no flow. As in the
    // kernel the entry is allocated before the filter runs, so this NEW packet's
    // allocation evicts the next non-assured flow (7000) even though the policy then
    // drops it
    BOOST_CHECK(!In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    BOOST_CHECK_EQUAL(nf->GetEarlyDropped(), 2U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n - 1);
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5001)));

    // without early drop a full table refuses
    nf->SetAttribute("EarlyDrop", BooleanValue(false));
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 7001, REMOTE, 53))); // the last free entry
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    IpvlanDropReason reason = IPVLAN_DROP_NETFILTER;
    BOOST_CHECK(!Out(nf, Udp(CONTAINER, 7002, REMOTE, 53), &reason));
    BOOST_CHECK_EQUAL(reason, IPVLAN_DROP_CONNTRACK_FULL);
    BOOST_CHECK_EQUAL(nf->GetRefused(), 1U);
    BOOST_CHECK_EQUAL(nf->GetEarlyDropped(), 2U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
}

// Expired flows leave the table a few per packet (GcBatch), oldest first: the count
// falls back without any packet paying for a scan of the table.
BOOST_AUTO_TEST_CASE(expired_flows_are_purged_a_few_per_packet)
{
    const uint32_t n = 1000;
    uint32_t batch = 8;
    nf->SetAttribute("GcBatch", UintegerValue(batch));
    for (uint32_t i = 0; i < n; ++i)
    {
        Out(nf,
            Udp(Ipv4Address(0x0a010000 + i), static_cast<uint16_t>(1024 + i % 50000), REMOTE, 53));
    }
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    AdvanceTo(Seconds(31)); // every flow has expired; nothing was purged yet
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n);
    uint64_t checks = nf->GetPurgeChecks();
    // one packet of a new flow: at most GcBatch expired flows go, and the new one comes
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 9000, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), n - batch + 1);
    BOOST_CHECK_LE(nf->GetPurgeChecks() - checks, batch + 2U * IPVLAN_CT_TIMEOUT_CLASSES);
    // each further packet purges GcBatch more, until only the live flow is left
    uint32_t packets = 1;
    while (nf->GetNConnections() > 1 && packets < n)
    {
        checks = nf->GetPurgeChecks();
        Out(nf, Udp(CONTAINER, 9000, REMOTE, 53));
        BOOST_CHECK_LE(nf->GetPurgeChecks() - checks, batch + 2U * IPVLAN_CT_TIMEOUT_CLASSES);
        packets++;
    }
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 1U);
    BOOST_CHECK_EQUAL(nf->GetExpired(), n);
    BOOST_CHECK_EQUAL(packets, (n + batch - 1) / batch);
    // an explicit purge does the same on demand
    AdvanceTo(Seconds(31 + 31));
    BOOST_CHECK_EQUAL(nf->PurgeExpired(100), 1U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 0U);
}

// The TCP states the tracker models, seen through their timeouts: a handshake that
// never completes is forgotten after TcpSynSentTimeout; a closed connection after
// TcpTimeWaitTimeout; a reset one after TcpCloseTimeout.
BOOST_AUTO_TEST_CASE(tcp_states_use_their_timeouts)
{
    std::vector<IpvlanCtTimeoutClass> classes;
    nf->TraceConnectWithoutContext("Conntrack", MakeBoundCallback(&RecordExpiredClass, &classes));
    // SYN only
    Out(nf, Tcp(CONTAINER, 6000, REMOTE, 80, TcpHeader::SYN));
    // a full open and close
    Out(nf, Tcp(CONTAINER, 6001, REMOTE, 80, TcpHeader::SYN));
    In(nf, Tcp(REMOTE, 80, CONTAINER, 6001, TcpHeader::SYN | TcpHeader::ACK));
    Out(nf, Tcp(CONTAINER, 6001, REMOTE, 80, TcpHeader::ACK));
    Out(nf, Tcp(CONTAINER, 6001, REMOTE, 80, TcpHeader::FIN | TcpHeader::ACK));
    In(nf, Tcp(REMOTE, 80, CONTAINER, 6001, TcpHeader::ACK));
    In(nf, Tcp(REMOTE, 80, CONTAINER, 6001, TcpHeader::FIN | TcpHeader::ACK));
    Out(nf, Tcp(CONTAINER, 6001, REMOTE, 80, TcpHeader::ACK));
    // reset after the handshake
    Out(nf, Tcp(CONTAINER, 6002, REMOTE, 80, TcpHeader::SYN));
    In(nf, Tcp(REMOTE, 80, CONTAINER, 6002, TcpHeader::RST | TcpHeader::ACK));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 3U);
    AdvanceTo(Seconds(11));
    nf->PurgeExpired(100);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 2U); // the reset one (10 s)
    AdvanceTo(Seconds(119));
    nf->PurgeExpired(100);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 2U);
    AdvanceTo(Seconds(121));
    nf->PurgeExpired(100);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 0U); // syn-sent and time-wait (120 s)
    BOOST_REQUIRE_EQUAL(classes.size(), 3U);
    BOOST_CHECK_EQUAL(classes[0], IPVLAN_CT_TCP_CLOSE);
    BOOST_CHECK(classes[1] == IPVLAN_CT_TCP_SYN_SENT || classes[1] == IPVLAN_CT_TCP_TIME_WAIT);
    BOOST_CHECK(classes[2] == IPVLAN_CT_TCP_SYN_SENT || classes[2] == IPVLAN_CT_TCP_TIME_WAIT);
    BOOST_CHECK(classes[1] != classes[2]);
}

// The l3s port runs slave-bound ingress through the tracker: a flow the slave opened
// is answered while it lives, and its flow is forgotten after the timeout.
BOOST_AUTO_TEST_CASE(l3s_slave_flow_expires_in_the_host_tracker)
{
    L2TestBed bed(1, 0, true, IPVLAN_MODE_L3S);
    // the router reaches the container through the host (l3s slaves are NOARP)
    bed.RouteContainersViaHost();
    Ptr<IpvlanNetfilter> host = IpvlanNetfilter::GetOrCreate(bed.host);
    host->AcceptEstablishedOnly(IPVLAN_HOOK_INPUT);
    UdpEcho echo;
    echo.Serve(bed.router);
    uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
    RunFor(Seconds(2));
    BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
    BOOST_CHECK_EQUAL(host->GetNConnections(), 1U);
    BOOST_CHECK_EQUAL(host->GetInserted(), 1U);
    RunFor(Seconds(200));
    BOOST_CHECK_EQUAL(host->PurgeExpired(10), 1U); // the stream timeout (120 s) passed
    BOOST_CHECK_EQUAL(host->GetNConnections(), 0U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(conntrack_loading)

// nf_conntrack is loaded by the first rule that needs it, and stays: with no hook and no
// policy a packet passes untracked (the table stays empty: nothing is paid per packet);
// from the first hook on every packet is tracked, also after the hooks are cleared.
BOOST_AUTO_TEST_CASE(untracked_until_a_rule_needs_it)
{
    Simulator::Destroy();
    Ptr<IpvlanNetfilter> nf = CreateObject<IpvlanNetfilter>();
    BOOST_CHECK(!nf->IsTracking());
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    BOOST_CHECK(In(nf, Udp(REMOTE, 53, CONTAINER, 5000)));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 0U);
    BOOST_CHECK_EQUAL(nf->GetAccepted(), 2U);
    uint32_t calls = 0;
    nf->AddHook(IPVLAN_HOOK_OUTPUT, MakeBoundCallback(&CountingHook, &calls));
    BOOST_CHECK(nf->IsTracking());
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5001, REMOTE, 53)));
    BOOST_CHECK_EQUAL(calls, 1U);
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 1U);
    nf->ClearHooks();
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5002, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 2U); // still loaded
    BOOST_CHECK_EQUAL(calls, 1U);
    nf->Dispose();
    Simulator::Destroy();
}

// Conntrack "always": tracked from the first packet, as on a host where the container
// runtime's NAT rules loaded nf_conntrack already; a bad value names the allowed ones.
BOOST_AUTO_TEST_CASE(always_tracks_from_the_first_packet)
{
    Simulator::Destroy();
    Ptr<IpvlanNetfilter> nf = CreateObject<IpvlanNetfilter>();
    nf->SetAttribute("Conntrack", StringValue("always"));
    BOOST_CHECK(nf->IsTracking());
    BOOST_CHECK(Out(nf, Udp(CONTAINER, 5000, REMOTE, 53)));
    BOOST_CHECK_EQUAL(nf->GetNConnections(), 1U);
    nf->Dispose();
    CheckFatalOutput(
        [] {
            CreateObject<IpvlanNetfilter>()->SetAttribute("Conntrack", StringValue("sometimes"));
        },
        {"ns3::IpvlanNetfilter::Conntrack", "\"sometimes\"", "on-demand|always"});
    Simulator::Destroy();
}

// An l3 slave's traffic through a host with no rules leaves no flow behind; the same
// traffic with a rule installed is tracked (ipvlan_process_outbound -> ip_local_out).
BOOST_AUTO_TEST_CASE(l3_egress_is_untracked_without_rules)
{
    for (bool rule : {false, true})
    {
        BOOST_TEST_CONTEXT("a rule installed: " << rule)
        {
            L2TestBed bed(1, 0, true, IPVLAN_MODE_L3);
            bed.RouteContainersViaHost();
            Ptr<IpvlanNetfilter> host = IpvlanNetfilter::GetOrCreate(bed.host);
            uint32_t calls = 0;
            if (rule)
            {
                host->AddHook(IPVLAN_HOOK_OUTPUT, MakeBoundCallback(&CountingHook, &calls));
            }
            UdpEcho echo;
            echo.Serve(bed.router);
            uint32_t id = echo.Send(bed.containers.Get(0), L2TestBed::RouterAddress(), Seconds(1));
            RunFor(Seconds(2));
            BOOST_CHECK_EQUAL(echo.Replies(id), 1U);
            BOOST_CHECK_EQUAL(host->GetNConnections(), rule ? 1U : 0U);
            BOOST_CHECK_EQUAL(calls, rule ? 1U : 0U);
            BOOST_CHECK_EQUAL(host->GetAccepted(), 1U);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
