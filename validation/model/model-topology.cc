/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "model-topology.h"

#include "admin-csma-net-device.h"
#include "linux-arp-learning.h"

#include "ns3/boolean.h"
#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/ipvlan-host-net-device.h"
#include "ns3/ipvlan-net-device.h"
#include "ns3/ipvlan-netfilter.h"
#include "ns3/ipvlan-port.h"
#include "ns3/macvlan-port.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace ipvlanval
{

namespace
{

/// 02:00:00:00:<group>:<index>, the fixed MACs of FORMAT.md
Mac48Address
FixedMac(uint8_t group, uint32_t index)
{
    std::ostringstream os;
    os << "02:00:00:00:" << std::hex << (group < 16 ? "0" : "") << unsigned(group) << ":"
       << (index < 16 ? "0" : "") << index;
    return Mac48Address(os.str().c_str());
}

/// The interface index of a device in an IP stack (Ipv4 or Ipv6), created and set up on
/// first use (an IPv6 interface gets its link-local then)
template <typename Ip>
uint32_t
IfOf(Ptr<NetDevice> dev)
{
    Ptr<Ip> ip = dev->GetNode()->GetObject<Ip>();
    int32_t i = ip->GetInterfaceForDevice(dev);
    if (i < 0)
    {
        i = ip->AddInterface(dev);
        ip->SetUp(i);
    }
    return i;
}

/// The IPv4 interface index of a device, created on first use
uint32_t
Ipv4If(Ptr<NetDevice> dev)
{
    return IfOf<Ipv4>(dev);
}

/// The IPv6 interface index of a device, created on first use
uint32_t
Ipv6If(Ptr<NetDevice> dev)
{
    return IfOf<Ipv6>(dev);
}

/// The IP stack, with IPv6 routing as a list (ns-3 >= 3.40's default): on 3.35-3.39 the
/// default is a bare Ipv6StaticRouting, which tells no one of addresses added at run time,
/// so ipvlan would learn a slave's IPv6 addresses only at start-up (doc/ipvlan.rst).
void
InstallStack(Ptr<Node> node)
{
    Ipv6ListRoutingHelper list6;
    list6.Add(Ipv6StaticRoutingHelper(), 0);
    InternetStackHelper stack;
    stack.SetRoutingHelper(list6);
    stack.Install(node);
    // Linux hosts do not forward unless told (net.ipv4.ip_forward = 0); ns-3 nodes do.
    node->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
}

/// The host's `drop-input` rule (iptables INPUT: ESTABLISHED accept, then -p <proto> DROP;
/// IPv4 only, as the kernel runner's iptables rules)
bool
DropNewOfProtocol(uint8_t protocol, Ptr<const Packet>, const IpvlanPacketInfo& info)
{
    return info.isV6 || info.protocol != protocol || info.state == IPVLAN_CT_ESTABLISHED;
}

/// AddressRefused trace sink: keep the errno the refusal names
void
NoteRefusal(std::string* errnoName,
            Ptr<const IpvlanNetDevice>,
            const std::string&,
            const std::string& why)
{
    *errnoName = why.find("EADDRINUSE") != std::string::npos ? "EADDRINUSE" : "EINVAL";
}

/// The kernel runner adds addresses with nodad unless asked: so does ns-3 here
void
SetDad(Ptr<Node> node, bool on)
{
    node->GetObject<Ipv6L3Protocol>()->GetIcmpv6()->SetAttribute("DAD", BooleanValue(on));
}

} // namespace

LinkSpec
ParseLinkWords(const std::vector<std::string>& words)
{
    LinkSpec spec;
    if (words.empty() || (words[0] != "ipvlan" && words[0] != "macvlan"))
    {
        spec.error = "EINVAL";
        return spec;
    }
    spec.macvlan = words[0] == "macvlan";
    for (std::size_t i = 1; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        if (w == "mode" && i + 1 < words.size())
        {
            const std::string& m = words[++i];
            spec.hasMode = true;
            if (spec.macvlan)
            {
                if (m == "private" || m == "vepa" || m == "bridge" || m == "passthru")
                {
                    spec.macMode = ParseMacvlanMode(m);
                    continue;
                }
            }
            else if (m == "l2" || m == "l3" || m == "l3s")
            {
                spec.mode = ParseIpvlanMode(m);
                continue;
            }
            spec.error = "EINVAL";
        }
        else if (!spec.macvlan && w == "private")
        {
            spec.flags |= IPVLAN_F_PRIVATE;
            spec.hasFlags = true;
        }
        else if (!spec.macvlan && w == "vepa")
        {
            spec.flags |= IPVLAN_F_VEPA;
            spec.hasFlags = true;
        }
        else if (!spec.macvlan && w == "bridge")
        {
            spec.hasFlags = true;
        }
        else
        {
            spec.error = "EINVAL";
        }
    }
    if (!spec.macvlan && spec.error.empty() && !ValidateIpvlanFlags(spec.flags).empty())
    {
        spec.error = "EINVAL"; // ipvlan_nl_validate: private and vepa together
    }
    return spec;
}

ModelTopology::ModelTopology(const Scenario& s)
{
    m_link = ParseLinkWords(s.linkWords);
    if (!m_link.error.empty())
    {
        throw std::runtime_error("link words refused (" + m_link.error + ")");
    }
    m_nodes.reserve(64); // references handed out stay valid

    // The wire: a switch node with one CSMA link per port; the devices have an
    // administrative state, as the kernel runner's veths do.
    Ptr<Node> sw = CreateObject<Node>();
    NetDeviceContainer swPorts;
    auto device = [](Ptr<Node> n, Ptr<CsmaChannel> ch, Mac48Address mac) {
        Ptr<AdminCsmaNetDevice> d = CreateObject<AdminCsmaNetDevice>();
        d->SetAddress(mac);
        d->SetQueue(CreateObject<DropTailQueue<Packet>>());
        n->AddDevice(d);
        d->Attach(ch);
        return d;
    };
    auto wire = [&](Ptr<Node> n, Mac48Address mac) {
        Ptr<CsmaChannel> ch = CreateObject<CsmaChannel>();
        ch->SetAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
        ch->SetAttribute("Delay", TimeValue(MicroSeconds(1)));
        Ptr<NetDevice> end = device(n, ch, mac);
        swPorts.Add(device(sw, ch, FixedMac(0x0f, swPorts.GetN() + 1)));
        return end;
    };

    ModelNode host;
    host.name = "host";
    host.kind = ModelNode::HOST;
    host.node = CreateObject<Node>();
    InstallStack(host.node);
    SetDad(host.node, false);
    m_master = wire(host.node, FixedMac(0, 1));
    m_wireTap = swPorts.Get(0);
    m_index["host"] = 0;
    m_nodes.push_back(host);

    uint32_t extIndex = 0;
    for (const NodeSpec& e : s.externals)
    {
        ModelNode n;
        n.name = e.name;
        n.kind = ModelNode::EXT;
        n.node = CreateObject<Node>();
        InstallStack(n.node);
        SetDad(n.node, false);
        n.dev = wire(n.node, FixedMac(1, ++extIndex));
        m_index[n.name] = m_nodes.size();
        m_nodes.push_back(n);
    }

    m_switch = CreateObject<EthernetSwitchNetDevice>();
    sw->AddDevice(m_switch);
    for (uint32_t i = 0; i < swPorts.GetN(); ++i)
    {
        m_switch->AddSwitchPort(swPorts.Get(i));
    }
    m_switch->SetHairpin(0, s.hairpin);
    if (s.wireMtu != 0)
    {
        // The kernel runner sets the MTU of the wire's ends of the veths (and of its
        // bridge); here the switch's port devices.
        for (uint32_t i = 0; i < swPorts.GetN(); ++i)
        {
            swPorts.Get(i)->SetMtu(static_cast<uint16_t>(s.wireMtu));
        }
    }

    for (const NodeSpec& sl : s.slaves)
    {
        std::string err = CreateSlave(sl.name, m_link);
        if (!err.empty())
        {
            throw std::runtime_error("slave " + sl.name + " refused (" + err + ")");
        }
    }
    // The host's own interface: on the ipvlan host device, or on a macvlan master.
    if (m_link.macvlan)
    {
        m_nodes[0].dev = m_master;
    }
    else
    {
        IpvlanHelper ipvlan;
        m_nodes[0].dev = ipvlan.InstallHost(m_master).Get(0);
    }
    Configure(m_nodes[0], s.masterAddrs);
    for (const NodeSpec& e : s.externals)
    {
        Configure(Get(e.name), e.addrs);
    }
    for (const NodeSpec& sl : s.slaves)
    {
        Configure(Get(sl.name), sl.addrs);
    }
    for (const RouteSpec& r : s.routes)
    {
        AddRoute(r);
    }
    for (const std::string& proto : s.dropInput)
    {
        IpvlanNetfilter::GetOrCreate(m_nodes[0].node)
            ->AddHook(IPVLAN_HOOK_INPUT,
                      MakeBoundCallback(&DropNewOfProtocol, uint8_t(proto == "icmp" ? 1 : 17)));
    }
    for (const std::string& f : s.forwarders)
    {
        Ptr<Node> n = Get(f).node;
        n->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(true));
        n->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    }
}

