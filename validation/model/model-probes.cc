/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "model-probes.h"

#include "admin-csma-net-device.h"

#include "ns3/arp-cache.h"
#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ndisc-cache.h"
#include "ns3/pcap-file.h"
#include "ns3/simulator.h"
#include "ns3/stacked-net-device.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace ipvlanval
{

namespace
{

/// The time the topology gets before the first probe (FORMAT.md §2)
const Time SETTLE = Seconds(3);
/// How long a ping waits for its reply
const Time PING_WAIT = Seconds(3);
/// How long a UDP probe waits for deliveries
const Time UDP_WAIT = Seconds(2);
/// Quiet time after every probe, still inside its window
const Time AFTER = Seconds(1);

bool
IsV6(const std::string& ip)
{
    return ip.find(':') != std::string::npos;
}

/// Groups every host is in without joining: all-hosts and all-nodes
bool
IsImplicitGroup(const std::string& g)
{
    return g == "224.0.0.1" || g == "ff02::1";
}

bool
IsMulticastText(const std::string& ip)
{
    if (IsV6(ip))
    {
        return Ipv6Address(ip.c_str()).IsMulticast();
    }
    return Ipv4Address(ip.c_str()).IsMulticast();
}

uint32_t
ToUint(const std::string& w, const std::string& what)
{
    if (w.empty() || w.find_first_not_of("0123456789") != std::string::npos)
    {
        throw std::runtime_error(what + " \"" + w + "\" is not a number");
    }
    return static_cast<uint32_t>(std::stoul(w));
}

void
NeedWords(const ProbeSpec& p, std::size_t n)
{
    if (p.words.size() < n)
    {
        throw std::runtime_error("probe \"" + p.text + "\": too few words");
    }
}

/// The words of a flood probe: <senders> <ip> <port> <bytes> <rate> <seconds> [tol=...]
struct FloodSpec
{
    std::vector<std::string> senders; ///< sending nodes
    std::string dst;                  ///< destination address
    uint16_t port{0};                 ///< destination port
    uint32_t size{0};                 ///< UDP payload bytes
    double interval{0};               ///< seconds between two datagrams of one sender
    double seconds{0};                ///< the flood's duration
    uint32_t count{0};                ///< datagrams per sender
    std::string tol{"0"};             ///< tolerance words after "tol=" (default: exact)

    explicit FloodSpec(const std::vector<std::string>& w)
    {
        if (w.size() < 7 || w.size() > 8)
        {
            throw std::runtime_error(
                "flood <senders> <ip> <port> <bytes> <rate> <seconds> [tol=<n>[,<m>]]");
        }
        std::size_t from = 0;
        for (std::size_t comma = 0; comma != std::string::npos; from = comma + 1)
        {
            comma = w[1].find(',', from);
            senders.push_back(w[1].substr(from, comma - from));
        }
        dst = w[2];
        uint32_t p = ToUint(w[3], "port");
        size = ToUint(w[4], "flood payload size");
        if (p < 1 || p > 65535 || size < 1 || size > 65000)
        {
            throw std::runtime_error("flood port 1..65535, payload 1..65000 bytes");
        }
        port = static_cast<uint16_t>(p);
        double rate = ParseTcRate(w[5]);
        try
        {
            seconds = std::stod(w[6]);
        }
        catch (const std::exception&)
        {
            throw std::runtime_error("bad flood duration \"" + w[6] + "\"");
        }
        if (!(seconds > 0 && seconds <= 10))
        {
            throw std::runtime_error("flood duration must be in (0, 10] seconds");
        }
        // rate x seconds / (8 x bytes), to the nearest integer (as the kernel runner)
        double n = std::floor(rate * seconds / (8.0 * size) + 0.5);
        if (n < 1 || n > 20000)
        {
            throw std::runtime_error("a flood of 1..20000 datagrams per sender");
        }
        count = static_cast<uint32_t>(n);
        interval = 8.0 * size / rate;
        if (w.size() > 7)
        {
            if (w[7].rfind("tol=", 0) != 0 || w[7].size() == 4 ||
                w[7].find_first_not_of("0123456789,", 4) != std::string::npos)
            {
                throw std::runtime_error("flood tolerance: tol=<n> or tol=<n>,<m>");
            }
            tol = w[7].substr(4);
        }
    }
};

} // namespace

std::string
Ipv6Text(const uint8_t bytes[16])
{
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, bytes, buf, sizeof(buf));
    return buf;
}

