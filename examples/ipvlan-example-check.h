/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_EXAMPLE_CHECK_H
#define IPVLAN_EXAMPLE_CHECK_H

// The examples' checks of their own claims (header-only, examples only). An example states
// each claim it makes with what it measured; at its end it prints one line per claim,
//
//   check: <claim>: holds
//   check: <claim>: FAILS (<what was seen>)
//
// and returns a non-zero exit status if any claim fails, so that test.py and
// utils/run-examples.sh notice. The Python twins print the same lines (Checks in
// ipvlan_py_compat.py).

#include <iostream>
#include <string>
#include <vector>

namespace ns3
{

/// The claims an example checks on its results
class ExampleChecks
{
  public:
    /**
     * State a claim. A claim stated again (a sweep states it once per step) holds if it
     * held every time; the first failure's observation is the one printed.
     * @param claim what the example claims (short, factual)
     * @param holds whether its results bear the claim out
     * @param seen what was observed, printed when the claim fails
     */
    void Check(const std::string& claim, bool holds, const std::string& seen)
    {
        for (Claim& c : m_claims)
        {
            if (c.claim == claim)
            {
                if (c.holds && !holds)
                {
                    c.holds = false;
                    c.seen = seen;
                }
                return;
            }
        }
        m_claims.push_back({claim, holds, holds ? std::string() : seen});
    }

    /**
     * Print a blank line, then one line per claim, in the order they were first stated.
     * @param os where
     * @return the exit status: 0 if every claim holds, 1 otherwise
     */
    int Report(std::ostream& os = std::cout) const
    {
        os << "\n";
        bool all = true;
        for (const Claim& c : m_claims)
        {
            os << "check: " << c.claim << ": "
               << (c.holds ? std::string("holds") : "FAILS (" + c.seen + ")") << "\n";
            all = all && c.holds;
        }
        os.flush();
        return all ? 0 : 1;
    }

  private:
    /// One claim and its outcome
    struct Claim
    {
        std::string claim; ///< the claim
        bool holds;        ///< whether it held
        std::string seen;  ///< what was observed when it did not
    };

    std::vector<Claim> m_claims; ///< in the order first stated
};

} // namespace ns3

#endif /* IPVLAN_EXAMPLE_CHECK_H */
