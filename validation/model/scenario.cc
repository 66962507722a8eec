/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ipvlanval
{

Cidr
ParseCidr(const std::string& word)
{
    Cidr c;
    std::size_t slash = word.find('/');
    c.address = word.substr(0, slash);
    c.v6 = c.address.find(':') != std::string::npos;
    if (c.address.empty())
    {
        throw std::runtime_error("empty address in \"" + word + "\"");
    }
    c.prefix = c.v6 ? 128 : 32;
    if (slash != std::string::npos)
    {
        std::string len = word.substr(slash + 1);
        if (len.empty() || len.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(len) > c.prefix)
        {
            throw std::runtime_error("bad prefix length in \"" + word + "\"; allowed: 0 to " +
                                     std::to_string(c.prefix));
        }
        c.prefix = std::stoul(len);
    }
    return c;
}

namespace
{

/// Addresses of a node line: CIDRs, each optionally followed by "dad"
std::vector<Cidr>
ParseAddrs(const std::vector<std::string>& w, std::size_t from)
{
    std::vector<Cidr> out;
    for (std::size_t i = from; i < w.size(); ++i)
    {
        if (w[i] == "dad")
        {
            if (out.empty() || !out.back().v6)
            {
                throw std::runtime_error("\"dad\" must follow an IPv6 address");
            }
            out.back().dad = true;
            continue;
        }
        out.push_back(ParseCidr(w[i]));
    }
    return out;
}

void
Need(const std::vector<std::string>& w, std::size_t n, const std::string& usage)
{
    if (w.size() < n)
    {
        throw std::runtime_error("usage: " + usage);
    }
}

} // namespace

Scenario
ReadScenario(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw std::runtime_error("cannot read scenario " + path);
    }
    Scenario s;
    std::size_t slash = path.find_last_of('/');
    s.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    if (s.name.size() > 4 && s.name.compare(s.name.size() - 4, 4, ".scn") == 0)
    {
        s.name.resize(s.name.size() - 4);
    }
    s.linkWords = {"ipvlan", "mode", "l2", "bridge"};
    std::string line;
    unsigned lineNo = 0;
    while (std::getline(in, line))
    {
        ++lineNo;
        std::size_t hash = line.find('#');
        if (hash != std::string::npos)
        {
            if (s.description.empty())
            {
                std::string d = line.substr(hash + 1);
                d.erase(0, d.find_first_not_of(' '));
                s.description = d;
            }
            line.resize(hash);
        }
        std::istringstream words(line);
        std::vector<std::string> w;
        for (std::string x; words >> x;)
        {
            w.push_back(x);
        }
        if (w.empty())
        {
            continue;
        }
        try
        {
            const std::string& k = w[0];
            if (k == "link")
            {
                Need(w, 2, "link <type words...>");
                s.linkWords.assign(w.begin() + 1, w.end());
            }
            else if (k == "master")
            {
                Need(w, 2, "master <cidr>...");
                for (const Cidr& c : ParseAddrs(w, 1))
                {
                    s.masterAddrs.push_back(c);
                }
            }
            else if (k == "hairpin")
            {
                Need(w, 2, "hairpin on|off");
                if (w[1] != "on" && w[1] != "off")
                {
                    throw std::runtime_error("hairpin \"" + w[1] + "\"; allowed: on, off");
                }
                s.hairpin = w[1] == "on";
            }
            else if (k == "slave" || k == "ext")
            {
                Need(w, 2, k + " <name> [<cidr>...]");
                NodeSpec n{w[1], ParseAddrs(w, 2)};
                (k == "slave" ? s.slaves : s.externals).push_back(n);
            }
            else if (k == "route")
            {
                Need(w, 4, "route <node> <prefix>|default via <ip> | dev");
                RouteSpec r{w[1], w[2], ""};
                if (w[3] == "via")
                {
                    Need(w, 5, "route <node> <prefix> via <ip>");
                    r.gateway = w[4];
                }
                else if (w[3] != "dev")
                {
                    throw std::runtime_error("route: \"" + w[3] + "\"; allowed: via, dev");
                }
                s.routes.push_back(r);
            }
            else if (k == "forward")
            {
                Need(w, 2, "forward <node>");
                s.forwarders.push_back(w[1]);
            }
            else if (k == "join")
            {
                Need(w, 3, "join <node> <group>");
                s.joins.emplace_back(w[1], w[2]);
            }
            else if (k == "wire-mtu")
            {
                Need(w, 2, "wire-mtu <68..65535>");
                if (w[1].empty() || w[1].find_first_not_of("0123456789") != std::string::npos ||
                    w[1].size() > 5 || std::stoul(w[1]) < 68 || std::stoul(w[1]) > 65535)
                {
                    throw std::runtime_error("wire-mtu \"" + w[1] + "\"; allowed: 68..65535");
                }
                s.wireMtu = static_cast<uint32_t>(std::stoul(w[1]));
            }
            else if (k == "drop-input")
            {
                Need(w, 2, "drop-input icmp|udp");
                if (w[1] != "icmp" && w[1] != "udp")
                {
                    throw std::runtime_error("drop-input \"" + w[1] + "\"; allowed: icmp, udp");
                }
                s.dropInput.push_back(w[1]);
            }
            else if (k == "probe")
            {
                Need(w, 2, "probe <kind> <args...>");
                ProbeSpec p;
                p.words.assign(w.begin() + 1, w.end());
                for (std::size_t i = 1; i < w.size(); ++i)
                {
                    p.text += (i > 1 ? " " : "") + w[i];
                }
                s.probes.push_back(p);
            }
            else
            {
                throw std::runtime_error("unknown line kind \"" + k +
                                         "\"; allowed: link, master, hairpin, slave, ext, "
                                         "route, forward, join, drop-input, wire-mtu, probe");
            }
        }
        catch (const std::exception& e)
        {
            throw std::runtime_error(path + ":" + std::to_string(lineNo) + ": " + e.what());
        }
    }
    return s;
}

} // namespace ipvlanval