ModelProbes::ModelProbes(ModelTopology& topo, const Scenario& s, const std::string& outDir)
    : m_topo(topo),
      m_scenario(s),
      m_outDir(outDir),
      m_outcomes(s.probes.size(), "not-run")
{
}

const std::vector<std::string>&
ModelProbes::GetOutcomes() const
{
    return m_outcomes;
}

Time
ModelProbes::WindowOf(const ProbeSpec& p) const
{
    const std::string& kind = p.words[0];
    if (kind == "ping")
    {
        return PING_WAIT + AFTER + Seconds(1);
    }
    if (kind == "udp")
    {
        return UDP_WAIT + AFTER + Seconds(1);
    }
    if (kind == "sleep")
    {
        NeedWords(p, 2);
        return Seconds(ToUint(p.words[1], "sleep seconds")) + AFTER;
    }
    if (kind == "flood")
    {
        // the flood's seconds, its 2 s of delivery, then the window's quiet second
        NeedWords(p, 7);
        return Seconds(FloodSpec(p.words).seconds) + UDP_WAIT + AFTER + Seconds(1);
    }
    return AFTER + Seconds(1);
}

void
ModelProbes::Schedule()
{
    ApplyJoins();
    m_topo.GetWireTap()->TraceConnectWithoutContext("PromiscSniffer",
                                                    MakeCallback(&ModelProbes::Capture, this));
    Time at = SETTLE;
    for (uint32_t k = 0; k < m_scenario.probes.size(); ++k)
    {
        Simulator::Schedule(at, &ModelProbes::OpenWindow, this, k + 1);
        Simulator::Schedule(at, &ModelProbes::Run, this, k);
        at += WindowOf(m_scenario.probes[k]);
        Simulator::Schedule(at - NanoSeconds(1), &ModelProbes::CloseWindow, this);
    }
    Simulator::Stop(at);
}

void
ModelProbes::OpenWindow(uint32_t k)
{
    m_pcap = CreateObject<PcapFileWrapper>();
    m_pcap->Open(m_outDir + "/probe-" + std::to_string(k) + ".pcap", std::ios::out);
    m_pcap->Init(PcapHelper::DLT_EN10MB);
}

void
ModelProbes::CloseWindow()
{
    if (m_pcap)
    {
        m_pcap->Close();
        m_pcap = nullptr;
    }
    CloseSockets();
}

void
ModelProbes::Capture(Ptr<const Packet> packet)
{
    if (m_pcap)
    {
        m_pcap->Write(Simulator::Now(), packet);
    }
}

void
ModelProbes::CloseSockets()
{
    for (Ptr<Socket> s : m_open)
    {
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->Close();
    }
    m_open.clear();
}

void
ModelProbes::ApplyJoins()
{
    for (const auto& j : m_scenario.joins)
    {
        ModelNode& n = m_topo.Get(j.first);
        n.joined.insert(j.second);
        // The receiving socket's IP_ADD_MEMBERSHIP reaches the device as dev_mc_add:
        // the slave's multicast filter (ipvlan_set_multicast_mac_filter).
        Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev);
        if (IsV6(j.second))
        {
            Ipv6Address g(j.second.c_str());
            Ptr<Ipv6L3Protocol> ip = n.node->GetObject<Ipv6L3Protocol>();
            ip->AddMulticastAddress(g, ip->GetInterfaceForDevice(n.dev));
            if (slave)
            {
                slave->JoinMulticastGroup(Mac48Address::GetMulticast(g));
            }
        }
        else if (slave)
        {
            slave->JoinMulticastGroup(Mac48Address::GetMulticast(Ipv4Address(j.second.c_str())));
        }
    }
}

