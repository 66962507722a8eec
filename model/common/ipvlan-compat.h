/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_COMPAT_H
#define IPVLAN_COMPAT_H

#include "ns3/enum.h"

#include <tuple>

/**
 * @file
 * @ingroup ipvlan
 * Idioms that compile against every ns-3 release from 3.35 to 3.48 without version
 * macros. Internal: not installed as a public header.
 */

namespace ns3
{

/**
 * Enum attribute accessor for ns-3 >= 3.41, where MakeEnumAccessor takes the enum type.
 * @tparam E the enum type
 * @tparam M the setter or member pointer
 * @param m the setter or member pointer
 * @return the accessor
 */
template <typename E, typename M>
auto
MakeIpvlanEnumAccessor(M m) -> decltype(MakeEnumAccessor<E>(m))
{
    return MakeEnumAccessor<E>(m);
}

/**
 * Enum attribute accessor for ns-3 <= 3.40, where MakeEnumAccessor deduces it.
 * @tparam E the enum type
 * @tparam M the setter or member pointer
 * @param m the setter or member pointer
 * @return the accessor
 */
template <typename E, typename M>
auto
MakeIpvlanEnumAccessor(M m) -> decltype(MakeEnumAccessor(m))
{
    return MakeEnumAccessor(m);
}

/**
 * The parameter types of a member function, to spell an override whose parameter
 * types changed between ns-3 releases (RouteInput took its callbacks by value up to
 * 3.40 and by const reference after).
 * @tparam F a member function pointer type
 */
template <typename F>
struct IpvlanMemberArgs;

/**
 * @copydoc IpvlanMemberArgs
 * @tparam R return type
 * @tparam C class
 * @tparam A parameter types
 */
template <typename R, typename C, typename... A>
struct IpvlanMemberArgs<R (C::*)(A...)>
{
    /// the parameter types
    using Tuple = std::tuple<A...>;
    /// the I-th parameter type
    template <std::size_t I>
    using Arg = std::tuple_element_t<I, Tuple>;
};

namespace ipvlancompat
{
/// Hook an Ipv6Interface's address callbacks where ns-3 has them (3.37 and newer).
template <typename I, typename A, typename R>
auto
HookAddressCallbacks(I* iface, A added, R removed, int)
    -> decltype(iface->AddAddressCallback(added), iface->RemoveAddressCallback(removed), bool())
{
    iface->AddAddressCallback(added);
    iface->RemoveAddressCallback(removed);
    return true;
}

/// Releases without the callbacks: addresses are learnt through a list routing only.
template <typename I, typename A, typename R>
bool
HookAddressCallbacks(I*, A, R, long)
{
    return false;
}
} // namespace ipvlancompat

} // namespace ns3

#endif /* IPVLAN_COMPAT_H */
