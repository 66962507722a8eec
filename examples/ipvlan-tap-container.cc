/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A real network namespace as a container on a simulated host (the kernel's ipvtap): a
// TAP in that namespace is bridged to a simulated ipvlan slave, so real processes there
// (ping, iperf3, ...) use the simulated slave. The simulated host's master is a real
// interface, as in ipvlan-emu-ping, so the real container also reaches the real link.
//
//   real host(s) ---- real link ---- IF (up, no IP address)
//                                    |  raw socket, IF's own MAC
//   +================================#===============================+
//   | simulated host: master = IF, own address --host-address (.2)    |
//   |   ns0 .10   ns1 .11  (simulated containers)                     |
//   |   tap slave --tap-address (.50) ===== TAP --tap in --tap-netns  |----> real processes
//   +=================================================================+
//
// Run as root:
//   ipvlan-tap-container --interface=IF [--netns=NS] --tap=ipvt0 --tap-netns=CTR
//                        [--tap-address=10.199.10.50] [--containers=2] [--mode=l2]
//                        [--subnet=10.199.10.0] [--host-address=...] [--gateway=...]
//                        [--duration=30] [--disable-offloads=IF@NS,...]
// Give the TAP its address in CTR (ip -n CTR addr add 10.199.10.50/24 dev ipvt0): a TAP
// made beforehand (ip -n CTR tuntap add ipvt0 mode tap) is attached to, otherwise it is
// created. The TAP gets the master's MAC and the slave's MTU (and NOARP in l3). The
// simulated containers ping the real container every second.

#include "ipvlan-emu-example.h"
#include "ipvlan-example-check.h"
#include "ipvlan-example-ping.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanTapContainer");

namespace
{
/**
 * Count a drop at the TAP bridge by reason (its Drop trace sink).
 * @param drops the counts
 * @param packet the dropped packet (unused)
 * @param reason why
 */
void
CountTapDrop(std::map<std::string, uint64_t>* drops,
             Ptr<const Packet> packet,
             IpvlanDropReason reason)
{
    std::ostringstream os;
    os << "tap: " << reason;
    (*drops)[os.str()]++;
}
} // namespace

int
main(int argc, char* argv[])
{
    EmuExampleOptions opt;
    opt.nContainers = 2;
    std::string tap = "ipvt0";
    std::string tapNetns;
    std::string tapAddress;
    CommandLine cmd(__FILE__);
    opt.AddTo(cmd);
    cmd.AddValue("tap", "TAP interface of the real container", tap);
    cmd.AddValue("tap-netns", "Network namespace of the TAP (the real container)", tapNetns);
    cmd.AddValue("tap-address", "The real container's address (default subnet .50)", tapAddress);
    cmd.Parse(argc, argv);
    opt.Check(0);
    const std::string& ifname = opt.ifname;
    const std::string& netns = opt.netns;
    const uint32_t nContainers = opt.nContainers;
    const std::string& mode = opt.mode;
    const double duration = opt.duration;
    const std::string& offloads = opt.offloads;
    Ipv4Address base = opt.Base();
    Ipv4Address host = opt.Host();
    Ipv4Address gw = opt.Gateway();
    Ipv4Address real =
        tapAddress.empty() ? Ipv4Address(base.Get() + 50) : Ipv4Address(tapAddress.c_str());

    DisableOffloadsList(offloads);
    IpvlanEmuHelper::EnableRealtime();
    EmuExampleHost h;
    BuildEmuExampleHost(h, ifname, netns, nContainers, mode, false, base, host, gw);

    IpvlanTapHelper ipvtap;
    ipvtap.SetMode(mode);
    ipvtap.SetNetns(tapNetns);
    Ptr<IpvlanTapBridge> bridge = ipvtap.Install(h.master, CreateObject<Node>(), tap, real);
    bridge->TraceConnectWithoutContext("Drop", MakeBoundCallback(&CountTapDrop, &h.drops));

    Mac48Address mac = Mac48Address::ConvertFrom(h.master->GetAddress());
    ipvlanemu::InterfaceInfo tapInfo;
    {
        ipvlanemu::NetnsScope scope(tapNetns);
        tapInfo = ipvlanemu::QueryInterface(tap);
    }
    std::cout << "master " << ifname << (netns.empty() ? "" : " (netns " + netns + ")") << ": MAC "
              << mac << "; simulated host " << host << "/24, ipvlan mode " << mode << "\n";
    for (uint32_t c = 0; c < nContainers; ++c)
    {
        std::cout << "  simulated container ns" << c << ": " << Ipv4Address(base.Get() + 10 + c)
                  << "\n";
    }
    std::cout << "  real container: TAP " << tap
              << (tapNetns.empty() ? "" : " in netns " + tapNetns) << ", " << real << ", MAC "
              << mac << (mode == "l2" ? "" : ", NOARP") << "\n";
    std::string exec = tapNetns.empty() ? "" : "ip netns exec " + tapNetns + " ";
    std::cout << "Try: " << exec << "ping -c 3 " << Ipv4Address(base.Get() + 10) << "\n"
              << "     " << exec << "iperf3 -s -1   and, on a real host of the link: iperf3 -c "
              << real << "\n";

    std::vector<PingSeries> series(nContainers);
    std::vector<Ptr<Pinger>> pingers;
    uint32_t pings = static_cast<uint32_t>(std::max(1.0, duration - 2));
    for (uint32_t c = 0; c < nContainers; ++c)
    {
        series[c].fromAddr = Ipv4Address(base.Get() + 10 + c);
        series[c].toAddr = real;
        pingers.push_back(Create<Pinger>(h.containers.Get(c), &series[c], 200 + c));
        pingers.back()->Start(Seconds(1), pings, Seconds(1));
    }

    std::cout << "running for " << duration << " s (real time)" << std::endl;
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    for (const PingSeries& s : series)
    {
        std::cout << "ping " << s.fromAddr << " (simulated) -> " << s.toAddr
                  << " (real): " << s.rttMs.size() << "/" << s.sent << " replies\n";
    }
    const IpvlanTapBridgeCounters& b = bridge->GetCounters();
    std::cout << "TAP bridge: frames from the real container " << b.fromTap << ", to it " << b.toTap
              << ", dropped " << b.drops << "\n";
    PrintEmuExampleCounters(h);

    ExampleChecks checks;
    std::ostringstream tapSeen;
    tapSeen << "MAC " << tapInfo.mac << (tapInfo.noArp ? ", NOARP" : ", ARP");
    bool l2 = mode == "l2";
    checks.Check(l2 ? "the TAP carries the master's MAC"
                    : "the TAP carries the master's MAC and is NOARP",
                 tapInfo.mac == mac && tapInfo.noArp == !l2,
                 tapSeen.str());
    std::ostringstream realText;
    realText << real;
    CheckEveryPingSeriesAnswered(checks,
                                 "every simulated container's pings to the real container (" +
                                     realText.str() + ") get replies",
                                 series);
    checks.Check("the TAP bridge carried frames both ways",
                 b.fromTap > 0 && b.toTap > 0,
                 "from the TAP " + std::to_string(b.fromTap) + ", to it " +
                     std::to_string(b.toTap));
    for (auto& p : pingers)
    {
        p->Close();
    }
    Simulator::Destroy();
    return checks.Report();
}