void
ModelProbes::Run(uint32_t k)
{
    const ProbeSpec& p = m_scenario.probes[k];
    const std::vector<std::string>& w = p.words;
    std::string& out = m_outcomes[k];
    try
    {
        const std::string& kind = w[0];
        if (kind == "ping")
        {
            NeedWords(p, 3);
            Ping(k, m_topo.Get(w[1]), w[2]);
        }
        else if (kind == "udp")
        {
            NeedWords(p, 4);
            // The payload: the given size, else 32 bytes (the kernel runner's token is
            // about as long; frame sizes are not compared, counters need a size).
            uint32_t size = w.size() > 4 ? ToUint(w[4], "udp payload size") : 32;
            Udp(k, m_topo.Get(w[1]), w[2], static_cast<uint16_t>(ToUint(w[3], "port")), size);
        }
        else if (kind == "addr" || kind == "deladdr")
        {
            NeedWords(p, 3);
            Cidr c = ParseCidr(w[2]);
            c.dad = w.size() > 3 && w[3] == "dad";
            ModelNode& n = m_topo.Get(w[1]);
            std::string err = kind == "addr" ? m_topo.AddAddress(n, c) : m_topo.DelAddress(n, c);
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "mtu")
        {
            NeedWords(p, 3);
            std::string err = m_topo.SetMtu(m_topo.Get(w[1]), ToUint(w[2], "mtu"));
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "showmtu")
        {
            NeedWords(p, 2);
            out = "mtu " + std::to_string(m_topo.GetMtu(m_topo.Get(w[1])));
        }
        else if (kind == "set")
        {
            NeedWords(p, 3);
            std::string err = m_topo.ChangeLink(m_topo.Get(w[1]),
                                                std::vector<std::string>(w.begin() + 2, w.end()));
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "newslave")
        {
            NeedWords(p, 4);
            auto sep = std::find(w.begin(), w.end(), "--");
            if (sep == w.end())
            {
                throw std::runtime_error("newslave needs \"-- <link words>\"");
            }
            std::vector<Cidr> addrs;
            for (auto it = w.begin() + 2; it != sep; ++it)
            {
                if (*it == "dad" && !addrs.empty())
                {
                    addrs.back().dad = true;
                    continue;
                }
                addrs.push_back(ParseCidr(*it));
            }
            std::string err =
                m_topo.NewSlave(w[1], addrs, std::vector<std::string>(sep + 1, w.end()));
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "down" || kind == "up")
        {
            NeedWords(p, 2);
            std::string err = m_topo.SetAdmin(m_topo.Get(w[1]), kind == "up");
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "ipdown" || kind == "ipup")
        {
            NeedWords(p, 2);
            out = IpAdmin(m_topo.Get(w[1]), kind == "ipup");
        }
        else if (kind == "counters")
        {
            NeedWords(p, 2);
            out = Counters(m_topo.Get(w[1]));
        }
        else if (kind == "carrier")
        {
            NeedWords(p, 2);
            // What `ip link` shows as LOWER_UP: carrier on an administratively up device.
            ModelNode& n = m_topo.Get(w[1]);
            Ptr<NetDevice> dev = n.kind == ModelNode::HOST ? m_topo.GetMaster() : n.dev;
            Ptr<StackedNetDevice> stacked = DynamicCast<StackedNetDevice>(dev);
            Ptr<AdminCsmaNetDevice> csma = DynamicCast<AdminCsmaNetDevice>(dev);
            bool up = dev->IsLinkUp() && (!stacked || stacked->IsAdminUp()) &&
                      (!csma || csma->IsAdminUp());
            out = up ? "carrier on" : "carrier off";
        }
        else if (kind == "neigh")
        {
            NeedWords(p, 3);
            out = Neigh(m_topo.Get(w[1]), w[2]);
        }
        else if (kind == "linklocal")
        {
            NeedWords(p, 2);
            out = LinkLocal(m_topo.Get(w[1]));
        }
        else if (kind == "showmode")
        {
            NeedWords(p, 2);
            out = m_topo.ShowMode(m_topo.Get(w[1]));
        }
        else if (kind == "sleep")
        {
            out = "ok";
        }
        else if (kind == "qdisc")
        {
            NeedWords(p, 3);
            ModelNode& n = m_topo.Get(w[1]);
            std::string err =
                m_tc.Apply(TcDevice(n), std::vector<std::string>(w.begin() + 2, w.end()));
            out = err.empty() ? "ok" : "refused " + err;
        }
        else if (kind == "showqdisc")
        {
            NeedWords(p, 2);
            out = "qdisc " + ModelTc::RootKind(TcDevice(m_topo.Get(w[1])));
        }
        else if (kind == "flood")
        {
            Flood(k, p);
        }
        else
        {
            throw std::runtime_error("unknown probe \"" + kind + "\"");
        }
    }
    catch (const std::exception& e)
    {
        out = std::string("error ") + e.what();
    }
}

