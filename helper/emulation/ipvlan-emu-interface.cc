/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-emu-interface.h"

#include "ns3/abort.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netpacket/packet.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanEmuInterface");

namespace ipvlanemu
{

std::string
DescribeErrno(int err)
{
    std::string text = std::strerror(err);
    if (err == EPERM || err == EACCES)
    {
        text += " (emulation needs root: run as root or with sudo; it uses CAP_NET_RAW, "
                "CAP_NET_ADMIN and, for network namespaces, CAP_SYS_ADMIN)";
    }
    return text;
}

namespace
{
/// An ifreq naming an interface; aborts when the name cannot be an interface name
struct ifreq
MakeIfreq(const std::string& ifname)
{
    NS_ABORT_MSG_IF(ifname.empty() || ifname.size() >= IFNAMSIZ ||
                        ifname.find_first_of("/ \t:") != std::string::npos,
                    "ipvlan emulation: '" << ifname << "' is not a valid interface name (1 to "
                                          << IFNAMSIZ - 1 << " characters, no '/', ':' or "
                                          << "blanks)");
    struct ifreq ifr;
    std::memset(&ifr, 0, sizeof(ifr));
    std::strncpy(ifr.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
    return ifr;
}

/// A throw-away socket for interface ioctls, closed with the object
class ControlSocket
{
  public:
    ControlSocket()
        : m_fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        if (m_fd < 0)
        {
            int err = errno;
            NS_FATAL_ERROR("ipvlan emulation: socket(AF_INET, SOCK_DGRAM) for interface "
                           "ioctls failed: "
                           << DescribeErrno(err));
        }
    }

    ~ControlSocket()
    {
        close(m_fd);
    }

    ControlSocket(const ControlSocket&) = delete;
    ControlSocket& operator=(const ControlSocket&) = delete;

    /// @return the descriptor
    int Fd() const
    {
        return m_fd;
    }

  private:
    int m_fd; ///< the descriptor
};

/// ioctl an interface, aborting with the call's name on failure
void
IfIoctl(int fd, unsigned long request, struct ifreq& ifr, const char* what)
{
    if (ioctl(fd, request, &ifr) < 0)
    {
        int err = errno;
        if (err == ENODEV)
        {
            NS_FATAL_ERROR("ipvlan emulation: there is no interface '"
                           << ifr.ifr_name << "' in this network namespace (" << what << ": "
                           << std::strerror(err) << ")");
        }
        NS_FATAL_ERROR("ipvlan emulation: " << what << " on interface '" << ifr.ifr_name
                                            << "' failed: " << DescribeErrno(err));
    }
}
} // namespace

NetnsScope::NetnsScope(const std::string& netns)
    : m_netns(netns)
{
    if (netns.empty())
    {
        return;
    }
    NS_ABORT_MSG_IF(netns.find('/') != std::string::npos || netns == "." || netns == "..",
                    "ipvlan emulation: '" << netns << "' is not a network namespace name");
    m_saved = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (m_saved < 0)
    {
        int err = errno;
        NS_FATAL_ERROR("ipvlan emulation: cannot open /proc/thread-self/ns/net to remember "
                       "the current network namespace: "
                       << DescribeErrno(err));
    }
    std::string path = "/var/run/netns/" + netns;
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        int err = errno;
        close(m_saved);
        NS_FATAL_ERROR("ipvlan emulation: no network namespace '"
                       << netns << "' (" << path << ": " << DescribeErrno(err)
                       << "); create it with: ip netns add " << netns);
    }
    if (setns(fd, CLONE_NEWNET) < 0)
    {
        int err = errno;
        close(fd);
        close(m_saved);
        NS_FATAL_ERROR("ipvlan emulation: cannot enter network namespace '"
                       << netns << "' (setns): " << DescribeErrno(err));
    }
    close(fd);
    NS_LOG_LOGIC("entered network namespace " << netns);
}

NetnsScope::~NetnsScope()
{
    if (m_saved < 0)
    {
        return;
    }
    if (setns(m_saved, CLONE_NEWNET) < 0)
    {
        int err = errno;
        NS_FATAL_ERROR("ipvlan emulation: cannot return from network namespace '"
                       << m_netns << "' (setns): " << DescribeErrno(err));
    }
    close(m_saved);
}

