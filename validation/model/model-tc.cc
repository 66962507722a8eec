/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "model-tc.h"

#include "ns3/data-rate.h"
#include "ns3/node.h"
#include "ns3/queue-size.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <stdexcept>

using namespace ns3;

namespace ipvlanval
{

namespace
{

/// A size as tc writes it: bytes, or with k/kb, m/mb, g/gb (x1024, tc's get_size)
uint32_t
ParseTcSize(const std::string& word)
{
    std::smatch m;
    static const std::regex re("([0-9]+)(|b|k|kb|m|mb|g|gb)");
    if (!std::regex_match(word, m, re))
    {
        throw std::runtime_error("bad size \"" + word + "\"");
    }
    double v = std::stod(m[1].str());
    const std::string u = m[2].str();
    v *= u.empty() || u == "b" ? 1 : u[0] == 'k' ? 1024 : u[0] == 'm' ? 1024 * 1024 : 1 << 30;
    if (v > 0xffffffffu)
    {
        throw std::runtime_error("size \"" + word + "\" too large");
    }
    return static_cast<uint32_t>(v);
}

/// A packet count (pfifo's limit)
uint32_t
ParseCount(const std::string& word)
{
    if (word.empty() || word.find_first_not_of("0123456789") != std::string::npos ||
        word.size() > 9)
    {
        throw std::runtime_error("bad limit \"" + word + "\"");
    }
    return static_cast<uint32_t>(std::stoul(word));
}

/// The words after the kind as name/value pairs; "" if tc would refuse them (EINVAL)
std::string
Pairs(const std::vector<std::string>& params,
      const std::vector<std::string>& known,
      std::map<std::string, std::string>* out)
{
    if (params.size() % 2 != 0)
    {
        return "EINVAL";
    }
    for (std::size_t i = 0; i < params.size(); i += 2)
    {
        if (std::find(known.begin(), known.end(), params[i]) == known.end())
        {
            throw std::runtime_error("tc word \"" + params[i] + "\" is not modelled");
        }
        (*out)[params[i]] = params[i + 1];
    }
    return "";
}

/// The FIFO of a pfifo/bfifo with these parameter words (pfifo: packets, default the
/// device's tx_queue_len, 1000; bfifo: bytes, default tx_queue_len x MTU)
QueueSize
FifoSize(const std::string& kind, const std::vector<std::string>& params)
{
    std::map<std::string, std::string> p;
    if (!Pairs(params, {"limit"}, &p).empty())
    {
        throw std::runtime_error(kind + ": limit <n> expected");
    }
    if (kind == "pfifo")
    {
        return QueueSize(QueueSizeUnit::PACKETS, p.count("limit") ? ParseCount(p["limit"]) : 1000);
    }
    return QueueSize(QueueSizeUnit::BYTES, p.count("limit") ? ParseTcSize(p["limit"]) : 1500000);
}

bool
IsFifo(const std::string& kind)
{
    return kind == "pfifo" || kind == "bfifo";
}

} // namespace

double
ParseTcRate(const std::string& word)
{
    static const std::map<std::string, double> units = {{"bit", 1},
                                                        {"kbit", 1e3},
                                                        {"mbit", 1e6},
                                                        {"gbit", 1e9},
                                                        {"kibit", 1024},
                                                        {"mibit", 1024.0 * 1024},
                                                        {"gibit", 1024.0 * 1024 * 1024},
                                                        {"bps", 8},
                                                        {"kbps", 8e3},
                                                        {"mbps", 8e6},
                                                        {"gbps", 8e9}};
    std::smatch m;
    static const std::regex re("([0-9]+(\\.[0-9]+)?)([a-z]*)");
    if (!std::regex_match(word, m, re) || !units.count(m[3].str()) || std::stod(m[1]) <= 0)
    {
        throw std::runtime_error("bad rate \"" + word + "\" (e.g. 4mbit, 500kbit)");
    }
    return std::stod(m[1]) * units.at(m[3].str());
}

std::string
ModelTc::RootKind(Ptr<NetDevice> dev)
{
    Ptr<TrafficControlLayer> tc = dev->GetNode()->GetObject<TrafficControlLayer>();
    Ptr<QueueDisc> q = tc ? tc->GetRootQueueDiscOnDevice(dev) : nullptr;
    if (!q)
    {
        // Linux attaches noqueue to a device without a queue (IFF_NO_QUEUE: veth, ipvlan,
        // macvlan) until a qdisc is added; an ns-3 device without a root queue disc sends
        // straight to the device, as noqueue does.
        return "noqueue";
    }
    const std::string type = q->GetInstanceTypeId().GetName();
    if (type == "ns3::TbfQueueDisc")
    {
        return "tbf";
    }
    if (type == "ns3::FifoQueueDisc")
    {
        return q->GetMaxSize().GetUnit() == QueueSizeUnit::BYTES ? "bfifo" : "pfifo";
    }
    if (type == "ns3::FqCoDelQueueDisc")
    {
        return "fq_codel";
    }
    if (type == "ns3::PfifoFastQueueDisc")
    {
        return "pfifo_fast";
    }
    return type;
}

std::string
ModelTc::Apply(Ptr<NetDevice> dev, const std::vector<std::string>& words)
{
    Ptr<TrafficControlLayer> tc = dev->GetNode()->GetObject<TrafficControlLayer>();
    if (!tc)
    {
        throw std::runtime_error("the node has no TrafficControlLayer");
    }
    Ptr<QueueDisc> current = tc->GetRootQueueDiscOnDevice(dev);
    if (words.size() == 1 && words[0] == "delete")
    {
        // qdisc_graft of the default back: a device with only its default root (noqueue
        // here) has nothing to delete, "Cannot delete qdisc with handle of zero" (ENOENT)
        if (!current)
        {
            return "ENOENT";
        }
        Remove(dev);
        return "";
    }

    // [root | parent <major:minor>] [handle <major:>] <kind> <parameters...>
    std::size_t i = 0;
    std::string parent;
    if (i < words.size() && words[i] == "root")
    {
        ++i;
    }
    else if (i + 1 < words.size() && words[i] == "parent")
    {
        parent = words[i + 1];
        i += 2;
    }
    else
    {
        return "EINVAL"; // tc: a qdisc needs a parent
    }
    Root root;
    if (i + 1 < words.size() && words[i] == "handle")
    {
        root.handle = words[i + 1];
        i += 2;
    }
    if (i >= words.size())
    {
        return "EINVAL";
    }
    root.kind = words[i];
    root.params.assign(words.begin() + i + 1, words.end());
    if (root.kind != "tbf" && !IsFifo(root.kind) && root.kind != "fq_codel" &&
        root.kind != "pfifo_fast")
    {
        // qdisc_lookup_ops finds no such kind: "Specified qdisc kind is unknown" (ENOENT);
        // a kind Linux has but this runner does not build is a scenario error
        static const std::vector<std::string> linuxKinds = {
            "cake", "cbs",     "choke",   "codel",  "drr",    "etf",    "fq",      "gred",
            "hfsc", "hhf",     "htb",     "mq",     "mqprio", "multiq", "netem",   "pie",
            "plug", "prio",    "qfq",     "red",    "sfb",    "sfq",    "skbprio", "taprio",
            "teql", "noqueue", "ingress", "clsact", "fq_pie"};
        if (std::find(linuxKinds.begin(), linuxKinds.end(), root.kind) == linuxKinds.end())
        {
            return "ENOENT";
        }
        throw std::runtime_error("qdisc kind \"" + root.kind + "\" is not modelled");
    }

    if (!parent.empty())
    {
        // A child of the tbf's one class (parent <handle major>:1): grafted in place of the
        // tbf's default bfifo (tbf_graft). ns-3 builds a queue disc's children before it
        // initializes it, so the runner installs the tbf again, with this child: the same
        // only while nothing is queued and the bucket is full, which is when the scenarios
        // graft (right after adding the tbf).
        auto it = m_roots.find(dev);
        std::size_t colon = parent.find(':');
        if (!current || it == m_roots.end() || it->second.qdisc != current ||
            colon == std::string::npos || it->second.handle != parent.substr(0, colon + 1))
        {
            return "ENOENT"; // "Failed to find specified qdisc"
        }
        if (it->second.kind != "tbf" || parent.substr(colon + 1) != "1")
        {
            throw std::runtime_error("a child under parent " + parent + " is not modelled");
        }
        if (!IsFifo(root.kind))
        {
            throw std::runtime_error("a " + root.kind + " child of a tbf is not modelled");
        }
        Root tbf = it->second;
        tbf.child = {root.kind};
        tbf.child.insert(tbf.child.end(), root.params.begin(), root.params.end());
        FifoSize(root.kind, root.params); // refuse bad words before removing anything
        Remove(dev);
        return Install(dev, tbf);
    }

    if (current)
    {
        // tc_modify_qdisc with `add` (NLM_F_CREATE | NLM_F_EXCL), as seen on Linux 6.1: a
        // root with a handle, or of the kind already there, is refused (EEXIST); a root of
        // another kind without a handle replaces the current one.
        if (!root.handle.empty() || RootKind(dev) == root.kind)
        {
            return "EEXIST";
        }
        Remove(dev);
    }
    return Install(dev, root);
}

std::string
ModelTc::Install(Ptr<NetDevice> dev, Root root)
{
    TrafficControlHelper h;
    if (root.kind == "tbf")
    {
        std::map<std::string, std::string> p;
        if (!Pairs(root.params, {"rate", "burst", "limit"}, &p).empty() || !p.count("rate") ||
            !p.count("burst") || !p.count("limit"))
        {
            return "EINVAL"; // tc: rate, burst and limit (or latency) are mandatory
        }
        DataRate rate(static_cast<uint64_t>(std::llround(ParseTcRate(p["rate"]))));
        UintegerValue burst(ParseTcSize(p["burst"]));
        if (root.child.empty())
        {
            // tbf_change: the default child is a bfifo of `limit` bytes (TbfQueueDisc
            // makes a FifoQueueDisc of its MaxSize)
            h.SetRootQueueDisc(
                "ns3::TbfQueueDisc",
                "Rate",
                DataRateValue(rate),
                "Burst",
                burst,
                "MaxSize",
                QueueSizeValue(QueueSize(QueueSizeUnit::BYTES, ParseTcSize(p["limit"]))));
        }
        else
        {
            uint16_t handle = h.SetRootQueueDisc("ns3::TbfQueueDisc",
                                                 "Rate",
                                                 DataRateValue(rate),
                                                 "Burst",
                                                 burst);
            std::vector<std::string> childParams(root.child.begin() + 1, root.child.end());
            TrafficControlHelper::ClassIdList cls =
                h.AddQueueDiscClasses(handle, 1, "ns3::QueueDiscClass");
            h.AddChildQueueDisc(handle,
                                cls[0],
                                "ns3::FifoQueueDisc",
                                "MaxSize",
                                QueueSizeValue(FifoSize(root.child[0], childParams)));
        }
    }
    else if (IsFifo(root.kind))
    {
        h.SetRootQueueDisc("ns3::FifoQueueDisc",
                           "MaxSize",
                           QueueSizeValue(FifoSize(root.kind, root.params)));
    }
    else if (!root.params.empty())
    {
        throw std::runtime_error("parameters of " + root.kind + " are not modelled");
    }
    else if (root.kind == "fq_codel")
    {
        h.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
    }
    else
    {
        h.SetRootQueueDisc("ns3::PfifoFastQueueDisc");
    }
    QueueDiscContainer installed = h.Install(dev);
    // The node was initialized at the start of the simulation: the TrafficControlLayer
    // scanned its devices then (the send callbacks of root queue discs) and initialized
    // the root queue discs it had. A queue disc added later needs both.
    Ptr<TrafficControlLayer> tc = dev->GetNode()->GetObject<TrafficControlLayer>();
    tc->ScanDevices();
    root.qdisc = installed.Get(0);
    root.qdisc->Initialize();
    m_roots[dev] = root;
    return "";
}

void
ModelTc::Remove(Ptr<NetDevice> dev)
{
    Ptr<TrafficControlLayer> tc = dev->GetNode()->GetObject<TrafficControlLayer>();
    Ptr<QueueDisc> q = tc->GetRootQueueDiscOnDevice(dev);
    tc->DeleteRootQueueDiscOnDevice(dev);
    // Linux frees what the qdisc still holds (qdisc_destroy); here a wake-up the queue disc
    // already scheduled (a tbf waiting for tokens) may still run: it finds a send callback
    // that discards, and the object alive.
    q->SetSendCallback([](Ptr<QueueDiscItem>) {});
    m_removed.push_back(q);
    m_roots.erase(dev);
}

} // namespace ipvlanval