void
ModelProbes::Ping(uint32_t k, ModelNode& from, const std::string& to)
{
    bool v6 = IsV6(to);
    Ptr<Socket> s = Socket::CreateSocket(
        from.node,
        TypeId::LookupByName(v6 ? "ns3::Ipv6RawSocketFactory" : "ns3::Ipv4RawSocketFactory"));
    s->SetAttribute("Protocol", UintegerValue(v6 ? 58 : 1));
    s->SetRecvCallback(MakeCallback(&ModelProbes::PingReceive, this));
    m_open.push_back(s);
    m_pingId = static_cast<uint16_t>(0x4000 + k);
    m_pingReplied = false;
    Ptr<Packet> p = Create<Packet>(56);
    int rc;
    if (v6)
    {
        Ipv6Address dst(to.c_str());
        if (dst.IsLinkLocal() || dst.IsLinkLocalMulticast())
        {
            s->BindToNetDevice(from.dev);
        }
        Icmpv6Echo echo(true);
        echo.SetId(m_pingId);
        echo.SetSeq(1);
        p->AddHeader(echo);
        rc = s->SendTo(p, 0, Inet6SocketAddress(dst, 0));
    }
    else
    {
        Icmpv4Echo echo;
        echo.SetIdentifier(m_pingId);
        echo.SetSequenceNumber(1);
        echo.SetData(p);
        Ptr<Packet> msg = Create<Packet>();
        msg->AddHeader(echo);
        Icmpv4Header h;
        h.SetType(Icmpv4Header::ICMPV4_ECHO);
        h.SetCode(0);
        msg->AddHeader(h);
        rc = s->SendTo(msg, 0, InetSocketAddress(Ipv4Address(to.c_str()), 0));
    }
    m_outcomes[k] = "lost"; // unless the reply comes in time
    if (rc < 0)
    {
        return; // no route: ping prints "Network is unreachable"
    }
    Simulator::Schedule(PING_WAIT, [this, k]() {
        m_outcomes[k] = m_pingReplied ? "delivered" : "lost";
        m_pingId = 0;
    });
}

void
ModelProbes::PingReceive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (Inet6SocketAddress::IsMatchingType(from))
        {
            Ipv6Header ip;
            p->RemoveHeader(ip);
            uint8_t type = 0;
            p->CopyData(&type, 1);
            if (type != Icmpv6Header::ICMPV6_ECHO_REPLY)
            {
                continue;
            }
            Icmpv6Echo echo(false);
            p->RemoveHeader(echo);
            m_pingReplied |= echo.GetId() == m_pingId;
        }
        else
        {
            Ipv4Header ip;
            p->RemoveHeader(ip);
            Icmpv4Header h;
            p->RemoveHeader(h);
            if (h.GetType() != Icmpv4Header::ICMPV4_ECHO_REPLY)
            {
                continue;
            }
            Icmpv4Echo echo;
            p->RemoveHeader(echo);
            m_pingReplied |= echo.GetIdentifier() == m_pingId;
        }
    }
}

