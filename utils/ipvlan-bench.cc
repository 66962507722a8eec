/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The module's benchmark suite (utils/bench.sh runs it; doc/performance.rst explains it).
// Every figure is a ratio against a baseline measured in the same run, so that a slower or
// busier machine moves both sides together. Per-packet figures are CPU time of the process
// (CLOCK_PROCESS_CPUTIME_ID) around Simulator::Run only, set-up apart, over a measured window
// that follows an untimed warm-up window (ARP resolved, code and caches warm); each figure is
// the median of --reps repetitions, after one discarded warm-up repetition.
//
//   egress   (1) n = 16 and 256 containers each send 64-byte UDP datagrams (1000/s, evenly
//                staggered, a fixed total) to an external host on the master's CSMA link.
//                Baseline: host networking, the same n sockets on the host node through its
//                own interface on the master. Also ipvlan l2, l3, l3s, macvlan bridge and
//                forwarding (veth-like: a point-to-point link per container, the host
//                routes). No queue disc on any path (ns-3's Ipv4AddressHelper installs
//                fq_codel on devices with a queue interface; it is removed everywhere).
//   local    (2) two containers on one master exchange UDP (l2, l3). Baseline: the same
//                two sockets on one node, sending to the node's own address.
//   demux    (3) 10, 1,000, 10,000 l2 slaves; an external host sends UDP round robin to 10
//                of them, spread over the set. Baseline: 10 slaves.
//   setup    (4) IpvlanHelper::Install, then Ipv4AddressHelper::Assign, CPU time per slave
//                for 1,000 / 10,000 / 30,000 / 100,000 slaves; nodes and IPv4 stacks are
//                created before the timer. Baseline: 1,000 slaves.
//   arp      (5) l2, 10 / 100 / 1,000 / 10,000 slaves: an external host (a bare CSMA device)
//                sends broadcast ARP requests for slave addresses; CPU time per request,
//                with the port attribute ns3::IpvlanPort::ArpFilter false and, when the
//                attribute exists, true. Every request must be answered by its slave.
//                Baseline: 10 slaves, same filter setting.
//   memory   (6) heap bytes (mallinfo2: uordblks + hblkhd) per slave of IpvlanHelper::Install
//                and of the slaves' IPv4 addresses. Baseline: a container node with its IPv4
//                stack.
//
// A run that delivers fewer packets (or ARP replies) than it sent fails with a message
// naming the case and the port's drops: a benchmark of a broken path is meaningless.
// Output: a human-readable table per figure, one "row<TAB>..." line per figure value (what
// bench.sh collects), and OUTDIR/bench-<figure>.dat and .plt (gnuplot draws the PNGs).
//
// Usage: ipvlan-bench [--only=all|egress|local|demux|setup|arp|memory] [--quick] [--reps=N]
//                     [--outdir=DIR] [--setup-max=N]
//        ipvlan-bench --profile=CASE [--quick] [--reps=N]     one case, for a profiler:
//          egress:PATH:N (PATH host, l2, l3, l3s, macvlan, forwarding), local:one|l2|l3,
//          demux:N, setup:N, arp:off|on:N; e.g. valgrind --tool=callgrind
//          --toggle-collect='(anonymous namespace)::TimedWindow(ns3::Time)'
//          ipvlan-bench --profile=egress:l3:16 --quick  (the measured windows only)

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <malloc.h>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpvlanBench");

namespace
{

constexpr uint32_t PAYLOAD = 64;            ///< UDP payload of every datagram (bytes)
constexpr uint16_t DATA_PORT = 9000;        ///< receivers' port
constexpr double WARM_END_S = 1.0;          ///< the warm-up window ends here (simulated s)
const char* const ARP_FILTER = "ArpFilter"; ///< the port attribute figure 5 toggles
const DataRate LINK_RATE("1Gbps");          ///< the master's CSMA link
const Time LINK_DELAY = MicroSeconds(1);    ///< its propagation delay

/// The options every figure reads
struct Options
{
    bool quick{false};         ///< small sizes
    uint32_t reps{5};          ///< measured repetitions (median)
    std::string outDir{"."};   ///< where the .dat/.plt go
    uint32_t setupMax{100000}; ///< largest set-up size
};

/// @return the process's CPU time in seconds
double
CpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// @return heap bytes in use (main arena and mmapped chunks)
double
HeapBytes()
{
    struct mallinfo2 mi = mallinfo2();
    return static_cast<double>(mi.uordblks) + static_cast<double>(mi.hblkhd);
}

/**
 * @param v samples
 * @return their median
 */
double
Median(std::vector<double> v)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Stop with a message: the benchmark measured a broken path.
 * @param what what failed
 */
[[noreturn]] void
Fail(const std::string& what)
{
    std::cout << std::flush;
    std::cerr << "ipvlan-bench: FAILED: " << what << std::endl;
    std::exit(1);
}

/**
 * Run the simulation for a window and return the CPU time Simulator::Run took.
 * @param length the window (simulated time)
 * @return CPU seconds
 *
 * Not inlined, so that a profiler can collect within it alone
 * (valgrind --tool=callgrind --toggle-collect='(anonymous namespace)::TimedWindow(ns3::Time)').
 */
[[gnu::noinline]] double
TimedWindow(Time length)
{
    Simulator::Stop(length);
    double t0 = CpuSeconds();
    Simulator::Run();
    return CpuSeconds() - t0;
}

/// One value of the table bench.sh prints
struct Row
{
    std::string figure;   ///< figure name (egress, local, ...)
    std::string item;     ///< what was measured
    double value{0};      ///< the value
    std::string unit;     ///< its unit
    std::string baseline; ///< what it is compared with
    double baseValue{0};  ///< the baseline's value
    double ratio{0};      ///< value / baseline (or as the figure defines it)
    double targetMax{0};  ///< the target: ratio at most this (0: none)
    std::string note;     ///< a remark for the table
};

/// The rows of this run, printed at the end
std::vector<Row> g_rows;

/// --quick: the sizes are too small for a verdict on a target
bool g_quick = false;

/**
 * Add a row (printed when its figure is done).
 * @param r the row
 */
void
AddRow(const Row& r)
{
    g_rows.push_back(r);
}

/**
 * A row that has no value: what is missing, and why.
 * @param figure the figure
 * @param item what would have been measured
 * @param why why it was not
 */
void
AddMissingRow(const std::string& figure, const std::string& item, const std::string& why)
{
    Row r;
    r.figure = figure;
    r.item = item;
    r.value = -1;
    r.note = why;
    g_rows.push_back(r);
}

/**
 * Print the rows added since the last call, one "row<TAB>..." line each, as bench.sh reads
 * them: figure, item, value, baseline, baseline value, ratio, target, verdict, note.
 */
void
FlushRows()
{
    static size_t printed = 0;
    for (; printed < g_rows.size(); ++printed)
    {
        const Row& r = g_rows[printed];
        std::ostringstream line;
        line << "row\t" << r.figure << "\t" << r.item << "\t";
        if (r.value < 0)
        {
            line << "n/a (" << r.note << ")\t-\t-\t-\t-\tn/a\t-";
            std::cout << line.str() << "\n";
            continue;
        }
        line << std::setprecision(4) << r.value << " " << r.unit << "\t" << r.baseline << "\t"
             << r.baseValue << " " << r.unit << "\t" << std::fixed << std::setprecision(2)
             << r.ratio << "\t";
        if (r.targetMax > 0)
        {
            line << "<= " << r.targetMax << "\t"
                 << (g_quick ? "(quick)" : (r.ratio <= r.targetMax ? "met" : "MISSED"));
        }
        else
        {
            line << "-\t-";
        }
        line << "\t" << (r.note.empty() ? "-" : r.note);
        std::cout << line.str() << "\n";
    }
    std::cout << std::flush;
}

/**
 * Open a file for writing or fail.
 * @param path the file
 * @return the stream
 */
std::ofstream
OpenOut(const std::string& path)
{
    std::ofstream out(path);
    if (!out)
    {
        Fail("cannot write " + path);
    }
    return out;
}

/**
 * The gnuplot preamble of a bench plot.
 * @param g the .plt stream
 * @param outDir where the PNG goes
 * @param name the figure's file stem (bench-NAME)
 * @param title the plot title
 */
void
PlotHeader(std::ostream& g,
           const std::string& outDir,
           const std::string& name,
           const std::string& title)
{
    g << "# gnuplot " << outDir << "/bench-" << name << ".plt (utils/bench.sh)\n"
      << "set terminal pngcairo noenhanced size 900,500 font 'Sans,10'\n"
      << "set output '" << outDir << "/bench-" << name << ".png'\n"
      << "set title \"" << title << "\"\n"
      << "set grid ytics\nset key top left\n";
}

// ---------------------------------------------------------------------------------------
// Traffic: constant-rate UDP senders and counting receivers
// ---------------------------------------------------------------------------------------

/**
 * A UDP sender: one socket, datagrams of PAYLOAD bytes at a constant gap, round robin over
 * its destinations. One warm-up datagram to each destination, then a stream.
 */
class UdpStream
{
  public:
    /**
     * @param node the sending node
     * @param to the destinations (round robin)
     */
    UdpStream(Ptr<Node> node, std::vector<InetSocketAddress> to)
        : m_to(std::move(to))
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        if (m_socket->Bind() != 0)
        {
            Fail("cannot bind a UDP socket on node " + std::to_string(node->GetId()));
        }
    }