InterfaceInfo
QueryInterface(const std::string& ifname)
{
    ControlSocket ctl;
    InterfaceInfo info;
    info.name = ifname;
    struct ifreq ifr = MakeIfreq(ifname);
    IfIoctl(ctl.Fd(), SIOCGIFINDEX, ifr, "SIOCGIFINDEX");
    info.index = ifr.ifr_ifindex;
    ifr = MakeIfreq(ifname);
    IfIoctl(ctl.Fd(), SIOCGIFHWADDR, ifr, "SIOCGIFHWADDR");
    NS_ABORT_MSG_IF(ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER,
                    "ipvlan emulation: interface '"
                        << ifname << "' has hardware type " << ifr.ifr_hwaddr.sa_family
                        << ", not Ethernet (" << ARPHRD_ETHER << "); an ipvlan master or TAP "
                        << "must be an Ethernet interface");
    info.mac.CopyFrom(reinterpret_cast<const uint8_t*>(ifr.ifr_hwaddr.sa_data));
    ifr = MakeIfreq(ifname);
    IfIoctl(ctl.Fd(), SIOCGIFMTU, ifr, "SIOCGIFMTU");
    info.mtu = static_cast<uint16_t>(std::min(ifr.ifr_mtu, 65535)); // ns-3 MTUs are 16-bit
    ifr = MakeIfreq(ifname);
    IfIoctl(ctl.Fd(), SIOCGIFFLAGS, ifr, "SIOCGIFFLAGS");
    info.up = (ifr.ifr_flags & IFF_UP) != 0;
    info.noArp = (ifr.ifr_flags & IFF_NOARP) != 0;
    info.promiscuous = (ifr.ifr_flags & IFF_PROMISC) != 0;
    return info;
}

int
OpenPacketSocket(const InterfaceInfo& iface, bool promiscuous, bool allMulticast)
{
    // Protocol 0 first: the socket receives nothing until it is bound to the interface,
    // so no frame of another interface slips in between socket() and bind().
    int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (fd < 0)
    {
        int err = errno;
        NS_FATAL_ERROR("ipvlan emulation: cannot open a raw packet socket (AF_PACKET, "
                       "SOCK_RAW) for interface '"
                       << iface.name << "': " << DescribeErrno(err));
    }
    struct sockaddr_ll sll;
    std::memset(&sll, 0, sizeof(sll));
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = iface.index;
    if (bind(fd, reinterpret_cast<struct sockaddr*>(&sll), sizeof(sll)) < 0)
    {
        int err = errno;
        close(fd);
        NS_FATAL_ERROR("ipvlan emulation: cannot bind the raw packet socket to interface '"
                       << iface.name << "' (ifindex " << iface.index
                       << "): " << DescribeErrno(err));
    }
    int one = 1;
    if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
    {
        // Linux < 4.20: frames the host's own stack sends on the interface are seen too
        NS_LOG_WARN("PACKET_IGNORE_OUTGOING not supported on " << iface.name << ": "
                                                               << std::strerror(errno));
    }
    auto membership = [&](int type, const char* what) {
        struct packet_mreq mr;
        std::memset(&mr, 0, sizeof(mr));
        mr.mr_ifindex = iface.index;
        mr.mr_type = type;
        if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0)
        {
            int err = errno;
            close(fd);
            NS_FATAL_ERROR("ipvlan emulation: cannot put interface '"
                           << iface.name << "' in " << what
                           << " mode (PACKET_ADD_MEMBERSHIP): " << DescribeErrno(err));
        }
    };
    if (promiscuous)
    {
        membership(PACKET_MR_PROMISC, "promiscuous");
    }
    if (allMulticast)
    {
        membership(PACKET_MR_ALLMULTI, "all-multicast");
    }
    NS_LOG_INFO("raw socket " << fd << " on " << iface.name << " (" << iface.mac << ", mtu "
                              << iface.mtu << (promiscuous ? ", promiscuous" : "") << ")");
    return fd;
}

int
OpenTap(const std::string& name)
{
    struct ifreq ifr = MakeIfreq(name);
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        int err = errno;
        NS_FATAL_ERROR("ipvlan emulation: cannot open /dev/net/tun for TAP '"
                       << name << "': " << DescribeErrno(err)
                       << (err == ENOENT ? " (load the tun module: modprobe tun)" : ""));
    }
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        int err = errno;
        close(fd);
        const char* hint = "";
        if (err == EBUSY)
        {
            hint = " (another process has the TAP open)";
        }
        else if (err == EINVAL)
        {
            hint = " (an interface of that name exists and is not a single-queue TAP)";
        }
        NS_FATAL_ERROR("ipvlan emulation: cannot open TAP '"
                       << name << "' (TUNSETIFF): " << DescribeErrno(err) << hint);
    }
    NS_LOG_INFO("TAP " << ifr.ifr_name << " open as descriptor " << fd);
    return fd;
}