void
ModelProbes::Udp(uint32_t k, ModelNode& from, const std::string& to, uint16_t port, uint32_t size)
{
    bool v6 = IsV6(to);
    TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
    m_udpReceivers.clear();
    m_udpGroup = IsMulticastText(to) ? to : "";
    for (ModelNode* n : m_topo.All())
    {
        if (n == &from)
        {
            continue;
        }
        Ptr<Socket> s = Socket::CreateSocket(n->node, udp);
        int rc = v6 ? s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port))
                    : s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        if (rc < 0)
        {
            throw std::runtime_error("cannot bind UDP port " + std::to_string(port) + " on " +
                                     n->name);
        }
        s->SetRecvCallback(MakeCallback(&ModelProbes::UdpReceive, this));
        m_open.push_back(s);
    }
    Ptr<Socket> tx = Socket::CreateSocket(from.node, udp);
    tx->SetAllowBroadcast(true);
    m_open.push_back(tx);
    int rc;
    if (v6)
    {
        tx->Bind6();
        Ipv6Address dst(to.c_str());
        if (dst.IsLinkLocal() || dst.IsLinkLocalMulticast())
        {
            tx->BindToNetDevice(from.dev);
        }
        rc = tx->SendTo(Create<Packet>(size), 0, Inet6SocketAddress(dst, port));
    }
    else
    {
        tx->Bind();
        rc = tx->SendTo(Create<Packet>(size), 0, InetSocketAddress(Ipv4Address(to.c_str()), port));
    }
    (void)rc; // a refused send simply delivers to nobody, as sendto's error does
    Simulator::Schedule(UDP_WAIT, [this, k]() {
        std::vector<std::string> who = m_udpReceivers;
        std::sort(who.begin(), who.end());
        who.erase(std::unique(who.begin(), who.end()), who.end());
        std::string out = "received";
        for (const std::string& n : who)
        {
            out += " " + n;
        }
        m_outcomes[k] = who.empty() ? "received none" : out;
    });
}

void
ModelProbes::UdpReceive(Ptr<Socket> socket)
{
    Ptr<Node> node = socket->GetNode();
    while (socket->Recv())
    {
        for (ModelNode* n : m_topo.All())
        {
            if (n->node != node)
            {
                continue;
            }
            // The IP layer's group membership (ip_check_mc_rcu / ipv6_chk_mcast_addr):
            // ns-3 hands every IPv4 multicast to local sockets, the kernel only joined ones.
            if (!m_udpGroup.empty() && !IsImplicitGroup(m_udpGroup) && !n->joined.count(m_udpGroup))
            {
                continue;
            }
            m_udpReceivers.push_back(n->name);
        }
    }
}

Ptr<NetDevice>
ModelProbes::TcDevice(const ModelNode& n) const
{
    return n.kind == ModelNode::HOST ? m_topo.GetMaster() : n.dev;
}

uint64_t
ModelProbes::TxDropped(const ModelNode& n)
{
    Ptr<StackedNetDevice> slave = DynamicCast<StackedNetDevice>(n.dev);
    return slave ? slave->GetCounters().txDropped : 0;
}

