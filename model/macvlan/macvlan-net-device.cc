/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "macvlan-net-device.h"

#include "../common/ipvlan-compat.h"
#include "macvlan-port.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipvlan-attribute-check.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MacvlanNetDevice");

NS_OBJECT_ENSURE_REGISTERED(MacvlanNetDevice);

std::ostream&
operator<<(std::ostream& os, MacvlanMode mode)
{
    switch (mode)
    {
    case MACVLAN_MODE_PRIVATE:
        return os << "private";
    case MACVLAN_MODE_VEPA:
        return os << "vepa";
    case MACVLAN_MODE_BRIDGE:
        return os << "bridge";
    case MACVLAN_MODE_PASSTHRU:
        return os << "passthru";
    }
    return os << "unknown(" << static_cast<int>(mode) << ")";
}

MacvlanMode
ParseMacvlanMode(const std::string& word)
{
    if (word == "private")
    {
        return MACVLAN_MODE_PRIVATE;
    }
    if (word == "vepa")
    {
        return MACVLAN_MODE_VEPA;
    }
    if (word == "bridge")
    {
        return MACVLAN_MODE_BRIDGE;
    }
    if (word == "passthru")
    {
        return MACVLAN_MODE_PASSTHRU;
    }
    NS_FATAL_ERROR("macvlan: mode \"" << word
                                      << "\" is not a macvlan mode; allowed: bridge, private, "
                                         "vepa, passthru (source is not modelled)");
    return MACVLAN_MODE_BRIDGE;
}

namespace
{
/// Abort unless a value is one of the modelled modes
void
CheckMode(MacvlanMode mode)
{
    NS_ABORT_MSG_IF(mode != MACVLAN_MODE_PRIVATE && mode != MACVLAN_MODE_VEPA &&
                        mode != MACVLAN_MODE_BRIDGE && mode != MACVLAN_MODE_PASSTHRU,
                    "macvlan: mode " << static_cast<int>(mode)
                                     << " is invalid; allowed: private (1), vepa (2), bridge (4), "
                                        "passthru (8)");
}
} // namespace

TypeId
MacvlanNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MacvlanNetDevice")
            .SetParent<StackedNetDevice>()
            .SetGroupName("Ipvlan")
            .AddConstructor<MacvlanNetDevice>()
            .AddAttribute("Mode",
                          "The slave's macvlan mode (the kernel's newlink default is vepa; "
                          "Docker and CNI use bridge, the default here).",
                          EnumValue(MACVLAN_MODE_BRIDGE),
                          MakeIpvlanEnumAccessor<MacvlanMode>(&MacvlanNetDevice::SetMode),
                          MakeIpvlanEnumChecker("ns3::MacvlanNetDevice::Mode",
                                                MACVLAN_MODE_PRIVATE,
                                                "private",
                                                MACVLAN_MODE_VEPA,
                                                "vepa",
                                                MACVLAN_MODE_BRIDGE,
                                                "bridge",
                                                MACVLAN_MODE_PASSTHRU,
                                                "passthru"))
            .AddAttribute("NoPromisc",
                          "Passthru only: do not make the master promiscuous "
                          "(MACVLAN_FLAG_NOPROMISC).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&MacvlanNetDevice::m_noPromisc),
                          MakeIpvlanBooleanChecker("ns3::MacvlanNetDevice::NoPromisc"));
    return tid;
}

MacvlanNetDevice::MacvlanNetDevice()
    : m_address(Mac48Address::Allocate())
{
    NS_LOG_FUNCTION(this);
}

MacvlanNetDevice::~MacvlanNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
MacvlanNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_port)
    {
        m_port->RemoveSlave(this);
        m_port = nullptr;
    }
    StackedNetDevice::DoDispose();
}