    ~UdpStream()
    {
        m_socket->Close();
    }

    UdpStream(const UdpStream&) = delete;
    UdpStream& operator=(const UdpStream&) = delete;

    /**
     * One datagram to each destination, `gap` apart, from `at` (resolves ARP).
     * @param at the first
     * @param gap between two
     */
    void WarmUp(Time at, Time gap)
    {
        for (size_t i = 0; i < m_to.size(); ++i)
        {
            Simulator::Schedule(at + gap * i, [this, i]() {
                m_socket->SendTo(Create<Packet>(PAYLOAD), 0, m_to[i]);
            });
        }
    }

    /**
     * A stream of `count` datagrams, the first at `first` (absolute), `gap` apart.
     * @param first the first datagram's time
     * @param gap between two
     * @param count how many
     */
    void Stream(Time first, Time gap, uint64_t count)
    {
        m_gap = gap;
        m_left = count;
        if (count > 0)
        {
            Simulator::Schedule(first - Simulator::Now(), &UdpStream::Tick, this);
        }
    }

  private:
    /// Send one datagram and schedule the next
    void Tick()
    {
        m_socket->SendTo(Create<Packet>(PAYLOAD), 0, m_to[m_next]);
        m_next = (m_next + 1) % m_to.size();
        if (--m_left > 0)
        {
            Simulator::Schedule(m_gap, &UdpStream::Tick, this);
        }
    }

    Ptr<Socket> m_socket;                ///< the socket
    std::vector<InetSocketAddress> m_to; ///< destinations
    size_t m_next{0};                    ///< next destination
    uint64_t m_left{0};                  ///< datagrams still to send
    Time m_gap;                          ///< gap between datagrams
};

/// A UDP socket that counts the datagrams it receives
class UdpCounter
{
  public:
    /**
     * @param node the receiving node
     * @param port its port
     */
    UdpCounter(Ptr<Node> node, uint16_t port)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0)
        {
            Fail("cannot bind UDP port " + std::to_string(port) + " on node " +
                 std::to_string(node->GetId()));
        }
        m_socket->SetRecvCallback(MakeCallback(&UdpCounter::Rx, this));
    }

    ~UdpCounter()
    {
        m_socket->Close();
    }

    UdpCounter(const UdpCounter&) = delete;
    UdpCounter& operator=(const UdpCounter&) = delete;

    uint64_t count{0}; ///< datagrams received

  private:
    /**
     * The socket's receive callback.
     * @param s the socket
     */
    void Rx(Ptr<Socket> s)
    {
        while (s->Recv())
        {
            ++count;
        }
    }

    Ptr<Socket> m_socket; ///< the socket
};

/// Drops counted from a port's Drop trace, by reason (what a failure message names)
struct DropLog
{
    std::map<std::string, uint64_t> byReason; ///< reason text -> frames

    /**
     * The Drop trace sink.
     * @param log the log
     * @param packet the frame
     * @param reason why
     * @param device where
     */
    static void Sink(DropLog* log,
                     Ptr<const Packet> packet,
                     IpvlanDropReason reason,
                     Ptr<const NetDevice> device)
    {
        std::ostringstream os;
        os << reason;
        log->byReason[os.str()]++;
    }

    /**
     * Connect to the port of a master (ipvlan or macvlan), if it has one.
     * @param master the master
     */
    void Watch(Ptr<NetDevice> master)
    {
        if (Ptr<StackedPort> port = master->GetObject<StackedPort>())
        {
            port->TraceConnectWithoutContext("Drop", MakeBoundCallback(&DropLog::Sink, this));
        }
    }

    /** @return "port drops: reason n, ..." or "no port drops" */
    std::string Text() const
    {
        if (byReason.empty())
        {
            return "no port drops";
        }
        std::ostringstream os;
        os << "port drops:";
        for (const auto& [reason, n] : byReason)
        {
            os << " " << reason << " " << n;
        }
        return os.str();
    }
};

/**
 * An IPv4-only internet stack (IPv6 would add DAD and router solicitations to every
 * container, which the figures do not measure).
 * @return the helper
 */
InternetStackHelper
Ipv4Stack()
{
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    return stack;
}

/**
 * Remove every root queue disc of the nodes' devices (Ipv4AddressHelper installs fq_codel on
 * devices with a queue interface): every path runs without one, like for like.
 * @param nodes the nodes
 */
void
NoQueueDiscs(const NodeContainer& nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TrafficControlLayer> tc = (*it)->GetObject<TrafficControlLayer>();
        if (!tc)
        {
            continue;
        }
        for (uint32_t d = 0; d < (*it)->GetNDevices(); ++d)
        {
            Ptr<NetDevice> dev = (*it)->GetDevice(d);
            if (tc->GetRootQueueDiscOnDevice(dev))
            {
                tc->DeleteRootQueueDiscOnDevice(dev);
            }
        }
    }
}

/**
 * The master's link: a host and other nodes on one CSMA channel.
 * @param nodes the host first
 * @return the devices (the master first)
 */
NetDeviceContainer
MasterLink(const NodeContainer& nodes)
{
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(LINK_RATE));
    csma.SetChannelAttribute("Delay", TimeValue(LINK_DELAY));
    return csma.Install(nodes);
}

// ---------------------------------------------------------------------------------------
// Figure 1: per-packet cost of egress, against host networking
// ---------------------------------------------------------------------------------------

/// The egress paths of figure 1
enum class Path : uint8_t
{
    HOST,       ///< host networking (baseline)
    L2,         ///< ipvlan l2
    L3,         ///< ipvlan l3
    L3S,        ///< ipvlan l3s
    MACVLAN,    ///< macvlan bridge
    FORWARDING, ///< a point-to-point link per container, the host routes
};

/// The paths in table order
const Path PATHS[] = {Path::HOST, Path::L2, Path::L3, Path::L3S, Path::MACVLAN, Path::FORWARDING};

/// A path's name in the table and its key in file names and plots
struct PathNames
{
    Path path;        ///< the path
    const char* name; ///< in the table
    const char* key;  ///< in file names and plots
};

/// Every path's names
const PathNames PATH_NAMES[] = {
    {Path::HOST, "host networking", "host"},
    {Path::L2, "ipvlan l2", "l2"},
    {Path::L3, "ipvlan l3", "l3"},
    {Path::L3S, "ipvlan l3s", "l3s"},
    {Path::MACVLAN, "macvlan bridge", "macvlan"},
    {Path::FORWARDING, "forwarding (veth-like)", "forwarding"},
};

/**
 * @param p a path
 * @return its names
 */
const PathNames&
NamesOf(Path p)
{
    for (const PathNames& n : PATH_NAMES)
    {
        if (n.path == p)
        {
            return n;
        }
    }
    NS_FATAL_ERROR("ipvlan-bench: path " << static_cast<int>(p) << " has no name");
}

/**
 * @param p a path
 * @return its name in the table
 */
std::string
PathName(Path p)
{
    return NamesOf(p).name;
}

/**
 * @param p a path
 * @return its file/plot key
 */
std::string
PathKey(Path p)
{
    return NamesOf(p).key;
}