std::string
ModelTopology::CreateSlave(const std::string& name, const LinkSpec& spec)
{
    if (!spec.error.empty())
    {
        return spec.error;
    }
    if (m_index.count(name))
    {
        return "EEXIST";
    }
    // ipvlan_link_new / macvlan_port_create: the master already has another rx_handler.
    if (spec.macvlan ? bool(IpvlanPort::Find(m_master)) : bool(MacvlanPort::Find(m_master)))
    {
        return "EBUSY";
    }
    // macvlan_common_newlink: a passthru port takes one slave only, and passthru only
    // as the first slave (the model refuses both with a fatal error, as a configuration bug).
    Ptr<MacvlanPort> macPort = MacvlanPort::Find(m_master);
    if (spec.macvlan && macPort && macPort->GetNSlaves() > 0 &&
        (macPort->IsPassthru() || spec.macMode == MACVLAN_MODE_PASSTHRU))
    {
        return "EINVAL";
    }
    ModelNode n;
    n.name = name;
    n.kind = ModelNode::SLAVE;
    n.node = CreateObject<Node>();
    InstallStack(n.node);
    SetDad(n.node, false);
    if (spec.macvlan)
    {
        Ptr<MacvlanNetDevice> slave = CreateObject<MacvlanNetDevice>();
        n.node->AddDevice(slave);
        slave->SetAddress(FixedMac(2, ++m_nMacvlan));
        slave->Attach(m_master, spec.macMode);
        n.dev = slave;
    }
    else
    {
        // iproute2 sends IFLA_IPVLAN_FLAGS only with a mode or a flag word (seen on the
        // kernel: `ip link add ... type ipvlan` keeps a private port private); the mode
        // attribute absent means l3 (ipvlan_link_new).
        uint16_t flags = spec.flags;
        Ptr<IpvlanPort> port = IpvlanPort::Find(m_master);
        if (port && !spec.hasMode && !spec.hasFlags)
        {
            flags = port->GetFlags();
        }
        IpvlanHelper ipvlan;
        ipvlan.SetMode(spec.mode);
        ipvlan.SetFlags(flags);
        n.dev = ipvlan.Install(m_master, n.node).Get(0);
    }
    m_index[name] = m_nodes.size();
    m_nodes.push_back(n);
    return "";
}