void
ModelProbes::Flood(uint32_t k, const ProbeSpec& p)
{
    FloodSpec f(p.words);
    std::vector<ModelNode*> senders;
    for (const std::string& name : f.senders)
    {
        senders.push_back(&m_topo.Get(name));
    }
    bool v6 = IsV6(f.dst);
    TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
    // Every other node listens on the port; what they receive is counted.
    m_floodReceived = 0;
    for (ModelNode* n : m_topo.All())
    {
        if (std::find(senders.begin(), senders.end(), n) != senders.end())
        {
            continue;
        }
        Ptr<Socket> s = Socket::CreateSocket(n->node, udp);
        int rc = v6 ? s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), f.port))
                    : s->Bind(InetSocketAddress(Ipv4Address::GetAny(), f.port));
        if (rc < 0)
        {
            throw std::runtime_error("cannot bind UDP port " + std::to_string(f.port) + " on " +
                                     n->name);
        }
        s->SetRecvCallback(MakeCallback(&ModelProbes::FloodReceive, this));
        m_open.push_back(s);
    }
    // The sending slaves' tx_dropped now, and 2 s after the flood's end.
    auto dropped = std::make_shared<std::vector<uint64_t>>();
    for (ModelNode* n : senders)
    {
        dropped->push_back(n->kind == ModelNode::SLAVE ? TxDropped(*n) : 0);
    }
    Address to = v6 ? Address(Inet6SocketAddress(Ipv6Address(f.dst.c_str()), f.port))
                    : Address(InetSocketAddress(Ipv4Address(f.dst.c_str()), f.port));
    // Datagram j of sender i leaves at j x interval + i x interval / senders: the senders
    // interleave evenly, as the kernel runner's pacing loop sends them.
    for (std::size_t i = 0; i < senders.size(); ++i)
    {
        Ptr<Socket> tx = Socket::CreateSocket(senders[i]->node, udp);
        v6 ? tx->Bind6() : tx->Bind();
        m_open.push_back(tx);
        uint32_t size = f.size;
        for (uint32_t j = 0; j < f.count; ++j)
        {
            double at = j * f.interval + i * f.interval / senders.size();
            Simulator::Schedule(Seconds(at), [tx, size, to]() {
                tx->SendTo(Create<Packet>(size), 0, to); // a refused send is lost, as sendto's
            });
        }
    }
    std::string tol = f.tol;
    Simulator::Schedule(Seconds(f.seconds) + UDP_WAIT, [this, k, senders, dropped, tol]() {
        uint64_t sum = 0;
        for (std::size_t i = 0; i < senders.size(); ++i)
        {
            if (senders[i]->kind == ModelNode::SLAVE)
            {
                sum += TxDropped(*senders[i]) - (*dropped)[i];
            }
        }
        m_outcomes[k] = "received " + std::to_string(m_floodReceived) + " tx_dropped " +
                        std::to_string(sum) + " tol " + tol;
    });
    m_outcomes[k] = "not-finished";
}

void
ModelProbes::FloodReceive(Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        ++m_floodReceived;
    }
}

std::string
ModelProbes::Neigh(ModelNode& n, const std::string& ip)
{
    std::ostringstream os;
    if (IsV6(ip))
    {
        Ptr<Ipv6L3Protocol> l3 = n.node->GetObject<Ipv6L3Protocol>();
        int32_t i = l3->GetInterfaceForDevice(n.dev);
        Ptr<NdiscCache> cache = i < 0 ? nullptr : l3->GetInterface(i)->GetNdiscCache();
        NdiscCache::Entry* e = cache ? cache->Lookup(Ipv6Address(ip.c_str())) : nullptr;
        if (!e || !(e->IsReachable() || e->IsStale() || e->IsDelay() || e->IsProbe() ||
                    e->IsPermanent() || e->IsAutoGenerated()))
        {
            return "none";
        }
        os << "lladdr " << Mac48Address::ConvertFrom(e->GetMacAddress());
        return os.str();
    }
    Ptr<Ipv4L3Protocol> l3 = n.node->GetObject<Ipv4L3Protocol>();
    int32_t i = l3->GetInterfaceForDevice(n.dev);
    Ptr<ArpCache> cache = i < 0 ? nullptr : l3->GetInterface(i)->GetArpCache();
    ArpCache::Entry* e = cache ? cache->Lookup(Ipv4Address(ip.c_str())) : nullptr;
    if (!e || !(e->IsAlive() || e->IsPermanent() || e->IsAutoGenerated()))
    {
        return "none";
    }
    os << "lladdr " << Mac48Address::ConvertFrom(e->GetMacAddress());
    return os.str();
}

