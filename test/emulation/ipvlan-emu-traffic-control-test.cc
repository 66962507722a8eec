/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The master's queue disc on an emulated master (doc: "Traffic control on the master"): an
// FdNetDevice on a real veth, a TBF installed on it with TrafficControlHelper, and a simulated
// container flooding a real host. In Linux the slave's frames leave through the master's qdisc
// (ipvlan_xmit_mode_l2 -> dev_queue_xmit; macvlan_queue_xmit likewise), so the real host
// receives at most the TBF's rate, and what the qdisc refuses at enqueue is the slave's
// tx_dropped (ipvlan_start_xmit: NET_XMIT_DROP -> tx_drps).
#include "ipvlan-emu-test-bed.h"

#include "ns3/data-rate.h"
#include "ns3/ipvlan-emu-helper.h"
#include "ns3/queue-disc.h"
#include "ns3/queue-size.h"
#include "ns3/simulator.h"
#include "ns3/stacked-net-device.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::ipvlanemutest;

BOOST_AUTO_TEST_SUITE(emulation)

/*
 * 1000-byte datagrams at 1000/s (8 Mb/s of payload) for 3 s from a simulated container to
 * the real host, through a 2 Mb/s TBF on the emulated master; l2 ipvlan and, for
 * comparison, a macvlan slave. The assertions do not depend on the machine's speed beyond
 * a generous floor: no more than the TBF lets through (rate x time + burst + queue), at
 * least half of it, and sent = received + the slave's tx_dropped (the veth loses nothing).
 */
BOOST_AUTO_TEST_CASE(emu_master_queue_disc_caps_a_container,
                     *boost::unit_test::precondition(EmulationAvailable()) *
                         boost::unit_test::timeout(90))
{
    const uint32_t size = 1000;
    const uint32_t rate = 1000;
    const double seconds = 3;
    const uint32_t count = static_cast<uint32_t>(rate * seconds);
    const std::string subnet = "10.199.7.0";
    const Ipv4Address real = AddressIn(subnet, 1);
    const DataRate tbfRate("2Mbps");
    const uint32_t burst = 3000;
    const uint32_t limit = 10; // packets behind the bucket
    const uint32_t itemSize = size + 8 + 20;

    for (const char* mode : {"l2", "macvlan"})
    {
        BOOST_TEST_CONTEXT("slave " << mode)
        {
            EmuTestBed bed;
            std::string nsR = bed.AddNetns("r");
            std::string nsH = bed.AddNetns("h");
            bed.AddVeth(nsR, "r0", nsH, "h0");
            bed.Ip(nsR, "addr add 10.199.7.1/24 dev r0");
            IpvlanEmuHelper::DisableOffloads("r0", nsR);

            EmuHost h = BuildEmuHost(nsH, "h0", 1, mode, subnet, subnet, real);
            TrafficControlHelper tch;
            tch.SetRootQueueDisc("ns3::TbfQueueDisc",
                                 "Rate",
                                 DataRateValue(tbfRate),
                                 "Burst",
                                 UintegerValue(burst),
                                 "MaxSize",
                                 QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, limit)));
            QueueDiscContainer q = tch.Install(h.master);

            SimUdpSender sender;
            sender.Start(h.containers.Get(0), real, 5002, size, rate, count, Seconds(1));
            RealUdpFlow receiver = RealUdpFlow::StartReceiver(nsR, 5002, 1.0 + seconds + 1.5);
            Simulator::Stop(Seconds(1.0 + seconds + 1.5));
            Simulator::Run();
            FlowCounts tx = sender.Counts();
            uint64_t txDropped =
                DynamicCast<StackedNetDevice>(h.slaves.Get(0))->GetCounters().txDropped;
            uint64_t qdiscDrops = q.Get(0)->GetStats().nTotalDroppedPacketsBeforeEnqueue;
            uint32_t backlog = q.Get(0)->GetNPackets();
            Simulator::Destroy();
            FlowCounts rx = receiver.Wait();

            double ceiling = (tbfRate.GetBitRate() * seconds / 8.0 + burst) / itemSize + limit + 1;
            BOOST_TEST_MESSAGE(mode << ": sent " << tx.sent << ", real host received "
                                    << rx.received << " (TBF ceiling " << ceiling
                                    << "), slave tx_dropped " << txDropped << ", qdisc drops "
                                    << qdiscDrops);
            BOOST_CHECK_EQUAL(tx.sent, count);
            BOOST_CHECK_LE(rx.received, ceiling);
            BOOST_CHECK_GE(rx.received, ceiling / 2);
            BOOST_CHECK_EQUAL(backlog, 0u);
            BOOST_CHECK_EQUAL(qdiscDrops, txDropped);
            BOOST_CHECK_EQUAL(tx.sent, rx.received + txDropped);
            BOOST_CHECK_EQUAL(rx.duplicates, 0u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
