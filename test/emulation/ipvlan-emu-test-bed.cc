/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-emu-test-bed.h"

#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipvlan-emu-helper.h"
#include "ns3/ipvlan-emu-interface.h"
#include "ns3/ipvlan-helper.h"
#include "ns3/macvlan-helper.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <regex>
#include <sched.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ns3
{
namespace ipvlanemutest
{

namespace
{
/// The argv of `timeout -k 2 N sh -c COMMAND`, built before fork()
struct TimeoutArgv
{
    std::vector<std::string> words; ///< the words
    std::vector<char*> argv;        ///< pointers into words, null-terminated

    /**
     * @param command the shell command
     * @param timeoutSeconds the limit
     */
    TimeoutArgv(const std::string& command, int timeoutSeconds)
        : words{"timeout", "-k", "2", std::to_string(timeoutSeconds), "sh", "-c", command}
    {
        for (auto& w : words)
        {
            argv.push_back(w.data());
        }
        argv.push_back(nullptr);
    }
};

/// Read a whole file
std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/// The namespaces this process made and has not removed yet (for the exit handler)
std::set<std::string>&
LiveNetns()
{
    static std::set<std::string> live;
    return live;
}

/// Kill what still runs in a namespace, then remove it
void
RemoveNetns(const std::string& ns)
{
    RunCommand("for p in $(ip netns pids " + ns +
                   " 2>/dev/null); do kill -9 $p; done; ip netns del " + ns,
               10);
}

/// atexit: remove whatever a test that died left
void
RemoveLiveNetns()
{
    for (const auto& ns : LiveNetns())
    {
        RemoveNetns(ns);
    }
    LiveNetns().clear();
}

/// The pid of a namespace name of ours ("ipvemu-<pid>-..."), or 0
pid_t
PidOfNetns(const std::string& name)
{
    const std::string head = "ipvemu-";
    if (name.compare(0, head.size(), head) != 0)
    {
        return 0;
    }
    size_t end = name.find('-', head.size());
    if (end == std::string::npos)
    {
        return 0;
    }
    std::string digits = name.substr(head.size(), end - head.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
    {
        return 0;
    }
    return static_cast<pid_t>(std::stol(digits));
}

/// Remove the temporary files of runs whose process is gone (and of this pid)
void
RemoveLeftoverFiles()
{
    DIR* dir = opendir("/tmp");
    if (!dir)
    {
        return;
    }
    while (struct dirent* e = readdir(dir))
    {
        std::string name = e->d_name;
        pid_t pid = PidOfNetns(name);
        if (pid != 0 && (pid == getpid() || (kill(pid, 0) < 0 && errno == ESRCH)))
        {
            unlink(("/tmp/" + name).c_str());
        }
    }
    closedir(dir);
}

} // namespace

CommandResult
RunCommand(const std::string& command, int timeoutSeconds)
{
    CommandResult r;
    TimeoutArgv args(command, timeoutSeconds);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
    {
        r.output = "pipe() failed";
        return r;
    }
    pid_t pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        r.output = "fork() failed";
        return r;
    }
    if (pid == 0)
    {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
        {
            dup2(devnull, STDIN_FILENO);
        }
        execvp(args.argv[0], args.argv.data());
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
    {
        if (n > 0)
        {
            r.output.append(buf, static_cast<size_t>(n));
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

std::string
MustRun(const std::string& command, int timeoutSeconds)
{
    CommandResult r = RunCommand(command, timeoutSeconds);
    BOOST_REQUIRE_MESSAGE(r.status == 0,
                          "command failed (status " << r.status << "): " << command << "\n"
                                                    << r.output);
    return r.output;
}

std::string
WhyNoEmulation()
{
    static bool decided = false;
    static std::string why;
    if (decided)
    {
        return why;
    }
    decided = true;
    if (geteuid() != 0)
    {
        why = "not root (euid " + std::to_string(geteuid()) +
              "): emulation tests create network namespaces, veths, TAPs and raw sockets";
        return why;
    }
    if (RunCommand("command -v ip && command -v timeout", 5).status != 0)
    {
        why = "iproute2 (ip) or coreutils (timeout) is missing";
        return why;
    }
    std::string probe = EmuTestBed::Prefix() + "probe";
    CommandResult r = RunCommand("ip netns add " + probe, 10);
    if (r.status != 0)
    {
        why = "the kernel refused a network namespace (ip netns add: " + r.output + ")";
        return why;
    }
    RunCommand("ip netns del " + probe, 10);
    return why;
}

boost::test_tools::assertion_result
EmulationAvailable::operator()(boost::unit_test::test_unit_id) const
{
    std::string why = WhyNoEmulation();
    boost::test_tools::assertion_result result(why.empty());
    if (!why.empty())
    {
        result.message() << "emulation test skipped: " << why;
    }
    return result;
}

// ---------------------------------------------------------------------------

BackgroundCommand::BackgroundCommand(const std::string& command, int timeoutSeconds)
{
    static int serial = 0;
    m_outFile = "/tmp/" + EmuTestBed::Prefix() + "bg" + std::to_string(serial++) + ".out";
    TimeoutArgv args(command, timeoutSeconds);
    std::string outFile = m_outFile;
    m_pid = fork();
    if (m_pid == 0)
    {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        int fd = open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0)
        {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
        {
            dup2(devnull, STDIN_FILENO);
        }
        execvp(args.argv[0], args.argv.data());
        _exit(127);
    }
    BOOST_REQUIRE_MESSAGE(m_pid > 0, "fork() failed for: " << command);
}

BackgroundCommand::~BackgroundCommand()
{
    if (m_pid > 0 && !m_reaped)
    {
        kill(-m_pid, SIGKILL);
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    unlink(m_outFile.c_str());
}

bool
BackgroundCommand::WaitForOutput(const std::string& text, double seconds) const
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline)
    {
        if (Slurp(m_outFile).find(text) != std::string::npos)
        {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void
BackgroundCommand::Signal(int sig)
{
    if (m_pid > 0 && !m_reaped)
    {
        kill(m_pid, sig); // timeout passes it on to the command
    }
}

CommandResult
BackgroundCommand::Wait()
{
    if (!m_reaped && m_pid > 0)
    {
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR)
        {
        }
        m_reaped = true;
        m_result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        m_result.output = Slurp(m_outFile);
    }
    return m_result;
}

PingResult
ParsePing(const std::string& output)
{
    PingResult r;
    std::smatch m;
    static const std::regex summary("([0-9]+) packets transmitted, ([0-9]+) (packets )?received");
    if (std::regex_search(output, m, summary))
    {
        r.transmitted = std::stoi(m[1]);
        r.received = std::stoi(m[2]);
    }
    return r;
}

std::vector<CapturedFrame>
ReadCapture(const std::string& pcapFile)
{
    std::vector<CapturedFrame> frames;
    CommandResult r = RunCommand("tcpdump -r " + pcapFile + " -e -n 2>/dev/null", 20);
    std::istringstream in(r.output);
    std::string line;
    while (std::getline(in, line))
    {
        // "HH:MM:SS.ffffff SRC > DST, ethertype ..."
        std::istringstream words(line);
        std::string time;
        std::string src;
        std::string arrow;
        std::string dst;
        if (!(words >> time >> src >> arrow >> dst) || arrow != ">")
        {
            continue;
        }
        if (!dst.empty() && dst.back() == ',')
        {
            dst.pop_back();
        }
        if (src.size() != 17 || dst.size() != 17)
        {
            continue;
        }
        frames.push_back({Mac48Address(src.c_str()), Mac48Address(dst.c_str()), line});
    }
    return frames;
}

ChildOutcome
RunInChild(const std::function<void()>& fn, unsigned seconds)
{
    ChildOutcome out;
    int fds[2];
    BOOST_REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        alarm(seconds);
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        struct rlimit noCore = {0, 0};
        setrlimit(RLIMIT_CORE, &noCore);
        // Boost.Test catches these to go on with the next case: here they end the child
        signal(SIGABRT, SIG_DFL);
        signal(SIGALRM, SIG_DFL);
        signal(SIGSEGV, SIG_DFL);
        try
        {
            fn();
        }
        catch (...)
        {
            _exit(3);
        }
        _exit(0);
    }
    close(fds[1]);
    BOOST_REQUIRE_MESSAGE(pid > 0, "fork() failed");
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
    {
        if (n > 0)
        {
            out.output.append(buf, static_cast<size_t>(n));
        }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    out.hung = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
    out.fatal = !out.hung && ((WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) ||
                              (WIFEXITED(status) && WEXITSTATUS(status) != 0));
    return out;
}

// ---------------------------------------------------------------------------

std::string
EmuTestBed::Prefix()
{
    return "ipvemu-" + std::to_string(getpid()) + "-";
}

EmuTestBed::EmuTestBed()
{
    static bool exitHandler = false;
    if (!exitHandler)
    {
        std::atexit(&RemoveLiveNetns);
        exitHandler = true;
    }
    // Leftovers of runs that died (their process is gone), and of this pid
    CommandResult list = RunCommand("ip netns list", 10);
    std::istringstream in(list.output);
    std::string line;
    while (std::getline(in, line))
    {
        std::string name = line.substr(0, line.find(' '));
        pid_t pid = PidOfNetns(name);
        if (pid == 0)
        {
            continue;
        }
        if (pid == getpid() || (kill(pid, 0) < 0 && errno == ESRCH))
        {
            BOOST_TEST_MESSAGE("removing leftover network namespace " << name);
            RemoveNetns(name);
        }
    }
    RemoveLeftoverFiles();
}

EmuTestBed::~EmuTestBed()
{
    for (auto it = m_netns.rbegin(); it != m_netns.rend(); ++it)
    {
        RemoveNetns(*it);
        LiveNetns().erase(*it);
    }
    for (const auto& f : m_files)
    {
        unlink(f.c_str());
    }
}

std::string
EmuTestBed::AddNetns(const std::string& role)
{
    std::string name = Prefix() + role;
    MustRun("ip netns add " + name);
    m_netns.push_back(name);
    LiveNetns().insert(name);
    Ip(name, "link set lo up");
    Exec(name, "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1");
    return name;
}

void
EmuTestBed::AddVeth(const std::string& nsA,
                    const std::string& ifA,
                    const std::string& nsB,
                    const std::string& ifB)
{
    Ip(nsA, "link add " + ifA + " type veth peer name " + ifB + " netns " + nsB);
    Ip(nsA, "link set " + ifA + " up");
    Ip(nsB, "link set " + ifB + " up");
}

void
EmuTestBed::Ip(const std::string& ns, const std::string& args)
{
    MustRun("ip -n " + ns + " " + args);
}

std::string
EmuTestBed::Exec(const std::string& ns, const std::string& command)
{
    return MustRun("ip netns exec " + ns + " " + command);
}

Mac48Address
EmuTestBed::MacOf(const std::string& ns, const std::string& ifname) const
{
    ipvlanemu::NetnsScope scope(ns);
    return ipvlanemu::QueryInterface(ifname).mac;
}

std::string
EmuTestBed::TempFile(const std::string& name)
{
    std::string path = "/tmp/" + Prefix() + name;
    m_files.push_back(path);
    return path;
}

// ---------------------------------------------------------------------------

Ipv4Address
AddressIn(const std::string& subnet, uint32_t offset)
{
    return Ipv4Address(Ipv4Address(subnet.c_str()).Get() + offset);
}

namespace
{
/// The simulated host's node and containers, with the stack, before its master exists
EmuHost
NewEmuHost(uint32_t nContainers)
{
    IpvlanEmuHelper::EnableRealtime();
    // Linux queues up to 101 packets per unresolved neighbour (unres_qlen); ns-3's 3
    // would drop the first datagrams of a flow while ARP resolves.
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(100));
    EmuHost h;
    h.host = CreateObject<Node>();
    h.containers.Create(nContainers);
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(h.host);
    stack.Install(h.containers);
    return h;
}

/// Attach the containers' slaves (and the host's interface) to h.master
void
AttachContainers(EmuHost& h,
                 const std::string& mode,
                 const std::string& subnet,
                 const std::string& hostSubnet,
                 Ipv4Address gateway)
{
    if (mode == "macvlan")
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
        h.hostIf = ih.InstallHost(h.master).Get(0);
        Ptr<Ipv4> ipv4 = h.host->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(h.hostIf);
        ipv4->AddAddress(i, Ipv4InterfaceAddress(AddressIn(hostSubnet, 2), "255.255.255.0"));
        ipv4->SetUp(i);
    }
    Ipv4StaticRoutingHelper routing;
    for (uint32_t c = 0; c < h.containers.GetN(); ++c)
    {
        Ptr<Node> node = h.containers.Get(c);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(h.slaves.Get(c));
        ipv4->AddAddress(i, Ipv4InterfaceAddress(AddressIn(subnet, 10 + c), "255.255.255.0"));
        ipv4->SetUp(i);
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(gateway, i);
    }
}
} // namespace

EmuHost
BuildEmuHost(const std::string& netns,
             const std::string& ifname,
             uint32_t nContainers,
             const std::string& mode,
             const std::string& subnet,
             const std::string& hostSubnet,
             Ipv4Address gateway)
{
    EmuHost h = NewEmuHost(nContainers);
    IpvlanEmuHelper emu;
    emu.SetNetns(netns);
    emu.SetPromiscuous(mode == "macvlan"); // frames for the slaves' own MACs
    h.master = emu.InstallMaster(h.host, ifname);
    AttachContainers(h, mode, subnet, hostSubnet, gateway);
    return h;
}

EmuHost
BuildTapMasterHost(const std::string& netns,
                   const std::string& tapName,
                   Mac48Address masterMac,
                   uint32_t nContainers,
                   const std::string& subnet,
                   Ipv4Address gateway)
{
    EmuHost h = NewEmuHost(nContainers);
    IpvlanEmuHelper emu;
    emu.SetNetns(netns);
    h.master = emu.InstallTap(h.host, tapName, masterMac, 1500);
    AttachContainers(h, "l2", subnet, subnet, gateway);
    return h;
}

} // namespace ipvlanemutest
} // namespace ns3
