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
    m_adminUp = up;
}

bool
AdminCsmaNetDevice::IsAdminUp() const
{
    return m_adminUp;
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