void
ConfigureInterface(const std::string& ifname, Mac48Address mac, uint16_t mtu, bool noArp)
{
    NS_ABORT_MSG_IF(mtu < 68,
                    "ipvlan emulation: MTU " << mtu << " for interface '" << ifname
                                             << "' is invalid; allowed: 68 to 65535");
    InterfaceInfo now = QueryInterface(ifname);
    ControlSocket ctl;
    if (now.mac != mac)
    {
        struct ifreq ifr = MakeIfreq(ifname);
        ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
        mac.CopyTo(reinterpret_cast<uint8_t*>(ifr.ifr_hwaddr.sa_data));
        IfIoctl(ctl.Fd(), SIOCSIFHWADDR, ifr, "SIOCSIFHWADDR (set MAC address)");
    }
    if (now.mtu != mtu)
    {
        struct ifreq ifr = MakeIfreq(ifname);
        ifr.ifr_mtu = mtu;
        IfIoctl(ctl.Fd(), SIOCSIFMTU, ifr, "SIOCSIFMTU (set MTU)");
    }
    struct ifreq ifr = MakeIfreq(ifname);
    IfIoctl(ctl.Fd(), SIOCGIFFLAGS, ifr, "SIOCGIFFLAGS");
    short flags = ifr.ifr_flags | IFF_UP;
    flags = noArp ? (flags | IFF_NOARP) : (flags & ~IFF_NOARP);
    if (flags != ifr.ifr_flags)
    {
        ifr.ifr_flags = flags;
        IfIoctl(ctl.Fd(), SIOCSIFFLAGS, ifr, "SIOCSIFFLAGS (up, NOARP)");
    }
}

void
DisableOffloads(const std::string& ifname)
{
    ControlSocket ctl;

    struct Offload
    {
        uint32_t cmd;     ///< ETHTOOL_S*
        const char* name; ///< its ethtool name
    };

    const Offload offloads[] = {
        {ETHTOOL_STXCSUM, "tx-checksumming"},
        {ETHTOOL_STSO, "tcp-segmentation-offload"},
        {ETHTOOL_SGSO, "generic-segmentation-offload"},
        {ETHTOOL_SGRO, "generic-receive-offload"},
    };
    for (const Offload& o : offloads)
    {
        struct ethtool_value ev;
        std::memset(&ev, 0, sizeof(ev));
        ev.cmd = o.cmd;
        ev.data = 0;
        struct ifreq ifr = MakeIfreq(ifname);
        ifr.ifr_data = reinterpret_cast<char*>(&ev);
        if (ioctl(ctl.Fd(), SIOCETHTOOL, &ifr) < 0)
        {
            int err = errno;
            NS_ABORT_MSG_IF(err == EPERM || err == EACCES || err == ENODEV,
                            "ipvlan emulation: cannot turn "
                                << o.name << " off on interface '" << ifname
                                << "' (SIOCETHTOOL): " << DescribeErrno(err));
            NS_LOG_INFO(ifname << ": " << o.name << " left as is: " << std::strerror(err));
        }
    }
    // LRO is a flag (ETH_FLAG_LRO) of ETHTOOL_GFLAGS/SFLAGS
    struct ethtool_value ev;
    std::memset(&ev, 0, sizeof(ev));
    ev.cmd = ETHTOOL_GFLAGS;
    struct ifreq ifr = MakeIfreq(ifname);
    ifr.ifr_data = reinterpret_cast<char*>(&ev);
    if (ioctl(ctl.Fd(), SIOCETHTOOL, &ifr) == 0 && (ev.data & ETH_FLAG_LRO))
    {
        ev.cmd = ETHTOOL_SFLAGS;
        ev.data &= ~static_cast<uint32_t>(ETH_FLAG_LRO);
        if (ioctl(ctl.Fd(), SIOCETHTOOL, &ifr) < 0)
        {
            NS_LOG_INFO(ifname << ": large-receive-offload left on: " << std::strerror(errno));
        }
    }
}

} // namespace ipvlanemu
} // namespace ns3