void
ModelTopology::Configure(ModelNode& n, const std::vector<Cidr>& addrs)
{
    Ipv6If(n.dev); // every Linux interface has IPv6 and its link-local
    EnableArpLearningFromRequests(n.dev);
    for (const Cidr& c : addrs)
    {
        std::string err = AddAddress(n, c);
        if (!err.empty())
        {
            throw std::runtime_error("address " + c.address + " on " + n.name + " refused (" + err +
                                     ")");
        }
    }
}

void
ModelTopology::AddRoute(const RouteSpec& r)
{
    ModelNode& n = Get(r.node);
    bool isDefault = r.prefix == "default";
    bool v6 = isDefault ? r.gateway.find(':') != std::string::npos
                        : r.prefix.find(':') != std::string::npos;
    bool both = isDefault && r.gateway.empty();
    if (!v6 || both)
    {
        Cidr net = isDefault ? ParseCidr("0.0.0.0/0") : ParseCidr(r.prefix);
        Ipv4StaticRoutingHelper h;
        Ptr<Ipv4StaticRouting> rt = h.GetStaticRouting(n.node->GetObject<Ipv4>());
        uint32_t i = Ipv4If(n.dev);
        Ipv4Mask mask(net.prefix == 0 ? 0u : ~0u << (32 - net.prefix));
        Ipv4Address dst = Ipv4Address(net.address.c_str()).CombineMask(mask);
        if (r.gateway.empty())
        {
            rt->AddNetworkRouteTo(dst, mask, i);
        }
        else
        {
            rt->AddNetworkRouteTo(dst, mask, Ipv4Address(r.gateway.c_str()), i);
        }
    }
    if (v6 || both)
    {
        Cidr net = isDefault ? ParseCidr("::/0") : ParseCidr(r.prefix);
        Ipv6StaticRoutingHelper h;
        Ptr<Ipv6StaticRouting> rt = h.GetStaticRouting(n.node->GetObject<Ipv6>());
        uint32_t i = Ipv6If(n.dev);
        Ipv6Prefix prefix(static_cast<uint8_t>(net.prefix));
        Ipv6Address dst = Ipv6Address(net.address.c_str()).CombinePrefix(prefix);
        if (r.gateway.empty())
        {
            rt->AddNetworkRouteTo(dst, prefix, i);
        }
        else
        {
            rt->AddNetworkRouteTo(dst, prefix, Ipv6Address(r.gateway.c_str()), i);
        }
    }
}

