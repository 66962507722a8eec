/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-test-utils.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/ethernet-switch-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/ipvlan-l3-key.h"
#include "ns3/macvlan-helper.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace ipvlantest
{

namespace
{
void
Observe(std::vector<WireFrame>* wire,
        Ptr<NetDevice>,
        Ptr<const Packet> p,
        uint16_t protocol,
        const Address& from,
        const Address& to,
        NetDevice::PacketType)
{
    WireFrame f;
    f.at = Simulator::Now();
    f.src = Mac48Address::ConvertFrom(from);
    f.dst = Mac48Address::ConvertFrom(to);
    f.protocol = protocol;
    IpvlanL3Key s = IpvlanL3Key::Parse(p, protocol, false);
    IpvlanL3Key d = IpvlanL3Key::Parse(p, protocol, true);
    if (s.valid && !s.isV6)
    {
        f.ipSrc = s.v4;
    }
    if (d.valid && !d.isV6)
    {
        f.ipDst = d.v4;
    }
    uint8_t v6[40];
    if (protocol == Ipv6L3Protocol::PROT_NUMBER && p->CopyData(v6, 40) == 40)
    {
        // the header's own addresses (the demux key of a DAD probe is its target instead)
        f.ip6Src = Ipv6Address(v6 + 8);
        f.ip6Dst = Ipv6Address(v6 + 24);
    }
    if (protocol == ArpL3Protocol::PROT_NUMBER)
    {
        uint8_t buf[8];
        if (p->CopyData(buf, 8) == 8)
        {
            f.arpOp = (uint16_t(buf[6]) << 8) | buf[7];
        }
    }
    wire->push_back(f);
}

void
RecordPortDrop(std::vector<DropRecord>* drops,
               Ptr<const Packet>,
               IpvlanDropReason reason,
               Ptr<const NetDevice>)
{
    drops->push_back({reason, "port"});
}
} // namespace

bool
RecordWireFrame(std::vector<WireFrame>* wire,
                Ptr<NetDevice> d,
                Ptr<const Packet> p,
                uint16_t protocol,
                const Address& from,
                const Address& to,
                NetDevice::PacketType t)
{
    Observe(wire, d, p, protocol, from, to, t);
    return true;
}

bool
WireFrame::IsIpv4() const
{
    return protocol == Ipv4L3Protocol::PROT_NUMBER;
}

bool
WireFrame::IsIpv6() const
{
    return protocol == Ipv6L3Protocol::PROT_NUMBER;
}

bool
WireFrame::IsArp(uint16_t op) const
{
    return protocol == ArpL3Protocol::PROT_NUMBER && arpOp == op;
}

bool
WireFrame::IsIpv4Between(Ipv4Address a, Ipv4Address b) const
{
    return IsIpv4() && ((ipSrc == a && ipDst == b) || (ipSrc == b && ipDst == a));
}

uint32_t
CountArp(const std::vector<WireFrame>& wire, uint16_t op)
{
    return static_cast<uint32_t>(
        std::count_if(wire.begin(), wire.end(), [op](const WireFrame& f) { return f.IsArp(op); }));
}

uint32_t
CountIpv4Between(const std::vector<WireFrame>& wire, Ipv4Address a, Ipv4Address b)
{
    return static_cast<uint32_t>(
        std::count_if(wire.begin(), wire.end(), [a, b](const WireFrame& f) {
            return f.IsIpv4Between(a, b);
        }));
}

L2TestBed::L2TestBed(uint32_t nContainers,
                     uint16_t flags,
                     bool withHostInterface,
                     IpvlanMode mode,
                     bool ipv6ListRouting)
{
    host = CreateObject<Node>();
    router = CreateObject<Node>();
    observer = CreateObject<Node>();
    containers.Create(nContainers);

    SimpleNetDeviceHelper wireHelper;
    NetDeviceContainer wired = wireHelper.Install(NodeContainer(host, router, observer));
    master = DynamicCast<SimpleNetDevice>(wired.Get(0));
    routerDev = DynamicCast<SimpleNetDevice>(wired.Get(1));
    channel = DynamicCast<SimpleChannel>(master->GetChannel());
    master->SetMtu(1500); // Ethernet, like the kernel's master
    routerDev->SetMtu(1500);
    wired.Get(2)->SetPromiscReceiveCallback(MakeBoundCallback(&RecordWireFrame, &wire));

    InternetStackHelper stack;
    Ipv6ListRoutingHelper list6;
    list6.Add(Ipv6StaticRoutingHelper(), 0);
    if (ipv6ListRouting)
    {
        stack.SetRoutingHelper(list6);
    }
    stack.Install(host);
    stack.Install(router);
    stack.Install(containers);

    IpvlanHelper ipvlan;
    ipvlan.SetMode(mode);
    ipvlan.SetFlags(flags);
    NetDeviceContainer slaveDevs = ipvlan.Install(master, containers);
    for (uint32_t i = 0; i < slaveDevs.GetN(); ++i)
    {
        slaves.push_back(DynamicCast<IpvlanNetDevice>(slaveDevs.Get(i)));
    }
    port = IpvlanPort::Find(master);
    port->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordPortDrop, &drops));

    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
    addr.Assign(NetDeviceContainer(routerDev)); // .1
    if (withHostInterface)
    {
        hostIf = DynamicCast<IpvlanHostNetDevice>(ipvlan.InstallHost(master).Get(0));
        addr.Assign(NetDeviceContainer(hostIf)); // .2
    }
    else
    {
        addr.NewAddress(); // keep .2 free
    }
    for (uint32_t i = 0; i < 7; ++i)
    {
        addr.NewAddress(); // .3 .. .9
    }
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i = 0; i < nContainers; ++i)
    {
        addr.Assign(NetDeviceContainer(slaves[i])); // .10 + i
        Ptr<Ipv4StaticRouting> r = routing.GetStaticRouting(containers.Get(i)->GetObject<Ipv4>());
        r->SetDefaultRoute(RouterAddress(), 1);
    }
}

