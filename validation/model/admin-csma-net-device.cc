/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "admin-csma-net-device.h"

using namespace ns3;

namespace ipvlanval
{

TypeId
AdminCsmaNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ipvlanval::AdminCsmaNetDevice")
                            .SetParent<CsmaNetDevice>()
                            .SetGroupName("Ipvlan")
                            .AddConstructor<AdminCsmaNetDevice>();
    return tid;
}

void
AdminCsmaNetDevice::SetAdminUp(bool up)
{
    if (up != m_adminUp)
    {
        m_adminUp = up;
        m_linkChanged();
    }
}

bool
AdminCsmaNetDevice::IsAdminUp() const
{
    return m_adminUp;
}

bool
AdminCsmaNetDevice::IsLinkUp() const
{
    return m_adminUp && CsmaNetDevice::IsLinkUp();
}

void
AdminCsmaNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChanged.ConnectWithoutContext(callback);
    CsmaNetDevice::AddLinkChangeCallback(callback);
}

bool
AdminCsmaNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocol)
{
    return m_adminUp && CsmaNetDevice::Send(packet, dest, protocol);
}

bool
AdminCsmaNetDevice::SendFrom(Ptr<Packet> packet,
                             const Address& source,
                             const Address& dest,
                             uint16_t protocol)
{
    return m_adminUp && CsmaNetDevice::SendFrom(packet, source, dest, protocol);
}

} // namespace ipvlanval