ModelNode&
ModelTopology::Get(const std::string& name)
{
    auto it = m_index.find(name);
    if (it == m_index.end())
    {
        throw std::runtime_error("unknown node \"" + name + "\"");
    }
    return m_nodes[it->second];
}

std::vector<ModelNode*>
ModelTopology::All()
{
    std::vector<ModelNode*> out;
    for (ModelNode& n : m_nodes)
    {
        out.push_back(&n);
    }
    return out;
}

Ptr<NetDevice>
ModelTopology::GetMaster() const
{
    return m_master;
}

Ptr<NetDevice>
ModelTopology::GetWireTap() const
{
    return m_wireTap;
}

std::string
ModelTopology::NewSlave(const std::string& name,
                        const std::vector<Cidr>& addrs,
                        const std::vector<std::string>& words)
{
    std::string err = CreateSlave(name, ParseLinkWords(words));
    if (!err.empty())
    {
        return err;
    }
    // The link exists now; an address may still be refused (ip addr add fails), which
    // is the probe's outcome, as the kernel runner reports the first failing step.
    ModelNode& n = Get(name);
    Ipv6If(n.dev);
    EnableArpLearningFromRequests(n.dev);
    for (const Cidr& c : addrs)
    {
        err = AddAddress(n, c);
        if (!err.empty())
        {
            // The kernel runner deletes the new namespace (and so the slave) on a refusal.
            if (Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev))
            {
                slave->SetAdminUp(false);
                slave->GetPort()->RemoveSlave(slave);
            }
            m_index.erase(name);
            return err;
        }
    }
    return "";
}

