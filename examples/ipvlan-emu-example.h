/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EMU_EXAMPLE_H
#define IPVLAN_EMU_EXAMPLE_H

// What the two emulation examples share (header-only, examples only): the simulated host
// whose master is a real interface, its containers, the printing of counters, and the
// check of ping series.

#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <cstring>
#include <iomanip>
#include <iostream>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <map>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace ns3
{

/// The simulated host and its containers
struct EmuExampleHost
{
    Ptr<Node> host;                        ///< the simulated host
    Ptr<FdNetDevice> master;               ///< its master: the real interface
    NodeContainer containers;              ///< simulated containers
    NetDeviceContainer slaves;             ///< their slaves
    std::map<std::string, uint64_t> drops; ///< drops by reason (port and slaves)
};

/// The command-line options both emulation examples take, and what follows from them
struct EmuExampleOptions
{
    std::string ifname;                ///< --interface: the real master
    std::string netns;                 ///< --netns: its namespace
    uint32_t nContainers{4};           ///< --containers
    std::string mode{"l2"};            ///< --mode
    std::string subnet{"10.199.10.0"}; ///< --subnet: the containers' /24
    std::string hostAddress;           ///< --host-address
    std::string gateway;               ///< --gateway
    double duration{30};               ///< --duration, real seconds
    std::string offloads;              ///< --disable-offloads

    /**
     * Declare the options.
     * @param cmd the command line
     */
    void AddTo(CommandLine& cmd)
    {
        cmd.AddValue("interface",
                     "Real Ethernet interface to use as the master (required)",
                     ifname);
        cmd.AddValue("netns",
                     "Network namespace of the interface (default: this program's)",
                     netns);
        cmd.AddValue("containers", "Number of simulated containers", nContainers);
        cmd.AddValue("mode", "ipvlan mode: l2, l3 or l3s", mode);
        cmd.AddValue("subnet", "The containers' /24; simulated container i gets .(10+i)", subnet);
        cmd.AddValue("host-address",
                     "The simulated host's own address (/24; default subnet .2)",
                     hostAddress);
        cmd.AddValue("gateway", "The containers' default gateway (default subnet .1)", gateway);
        cmd.AddValue("duration", "Seconds (real time) the simulated host runs", duration);
        cmd.AddValue("disable-offloads",
                     "Turn offloads off on real interfaces IF[@NETNS],... first (ethtool -K IF "
                     "tx off tso off gso off gro off), for real senders in this machine",
                     offloads);
    }

    /**
     * Refuse bad values, naming them.
     * @param minContainers the fewest simulated containers the example accepts
     */
    void Check(uint32_t minContainers) const
    {
        NS_ABORT_MSG_IF(ifname.empty(),
                        "--interface=IF is required: the real Ethernet interface that becomes "
                        "the simulated host's master (up, with no IP address of its own)");
        NS_ABORT_MSG_IF(nContainers < minContainers || nContainers > 200,
                        "--containers=" << nContainers << " is out of range (" << minContainers
                                        << " to 200)");
        NS_ABORT_MSG_IF(duration <= 0, "--duration=" << duration << " must be positive");
    }

    /** @return the containers' subnet */
    Ipv4Address Base() const
    {
        return Ipv4Address(subnet.c_str());
    }

    /** @return the simulated host's address (default subnet .2) */
    Ipv4Address Host() const
    {
        return hostAddress.empty() ? Ipv4Address(Base().Get() + 2)
                                   : Ipv4Address(hostAddress.c_str());
    }

    /** @return the containers' gateway (default subnet .1) */
    Ipv4Address Gateway() const
    {
        return gateway.empty() ? Ipv4Address(Base().Get() + 1) : Ipv4Address(gateway.c_str());
    }
};

/**
 * Turn offloads off on "IF@NETNS,IF,..." (the module's `ethtool -K IF tx off tso off gso
 * off gro off`), for real senders inside the same machine (veth).
 * @param list the interfaces
 */
inline void
DisableOffloadsList(const std::string& list)
{
    std::istringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (item.empty())
        {
            continue;
        }
        size_t at = item.find('@');
        std::string ifname = item.substr(0, at);
        std::string netns = at == std::string::npos ? "" : item.substr(at + 1);
        IpvlanEmuHelper::DisableOffloads(ifname, netns);
        std::cout << "offloads off on " << ifname << (netns.empty() ? "" : " in " + netns) << "\n";
    }
}