/**
 * One egress measurement: build, warm up, run the measured window, check, tear down.
 * @param path the path
 * @param n the number of applications (containers)
 * @param total datagrams in the measured window (a multiple of n)
 * @return CPU seconds per datagram delivered
 */
double
EgressOnce(Path path, uint32_t n, uint64_t total)
{
    const double rate = 1000; // datagrams per second per application
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> sink = CreateObject<Node>();
    NodeContainer containers;
    if (path != Path::HOST)
    {
        containers.Create(n);
    }
    NetDeviceContainer wire = MasterLink(NodeContainer(host, sink));
    Ptr<NetDevice> eth0 = wire.Get(0);
    InternetStackHelper stack = Ipv4Stack();
    stack.Install(host);
    stack.Install(sink);
    stack.Install(containers);

    Ipv4AddressHelper addr("10.0.0.0", "255.255.0.0");
    Ipv4Address sinkAddr = addr.Assign(NetDeviceContainer(wire.Get(1))).GetAddress(0);
    std::vector<Ptr<Node>> senders;
    DropLog drops;
    switch (path)
    {
    case Path::HOST:
        addr.Assign(NetDeviceContainer(eth0));
        senders.assign(n, host);
        break;
    case Path::L2:
    case Path::L3:
    case Path::L3S: {
        IpvlanHelper ipvlan;
        ipvlan.SetMode(path == Path::L2 ? "l2" : (path == Path::L3 ? "l3" : "l3s"));
        NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
        addr.Assign(ipvlan.InstallHost(eth0));
        addr.Assign(slaves);
        drops.Watch(eth0);
        break;
    }
    case Path::MACVLAN: {
        MacvlanHelper macvlan;
        macvlan.SetMode("bridge");
        addr.Assign(macvlan.Install(eth0, containers));
        drops.Watch(eth0);
        break;
    }
    case Path::FORWARDING: {
        addr.Assign(NetDeviceContainer(eth0));
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
        Ipv4AddressHelper links("10.1.0.0", "255.255.255.252");
        Ipv4StaticRoutingHelper routing;
        for (uint32_t i = 0; i < n; ++i)
        {
            NetDeviceContainer link = p2p.Install(host, containers.Get(i));
            Ipv4InterfaceContainer ifs = links.Assign(link);
            links.NewNetwork();
            routing.GetStaticRouting(containers.Get(i)->GetObject<Ipv4>())
                ->SetDefaultRoute(ifs.GetAddress(0), 1);
        }
        break;
    }
    }
    if (path != Path::HOST)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            senders.push_back(containers.Get(i));
        }
    }
    NodeContainer all(host, sink);
    all.Add(containers);
    NoQueueDiscs(all);

    UdpCounter counter(sink, DATA_PORT);
    std::vector<std::unique_ptr<UdpStream>> streams;
    const uint64_t each = total / n;
    const Time gap = Seconds(1.0 / rate);
    const Time stagger = Seconds(1.0 / (rate * n));
    for (uint32_t i = 0; i < n; ++i)
    {
        streams.push_back(std::make_unique<UdpStream>(
            senders[i],
            std::vector<InetSocketAddress>{InetSocketAddress(sinkAddr, DATA_PORT)}));
        streams.back()->WarmUp(Seconds(0.1) + MicroSeconds(50) * i, Seconds(0));
        streams.back()->Stream(Seconds(WARM_END_S) + MilliSeconds(1) + stagger * i, gap, each);
    }
    Simulator::Stop(Seconds(WARM_END_S));
    Simulator::Run();
    if (counter.count != n)
    {
        Fail("egress " + PathName(path) + " n=" + std::to_string(n) + ": warm-up delivered " +
             std::to_string(counter.count) + " of " + std::to_string(n) + " datagrams (" +
             drops.Text() + ")");
    }
    counter.count = 0;
    double cpu = TimedWindow(Seconds(each / rate + 0.01));
    if (counter.count != each * n)
    {
        Fail("egress " + PathName(path) + " n=" + std::to_string(n) + ": delivered " +
             std::to_string(counter.count) + " of " + std::to_string(each * n) + " datagrams (" +
             drops.Text() + ")");
    }
    streams.clear();
    Simulator::Destroy();
    return cpu / static_cast<double>(each * n);
}

/**
 * Figure 1.
 * @param o options
 */
void
FigureEgress(const Options& o)
{
    const std::vector<uint32_t> sizes = {16, 256};
    const uint64_t total = o.quick ? 2048 : 32768;
    std::map<std::pair<uint32_t, Path>, std::vector<double>> samples;
    std::cout << "\n== figure 1 (egress): per-datagram CPU cost, n applications to an external "
                 "host, "
              << total << " datagrams of " << PAYLOAD << " bytes per run ==\n";
    // the rounds interleave the paths, so that a change of the machine's load meets all
    // of them; round 0 is the warm-up
    for (uint32_t round = 0; round <= o.reps; ++round)
    {
        for (uint32_t n : sizes)
        {
            for (Path p : PATHS)
            {
                double us = EgressOnce(p, n, total) * 1e6;
                if (round > 0)
                {
                    samples[{n, p}].push_back(us);
                }
            }
        }
        std::cout << "  round " << round << (round == 0 ? " (warm-up)" : "") << " done\n"
                  << std::flush;
    }
    std::ofstream dat = OpenOut(o.outDir + "/bench-egress.dat");
    dat << "# figure 1: per-datagram CPU cost (us) and ratio to host networking\n"
        << "# path us_n16 ratio_n16 us_n256 ratio_n256\n";
    std::cout << std::left << std::setw(26) << "path" << std::right;
    for (uint32_t n : sizes)
    {
        std::cout << std::setw(12) << ("us n=" + std::to_string(n)) << std::setw(10) << "ratio";
    }
    std::cout << "\n";
    for (Path p : PATHS)
    {
        dat << PathKey(p);
        std::cout << std::left << std::setw(26) << PathName(p) << std::right;
        for (uint32_t n : sizes)
        {
            double base = Median(samples[{n, Path::HOST}]);
            double us = Median(samples[{n, p}]);
            double ratio = us / base;
            dat << " " << us << " " << ratio;
            std::cout << std::fixed << std::setprecision(3) << std::setw(12) << us
                      << std::setprecision(2) << std::setw(10) << ratio;
            if (p == Path::HOST)
            {
                continue;
            }
            Row r;
            r.figure = "1 egress";
            r.item = PathName(p) + ", n=" + std::to_string(n);
            r.value = us;
            r.unit = "us/pkt";
            r.baseline = "host networking";
            r.baseValue = base;
            r.ratio = ratio;
            r.targetMax = p == Path::L2 ? 1.10 : (p == Path::L3 || p == Path::L3S ? 1.20 : 0);
            if (p == Path::FORWARDING && n == sizes.back())
            {
                r.note = "ns-3 scans every interface per forwarded packet "
                         "(Ipv4L3Protocol::IsDestinationAddress, Ipv4StaticRouting::"
                         "LookupStatic; callgrind)";
            }
            AddRow(r);
        }
        dat << "\n";
        std::cout << "\n";
    }
    std::cout << "(forwarding: the host has one interface per container, and ns-3's IPv4 scans "
                 "them all for every packet it forwards: Ipv4L3Protocol::IsDestinationAddress "
                 "walks every interface's addresses (weak end-system model) and "
                 "Ipv4StaticRouting::LookupStatic every network route, one per interface; with "
                 "callgrind at n=256 they take 86% of the instructions; so its cost grows with "
                 "n)\n";
    dat.close();
    std::ofstream g = OpenOut(o.outDir + "/bench-egress.plt");
    PlotHeader(g,
               o.outDir,
               "egress",
               "figure 1: CPU cost per datagram relative to host networking (same run)");
    g << "set style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.8 border -1\nset boxwidth 0.9\n"
      << "set ylabel 'cost / host networking'\nset logscale y 2\nset yrange [0.5:*]\n"
      << "set arrow from graph 0, first 1.1 to graph 1, first 1.1 nohead dt 2 lc rgb '#228833'\n"
      << "set arrow from graph 0, first 1.2 to graph 1, first 1.2 nohead dt 3 lc rgb '#cc6677'\n"
      << "plot '" << o.outDir << "/bench-egress.dat' using 3:xtic(1) title 'n = 16', "
      << "'' using 5 title 'n = 256'\n";
}

// ---------------------------------------------------------------------------------------
// Figure 2: local slave-to-slave, against two sockets on one node
// ---------------------------------------------------------------------------------------