L2TestBed::~L2TestBed()
{
    Simulator::Destroy();
}

uint32_t
L2TestBed::CountDrops(IpvlanDropReason reason) const
{
    return static_cast<uint32_t>(
        std::count_if(drops.begin(), drops.end(), [reason](const DropRecord& d) {
            return d.reason == reason;
        }));
}

void
L2TestBed::RouteContainersViaHost()
{
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4StaticRouting> r = routing.GetStaticRouting(router->GetObject<Ipv4>());
    for (uint32_t i = 0; i < slaves.size(); ++i)
    {
        r->AddHostRouteTo(ContainerAddress(i), HostAddress(), 1);
    }
}

void
DropCounter::CountDevice(Ptr<NetDevice> device)
{
    device->TraceConnectWithoutContext("Drop", MakeCallback(&DropCounter::NoteDevice, this));
}

void
DropCounter::CountPort(Ptr<Object> port)
{
    port->TraceConnectWithoutContext("Drop", MakeCallback(&DropCounter::NotePort, this));
}

uint32_t
DropCounter::operator[](IpvlanDropReason reason) const
{
    auto it = m_counts.find(reason);
    return it == m_counts.end() ? 0 : it->second;
}

void
DropCounter::NoteDevice(Ptr<const Packet>, IpvlanDropReason reason)
{
    m_counts[reason]++;
}

void
DropCounter::NotePort(Ptr<const Packet>, IpvlanDropReason reason, Ptr<const NetDevice>)
{
    m_counts[reason]++;
}

OneContainerBed::OneContainerBed(Ptr<SimpleNetDevice> m, IpvlanMode mode)
    : master(m),
      routerDev(CreateObject<SimpleNetDevice>())
{
    Ptr<SimpleChannel> ch = CreateObject<SimpleChannel>();
    master->SetAddress(Mac48Address::Allocate());
    routerDev->SetAddress(Mac48Address::Allocate());
    host->AddDevice(master);
    router->AddDevice(routerDev);
    master->SetChannel(ch);
    routerDev->SetChannel(ch);
    InternetStackHelper().Install(NodeContainer(host, router, container));
    IpvlanHelper ipvlan;
    ipvlan.SetMode(mode);
    slave = DynamicCast<IpvlanNetDevice>(ipvlan.Install(master, container).Get(0));
    hostIf = DynamicCast<IpvlanHostNetDevice>(ipvlan.InstallHost(master).Get(0));
    Ipv4AddressHelper addr("10.9.0.0", "255.255.255.0");
    addr.Assign(NetDeviceContainer(routerDev)); // .1
    addr.Assign(NetDeviceContainer(hostIf));    // .2
    addr.Assign(NetDeviceContainer(slave));     // .3
}

