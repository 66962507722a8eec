/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The UDP flows of the emulation tests: real senders/receivers in namespaces, and
// simulated ones on nodes (declared in ipvlan-emu-test-bed.h).
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
/// Seconds of CLOCK_MONOTONIC as a timespec, plus an offset
struct timespec
MonotonicPlus(double seconds)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    auto ns = static_cast<int64_t>(seconds * 1e9) + t.tv_nsec;
    t.tv_sec += ns / 1000000000;
    t.tv_nsec = ns % 1000000000;
    return t;
}

/// Enter a namespace in a forked child (no allocation after fork)
bool
EnterNetnsInChild(const char* path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        return false;
    }
    bool ok = setns(fd, CLONE_NEWNET) == 0;
    close(fd);
    return ok;
}
} // namespace

RealUdpFlow::RealUdpFlow(RealUdpFlow&& other) noexcept
    : m_pid(other.m_pid),
      m_pipe(other.m_pipe),
      m_limit(other.m_limit)
{
    other.m_pid = -1;
    other.m_pipe = -1;
}

RealUdpFlow::~RealUdpFlow()
{
    if (m_pid > 0)
    {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    if (m_pipe >= 0)
    {
        close(m_pipe);
    }
}

RealUdpFlow
RealUdpFlow::StartSender(const std::string& netns,
                         Ipv4Address dst,
                         uint16_t port,
                         uint32_t size,
                         uint32_t rate,
                         uint32_t count,
                         double startDelay)
{
    RealUdpFlow flow;
    flow.m_limit = startDelay + static_cast<double>(count) / rate + 5;
    std::string path = "/var/run/netns/" + netns;
    std::vector<uint8_t> payload(std::max<uint32_t>(size, 4), 0);
    struct sockaddr_in to;
    std::memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(dst.Get());
    int fds[2];
    BOOST_REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    struct timespec start = MonotonicPlus(startDelay);
    auto limit = static_cast<unsigned>(flow.m_limit);
    flow.m_pid = fork();
    if (flow.m_pid == 0)
    {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        alarm(limit);
        close(fds[0]);
        FlowCounts c;
        int s = -1;
        if (EnterNetnsInChild(path.c_str()))
        {
            s = socket(AF_INET, SOCK_DGRAM, 0);
        }
        if (s >= 0)
        {
            int64_t gap = 1000000000LL / rate;
            for (uint32_t i = 0; i < count; ++i)
            {
                struct timespec at = start;
                int64_t ns = at.tv_nsec + gap * i;
                at.tv_sec += ns / 1000000000;
                at.tv_nsec = ns % 1000000000;
                while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr) == EINTR)
                {
                }
                uint32_t seq = htonl(i);
                std::memcpy(payload.data(), &seq, 4);
                if (sendto(s,
                           payload.data(),
                           payload.size(),
                           0,
                           reinterpret_cast<struct sockaddr*>(&to),
                           sizeof(to)) >= 0)
                {
                    c.sent++;
                }
            }
        }
        if (write(fds[1], &c, sizeof(c)) < 0)
        {
            _exit(2);
        }
        _exit(s >= 0 ? 0 : 1);
    }
    close(fds[1]);
    flow.m_pipe = fds[0];
    BOOST_REQUIRE_MESSAGE(flow.m_pid > 0, "fork() failed");
    return flow;
}