std::string
ModelProbes::LinkLocal(ModelNode& n)
{
    Ptr<Ipv6> ip = n.node->GetObject<Ipv6>();
    int32_t i = ip->GetInterfaceForDevice(n.dev);
    // ns-3's own MAC-derived link-local stays on an ipvlan slave as bookkeeping and never
    // leaves it (doc: "IPv6 link-local addresses and dev_id"): what `ip addr` would show
    // is the slave's kernel-form one
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev);
    for (uint32_t k = 0; i >= 0 && k < ip->GetNAddresses(i); ++k)
    {
        Ipv6Address a = ip->GetAddress(i, k).GetAddress();
        if (a.IsLinkLocal() && !(slave && slave->HasSharedInterfaceId(a)))
        {
            uint8_t b[16];
            a.GetBytes(b);
            return "ll " + Ipv6Text(b);
        }
    }
    return "ll none";
}

std::string
ModelProbes::Counters(ModelNode& n)
{
    Ptr<StackedNetDevice> slave = DynamicCast<StackedNetDevice>(n.dev);
    if (n.kind != ModelNode::SLAVE || !slave)
    {
        throw std::runtime_error(n.name + " is not a slave");
    }
    // The fields of `ip -s -s link` the kernel runner reads, in FORMAT.md's order. The
    // kernel reports rx_errs both as rx_errors and rx_dropped (ipvlan_get_stats64), and the
    // core adds its own rx_dropped (a frame dev_forward_skb refused).
    static const char* const names[8] = {"rx_packets",
                                         "rx_bytes",
                                         "rx_multicast",
                                         "rx_errors",
                                         "rx_dropped",
                                         "tx_packets",
                                         "tx_bytes",
                                         "tx_dropped"};
    const StackedDeviceCounters& c = slave->GetCounters();
    std::array<uint64_t, 8> now = {c.rxPackets,
                                   c.rxBytes,
                                   c.rxMulticast,
                                   c.rxErrors,
                                   c.rxErrors + uint64_t(c.rxCoreDropped),
                                   c.txPackets,
                                   c.txBytes,
                                   c.txDropped};
    auto mark = m_counterMarks.find(n.name);
    if (mark == m_counterMarks.end())
    {
        m_counterMarks[n.name] = now;
        return "counters start";
    }
    std::ostringstream os;
    os << "counters";
    for (std::size_t i = 0; i < now.size(); ++i)
    {
        os << " " << names[i] << "=" << (now[i] - mark->second[i]);
    }
    mark->second = now;
    return os.str();
}

std::string
ModelProbes::IpAdmin(ModelNode& n, bool up)
{
    if (n.kind != ModelNode::SLAVE)
    {
        throw std::runtime_error(n.name + " is not a slave");
    }
    // What an ns-3 user writes: the node's IPv4 interface, then its IPv6 interface, of
    // the slave, through the IP API only (no device call, no address clean-up: what
    // follows is the stack's and the model's doing).
    Ptr<Ipv4> ip4 = n.node->GetObject<Ipv4>();
    int32_t i4 = ip4->GetInterfaceForDevice(n.dev);
    if (i4 >= 0)
    {
        up ? ip4->SetUp(i4) : ip4->SetDown(i4);
    }
    Ptr<Ipv6> ip6 = n.node->GetObject<Ipv6>();
    int32_t i6 = ip6->GetInterfaceForDevice(n.dev);
    if (i6 >= 0)
    {
        up ? ip6->SetUp(i6) : ip6->SetDown(i6);
    }
    return "ok";
}

} // namespace ipvlanval