/**
 * One local measurement: two applications exchange datagrams.
 * @param mode "l2", "l3", or "" for the baseline (both on one node, to its own address)
 * @param total datagrams in the window (both directions)
 * @return CPU seconds per datagram delivered
 */
double
LocalOnce(const std::string& mode, uint64_t total)
{
    const double rate = 1000;
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> peer = CreateObject<Node>();
    NodeContainer containers;
    if (!mode.empty())
    {
        containers.Create(2);
    }
    NetDeviceContainer wire = MasterLink(NodeContainer(host, peer));
    Ptr<NetDevice> eth0 = wire.Get(0);
    InternetStackHelper stack = Ipv4Stack();
    stack.Install(host);
    stack.Install(peer);
    stack.Install(containers);
    Ipv4AddressHelper addr("10.0.0.0", "255.255.0.0");
    addr.Assign(NetDeviceContainer(wire.Get(1)));
    Ptr<Node> a;
    Ptr<Node> b;
    Ipv4Address aAddr;
    Ipv4Address bAddr;
    DropLog drops;
    if (mode.empty())
    {
        aAddr = bAddr = addr.Assign(NetDeviceContainer(eth0)).GetAddress(0);
        a = b = host;
    }
    else
    {
        IpvlanHelper ipvlan;
        ipvlan.SetMode(mode);
        NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
        addr.Assign(ipvlan.InstallHost(eth0));
        Ipv4InterfaceContainer ifs = addr.Assign(slaves);
        aAddr = ifs.GetAddress(0);
        bAddr = ifs.GetAddress(1);
        a = containers.Get(0);
        b = containers.Get(1);
        drops.Watch(eth0);
    }
    NodeContainer all(host, peer);
    all.Add(containers);
    NoQueueDiscs(all);

    UdpCounter atA(a, DATA_PORT);
    UdpCounter atB(b, DATA_PORT + 1);
    UdpStream fromA(a, {InetSocketAddress(bAddr, DATA_PORT + 1)});
    UdpStream fromB(b, {InetSocketAddress(aAddr, DATA_PORT)});
    const uint64_t each = total / 2;
    const Time gap = Seconds(1.0 / rate);
    fromA.WarmUp(Seconds(0.1), Seconds(0));
    fromB.WarmUp(Seconds(0.2), Seconds(0));
    fromA.Stream(Seconds(WARM_END_S) + MilliSeconds(1), gap, each);
    fromB.Stream(Seconds(WARM_END_S) + MilliSeconds(1) + gap / 2, gap, each);
    Simulator::Stop(Seconds(WARM_END_S));
    Simulator::Run();
    std::string name = mode.empty() ? "one node" : "ipvlan " + mode;
    if (atA.count != 1 || atB.count != 1)
    {
        Fail("local " + name + ": warm-up delivered " + std::to_string(atA.count) + "+" +
             std::to_string(atB.count) + " of 2 datagrams (" + drops.Text() + ")");
    }
    atA.count = atB.count = 0;
    double cpu = TimedWindow(Seconds(each / rate + 0.01));
    if (atA.count + atB.count != 2 * each)
    {
        Fail("local " + name + ": delivered " + std::to_string(atA.count + atB.count) + " of " +
             std::to_string(2 * each) + " datagrams (" + drops.Text() + ")");
    }
    Simulator::Destroy();
    return cpu / static_cast<double>(2 * each);
}

/**
 * Figure 2.
 * @param o options
 */
void
FigureLocal(const Options& o)
{
    const uint64_t total = o.quick ? 2000 : 40000;
    const std::vector<std::string> modes = {"", "l2", "l3"};
    std::map<std::string, std::vector<double>> samples;
    std::cout << "\n== figure 2 (local): two applications exchanging " << total
              << " datagrams, per-datagram CPU cost ==\n";
    for (uint32_t round = 0; round <= o.reps; ++round)
    {
        for (const std::string& m : modes)
        {
            double us = LocalOnce(m, total) * 1e6;
            if (round > 0)
            {
                samples[m].push_back(us);
            }
        }
    }
    double base = Median(samples[""]);
    std::ofstream dat = OpenOut(o.outDir + "/bench-local.dat");
    dat << "# figure 2: per-datagram CPU cost (us), local exchange\n# case us ratio\n";
    dat << "\"one node\" " << base << " 1\n";
    std::cout << std::left << std::setw(40) << "case" << std::right << std::setw(10) << "us"
              << std::setw(10) << "ratio\n";
    std::cout << std::left << std::setw(40) << "one node, to its own address" << std::right
              << std::fixed << std::setprecision(3) << std::setw(10) << base << std::setw(10)
              << "1.00\n";
    for (const std::string& m : {std::string("l2"), std::string("l3")})
    {
        double us = Median(samples[m]);
        dat << "\"ipvlan " << m << "\" " << us << " " << us / base << "\n";
        std::cout << std::left << std::setw(40) << ("ipvlan " + m + ", slave to slave")
                  << std::right << std::setprecision(3) << std::setw(10) << us
                  << std::setprecision(2) << std::setw(10) << us / base << "\n";
        Row r;
        r.figure = "2 local";
        r.item = "ipvlan " + m + " slave to slave";
        r.value = us;
        r.unit = "us/pkt";
        r.baseline = "one node, own address";
        r.baseValue = base;
        r.ratio = us / base;
        r.targetMax = 1.10;
        AddRow(r);
    }
    dat.close();
    std::ofstream g = OpenOut(o.outDir + "/bench-local.plt");
    PlotHeader(g,
               o.outDir,
               "local",
               "figure 2: local exchange, CPU cost per datagram (us; ratio to one node)");
    g << "set style fill solid 0.8 border -1\nset boxwidth 0.6\nunset key\n"
      << "set ylabel 'us per datagram'\nset yrange [0:*]\nset offsets 0.5, 0.5, graph 0.1, 0\n"
      << "plot '" << o.outDir << "/bench-local.dat' using 0:2:xtic(1) with boxes lc rgb "
      << "'#4477aa', '' using 0:2:(sprintf('%.2f us, %.2fx', $2, $3)) with labels offset 0,1\n";
}

// ---------------------------------------------------------------------------------------
// Figure 3: demux scaling
// ---------------------------------------------------------------------------------------

/// Figure 3's destinations: this many slaves, spread over the set
constexpr uint32_t DEMUX_TARGETS = 10;

/**
 * A host whose master (eth0, on a link to an external node) carries n l2 containers and
 * the host's interface, every one with an IPv4 address, no queue disc anywhere: the bed of
 * the demux and ARP figures.
 */
struct L2Host
{
    /**
     * Build it.
     * @param n containers
     * @param extStack give the external node an IPv4 stack and address (the ARP figure
     *        sends raw frames from it instead)
     */
    L2Host(uint32_t n, bool extStack)
        : host(CreateObject<Node>()),
          ext(CreateObject<Node>())
    {
        containers.Create(n);
        wire = MasterLink(NodeContainer(host, ext));
        eth0 = wire.Get(0);
        InternetStackHelper stack = Ipv4Stack();
        stack.Install(host);
        if (extStack)
        {
            stack.Install(ext);
        }
        stack.Install(containers);
        IpvlanHelper ipvlan;
        ipvlan.SetMode("l2");
        NetDeviceContainer slaves = ipvlan.Install(eth0, containers);
        Ipv4AddressHelper addr("10.0.0.0", "255.0.0.0");
        if (extStack)
        {
            addr.Assign(NetDeviceContainer(wire.Get(1)));
        }
        addr.Assign(ipvlan.InstallHost(eth0));
        ifs = addr.Assign(slaves);
        NodeContainer all(host);
        if (extStack)
        {
            all.Add(ext);
        }
        all.Add(containers);
        NoQueueDiscs(all);
    }

    Ptr<Node> host;             ///< the host
    Ptr<Node> ext;              ///< the external node on eth0's link
    NodeContainer containers;   ///< the containers
    NetDeviceContainer wire;    ///< eth0 and the external node's device
    Ptr<NetDevice> eth0;        ///< the master
    Ipv4InterfaceContainer ifs; ///< the slaves' interfaces, container i at i
};

/**
 * Figure 3 for one size: one build, a warm-up window, then the measured windows.
 * @param n slaves on the master
 * @param o options
 * @return the median CPU time per datagram (us)
 */
