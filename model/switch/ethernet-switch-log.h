/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ETHERNET_SWITCH_LOG_H
#define ETHERNET_SWITCH_LOG_H

#include "ns3/log.h"

/**
 * @file
 * @ingroup ipvlan-switch
 * The switch's log component, EthernetSwitchNetDevice, for the files of the switch that
 * do not define it. Not installed.
 *
 * EthernetSwitchNetDevice's methods are in several files; they all log under the one
 * component, so that NS_LOG=EthernetSwitchNetDevice shows the whole switch.
 * ethernet-switch-net-device.cc defines the component (NS_LOG_COMPONENT_DEFINE); another
 * file of the switch binds its g_log to it:
 *
 * @code
 *   static LogComponent& g_log [[maybe_unused]] = EthernetSwitchLogComponent();
 * @endcode
 *
 * The binding takes the component's address and nothing else, so it holds whichever
 * file's statics are built first (GetLogComponent, a look-up by name, would abort if it
 * ran before the component is registered).
 */

namespace ns3
{

/**
 * @ingroup ipvlan-switch
 * @return the log component EthernetSwitchNetDevice
 */
LogComponent& EthernetSwitchLogComponent();

} // namespace ns3

#endif /* ETHERNET_SWITCH_LOG_H */