std::string
ModelTopology::AddAddress(ModelNode& n, const Cidr& c)
{
    // The refusal comes from the slave's validator (ipvlan_addr{4,6}_validator_event),
    // which the model runs when the address reaches the slave: watch for it.
    std::string refused;
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev);
    Callback<void, Ptr<const IpvlanNetDevice>, const std::string&, const std::string&> cb =
        MakeBoundCallback(&NoteRefusal, &refused);
    if (slave)
    {
        slave->TraceConnectWithoutContext("AddressRefused", cb);
    }
    if (c.v6)
    {
        Ptr<Ipv6> ip = n.node->GetObject<Ipv6>();
        uint32_t i = Ipv6If(n.dev);
        Ipv6Address a(c.address.c_str());
        for (uint32_t k = 0; k < ip->GetNAddresses(i); ++k)
        {
            if (ip->GetAddress(i, k).GetAddress() == a)
            {
                refused = "EEXIST"; // the IPv6 core, before any validator
            }
        }
        if (refused.empty())
        {
            // ns-3 reads the DAD switch when the (zero-delay) DAD event runs: turn it off
            // again only after that.
            SetDad(n.node, c.dad);
            ip->AddAddress(i, Ipv6InterfaceAddress(a, Ipv6Prefix(static_cast<uint8_t>(c.prefix))));
            Simulator::ScheduleNow(&SetDad, n.node, false);
        }
    }
    else
    {
        Ptr<Ipv4> ip = n.node->GetObject<Ipv4>();
        uint32_t i = Ipv4If(n.dev);
        Ipv4Address a(c.address.c_str());
        Ipv4Mask mask(c.prefix == 0 ? 0u : ~0u << (32 - c.prefix));
        for (uint32_t k = 0; k < ip->GetNAddresses(i); ++k)
        {
            if (ip->GetAddress(i, k).GetLocal() == a && ip->GetAddress(i, k).GetMask() == mask)
            {
                refused = "EEXIST"; // inet_rtm_newaddr finds the same address and prefix
            }
        }
        if (refused.empty())
        {
            ip->AddAddress(i, Ipv4InterfaceAddress(a, mask));
        }
    }
    if (slave)
    {
        slave->TraceDisconnectWithoutContext("AddressRefused", cb);
    }
    return refused;
}

std::string
ModelTopology::DelAddress(ModelNode& n, const Cidr& c)
{
    if (c.v6)
    {
        Ptr<Ipv6> ip = n.node->GetObject<Ipv6>();
        uint32_t i = Ipv6If(n.dev);
        return ip->RemoveAddress(i, Ipv6Address(c.address.c_str())) ? "" : "EADDRNOTAVAIL";
    }
    Ptr<Ipv4> ip = n.node->GetObject<Ipv4>();
    uint32_t i = Ipv4If(n.dev);
    return ip->RemoveAddress(i, Ipv4Address(c.address.c_str())) ? "" : "EADDRNOTAVAIL";
}

std::string
ModelTopology::SetMtu(ModelNode& n, uint32_t mtu)
{
    if (mtu < 68 || mtu > 65535)
    {
        return "EINVAL"; // dev_validate_mtu: min_mtu 68 (ether_setup), max_mtu 65535
    }
    if (n.kind == ModelNode::HOST)
    {
        if (!m_link.macvlan)
        {
            Ptr<IpvlanPort> port = IpvlanPort::Find(m_master);
            return port->SetMasterMtu(static_cast<uint16_t>(mtu)) ? "" : "EINVAL";
        }
        return m_master->SetMtu(static_cast<uint16_t>(mtu)) ? "" : "EINVAL";
    }
    return n.dev->SetMtu(static_cast<uint16_t>(mtu)) ? "" : "EINVAL";
}

uint16_t
ModelTopology::GetMtu(ModelNode& n)
{
    return n.kind == ModelNode::HOST ? m_master->GetMtu() : n.dev->GetMtu();
}

