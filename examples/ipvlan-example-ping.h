/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EXAMPLE_PING_H
#define IPVLAN_EXAMPLE_PING_H

// A minimal ICMP echo client shared by the ipvlan examples (header-only, examples only).
// ns-3's own ping application changed name and API between releases (V4Ping, Ping), so
// the examples carry this one to build unchanged from ns-3.35 to 3.48.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/// Results of one ping series
struct PingSeries
{
    std::string from;                               ///< source name
    std::string to;                                 ///< destination name
    Ipv4Address fromAddr;                           ///< source address
    Ipv4Address toAddr;                             ///< destination address
    uint32_t sent{0};                               ///< echo requests sent
    std::map<uint16_t, Time> sentAt;                ///< per sequence number
    std::vector<std::pair<uint16_t, double>> rttMs; ///< replies: sequence, RTT
};

/// A minimal ICMP echo client on a raw socket (stable across ns-3 releases)
class Pinger : public SimpleRefCount<Pinger>
{
  public:
    Pinger(Ptr<Node> node, PingSeries* series, uint16_t id)
        : m_series(series),
          m_id(id)
    {
        m_socket = Socket::CreateSocket(node, TypeId::LookupByName("ns3::Ipv4RawSocketFactory"));
        m_socket->SetAttribute("Protocol", UintegerValue(1));
        m_socket->SetRecvCallback(MakeCallback(&Pinger::Receive, this));
    }

    void Start(Time at, uint32_t count, Time interval)
    {
        for (uint32_t i = 0; i < count; ++i)
        {
            Simulator::ScheduleWithContext(m_socket->GetNode()->GetId(),
                                           at + interval * i,
                                           &Pinger::Send,
                                           this,
                                           static_cast<uint16_t>(i + 1));
        }
    }

    void Close()
    {
        m_socket->Close();
        m_socket = nullptr;
    }

  private:
    void Send(uint16_t seq)
    {
        Icmpv4Echo echo;
        echo.SetIdentifier(m_id);
        echo.SetSequenceNumber(seq);
        echo.SetData(Create<Packet>(56));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(echo);
        Icmpv4Header header;
        header.SetType(Icmpv4Header::ICMPV4_ECHO);
        header.SetCode(0);
        if (Node::ChecksumEnabled())
        {
            header.EnableChecksum();
        }
        p->AddHeader(header);
        m_series->sent++;
        m_series->sentAt[seq] = Simulator::Now();
        m_socket->SendTo(p, 0, InetSocketAddress(m_series->toAddr, 0));
    }

    void Receive(Ptr<Socket> socket)
    {
        while (Ptr<Packet> p = socket->Recv())
        {
            Ipv4Header ip;
            p->RemoveHeader(ip);
            Icmpv4Header icmp;
            p->RemoveHeader(icmp);
            if (icmp.GetType() != Icmpv4Header::ICMPV4_ECHO_REPLY ||
                ip.GetSource() != m_series->toAddr)
            {
                continue;
            }
            Icmpv4Echo echo;
            p->RemoveHeader(echo);
            auto it = m_series->sentAt.find(echo.GetSequenceNumber());
            if (echo.GetIdentifier() != m_id || it == m_series->sentAt.end())
            {
                continue;
            }
            m_series->rttMs.emplace_back(echo.GetSequenceNumber(),
                                         (Simulator::Now() - it->second).GetSeconds() * 1e3);
        }
    }

    Ptr<Socket> m_socket; ///< raw ICMP socket
    PingSeries* m_series; ///< where results go
    uint16_t m_id;        ///< ICMP identifier
};

} // namespace ns3

#endif /* IPVLAN_EXAMPLE_PING_H */