/**
 * An interface's promiscuity count (`ip -d link`'s "promiscuity N"), from rtnetlink's
 * IFLA_PROMISCUITY. A packet socket's PACKET_MR_PROMISC membership, which the module uses,
 * counts there; it does not show in the IFF_PROMISC of SIOCGIFFLAGS, which reports only
 * `ip link set IF promisc on`.
 * @param ifname the interface
 * @param netns its network namespace ("" for this program's)
 * @return the count, or -1 if it could not be read
 */
inline int64_t
InterfacePromiscuity(const std::string& ifname, const std::string& netns)
{
    ipvlanemu::NetnsScope scope(netns); // the netlink socket talks to the namespace it is made in
    int index = ipvlanemu::QueryInterface(ifname).index;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
    {
        return -1;
    }

    struct
    {
        nlmsghdr header;
        ifinfomsg info;
    } request{};

    request.header.nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
    request.header.nlmsg_type = RTM_GETLINK;
    request.header.nlmsg_flags = NLM_F_REQUEST;
    request.header.nlmsg_seq = 1;
    request.info.ifi_family = AF_UNSPEC;
    request.info.ifi_index = index;
    int64_t promiscuity = -1;
    if (send(fd, &request, request.header.nlmsg_len, 0) ==
        static_cast<ssize_t>(request.header.nlmsg_len))
    {
        alignas(nlmsghdr) char buffer[16384];
        ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
        for (auto* h = reinterpret_cast<nlmsghdr*>(buffer); n > 0 && NLMSG_OK(h, n);
             h = NLMSG_NEXT(h, n))
        {
            if (h->nlmsg_type != RTM_NEWLINK)
            {
                continue;
            }
            auto* info = static_cast<ifinfomsg*>(NLMSG_DATA(h));
            int length = static_cast<int>(IFLA_PAYLOAD(h));
            for (auto* a = IFLA_RTA(info); RTA_OK(a, length); a = RTA_NEXT(a, length))
            {
                if (a->rta_type == IFLA_PROMISCUITY && RTA_PAYLOAD(a) >= sizeof(uint32_t))
                {
                    uint32_t value;
                    std::memcpy(&value, RTA_DATA(a), sizeof(value));
                    promiscuity = value;
                }
            }
        }
    }
    close(fd);
    return promiscuity;
}

/**
 * Count a drop by reason (port Drop trace sink).
 * @param drops the counts
 * @param packet the dropped packet (unused)
 * @param reason why
 * @param device the device concerned (unused)
 */
inline void
CountDrop(std::map<std::string, uint64_t>* drops,
          Ptr<const Packet> packet,
          IpvlanDropReason reason,
          Ptr<const NetDevice> device)
{
    std::ostringstream os;
    os << reason;
    (*drops)[os.str()]++;
}

/**
 * Build the host: its master on a real interface, its own address, N containers with
 * ipvlan slaves (or macvlan slaves, with the NIC promiscuous, to compare) at
 * subnet .10, .11, ... /24 and a default route via the gateway.
 * @param h where the nodes go
 * @param ifname the real interface
 * @param netns its network namespace ("" for this program's)
 * @param nContainers how many containers
 * @param mode the ipvlan mode word
 * @param macvlan use macvlan slaves instead
 * @param subnet the containers' /24
 * @param hostAddress the host's own address (/24)
 * @param gateway the containers' default gateway
 */