std::string
ModelTopology::ChangeLink(ModelNode& n, const std::vector<std::string>& words)
{
    LinkSpec spec = ParseLinkWords(words);
    if (!spec.error.empty())
    {
        return spec.error;
    }
    if (Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev))
    {
        if (spec.macvlan)
        {
            return "EINVAL";
        }
        // ipvlan_nl_changelink: the mode when given; the flags when iproute2 sends them,
        // which it does with a mode or a flag word.
        if (spec.hasMode)
        {
            slave->GetPort()->SetMode(spec.mode);
        }
        if (spec.hasMode || spec.hasFlags)
        {
            slave->GetPort()->SetFlags(spec.flags);
        }
        return "";
    }
    if (Ptr<MacvlanNetDevice> slave = DynamicCast<MacvlanNetDevice>(n.dev))
    {
        if (!spec.macvlan)
        {
            return "EINVAL";
        }
        if (spec.hasMode)
        {
            if ((spec.macMode == MACVLAN_MODE_PASSTHRU) !=
                (slave->GetMode() == MACVLAN_MODE_PASSTHRU))
            {
                return "EINVAL"; // macvlan_changelink: passthru cannot be set or cleared
            }
            slave->SetMode(spec.macMode);
        }
        return "";
    }
    return "EOPNOTSUPP";
}

std::string
ModelTopology::SetAdmin(ModelNode& n, bool up)
{
    // The interface `ip link set dev X down` acts on: the master for the host.
    Ptr<NetDevice> link = n.kind == ModelNode::HOST ? m_master : n.dev;
    if (Ptr<AdminCsmaNetDevice> csma = DynamicCast<AdminCsmaNetDevice>(link))
    {
        csma->SetAdminUp(up);
    }
    else if (Ptr<StackedNetDevice> stacked = DynamicCast<StackedNetDevice>(link))
    {
        stacked->SetAdminUp(up);
    }
    else
    {
        return "EOPNOTSUPP";
    }
    // The IP stack of that interface goes down (or up) with it. Linux's IPv6 also drops
    // the interface's addresses when it goes down (addrconf_ifdown, keep_addr_on_down 0),
    // which removes them from ipvlan's list too; ns-3's IPv6 keeps them: remove them.
    Ptr<Ipv6> ip6 = n.node->GetObject<Ipv6>();
    int32_t i6 = ip6->GetInterfaceForDevice(n.dev);
    if (!up && i6 >= 0)
    {
        for (uint32_t k = ip6->GetNAddresses(i6); k-- > 0;)
        {
            if (!ip6->GetAddress(i6, k).GetAddress().IsLinkLocal())
            {
                ip6->RemoveAddress(i6, k);
            }
        }
    }
    Ptr<Ipv4> ip4 = n.node->GetObject<Ipv4>();
    int32_t i4 = ip4->GetInterfaceForDevice(n.dev);
    if (i4 >= 0)
    {
        up ? ip4->SetUp(i4) : ip4->SetDown(i4);
    }
    if (i6 >= 0)
    {
        up ? ip6->SetUp(i6) : ip6->SetDown(i6);
    }
    return "";
}

std::string
ModelTopology::ShowMode(ModelNode& n)
{
    Ptr<IpvlanNetDevice> slave = DynamicCast<IpvlanNetDevice>(n.dev);
    if (!slave)
    {
        Ptr<MacvlanNetDevice> mac = DynamicCast<MacvlanNetDevice>(n.dev);
        if (!mac)
        {
            return "mode none";
        }
        std::ostringstream os;
        os << "mode " << mac->GetMode();
        return os.str();
    }
    uint16_t f = slave->GetPort()->GetFlags();
    std::string flags = (f & IPVLAN_F_PRIVATE) ? "private"
                        : (f & IPVLAN_F_VEPA)  ? "vepa"
                                               : "bridge";
    return "mode " + IpvlanModeToString(slave->GetPort()->GetMode()) + " " + flags;
}

} // namespace ipvlanval