OneContainerBed::~OneContainerBed()
{
    Simulator::Destroy();
}

uint32_t
AddIpv6Address(Ptr<Node> node, Ptr<NetDevice> dev, Ipv6Address a)
{
    Ptr<Ipv6> ip = node->GetObject<Ipv6>();
    int32_t i = ip->GetInterfaceForDevice(dev);
    if (i < 0)
    {
        i = ip->AddInterface(dev);
    }
    ip->AddAddress(i, Ipv6InterfaceAddress(a, Ipv6Prefix(64)));
    ip->SetUp(i);
    return static_cast<uint32_t>(i);
}

std::vector<Ipv6InterfaceAddress>
Ipv6AddressesOf(Ptr<Node> node, Ptr<NetDevice> dev)
{
    std::vector<Ipv6InterfaceAddress> out;
    Ptr<Ipv6> ip = node->GetObject<Ipv6>();
    int32_t i = ip->GetInterfaceForDevice(dev);
    for (uint32_t j = 0; i >= 0 && j < ip->GetNAddresses(i); ++j)
    {
        out.push_back(ip->GetAddress(i, j));
    }
    return out;
}

void
RunFor(Time duration)
{
    Simulator::Stop(duration);
    Simulator::Run();
}

Ptr<Packet>
MakeIpv4Packet(Ipv4Address src, Ipv4Address dst, uint32_t payload, uint8_t ttl)
{
    Ptr<Packet> p = Create<Packet>(payload);
    Ipv4Header h;
    h.SetSource(src);
    h.SetDestination(dst);
    h.SetProtocol(17);
    h.SetPayloadSize(payload);
    h.SetTtl(ttl);
    p->AddHeader(h);
    return p;
}

void
SendPacket(Ptr<NetDevice> device, Ptr<Packet> packet, Mac48Address dst, uint16_t protocol)
{
    device->Send(packet, dst, protocol);
}

void
SendNewPacket(Ptr<NetDevice> device, uint32_t size, Mac48Address dst, uint16_t protocol)
{
    device->Send(Create<Packet>(size), dst, protocol);
}

Mac48Address
LocalMac(uint8_t block, uint8_t n)
{
    uint8_t b[6] = {0x02, 0, 0, 0, block, n};
    Mac48Address m;
    m.CopyFrom(b);
    return m;
}

void
AddToNewNode(Ptr<SimpleNetDevice> device)
{
    Ptr<Node> node = CreateObject<Node>();
    device->SetAddress(Mac48Address::Allocate());
    node->AddDevice(device);
}

bool
NoSendFromDevice::SupportsSendFrom() const
{
    return false;
}

Address
Mac16Device::GetAddress() const
{
    return address16;
}

MacvlanAndIpvlanSlaves
InstallMacvlanAndIpvlanHosts(Ptr<Node> router,
                             Ptr<NetDevice> macvlanMaster,
                             const NodeContainer& macvlanContainers,
                             Ptr<NetDevice> ipvlanMaster,
                             const NodeContainer& ipvlanContainers)
{
    InternetStackHelper stack;
    stack.Install(router);
    stack.Install(macvlanContainers);
    stack.Install(ipvlanContainers);
    MacvlanAndIpvlanSlaves slaves;
    slaves.macvlan = MacvlanHelper().Install(macvlanMaster, macvlanContainers);
    IpvlanHelper ipvlan;
    ipvlan.SetMode("l2");
    slaves.ipvlan = ipvlan.Install(ipvlanMaster, ipvlanContainers);
    return slaves;
}

void
RecordRefusal(std::vector<std::string>* log,
              Ptr<const IpvlanNetDevice>,
              const std::string& address,
              const std::string& reason)
{
    log->push_back(address + ": " + reason);
}

