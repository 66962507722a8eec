/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The model runner of the validation (validation/FORMAT.md): builds each scenario's
// topology with the ipvlan module, runs its probes in simulated time and writes
// results.txt, probe-<k>.pcap and runner.txt, as the kernel runner does under UML.
//
//   ipvlan-validate --out <dir> <scenario.scn>...
//
// Each scenario runs in a child process, so that one scenario the model refuses with a
// fatal error is reported as an error for that scenario without stopping the batch.

#include "model-probes.h"
#include "model-topology.h"
#include "scenario.h"

#include "ns3/config.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;
using namespace ipvlanval;

namespace
{

/// Run one scenario in this process; write its files. @return 0 on success
int
RunScenario(const std::string& path, const std::string& outRoot)
{
    Scenario s;
    try
    {
        s = ReadScenario(path);
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    std::string dir = outRoot + "/" + s.name;
    mkdir(dir.c_str(), 0755);
    std::ofstream results(dir + "/results.txt");
    auto started = std::chrono::steady_clock::now();
    // Linux retries a FAILED neighbour on the next packet; ns-3 keeps a dead ARP entry
    // (and drops packets for it) for DeadTimeout, 100 s by default.
    Config::SetDefault("ns3::ArpCache::DeadTimeout", TimeValue(MilliSeconds(1)));
    // Linux sends mcast_solicit (3) broadcast ARP requests for an unresolved neighbour,
    // one every retrans_time (1 s); ns-3 sends one plus MaxRetries (default 3) retries,
    // one every WaitReplyTimeout (1 s). The number of requests shows in the counters.
    Config::SetDefault("ns3::ArpCache::MaxRetries", UintegerValue(2));
    // The scenarios expect `ip addr add` to fail with EADDRINUSE and go on: the model's
    // AddressRefused trace carries the errno (the model's default stops the simulation).
    Config::SetDefault("ns3::IpvlanPort::RefusedAddress", StringValue("remove"));
    try
    {
        ModelTopology topo(s);
        ModelProbes probes(topo, s, dir);
        probes.Schedule();
        Simulator::Run();
        const std::vector<std::string>& outcomes = probes.GetOutcomes();
        for (std::size_t k = 0; k < outcomes.size(); ++k)
        {
            results << k + 1 << " " << outcomes[k] << "\n";
        }
        results << "end\n";
        Simulator::Destroy();
    }
    catch (const std::exception& e)
    {
        results << "error " << e.what() << "\n";
        results.close();
        Simulator::Destroy();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ofstream runner(dir + "/runner.txt");
    runner << "runner model (ns-3-ipvlan ipvlan-validate, ns-3 3.37 API)\n"
           << "scenario " << s.name << "\n"
           << "wall-seconds " << secs << "\n";
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string out;
    std::vector<std::string> scenarios;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a == "--out" && i + 1 < argc)
        {
            out = argv[++i];
        }
        else if (a.rfind("--out=", 0) == 0)
        {
            out = a.substr(6);
        }
        else if (a == "-h" || a == "--help")
        {
            std::cout << "usage: ipvlan-validate --out <dir> <scenario.scn>...\n";
            return 0;
        }
        else
        {
            scenarios.push_back(a);
        }
    }
    if (out.empty() || scenarios.empty())
    {
        std::cerr << "usage: ipvlan-validate --out <dir> <scenario.scn>...\n";
        return 2;
    }
    mkdir(out.c_str(), 0755);
    int failures = 0;
    for (const std::string& path : scenarios)
    {
        std::cout.flush();
        pid_t pid = fork();
        if (pid == 0)
        {
            _exit(RunScenario(path, out));
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        {
            ++failures;
            Scenario s;
            std::string name = path.substr(path.find_last_of('/') + 1);
            name = name.substr(0, name.rfind(".scn"));
            std::string dir = out + "/" + name;
            mkdir(dir.c_str(), 0755);
            std::ofstream results(dir + "/results.txt");
            results << "error model runner stopped ("
                    << (WIFSIGNALED(status) ? std::string("signal ") + strsignal(WTERMSIG(status))
                                            : "exit " + std::to_string(WEXITSTATUS(status)))
                    << ")\n";
        }
        std::cout << "model: " << path << (failures ? "" : "") << "\n";
    }
    return failures ? 1 : 0;
}