RealUdpFlow
RealUdpFlow::StartReceiver(const std::string& netns, uint16_t port, double seconds)
{
    RealUdpFlow flow;
    flow.m_limit = seconds + 5;
    std::string path = "/var/run/netns/" + netns;
    std::vector<uint8_t> seen(1 << 20, 0);
    std::vector<uint8_t> buf(65536);
    int fds[2];
    BOOST_REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    struct timespec end = MonotonicPlus(seconds);
    auto limit = static_cast<unsigned>(flow.m_limit);
    flow.m_pid = fork();
    if (flow.m_pid == 0)
    {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        alarm(limit);
        close(fds[0]);
        FlowCounts c;
        int s = -1;
        if (EnterNetnsInChild(path.c_str()))
        {
            s = socket(AF_INET, SOCK_DGRAM, 0);
        }
        struct sockaddr_in addr;
        std::memset(&addr, 0, sizeof(addr));
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_ANY);
        if (s >= 0 && bind(s, reinterpret_cast<struct sockaddr*>(&addr), sizeof(addr)) == 0)
        {
            struct timeval tv = {0, 100000};
            setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
            for (;;)
            {
                struct timespec now;
                clock_gettime(CLOCK_MONOTONIC, &now);
                if (now.tv_sec > end.tv_sec ||
                    (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
                {
                    break;
                }
                ssize_t n = recv(s, buf.data(), buf.size(), 0);
                if (n < 4)
                {
                    continue;
                }
                uint32_t seq;
                std::memcpy(&seq, buf.data(), 4);
                seq = ntohl(seq);
                if (seq < seen.size() && seen[seq])
                {
                    c.duplicates++;
                    continue;
                }
                if (seq < seen.size())
                {
                    seen[seq] = 1;
                }
                c.received++;
            }
        }
        if (write(fds[1], &c, sizeof(c)) < 0)
        {
            _exit(2);
        }
        _exit(s >= 0 ? 0 : 1);
    }
    close(fds[1]);
    flow.m_pipe = fds[0];
    BOOST_REQUIRE_MESSAGE(flow.m_pid > 0, "fork() failed");
    return flow;
}

FlowCounts
RealUdpFlow::Wait()
{
    FlowCounts c;
    if (m_pipe >= 0)
    {
        ssize_t n;
        while ((n = read(m_pipe, &c, sizeof(c))) < 0 && errno == EINTR)
        {
        }
        close(m_pipe);
        m_pipe = -1;
    }
    if (m_pid > 0)
    {
        int status = 0;
        waitpid(m_pid, &status, 0);
        BOOST_CHECK_MESSAGE(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                            "real UDP process ended with status " << status);
        m_pid = -1;
    }
    return c;
}

// ---------------------------------------------------------------------------

void
SimUdpSink::Install(Ptr<Node> node, uint16_t port, bool echo)
{
    m_echo = echo;
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    m_socket->SetRecvCallback(MakeCallback(&SimUdpSink::Receive, this));
}

void
SimUdpSink::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        uint8_t head[4];
        if (p->CopyData(head, 4) != 4)
        {
            continue;
        }
        uint32_t seq = (uint32_t(head[0]) << 24) | (uint32_t(head[1]) << 16) |
                       (uint32_t(head[2]) << 8) | head[3];
        if (!m_seen.insert(seq).second)
        {
            m_counts.duplicates++;
        }
        else
        {
            m_counts.received++;
        }
        if (m_echo)
        {
            socket->SendTo(p, 0, from);
        }
    }
}

FlowCounts
SimUdpSink::Counts() const
{
    return m_counts;
}

void
SimUdpSender::Start(Ptr<Node> node,
                    Ipv4Address dst,
                    uint16_t port,
                    uint32_t size,
                    uint32_t rate,
                    uint32_t count,
                    Time start)
{
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->Connect(InetSocketAddress(dst, port));
    m_size = std::max<uint32_t>(size, 4);
    m_interval = Seconds(1.0 / rate);
    m_count = count;
    Simulator::ScheduleWithContext(node->GetId(), start, &SimUdpSender::SendNext, this);
}

void
SimUdpSender::SendNext()
{
    std::vector<uint8_t> buf(m_size, 0);
    buf[0] = static_cast<uint8_t>(m_next >> 24);
    buf[1] = static_cast<uint8_t>(m_next >> 16);
    buf[2] = static_cast<uint8_t>(m_next >> 8);
    buf[3] = static_cast<uint8_t>(m_next);
    if (m_socket->Send(Create<Packet>(buf.data(), m_size)) >= 0)
    {
        m_counts.sent++;
    }
    if (++m_next < m_count)
    {
        Simulator::Schedule(m_interval, &SimUdpSender::SendNext, this);
    }
}

FlowCounts
SimUdpSender::Counts() const
{
    return m_counts;
}

} // namespace ipvlanemutest
} // namespace ns3
