/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_VALIDATION_MODEL_TC_H
#define IPVLAN_VALIDATION_MODEL_TC_H

#include "ns3/net-device.h"
#include "ns3/queue-disc.h"

#include <map>
#include <string>
#include <vector>

/**
 * @file
 * The `qdisc` and `showqdisc` probes on the model side (validation/FORMAT.md, "Traffic
 * control"): what `tc qdisc add|del` does on Linux, done with ns-3's TrafficControlHelper
 * on a node's device while the simulation runs.
 */

namespace ipvlanval
{

/**
 * A rate as tc writes it (tc(8) "RATES": bit, kbit, mbit, gbit, kibit, mibit, gibit;
 * bps, kbps, mbps, gbps are bytes per second).
 * @param word e.g. "4mbit"
 * @return bits per second; throws std::runtime_error on bad input
 */
double ParseTcRate(const std::string& word);

/// Root queue discs installed on devices by the probes
class ModelTc
{
  public:
    /**
     * `tc qdisc add dev <dev> <words...>`, or `tc qdisc del dev <dev> root` for the one
     * word "delete".
     * @param dev the device (the host's: the master)
     * @param words the words after "dev <dev>"
     * @return "" on success, else the errno name Linux gives; throws std::runtime_error
     *         for words this runner does not model
     */
    std::string Apply(ns3::Ptr<ns3::NetDevice> dev, const std::vector<std::string>& words);

    /**
     * @param dev a device
     * @return the kind of its root queue disc as `tc qdisc show` names it (`noqueue`
     *         when there is none)
     */
    static std::string RootKind(ns3::Ptr<ns3::NetDevice> dev);

  private:
    /// What a probe installed as a device's root (to graft a child, to refuse a second)
    struct Root
    {
        std::string kind;                ///< tbf, pfifo, bfifo, fq_codel, pfifo_fast
        std::string handle;              ///< its handle as written ("1:"), or empty
        std::vector<std::string> params; ///< its parameter words
        std::vector<std::string> child;  ///< kind and parameters of a grafted child
        ns3::Ptr<ns3::QueueDisc> qdisc;  ///< the installed ns-3 queue disc
    };

    /// Install `root` on dev (none installed); "" or the errno name
    std::string Install(ns3::Ptr<ns3::NetDevice> dev, Root root);
    /// Remove dev's root queue disc
    void Remove(ns3::Ptr<ns3::NetDevice> dev);

    std::map<ns3::Ptr<ns3::NetDevice>, Root> m_roots; ///< per device
    std::vector<ns3::Ptr<ns3::QueueDisc>> m_removed;  ///< kept alive (pending wake-ups)
};

} // namespace ipvlanval

#endif /* IPVLAN_VALIDATION_MODEL_TC_H */