void
RecordSwitchDrop(std::vector<SwitchDropRecord>* drops,
                 Ptr<const Packet> packet,
                 uint32_t port,
                 EthernetSwitchDropReason reason)
{
    drops->push_back({port, reason, packet->GetUid()});
}

uint32_t
CountSwitchDrops(const std::vector<SwitchDropRecord>& drops, EthernetSwitchDropReason reason)
{
    return static_cast<uint32_t>(
        std::count_if(drops.begin(), drops.end(), [reason](const SwitchDropRecord& d) {
            return d.reason == reason;
        }));
}

void
RecordViolation(std::vector<ViolationRecord>* violations,
                uint32_t port,
                Mac48Address mac,
                PortSecurityViolationMode mode)
{
    violations->push_back({port, mac, mode});
}

Ptr<EthernetSwitchNetDevice>
InstallOneMacSwitch(Ptr<Node> node,
                    const NetDeviceContainer& ports,
                    const std::string& violationMode,
                    uint32_t openPort)
{
    EthernetSwitchHelper helper;
    helper.SetDeviceAttribute("PortSecurityEnabled", BooleanValue(true));
    helper.SetDeviceAttribute("MaxMacAddresses", UintegerValue(1));
    helper.SetDeviceAttribute("ViolationMode", StringValue(violationMode));
    Ptr<EthernetSwitchNetDevice> sw = helper.Install(node, ports);
    sw->SetPortSecurity(openPort, PortSecurityConfig());
    return sw;
}

void
L2TestBed::AddIpv6()
{
    AddIpv6Address(router, routerDev, RouterAddress6());
    if (hostIf)
    {
        AddIpv6Address(host, hostIf, Ipv6Address("2001:db8::2"));
    }
    for (uint32_t i = 0; i < slaves.size(); ++i)
    {
        AddIpv6Address(containers.Get(i), slaves[i], ContainerAddress6(i));
    }
}

Ipv6Address
L2TestBed::ContainerAddress6(uint32_t i)
{
    uint8_t b[16];
    Ipv6Address("2001:db8::10").GetBytes(b);
    b[15] = static_cast<uint8_t>(b[15] + i);
    return Ipv6Address(b);
}

Ipv6Address
L2TestBed::RouterAddress6()
{
    return Ipv6Address("2001:db8::1");
}

Mac48Address
L2TestBed::MasterMac() const
{
    return Mac48Address::ConvertFrom(master->GetAddress());
}

Mac48Address
L2TestBed::RouterMac() const
{
    return Mac48Address::ConvertFrom(routerDev->GetAddress());
}

Ipv4Address
L2TestBed::ContainerAddress(uint32_t i)
{
    return Ipv4Address(Ipv4Address("10.0.0.10").Get() + i);
}

Ipv4Address
L2TestBed::RouterAddress()
{
    return Ipv4Address("10.0.0.1");
}

Ipv4Address
L2TestBed::HostAddress()
{
    return Ipv4Address("10.0.0.2");
}

std::vector<WireFrame>
L2TestBed::FramesWith(Ipv4Address a) const
{
    std::vector<WireFrame> out;
    for (const auto& f : wire)
    {
        if (f.ipSrc == a || f.ipDst == a)
        {
            out.push_back(f);
        }
    }
    return out;
}

uint32_t
L2TestBed::CountWire(uint16_t protocol) const
{
    uint32_t n = 0;
    for (const auto& f : wire)
    {
        n += f.protocol == protocol ? 1 : 0;
    }
    return n;
}

// ---------------------------------------------------------------------------

void
UdpEcho::Serve(Ptr<Node> node)
{
    m_served[node->GetId()] = 0;
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
    s->SetRecvCallback(MakeCallback(&UdpEcho::EchoBack, this));
    m_sockets.push_back(s);
    if (node->GetObject<Ipv6>())
    {
        Ptr<Socket> s6 = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s6->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), PORT));
        s6->SetRecvCallback(MakeCallback(&UdpEcho::EchoBack, this));
        m_sockets.push_back(s6);
    }
}

void
UdpEcho::EchoBack(Ptr<Socket> sock)
{
    Address from;
    while (Ptr<Packet> p = sock->RecvFrom(from))
    {
        m_served[sock->GetNode()->GetId()]++;
        sock->SendTo(p, 0, from);
    }
}

