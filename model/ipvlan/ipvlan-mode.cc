/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-mode.h"

#include "ns3/fatal-error.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

namespace
{
std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return s;
}
} // namespace

IpvlanMode
ParseIpvlanMode(const std::string& word)
{
    std::string w = Lower(word);
    if (w == "l2")
    {
        return IPVLAN_MODE_L2;
    }
    if (w == "l3")
    {
        return IPVLAN_MODE_L3;
    }
    if (w == "l3s")
    {
        return IPVLAN_MODE_L3S;
    }
    NS_FATAL_ERROR("ipvlan: unknown mode \"" << word << "\"; allowed: l2, l3, l3s");
    return IPVLAN_MODE_L2; // not reached
}

uint16_t
ParseIpvlanFlags(const std::string& words)
{
    std::string text = words;
    std::replace(text.begin(), text.end(), '|', ' ');
    std::replace(text.begin(), text.end(), ',', ' ');
    std::istringstream in(text);
    std::string word;
    uint16_t flags = IPVLAN_F_BRIDGE;
    while (in >> word)
    {
        std::string w = Lower(word);
        if (w == "bridge")
        {
            continue;
        }
        if (w == "private")
        {
            flags |= IPVLAN_F_PRIVATE;
        }
        else if (w == "vepa")
        {
            flags |= IPVLAN_F_VEPA;
        }
        else
        {
            NS_FATAL_ERROR("ipvlan: unknown flag \"" << word
                                                     << "\"; allowed: bridge, private, vepa");
        }
    }
    std::string why = ValidateIpvlanFlags(flags);
    if (!why.empty())
    {
        NS_FATAL_ERROR("ipvlan: flags \"" << words << "\" refused: " << why);
    }
    return flags;
}

std::string
ValidateIpvlanFlags(uint16_t flags)
{
    if (flags & ~(IPVLAN_F_PRIVATE | IPVLAN_F_VEPA))
    {
        std::ostringstream os;
        os << "unknown flag bits 0x" << std::hex << (flags & ~(IPVLAN_F_PRIVATE | IPVLAN_F_VEPA))
           << "; allowed: bridge (0), private (0x1), vepa (0x2)";
        return os.str();
    }
    if ((flags & IPVLAN_F_PRIVATE) && (flags & IPVLAN_F_VEPA))
    {
        return "private and vepa are mutually exclusive (EINVAL, as ipvlan_nl_validate)";
    }
    return "";
}

std::string
IpvlanModeToString(IpvlanMode mode)
{
    switch (mode)
    {
    case IPVLAN_MODE_L2:
        return "l2";
    case IPVLAN_MODE_L3:
        return "l3";
    case IPVLAN_MODE_L3S:
        return "l3s";
    }
    return "unknown";
}

std::string
IpvlanFlagsToString(uint16_t flags)
{
    if (flags & IPVLAN_F_PRIVATE)
    {
        return "private";
    }
    if (flags & IPVLAN_F_VEPA)
    {
        return "vepa";
    }
    return "bridge";
}

std::ostream&
operator<<(std::ostream& os, IpvlanMode mode)
{
    return os << IpvlanModeToString(mode);
}

} // namespace ns3