void
MacvlanNetDevice::Attach(Ptr<NetDevice> master, MacvlanMode mode)
{
    NS_LOG_FUNCTION(this << master << mode);
    NS_ABORT_MSG_IF(!GetNode(),
                    "macvlan: add the slave to its (container) node before attaching it");
    NS_ABORT_MSG_IF(m_port, "macvlan: slave is already attached to a master");
    NS_ABORT_MSG_IF(master == this, "macvlan: a slave cannot be its own master");
    CheckMode(mode);
    Ptr<MacvlanPort> port = MacvlanPort::GetOrCreate(master);
    Ptr<NetDevice> lower = port->GetMaster();
    NS_ABORT_MSG_IF(GetMtu() > lower->GetMtu(),
                    "macvlan: MTU " << GetMtu() << " is larger than the master's MTU "
                                    << lower->GetMtu() << " (EINVAL); allowed: 68 to "
                                    << lower->GetMtu());
    port->CheckNewSlave(mode);
    m_mode = mode;
    m_port = port;
    AttachLower(lower);
    port->AddSlave(this);
    if (IsAdminUp())
    {
        port->SetSlaveRunning(this, true);
    }
}

Ptr<MacvlanPort>
MacvlanNetDevice::GetPort() const
{
    return m_port;
}

void
MacvlanNetDevice::SetMode(MacvlanMode mode)
{
    NS_LOG_FUNCTION(this << mode);
    CheckMode(mode);
    NS_ABORT_MSG_IF(m_port && (mode == MACVLAN_MODE_PASSTHRU) != (m_mode == MACVLAN_MODE_PASSTHRU),
                    "macvlan: mode " << m_mode << " cannot be changed to " << mode
                                     << " on an attached slave: passthru cannot be set or "
                                        "cleared dynamically (EINVAL)");
    m_mode = mode;
}

MacvlanMode
MacvlanNetDevice::GetMode() const
{
    return m_mode;
}

bool
MacvlanNetDevice::GetNoPromisc() const
{
    return m_noPromisc;
}

void
MacvlanNetDevice::SetAdminUp(bool up)
{
    NS_LOG_FUNCTION(this << up);
    if (up == IsAdminUp())
    {
        return;
    }
    if (m_port)
    {
        m_port->SetSlaveRunning(this, up);
    }
    StackedNetDevice::SetAdminUp(up);
}

Mac48Address
MacvlanNetDevice::GetMac() const
{
    if (m_mode == MACVLAN_MODE_PASSTHRU && GetLowerDevice())
    {
        return GetLowerMac(); // eth_hw_addr_inherit
    }
    return m_address;
}

Address
MacvlanNetDevice::GetAddress() const
{
    return GetMac();
}

void
MacvlanNetDevice::SetAddress(Address address)
{
    NS_LOG_FUNCTION(this << address);
    NS_ABORT_MSG_IF(!Mac48Address::IsMatchingType(address),
                    "macvlan: address " << address
                                        << " is not an Ethernet (Mac48Address) address "
                                           "(EADDRNOTAVAIL)");
    Mac48Address mac = Mac48Address::ConvertFrom(address);
    NS_ABORT_MSG_IF(mac.IsGroup() || mac == Mac48Address("00:00:00:00:00:00"),
                    "macvlan: address " << mac
                                        << " is not a valid unicast address (EADDRNOTAVAIL); "
                                           "group and all-zero addresses are refused");
    if (mac == GetMac())
    {
        return;
    }
    if (m_mode == MACVLAN_MODE_PASSTHRU && GetLowerDevice())
    {
        // macvlan_set_mac_address: a passthru slave changes its master's address
        GetLowerDevice()->SetAddress(mac);
        return;
    }
    if (m_port)
    {
        m_port->ChangeSlaveAddress(this, m_address, mac);
    }
    m_address = mac;
}

bool
MacvlanNetDevice::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    if (GetLowerDevice() && mtu > GetLowerDevice()->GetMtu())
    {
        NS_LOG_WARN("MTU " << mtu << " refused: above the master's MTU "
                           << GetLowerDevice()->GetMtu() << " (macvlan_change_mtu: EINVAL)");
        return false;
    }
    return StackedNetDevice::SetMtu(mtu);
}

StackedPort*
MacvlanNetDevice::GetSendPort() const
{
    return PeekPointer(m_port);
}

bool
MacvlanNetDevice::DoSend(Ptr<Packet> packet, Mac48Address dest, uint16_t protocolNumber)
{
    return m_port->Transmit(this, packet, dest, protocolNumber);
}

bool
MacvlanNetDevice::NeedsArp() const
{
    return true;
}

} // namespace ns3