double
DemuxSize(uint32_t n, const Options& o)
{
    const uint32_t targets = DEMUX_TARGETS;
    const uint64_t perWindow = o.quick ? 2000 : 20000;
    const double rate = 10000;
    L2Host bed(n, true);
    Ptr<Node> ext = bed.ext;
    const NodeContainer& containers = bed.containers;
    Ptr<NetDevice> eth0 = bed.eth0;
    const Ipv4InterfaceContainer& ifs = bed.ifs;
    DropLog drops;
    drops.Watch(eth0);

    std::vector<std::unique_ptr<UdpCounter>> counters;
    std::vector<InetSocketAddress> to;
    for (uint32_t j = 0; j < targets; ++j)
    {
        uint32_t i = static_cast<uint32_t>(static_cast<uint64_t>(j) * n / targets);
        counters.push_back(std::make_unique<UdpCounter>(containers.Get(i), DATA_PORT));
        to.emplace_back(ifs.GetAddress(i), DATA_PORT);
    }
    auto delivered = [&counters]() {
        uint64_t s = 0;
        for (auto& c : counters)
        {
            s += c->count;
            c->count = 0;
        }
        return s;
    };
    UdpStream stream(ext, to);
    stream.WarmUp(Seconds(0.1), MilliSeconds(10));
    Simulator::Stop(Seconds(WARM_END_S));
    Simulator::Run();
    if (delivered() != targets)
    {
        Fail("demux n=" + std::to_string(n) + ": warm-up did not reach every target (" +
             drops.Text() + ")");
    }
    std::vector<double> us;
    const Time window = Seconds(perWindow / rate + 0.01);
    for (uint32_t w = 0; w <= o.reps; ++w)
    {
        stream.Stream(Simulator::Now() + MicroSeconds(1), Seconds(1.0 / rate), perWindow);
        double cpu = TimedWindow(window);
        uint64_t got = delivered();
        if (got != perWindow)
        {
            Fail("demux n=" + std::to_string(n) + ": delivered " + std::to_string(got) + " of " +
                 std::to_string(perWindow) + " datagrams (" + drops.Text() + ")");
        }
        if (w > 0)
        {
            us.push_back(cpu / perWindow * 1e6);
        }
    }
    counters.clear();
    Simulator::Destroy();
    return Median(us);
}

/**
 * Figure 3.
 * @param o options
 */
void
FigureDemux(const Options& o)
{
    const std::vector<uint32_t> sizes =
        o.quick ? std::vector<uint32_t>{10, 1000} : std::vector<uint32_t>{10, 1000, 10000};
    std::cout << "\n== figure 3 (demux): an external host sends to " << DEMUX_TARGETS
              << " l2 slaves (spread over the set), " << (o.quick ? 2000 : 20000)
              << " datagrams per window ==\n";
    std::vector<double> medians;
    for (uint32_t n : sizes)
    {
        medians.push_back(DemuxSize(n, o));
        std::cout << "  " << n << " slaves: " << std::fixed << std::setprecision(3)
                  << medians.back() << " us per datagram\n"
                  << std::flush;
    }
    std::ofstream dat = OpenOut(o.outDir + "/bench-demux.dat");
    dat << "# figure 3: per-datagram CPU cost (us) to one of 10 slaves, by slaves on the "
           "master\n# slaves us ratio\n";
    for (size_t k = 0; k < sizes.size(); ++k)
    {
        dat << sizes[k] << " " << medians[k] << " " << medians[k] / medians[0] << "\n";
        if (k == 0)
        {
            continue;
        }
        Row r;
        r.figure = "3 demux";
        r.item = std::to_string(sizes[k]) + " slaves";
        r.value = medians[k];
        r.unit = "us/pkt";
        r.baseline = std::to_string(sizes[0]) + " slaves";
        r.baseValue = medians[0];
        r.ratio = medians[k] / medians[0];
        AddRow(r);
    }
    dat.close();
    std::ofstream g = OpenOut(o.outDir + "/bench-demux.plt");
    PlotHeader(g,
               o.outDir,
               "demux",
               "figure 3: CPU cost per received datagram by slaves on the master (l2)");
    g << "set logscale x\nset xlabel 'slaves on the master'\nset ylabel 'us per datagram'\n"
      << "set yrange [0:*]\nset offsets graph 0.05, graph 0.05, graph 0.1, 0\nunset key\n"
      << "plot '" << o.outDir << "/bench-demux.dat' using 1:2 with linespoints pt 7 lw 2, "
      << "'' using 1:2:(sprintf('%.2fx', $3)) with labels offset 0,1\n";
}

// ---------------------------------------------------------------------------------------
// Figure 4: set-up time per slave
// ---------------------------------------------------------------------------------------

/// One set-up measurement
struct SetupResult
{
    double installUs{0}; ///< IpvlanHelper::Install, per slave
    double assignUs{0};  ///< Ipv4AddressHelper::Assign of the slaves, per slave
};

/// The kernel's limit of slaves per master (dev_ids 1..0xfffd: ipvlan_link_new's ida range)
constexpr uint32_t MAX_SLAVES_PER_MASTER = 65533;

/**
 * Create n container nodes with IPv4 stacks and the masters, then time the module's set-up.
 * The slaves are spread evenly over the fewest masters that hold them (a master takes at
 * most MAX_SLAVES_PER_MASTER), each master on its own CSMA link.
 * @param n slaves
 * @return the times per slave
 */
SetupResult
SetupOnce(uint32_t n)
{
    const uint32_t masters = (n + MAX_SLAVES_PER_MASTER - 1) / MAX_SLAVES_PER_MASTER;
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> ext = CreateObject<Node>();
    NodeContainer containers;
    containers.Create(n);
    std::vector<Ptr<NetDevice>> eth;
    NetDeviceContainer extDevs;
    for (uint32_t m = 0; m < masters; ++m)
    {
        NetDeviceContainer wire = MasterLink(NodeContainer(host, ext));
        eth.push_back(wire.Get(0));
        extDevs.Add(wire.Get(1));
    }
    std::vector<NodeContainer> groups(masters);
    for (uint32_t i = 0; i < n; ++i)
    {
        groups[static_cast<uint64_t>(i) * masters / n].Add(containers.Get(i));
    }
    InternetStackHelper stack = Ipv4Stack();
    stack.Install(host);
    stack.Install(ext);
    stack.Install(containers);
    Ipv4AddressHelper addr("10.0.0.0", "255.0.0.0");
    addr.Assign(extDevs);

    IpvlanHelper ipvlan;
    ipvlan.SetMode("l2");
    NetDeviceContainer slaves;
    NetDeviceContainer hostIfs;
    double t0 = CpuSeconds();
    for (uint32_t m = 0; m < masters; ++m)
    {
        slaves.Add(ipvlan.Install(eth[m], groups[m]));
    }
    double t1 = CpuSeconds();
    for (uint32_t m = 0; m < masters; ++m)
    {
        hostIfs.Add(ipvlan.InstallHost(eth[m]));
    }
    addr.Assign(hostIfs);
    double t2 = CpuSeconds();
    addr.Assign(slaves);
    double t3 = CpuSeconds();
    uint32_t installed = 0;
    for (uint32_t m = 0; m < masters; ++m)
    {
        installed += IpvlanPort::Find(eth[m])->GetNSlaves();
    }
    if (installed != n)
    {
        Fail("setup n=" + std::to_string(n) + ": the ports hold " + std::to_string(installed) +
             " slaves");
    }
    Simulator::Destroy();
    return {(t1 - t0) / n * 1e6, (t3 - t2) / n * 1e6};
}

/**
 * Figure 4.
 * @param o options
 */
