/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stacked-device-trace-helper.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/stacked-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StackedDeviceTraceHelper");

namespace
{
/// ASCII sink for the Drop trace: "d <time> <uid> <reason>"
void
AsciiDropSink(Ptr<OutputStreamWrapper> stream, Ptr<const Packet> p, IpvlanDropReason reason)
{
    *stream->GetStream() << "d " << Simulator::Now().GetSeconds() << " uid=" << p->GetUid()
                         << " reason=" << reason << " " << *p << std::endl;
}
} // namespace

StackedDeviceTraceHelper::~StackedDeviceTraceHelper() = default;

void
StackedDeviceTraceHelper::EnablePcapInternal(std::string prefix,
                                             Ptr<NetDevice> nd,
                                             bool promiscuous,
                                             bool explicitFilename)
{
    Ptr<StackedNetDevice> device = DynamicCast<StackedNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("StackedDeviceTraceHelper::EnablePcapInternal: "
                    << nd->GetInstanceTypeId().GetName()
                    << " is not a stacked (ipvlan/macvlan) device; skipped");
        return;
    }
    PcapHelper pcapHelper;
    std::string filename =
        explicitFilename ? prefix : pcapHelper.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file =
        pcapHelper.CreateFile(filename, std::ios::out, PcapHelper::DLT_EN10MB);
    pcapHelper.HookDefaultSink<StackedNetDevice>(device,
                                                 promiscuous ? "PromiscSniffer" : "Sniffer",
                                                 file);
}

void
StackedDeviceTraceHelper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                              std::string prefix,
                                              Ptr<NetDevice> nd,
                                              bool explicitFilename)
{
    Ptr<StackedNetDevice> device = DynamicCast<StackedNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("StackedDeviceTraceHelper::EnableAsciiInternal: "
                    << nd->GetInstanceTypeId().GetName()
                    << " is not a stacked (ipvlan/macvlan) device; skipped");
        return;
    }
    AsciiTraceHelper asciiTraceHelper;
    Ptr<OutputStreamWrapper> out = stream;
    if (!out)
    {
        std::string filename =
            explicitFilename ? prefix : asciiTraceHelper.GetFilenameFromDevice(prefix, device);
        out = asciiTraceHelper.CreateFileStream(filename);
    }
    asciiTraceHelper.HookDefaultEnqueueSinkWithoutContext<StackedNetDevice>(device, "MacTx", out);
    asciiTraceHelper.HookDefaultReceiveSinkWithoutContext<StackedNetDevice>(device, "MacRx", out);
    device->TraceConnectWithoutContext("Drop", MakeBoundCallback(&AsciiDropSink, out));
}

} // namespace ns3