inline void
BuildEmuExampleHost(EmuExampleHost& h,
                    const std::string& ifname,
                    const std::string& netns,
                    uint32_t nContainers,
                    const std::string& mode,
                    bool macvlan,
                    Ipv4Address subnet,
                    Ipv4Address hostAddress,
                    Ipv4Address gateway)
{
    h.host = CreateObject<Node>();
    h.containers.Create(nContainers);
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(h.host);
    stack.Install(h.containers);

    IpvlanEmuHelper emu;
    emu.SetNetns(netns);
    emu.SetPromiscuous(macvlan);
    h.master = emu.InstallMaster(h.host, ifname);
    Ipv4StaticRoutingHelper routing;
    if (macvlan)
    {
        MacvlanHelper mh;
        mh.SetMode("bridge");
        h.slaves = mh.Install(h.master, h.containers);
    }
    else
    {
        IpvlanHelper ih;
        ih.SetMode(mode);
        h.slaves = ih.Install(h.master, h.containers);
        Ptr<NetDevice> hostIf = ih.InstallHost(h.master).Get(0);
        Ptr<Ipv4> ipv4 = h.host->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(hostIf);
        ipv4->AddAddress(i, Ipv4InterfaceAddress(hostAddress, "255.255.255.0"));
        ipv4->SetUp(i);
        IpvlanPort::Find(h.master)->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(&CountDrop, &h.drops));
    }
    for (uint32_t c = 0; c < nContainers; ++c)
    {
        Ptr<Ipv4> ipv4 = h.containers.Get(c)->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(h.slaves.Get(c));
        ipv4->AddAddress(i,
                         Ipv4InterfaceAddress(Ipv4Address(subnet.Get() + 10 + c), "255.255.255.0"));
        ipv4->SetUp(i);
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(gateway, i);
    }
}

/**
 * Check that every ping series got at least one reply (a real network may lose one).
 * @param checks where the claim goes
 * @param claim the claim
 * @param series the series
 */
inline void
CheckEveryPingSeriesAnswered(ExampleChecks& checks,
                             const std::string& claim,
                             const std::vector<PingSeries>& series)
{
    std::string seen;
    bool all = !series.empty();
    for (const PingSeries& s : series)
    {
        if (s.rttMs.empty())
        {
            all = false;
            std::ostringstream os;
            os << (seen.empty() ? "" : ", ") << s.fromAddr << " -> " << s.toAddr << " "
               << s.rttMs.size() << "/" << s.sent;
            seen += os.str();
        }
    }
    checks.Check(claim, all, series.empty() ? std::string("no ping series") : seen);
}

/**
 * Print the containers' counters (ip -s link) and the port's.
 * @param h the host
 */
inline void
PrintEmuExampleCounters(const EmuExampleHost& h)
{
    std::cout << "\n"
              << std::left << std::setw(12) << "container" << std::setw(16) << "address"
              << std::right << std::setw(10) << "rx pkts" << std::setw(10) << "tx pkts"
              << std::setw(10) << "tx drops"
              << "\n";
    for (uint32_t c = 0; c < h.containers.GetN(); ++c)
    {
        Ptr<StackedNetDevice> slave = DynamicCast<StackedNetDevice>(h.slaves.Get(c));
        const StackedDeviceCounters& k = slave->GetCounters();
        Ipv4Address a = h.containers.Get(c)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        std::ostringstream addr;
        addr << a;
        std::cout << std::left << std::setw(12) << ("ns" + std::to_string(c)) << std::setw(16)
                  << addr.str() << std::right << std::setw(10) << k.rxPackets << std::setw(10)
                  << k.txPackets << std::setw(10) << k.txDropped << "\n";
    }
    if (Ptr<IpvlanPort> port = IpvlanPort::Find(h.master))
    {
        const IpvlanPortCounters& k = port->GetCounters();
        std::cout << "port: frames from the NIC " << k.rxFrames << ", to slaves " << k.rxToSlave
                  << ", to the host " << k.rxToHost << ", switched locally " << k.txLocal
                  << ", sent on the NIC " << k.txToWire << ", dropped " << k.drops << "\n";
        for (const auto& [reason, n] : h.drops)
        {
            std::cout << "  dropped (" << reason << "): " << n << "\n";
        }
    }
}

} // namespace ns3

#endif /* IPVLAN_EMU_EXAMPLE_H */