void
FigureSetup(const Options& o)
{
    std::vector<uint32_t> sizes = o.quick
                                      ? std::vector<uint32_t>{100, 1000}
                                      : std::vector<uint32_t>{1000, 10000, 30000, 60000, 100000};
    sizes.erase(
        std::remove_if(sizes.begin(), sizes.end(), [&o](uint32_t n) { return n > o.setupMax; }),
        sizes.end());
    std::cout << "\n== figure 4 (setup): CPU time per slave of IpvlanHelper::Install and of "
                 "the slaves' IPv4 addresses (nodes and stacks created before the timer) ==\n";
    SetupOnce(100); // warm-up
    std::vector<SetupResult> med;
    for (uint32_t n : sizes)
    {
        // the large sizes fewer times (their node creation dominates the run time)
        uint32_t reps = n <= 10000 ? o.reps : std::min<uint32_t>(o.reps, 3);
        std::vector<double> inst;
        std::vector<double> asg;
        for (uint32_t r = 0; r < reps; ++r)
        {
            SetupResult s = SetupOnce(n);
            inst.push_back(s.installUs);
            asg.push_back(s.assignUs);
        }
        med.push_back({Median(inst), Median(asg)});
        uint32_t masters = (n + MAX_SLAVES_PER_MASTER - 1) / MAX_SLAVES_PER_MASTER;
        std::cout << "  " << n << " slaves on " << masters
                  << (masters == 1 ? " master" : " masters") << ": install " << std::fixed
                  << std::setprecision(2) << med.back().installUs << " us, address "
                  << med.back().assignUs << " us per slave (" << reps
                  << (reps == 1 ? " run" : " runs, median") << ")\n"
                  << std::flush;
    }
    std::ofstream dat = OpenOut(o.outDir + "/bench-setup.dat");
    dat << "# figure 4: CPU time per slave (us)\n# slaves install_us install_ratio address_us "
           "address_ratio\n";
    for (size_t k = 0; k < sizes.size(); ++k)
    {
        double ri = med[k].installUs / med[0].installUs;
        double ra = med[k].assignUs / med[0].assignUs;
        dat << sizes[k] << " " << med[k].installUs << " " << ri << " " << med[k].assignUs << " "
            << ra << "\n";
        if (k == 0)
        {
            continue;
        }
        for (bool install : {true, false})
        {
            Row r;
            r.figure = "4 setup";
            r.item = std::string(install ? "Install" : "IPv4 address") + " per slave, " +
                     std::to_string(sizes[k]) + " slaves";
            r.value = install ? med[k].installUs : med[k].assignUs;
            r.unit = "us";
            r.baseline = std::to_string(sizes[0]) + " slaves";
            r.baseValue = install ? med[0].installUs : med[0].assignUs;
            r.ratio = install ? ri : ra;
            r.targetMax = 1.25;
            if (sizes[k] > MAX_SLAVES_PER_MASTER)
            {
                uint32_t masters = (sizes[k] + MAX_SLAVES_PER_MASTER - 1) / MAX_SLAVES_PER_MASTER;
                r.note = std::to_string(masters) + " masters of " +
                         std::to_string(sizes[k] / masters) +
                         " slaves (a master holds at most 65533, as in Linux)";
            }
            AddRow(r);
        }
    }
    dat.close();
    std::ofstream g = OpenOut(o.outDir + "/bench-setup.plt");
    PlotHeader(g, o.outDir, "setup", "figure 4: set-up CPU time per slave");
    g << "set logscale x\nset xlabel 'slaves on the master'\nset ylabel 'us per slave'\n"
      << "set yrange [0:*]\nset offsets graph 0.05, graph 0.05, graph 0.1, 0\n"
      << "plot '" << o.outDir << "/bench-setup.dat' using 1:2 with linespoints pt 7 lw 2 "
      << "title 'IpvlanHelper::Install', '' using 1:4 with linespoints pt 5 lw 2 title "
      << "'Ipv4AddressHelper::Assign (slaves)'\n";
}

// ---------------------------------------------------------------------------------------
// Figure 5: ARP requests as slaves grow, with and without the port's ARP filter
// ---------------------------------------------------------------------------------------

/// @return true if the port has the ArpFilter attribute
bool
HasArpFilter()
{
    TypeId::AttributeInformation info;
    return IpvlanPort::GetTypeId().LookupAttributeByName(ARP_FILTER, &info);
}

/// An external host without a stack: sends raw ARP requests, counts the replies
class ArpProbe
{
  public:
    /**
     * @param dev the external host's CSMA device
     * @param ip the address it claims as ARP sender
     * @param slaves the slaves' addresses, in slave order
     */
    ArpProbe(Ptr<NetDevice> dev, Ipv4Address ip, const std::vector<Ipv4Address>& slaves)
        : m_dev(dev),
          m_ip(ip),
          m_slaves(slaves),
          m_answered(slaves.size(), false)
    {
        for (size_t i = 0; i < slaves.size(); ++i)
        {
            m_index[slaves[i].Get()] = i;
        }
        dev->GetNode()->RegisterProtocolHandler(MakeCallback(&ArpProbe::Receive, this),
                                                ArpL3Protocol::PROT_NUMBER,
                                                dev,
                                                false);
    }

    /**
     * Schedule `count` requests from now, `gap` apart, for slaves (first + k * stride) mod n.
     * @param first the first slave
     * @param stride between targets
     * @param count requests
     * @param gap between requests
     */
    void Requests(uint64_t first, uint64_t stride, uint64_t count, Time gap)
    {
        for (uint64_t k = 0; k < count; ++k)
        {
            size_t i = (first + k * stride) % m_slaves.size();
            Simulator::Schedule(gap * (k + 1), &ArpProbe::Request, this, m_slaves[i]);
        }
    }

    uint64_t replies{0}; ///< ARP replies received

    /** @return how many slaves have answered at least once */
    size_t Answered() const
    {
        return std::count(m_answered.begin(), m_answered.end(), true);
    }

    /// Forget which slaves answered
    void ClearAnswered()
    {
        std::fill(m_answered.begin(), m_answered.end(), false);
    }

  private:
    /**
     * Send one broadcast request.
     * @param target the address asked for
     */
    void Request(Ipv4Address target)
    {
        ArpHeader arp;
        arp.SetRequest(m_dev->GetAddress(), m_ip, m_dev->GetBroadcast(), target);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(arp);
        m_dev->Send(p, m_dev->GetBroadcast(), ArpL3Protocol::PROT_NUMBER);
    }

    /**
     * The node's ARP handler: count a reply and note who sent it.
     * @param device the device
     * @param packet the ARP message
     * @param protocol its EtherType
     * @param from source MAC
     * @param to destination MAC
     * @param type packet type
     */
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type)
    {
        ArpHeader arp;
        packet->PeekHeader(arp);
        if (!arp.IsReply() || arp.GetDestinationIpv4Address() != m_ip)
        {
            return;
        }
        ++replies;
        auto it = m_index.find(arp.GetSourceIpv4Address().Get());
        if (it != m_index.end())
        {
            m_answered[it->second] = true;
        }
    }

    Ptr<NetDevice> m_dev;                         ///< the external host's device
    Ipv4Address m_ip;                             ///< its ARP sender address
    std::vector<Ipv4Address> m_slaves;            ///< the slaves' addresses
    std::unordered_map<uint32_t, size_t> m_index; ///< address -> slave
    std::vector<bool> m_answered;                 ///< slaves that answered
};

/// One size's outcome of figure 5
struct ArpResult
{
    double offUs{0};      ///< CPU per request, filter off
    double onUs{-1};      ///< CPU per request, filter on (-1: attribute missing)
    std::string reachOff; ///< reachability text, filter off
    std::string reachOn;  ///< reachability text, filter on
    double onWarmUs{-1};  ///< filter on, requests cycling over ARP_WARM_TARGETS slaves (-1: none)
};

/// The control of figure 5: requests for this many slaves only, whose state stays in cache
constexpr uint32_t ARP_WARM_TARGETS = 10;

/**
 * Measure ARP with the filter set one way on an existing build.
 * @param probe the external host
 * @param port the port
 * @param filter the ArpFilter value (only set when the attribute exists)
 * @param requests requests per window
 * @param reps measured windows
 * @param[out] reach the reachability text
 * @param n slaves
 * @param allSlaves ask every slave once afterwards (reachability)
 * @param warm 0: each window's requests are for distinct slaves spread over all of them;
 *             else they cycle over this many slaves (spread evenly), whose state stays in
 *             the caches
 * @return median CPU seconds per request
 */
