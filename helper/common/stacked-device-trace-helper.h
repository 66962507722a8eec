/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STACKED_DEVICE_TRACE_HELPER_H
#define STACKED_DEVICE_TRACE_HELPER_H

#include "ns3/trace-helper.h"

/**
 * @file
 * @ingroup ipvlan
 * pcap and ASCII tracing of the devices stacked on a master (ipvlan and macvlan slaves,
 * the host's interface), shared by their helpers.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * pcap (Ethernet, DLT_EN10MB, from the Sniffer/PromiscSniffer traces) and ASCII (MacTx as
 * "+", MacRx as "r", Drop as "d" with its reason) tracing of any StackedNetDevice.
 * Other devices are skipped with a log message.
 */
class StackedDeviceTraceHelper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    ~StackedDeviceTraceHelper() override;

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;
    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;
};

} // namespace ns3

#endif /* STACKED_DEVICE_TRACE_HELPER_H */