void
UdpEcho::CountReplies(Ptr<Socket> sock)
{
    while (sock->Recv())
    {
        m_replies[m_senderId[sock]]++;
    }
}

void
UdpEcho::DoSend(Ptr<Socket> sock, Address to, uint32_t size)
{
    sock->SendTo(Create<Packet>(size), 0, to);
}

uint32_t
UdpEcho::Open(Ptr<Node> from, Address to, Time at, uint32_t size, bool v6, Ptr<NetDevice> boundTo)
{
    uint32_t id = m_replies.size();
    m_replies.push_back(0);
    Ptr<Socket> s = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    if (v6)
    {
        s->Bind6();
    }
    else
    {
        s->Bind();
    }
    s->SetAllowBroadcast(true);
    if (boundTo)
    {
        s->BindToNetDevice(boundTo);
    }
    s->SetRecvCallback(MakeCallback(&UdpEcho::CountReplies, this));
    m_senderId[s] = id;
    Simulator::ScheduleWithContext(from->GetId(), at, &UdpEcho::DoSend, this, s, to, size);
    m_sockets.push_back(s);
    return id;
}

uint32_t
UdpEcho::Send(Ptr<Node> from, Ipv4Address to, Time at, uint32_t size, Ptr<NetDevice> boundTo)
{
    return Open(from, InetSocketAddress(to, PORT), at, size, false, boundTo);
}

uint32_t
UdpEcho::Send(Ptr<Node> from, Ipv6Address to, Time at, uint32_t size)
{
    return Open(from, Inet6SocketAddress(to, PORT), at, size, true, nullptr);
}

uint32_t
UdpEcho::Replies(uint32_t id) const
{
    return m_replies.at(id);
}

uint32_t
UdpEcho::Served(Ptr<Node> node) const
{
    auto it = m_served.find(node->GetId());
    return it == m_served.end() ? 0 : it->second;
}

// ---------------------------------------------------------------------------

namespace
{
void
NoteIpv4Destination(std::vector<Ipv4Address>* out, Ptr<const Packet> p)
{
    IpvlanL3Key k = IpvlanL3Key::Parse(p, Ipv4L3Protocol::PROT_NUMBER, true);
    if (k.valid)
    {
        out->push_back(k.v4);
    }
}
} // namespace

void
TapIpv4Deliveries(Ptr<NetDevice> device, std::vector<Ipv4Address>* destinations)
{
    device->TraceConnectWithoutContext("MacRx",
                                       MakeBoundCallback(&NoteIpv4Destination, destinations));
}

uint32_t
CountOf(const std::vector<Ipv4Address>& list, Ipv4Address a)
{
    return static_cast<uint32_t>(std::count(list.begin(), list.end(), a));
}

// ---------------------------------------------------------------------------

FatalOutcome
RunExpectingFatal(const std::function<void()>& fn)
{
    FatalOutcome out;
    int fds[2];
    if (pipe(fds) != 0)
    {
        out.output = "pipe() failed";
        return out;
    }
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        struct rlimit noCore = {0, 0};
        setrlimit(RLIMIT_CORE, &noCore); // no core dump for the expected abort
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        // Boost.Test catches SIGABRT to report it and go on with the next case: here the
        // abort must end the child, so restore the default action.
        signal(SIGABRT, SIG_DFL);
        signal(SIGSEGV, SIG_DFL);
        try
        {
            fn();
        }
        catch (...)
        {
            _exit(3); // any exception ends the child too; never run other cases in it
        }
        _exit(0);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        out.output.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    out.died = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    return out;
}

void
CheckFatalOutput(const std::function<void()>& fn, const std::vector<std::string>& fragments)
{
    FatalOutcome out = RunExpectingFatal(fn);
    BOOST_CHECK_MESSAGE(out.died, "expected a fatal error; output: " << out.output);
    for (const auto& f : fragments)
    {
        BOOST_CHECK_MESSAGE(out.output.find(f) != std::string::npos,
                            "message lacks \"" << f << "\"; it was: " << out.output);
    }
}

} // namespace ipvlantest
} // namespace ns3