double
ArpMeasure(ArpProbe& probe,
           Ptr<IpvlanPort> port,
           bool filter,
           uint64_t requests,
           uint32_t reps,
           std::string& reach,
           uint32_t n,
           bool allSlaves,
           uint32_t warm)
{
    const Time gap = MicroSeconds(100);
    // a prime: the targets of a window are distinct (warm: n / warm cycles over warm slaves)
    const uint64_t stride = warm > 0 ? n / warm : 7919;
    if (HasArpFilter())
    {
        port->SetAttribute(ARP_FILTER, BooleanValue(filter));
    }
    std::string name =
        std::string("arp n=") + std::to_string(n) + " filter " + (filter ? "on" : "off");
    std::vector<double> us;
    uint64_t first = 0;
    for (uint32_t w = 0; w <= reps; ++w)
    {
        probe.replies = 0;
        probe.Requests(first, stride, requests, gap);
        first += warm > 0 ? 0 : requests * stride;
        double cpu = TimedWindow(gap * (requests + 10));
        if (probe.replies != requests)
        {
            Fail(name + ": " + std::to_string(probe.replies) + " replies to " +
                 std::to_string(requests) + " requests");
        }
        if (w > 0)
        {
            us.push_back(cpu / requests);
        }
    }
    std::ostringstream os;
    if (allSlaves)
    {
        probe.ClearAnswered();
        probe.replies = 0;
        probe.Requests(0, 1, n, gap);
        Simulator::Stop(gap * (n + 10));
        Simulator::Run();
        os << probe.Answered() << "/" << n << " slaves answered";
        if (probe.Answered() != n)
        {
            Fail(name + ": only " + os.str());
        }
    }
    else
    {
        os << "every request answered (all-slave pass skipped at this size)";
    }
    reach = os.str();
    return Median(us);
}

/**
 * Figure 5 for one size: one build; the filter off, then on, on the same build.
 * @param n slaves on the master
 * @param o options
 * @param off measure with ArpFilter false
 * @param on measure with ArpFilter true (when the attribute exists)
 * @param warm also measure filter on with requests cycling over ARP_WARM_TARGETS slaves
 * @return the costs and reachability
 */
ArpResult
ArpSize(uint32_t n, const Options& o, bool off, bool on, bool warm)
{
    const bool has = HasArpFilter();
    L2Host bed(n, false);
    NetDeviceContainer wire = bed.wire;
    Ptr<NetDevice> eth0 = bed.eth0;
    const Ipv4InterfaceContainer& ifs = bed.ifs;
    std::vector<Ipv4Address> slaveAddrs;
    for (uint32_t i = 0; i < n; ++i)
    {
        slaveAddrs.push_back(ifs.GetAddress(i));
    }
    ArpProbe probe(wire.Get(1), Ipv4Address("10.255.255.254"), slaveAddrs);
    Ptr<IpvlanPort> port = IpvlanPort::Find(eth0);
    // the off case is O(n) per request: fewer requests for the largest size
    uint64_t offRequests =
        std::min<uint64_t>(o.quick ? 100 : 2000, std::max<uint64_t>(100, 2000000 / n));
    uint64_t onRequests = o.quick ? 100 : 2000;
    ArpResult r;
    if (off)
    {
        r.offUs =
            ArpMeasure(probe, port, false, offRequests, o.reps, r.reachOff, n, n <= 1000, 0) * 1e6;
    }
    if (on && has)
    {
        r.onUs = ArpMeasure(probe, port, true, onRequests, o.reps, r.reachOn, n, true, 0) * 1e6;
        if (warm && n >= ARP_WARM_TARGETS)
        {
            std::string reach;
            r.onWarmUs = ArpMeasure(probe,
                                    port,
                                    true,
                                    onRequests,
                                    o.reps,
                                    reach,
                                    n,
                                    false,
                                    ARP_WARM_TARGETS) *
                         1e6;
        }
    }
    else
    {
        r.reachOn = "n/a (attribute missing)";
    }
    Simulator::Destroy();
    return r;
}

/**
 * Figure 5.
 * @param o options
 */
void
FigureArp(const Options& o)
{
    const std::vector<uint32_t> sizes = o.quick ? std::vector<uint32_t>{10, 100, 1000}
                                                : std::vector<uint32_t>{10, 100, 1000, 10000};
    const bool has = HasArpFilter();
    std::cout << "\n== figure 5 (arp): CPU time per broadcast ARP request from an external "
                 "host, l2 slaves; ns3::IpvlanPort::"
              << ARP_FILTER << " " << (has ? "found" : "missing (filter-on column n/a)") << " ==\n";
    std::vector<ArpResult> res;
    for (uint32_t n : sizes)
    {
        ArpResult r = ArpSize(n, o, true, true, n == sizes.back());
        res.push_back(r);
        std::cout << "  " << n << " slaves: filter off " << std::fixed << std::setprecision(3)
                  << r.offUs << " us/request (" << r.reachOff << "); filter on ";
        if (has)
        {
            std::cout << r.onUs << " us/request (" << r.reachOn << ")";
            if (r.onWarmUs >= 0)
            {
                std::cout << "; filter on, requests for " << ARP_WARM_TARGETS
                          << " slaves only (cache-warm control) " << r.onWarmUs << " us/request";
            }
            std::cout << "\n";
        }
        else
        {
            std::cout << "n/a (attribute missing)\n";
        }
        std::cout << std::flush;
    }
    std::ofstream dat = OpenOut(o.outDir + "/bench-arp.dat");
    dat << "# figure 5: CPU time per ARP request (us); filter on: -1 when the attribute is "
           "missing\n# slaves off_us off_ratio on_us on_ratio\n";
    for (size_t k = 0; k < sizes.size(); ++k)
    {
        dat << sizes[k] << " " << res[k].offUs << " " << res[k].offUs / res[0].offUs << " "
            << res[k].onUs << " " << (has ? res[k].onUs / res[0].onUs : -1) << "\n";
        if (k == 0)
        {
            continue;
        }
        Row off;
        off.figure = "5 arp";
        off.item = "filter off, " + std::to_string(sizes[k]) + " slaves";
        off.value = res[k].offUs;
        off.unit = "us/ARP";
        off.baseline = std::to_string(sizes[0]) + " slaves";
        off.baseValue = res[0].offUs;
        off.ratio = res[k].offUs / res[0].offUs;
        off.note = res[k].reachOff;
        AddRow(off);
        if (has)
        {
            Row on = off;
            on.item = "filter on, " + std::to_string(sizes[k]) + " slaves";
            on.value = res[k].onUs;
            on.baseValue = res[0].onUs;
            on.ratio = res[k].onUs / res[0].onUs;
            on.targetMax = 1.25;
            on.note = res[k].reachOn;
            AddRow(on);
            if (res[k].onWarmUs >= 0)
            {
                // the same build, requests cycling over a few slaves: what the model's
                // filter costs apart from touching a cold container per request
                on.item = "filter on, " + std::to_string(sizes[k]) + " slaves, requests for " +
                          std::to_string(ARP_WARM_TARGETS) + " of them";
                on.value = res[k].onWarmUs;
                on.ratio = res[k].onWarmUs / res[0].onUs;
                on.note = "cache-warm control: the same instructions per request, fewer cold "
                          "containers";
                AddRow(on);
            }
        }
        else
        {
            AddMissingRow("5 arp",
                          "filter on, " + std::to_string(sizes[k]) + " slaves",
                          "attribute missing");
        }
    }
    dat.close();
    std::ofstream g = OpenOut(o.outDir + "/bench-arp.plt");
    PlotHeader(g,
               o.outDir,
               "arp",
               std::string("figure 5: CPU time per broadcast ARP request (l2)") +
                   (has ? "" : "; ArpFilter attribute missing"));
    g << "set logscale xy\nset xlabel 'slaves on the master'\nset ylabel 'us per request'\n"
      << "set offsets graph 0.05, graph 0.05, 0, 0\n"
      << "plot '" << o.outDir << "/bench-arp.dat' using 1:2 with linespoints pt 7 lw 2 title "
      << "'ArpFilter false (kernel default)'";
    if (has)
    {
        g << ", '' using 1:4 with linespoints pt 5 lw 2 title 'ArpFilter true'";
    }
    g << "\n";
}

// ---------------------------------------------------------------------------------------
// Figure 6: memory per slave
// ---------------------------------------------------------------------------------------

/**
 * Figure 6.
 * @param o options
 */
void
FigureMemory(const Options& o)
{
    const uint32_t n = o.quick ? 1000 : 10000;
    std::cout << "\n== figure 6 (memory): heap bytes per slave, " << n << " slaves ==\n";
    double h0 = HeapBytes();
    Ptr<Node> host = CreateObject<Node>();
    Ptr<Node> ext = CreateObject<Node>();
    NetDeviceContainer wire = MasterLink(NodeContainer(host, ext));
    InternetStackHelper stack = Ipv4Stack();
    stack.Install(host);
    stack.Install(ext);
    double h1 = HeapBytes();
    NodeContainer containers;
    containers.Create(n);
    stack.Install(containers);
    double h2 = HeapBytes();
    IpvlanHelper ipvlan;
    ipvlan.SetMode("l2");
    NetDeviceContainer slaves = ipvlan.Install(wire.Get(0), containers);
    NetDeviceContainer hostIf = ipvlan.InstallHost(wire.Get(0));
    double h3 = HeapBytes();
    Ipv4AddressHelper addr("10.0.0.0", "255.0.0.0");
    addr.Assign(hostIf);
    double h4 = HeapBytes();
    addr.Assign(slaves);
    double h5 = HeapBytes();
    (void)h0;
    double node = (h2 - h1) / n;
    double slave = (h3 - h2) / n;
    double address = (h5 - h4) / n;
    Simulator::Destroy();
    std::cout << std::fixed << std::setprecision(0) << "  container node + IPv4 stack: " << node
              << " B; ipvlan slave (IpvlanHelper::Install): " << slave
              << " B; its IPv4 address (Ipv4AddressHelper::Assign: ns-3's interface and ARP "
                 "cache, the port's table): "
              << address << " B\n";
    std::ofstream dat = OpenOut(o.outDir + "/bench-memory.dat");
    dat << "# figure 6: heap bytes per container, " << n << " slaves\n# item bytes\n"
        << "\"node + IPv4 stack\" " << node << "\n\"ipvlan slave\" " << slave
        << "\n\"slave's IPv4 address\" " << address << "\n";
    dat.close();
    Row r;
    r.figure = "6 memory";
    r.item = "ipvlan slave (Install)";
    r.value = slave;
    r.unit = "B/slave";
    r.baseline = "node + IPv4 stack";
    r.baseValue = node;
    r.ratio = slave / node;
    AddRow(r);
    r.item = "slave's IPv4 address (Assign)";
    r.value = address;
    r.ratio = address / node;
    r.note = "mostly ns-3's Ipv4Interface and ArpCache";
    AddRow(r);
    std::ofstream g = OpenOut(o.outDir + "/bench-memory.plt");
    PlotHeader(g, o.outDir, "memory", "figure 6: heap bytes per container");
    g << "set style fill solid 0.8 border -1\nset boxwidth 0.6\nunset key\n"
      << "set ylabel 'bytes'\nset yrange [0:*]\nset offsets 0.5, 0.5, graph 0.1, 0\n"
      << "plot '" << o.outDir << "/bench-memory.dat' using 0:2:xtic(1) with boxes lc rgb "
      << "'#4477aa', '' using 0:2:(sprintf('%.0f B', $2)) with labels offset 0,1\n";
}

/**
 * Split a text at colons.
 * @param text the text
 * @return its fields
 */
std::vector<std::string>
Fields(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string f;
    while (std::getline(in, f, ':'))
    {
        out.push_back(f);
    }
    return out;
}

/**
 * --profile: one case of one figure, --reps times, for a profiler (valgrind --tool=callgrind
 * --toggle-collect='(anonymous namespace)::TimedWindow(ns3::Time)', or perf record); prints its
 * cost per unit.
 * @param spec egress:PATH:N, local:one|l2|l3, demux:N, setup:N or arp:off|on:N
 * @param o options
 * @return the exit status
 */
int
Profile(const std::string& spec, const Options& o)
{
    std::vector<std::string> f = Fields(spec);
    auto bad = [&spec]() {
        std::cerr << "ipvlan-bench: --profile=" << spec
                  << " is not one of egress:PATH:N (PATH: host, l2, l3, l3s, macvlan, "
                     "forwarding), local:one|l2|l3, demux:N, setup:N, arp:off|on:N\n";
        return 2;
    };
    auto number = [](const std::string& t) {
        return static_cast<uint32_t>(std::strtoul(t.c_str(), nullptr, 10));
    };
    for (uint32_t r = 0; r < o.reps; ++r)
    {
        double cost = 0;
        if (f.size() == 3 && f[0] == "egress" && number(f[2]) > 0)
        {
            const Path* p = std::find_if(std::begin(PATHS), std::end(PATHS), [&f](Path x) {
                return PathKey(x) == f[1];
            });
            if (p == std::end(PATHS))
            {
                return bad();
            }
            uint32_t n = number(f[2]);
            uint64_t total = (o.quick ? 2048 : 32768) / n * n;
            cost = EgressOnce(*p, n, total) * 1e6;
        }
        else if (f.size() == 2 && f[0] == "local" &&
                 (f[1] == "one" || f[1] == "l2" || f[1] == "l3"))
        {
            cost = LocalOnce(f[1] == "one" ? "" : f[1], o.quick ? 2000 : 40000) * 1e6;
        }
        else if (f.size() == 2 && f[0] == "demux" && number(f[1]) >= DEMUX_TARGETS)
        {
            cost = DemuxSize(number(f[1]), o);
        }
        else if (f.size() == 2 && f[0] == "setup" && number(f[1]) > 0)
        {
            SetupResult s = SetupOnce(number(f[1]));
            std::cout << "setup: Install " << s.installUs << " us, address " << s.assignUs
                      << " us per slave\n";
            continue;
        }
        else if (f.size() == 3 && f[0] == "arp" && (f[1] == "off" || f[1] == "on") &&
                 number(f[2]) > 0)
        {
            ArpResult a = ArpSize(number(f[2]), o, f[1] == "off", f[1] == "on", false);
            cost = f[1] == "off" ? a.offUs : a.onUs;
        }
        else
        {
            return bad();
        }
        std::cout << spec << ": " << std::fixed << std::setprecision(3) << cost << " us per unit\n";
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string only = "all";
    uint32_t reps = 0;
    CommandLine cmd(__FILE__);
    cmd.AddValue("only", "all, egress, local, demux, setup, arp or memory (or 1..6)", only);
    cmd.AddValue("quick", "small sizes (seconds): keeps the suite working, no timing", o.quick);
    cmd.AddValue("reps", "measured repetitions per value (median; default 5, quick 1)", reps);
    cmd.AddValue("outdir", "directory for the .dat and .plt files", o.outDir);
    cmd.AddValue("setup-max", "largest set-up size (figure 4)", o.setupMax);
    std::string profile;
    cmd.AddValue("profile",
                 "one case for a profiler: egress:PATH:N, local:one|l2|l3, demux:N, setup:N, "
                 "arp:off|on:N",
                 profile);
    cmd.Parse(argc, argv);
    o.reps = reps > 0 ? reps : (o.quick ? 1 : 5);
    g_quick = o.quick;
    // ARP requests without ns-3's random jitter (up to 10 ms): the warm-up resolves every
    // neighbour quickly, and no datagram waits in ARP's three-packet queue
    Config::SetDefault("ns3::ArpL3Protocol::RequestJitter",
                       StringValue("ns3::ConstantRandomVariable[Constant=0.0]"));
    if (!profile.empty())
    {
        return Profile(profile, o);
    }
    const std::map<std::string, std::string> numbers = {{"1", "egress"},
                                                        {"2", "local"},
                                                        {"3", "demux"},
                                                        {"4", "setup"},
                                                        {"5", "arp"},
                                                        {"6", "memory"}};
    if (numbers.count(only))
    {
        only = numbers.at(only);
    }
    const std::vector<std::pair<std::string, void (*)(const Options&)>> figures = {
        {"egress", &FigureEgress},
        {"local", &FigureLocal},
        {"demux", &FigureDemux},
        {"setup", &FigureSetup},
        {"arp", &FigureArp},
        {"memory", &FigureMemory}};
    bool known = only == "all";
    for (const auto& f : figures)
    {
        known = known || f.first == only;
    }
    if (!known)
    {
        std::cerr << "ipvlan-bench: --only=" << only
                  << " is not one of all, egress, local, demux, setup, arp, memory (or 1..6)\n";
        return 2;
    }
    for (const auto& f : figures)
    {
        if (only == "all" || only == f.first)
        {
            f.second(o);
            FlushRows();
        }
    }
    return 0;
}
