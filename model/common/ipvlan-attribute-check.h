/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPVLAN_ATTRIBUTE_CHECK_H
#define IPVLAN_ATTRIBUTE_CHECK_H

#include "ns3/attribute.h"
#include "ns3/enum.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

/**
 * @file
 * @ingroup ipvlan
 * Attribute checkers that refuse a bad value with a message naming the attribute, the
 * value as written and what is allowed (doc/hardening-notes.rst, "Attribute errors").
 *
 * ns-3 asks an attribute's checker before it converts or stores a value: ObjectBase's
 * SetAttribute and construction, Config::SetDefault and ObjectFactory::Set all go
 * through AttributeChecker::CreateValidValue, which calls Check() on the value as given
 * (a typed value or a StringValue) and, for a StringValue, again on the converted value.
 * When Check() answers false ns-3 aborts with a generic message that names neither the
 * value nor the allowed ones. The checkers here answer the same questions as the
 * checker they wrap, but abort themselves (NS_FATAL_ERROR) with a full message when the
 * answer is no. A bad value is a configuration error: the FailSafe variants
 * (SetAttributeFailSafe, Config::SetDefaultFailSafe) abort too.
 */

namespace ns3
{

/**
 * @ingroup ipvlan
 * An extra rule on a value the wrapped checker already accepts (e.g. "not negative").
 * It gets a value of the attribute's own type (UintegerValue, TimeValue, ...).
 */
using IpvlanValueRule = std::function<bool(const AttributeValue&)>;

/**
 * @ingroup ipvlan
 * A rule on the text of a StringValue, checked before ns-3 converts it: some of ns-3's
 * conversions abort on text they cannot parse (UintegerValue, TimeValue) instead of
 * answering false, so the text is checked first.
 */
using IpvlanTextRule = std::function<bool(const std::string&)>;

/**
 * @ingroup ipvlan
 * Abort with the module's message for a refused attribute value:
 * `<attribute>: value "<text>" refused; allowed: <allowed>`.
 * @param attribute the attribute's full name (e.g. "ns3::EthernetSwitchNetDevice::Mtu")
 * @param value the value as text
 * @param allowed what is allowed
 */
[[noreturn]] void IpvlanRefuseAttributeValue(const std::string& attribute,
                                             const std::string& value,
                                             const std::string& allowed);

/**
 * @ingroup ipvlan
 * A checker around another one (for value types whose conversion to and from text does
 * not need their checker: integers, times, booleans, doubles). Check() accepts what the
 * wrapped checker accepts and the extra rule allows, answers false for a StringValue
 * that converts to such a value (so ns-3 converts it), and aborts naming the attribute,
 * the value and the allowed values for anything else. Everything else is forwarded.
 */
class IpvlanCheckedChecker : public AttributeChecker
{
  public:
    /**
     * @param attribute the attribute's full name, for messages
     * @param underlying the checker wrapped
     * @param allowed what is allowed, for messages (empty: the wrapped checker's
     *        underlying type information, e.g. "uint16_t 68:65535")
     * @param rule an extra rule (may be empty)
     * @param textRule a rule on text before conversion (may be empty)
     */
    IpvlanCheckedChecker(std::string attribute,
                         Ptr<const AttributeChecker> underlying,
                         std::string allowed,
                         IpvlanValueRule rule,
                         IpvlanTextRule textRule = IpvlanTextRule());

    bool Check(const AttributeValue& value) const override;
    std::string GetValueTypeName() const override;
    bool HasUnderlyingTypeInformation() const override;
    std::string GetUnderlyingTypeInformation() const override;
    Ptr<AttributeValue> Create() const override;
    bool Copy(const AttributeValue& source, AttributeValue& destination) const override;

  private:
    /**
     * @param value a value of the attribute's type
     * @return true when the wrapped checker and the rule accept it
     */
    bool Accepts(const AttributeValue& value) const;

    std::string m_attribute;                  ///< attribute name, for messages
    Ptr<const AttributeChecker> m_underlying; ///< the checker wrapped
    std::string m_allowed;                    ///< allowed values, for messages
    IpvlanValueRule m_rule;                   ///< extra rule (may be empty)
    IpvlanTextRule m_textRule;                ///< rule on text (may be empty)
};

/**
 * @ingroup ipvlan
 * Wrap a checker (of a value type that converts to and from text without its checker)
 * so that a bad value aborts with a message naming it. For enums use
 * MakeIpvlanEnumChecker.
 * @param attribute the attribute's full name
 * @param underlying the checker to wrap
 * @param allowed what is allowed, for messages (empty: the wrapped checker's
 *        underlying type information)
 * @param rule an extra rule (may be empty)
 * @param textRule a rule on text before conversion (may be empty)
 * @return the checker
 */
Ptr<const AttributeChecker> MakeIpvlanChecker(const std::string& attribute,
                                              Ptr<const AttributeChecker> underlying,
                                              const std::string& allowed = "",
                                              IpvlanValueRule rule = IpvlanValueRule(),
                                              IpvlanTextRule textRule = IpvlanTextRule());

/**
 * @ingroup ipvlan
 * An unsigned integer attribute in [min, max].
 * @tparam T the integer type (uint8_t ... uint64_t)
 * @param attribute the attribute's full name
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param why a few words on what the range means, appended to the message (may be empty)
 * @return the checker
 */
template <typename T>
Ptr<const AttributeChecker> MakeIpvlanUintegerChecker(const std::string& attribute,
                                                      uint64_t min = 0,
                                                      uint64_t max = std::numeric_limits<T>::max(),
                                                      const std::string& why = "");

/**
 * @ingroup ipvlan
 * A time attribute that must not be negative (zero allowed) or, with positive, must be
 * strictly positive.
 * @param attribute the attribute's full name
 * @param positive refuse zero too
 * @param why a few words on what zero means or why it is refused (may be empty)
 * @return the checker
 */
Ptr<const AttributeChecker> MakeIpvlanTimeChecker(const std::string& attribute,
                                                  bool positive,
                                                  const std::string& why = "");

/**
 * @ingroup ipvlan
 * A boolean attribute ("true", "false", "1", "0", "t", "f").
 * @param attribute the attribute's full name
 * @return the checker
 */
Ptr<const AttributeChecker> MakeIpvlanBooleanChecker(const std::string& attribute);

/**
 * @ingroup ipvlan
 * The EnumValue type that holds an E: EnumValue up to ns-3.40, EnumValue<E> from 3.41
 * (class template argument deduction picks it without naming the release).
 * @tparam E the enum
 */
template <typename E>
using IpvlanEnumValueOf = decltype(EnumValue(std::declval<E>()));

/**
 * @ingroup ipvlan
 * An enum checker that refuses an unknown name or an out-of-range integer with a
 * message naming it and the allowed names. It derives from ns-3's own enum checker
 * (EnumChecker, or EnumChecker<E> from ns-3.41), since EnumValue converts to and from
 * text through its checker and needs that type.
 * @tparam C ns-3's enum checker type
 * @tparam E the enum
 */
template <typename C, typename E>
class IpvlanCheckedEnumChecker : public C
{
  public:
    /**
     * @param filled an ns-3 enum checker holding the values and names
     * @param attribute the attribute's full name, for messages
     */
    IpvlanCheckedEnumChecker(const C& filled, std::string attribute)
        : C(filled),
          m_attribute(std::move(attribute))
    {
    }

    bool Check(const AttributeValue& value) const override
    {
        if (C::Check(value))
        {
            return true;
        }
        std::string allowed = C::GetUnderlyingTypeInformation();
        const auto* str = dynamic_cast<const StringValue*>(&value);
        if (str != nullptr)
        {
            // ns-3 converts a StringValue through the names (its lookup of an unknown
            // name is an assertion, not an answer): answer for the names here
            std::string names = "|" + allowed + "|";
            if (str->Get().find('|') == std::string::npos &&
                names.find("|" + str->Get() + "|") != std::string::npos)
            {
                return false; // a known name: CreateValidValue converts it
            }
            IpvlanRefuseAttributeValue(m_attribute, str->Get(), allowed);
        }
        const auto* ev = dynamic_cast<const IpvlanEnumValueOf<E>*>(&value);
        if (ev != nullptr)
        {
            // an integer cast to the enum: print the integer, never look its name up
            IpvlanRefuseAttributeValue(m_attribute,
                                       std::to_string(static_cast<int64_t>(ev->Get())),
                                       allowed);
        }
        IpvlanRefuseAttributeValue(m_attribute,
                                   "(a value that is not an " + C::GetValueTypeName() + ")",
                                   allowed);
    }

  private:
    std::string m_attribute; ///< attribute name, for messages
};

/// Internals of MakeIpvlanEnumChecker
namespace ipvlanattr
{
/**
 * The last argument given to ns-3's MakeEnumChecker: its recursion ends with a call
 * MakeEnumChecker(checker, capture), which argument-dependent lookup resolves to the
 * overload below, so the filled checker arrives with its own type (EnumChecker, or
 * EnumChecker<E> from ns-3.41) without this module naming either.
 * @tparam E the enum
 */
template <typename E>
struct EnumCapture
{
    std::string attribute; ///< the attribute's full name
};

/**
 * End of ns-3's MakeEnumChecker recursion: wrap the filled checker.
 * @tparam C ns-3's enum checker type
 * @tparam E the enum
 * @param filled the filled checker
 * @param capture what to wrap it with
 * @return the checker
 */
template <typename C, typename E>
Ptr<const AttributeChecker>
MakeEnumChecker(Ptr<C> filled, EnumCapture<E> capture)
{
    return Create<IpvlanCheckedEnumChecker<C, E>>(*filled, std::move(capture.attribute));
}
} // namespace ipvlanattr

/**
 * @ingroup ipvlan
 * An enum attribute with messages: MakeIpvlanEnumChecker<E>(attribute, value, "name",
 * value, "name", ...), the same pairs as ns-3's MakeEnumChecker.
 * @tparam E the enum
 * @tparam Ts the further value, name pairs
 * @param attribute the attribute's full name
 * @param v the first value
 * @param n its name
 * @param args further value, name pairs
 * @return the checker
 */
template <typename E, typename... Ts>
Ptr<const AttributeChecker>
MakeIpvlanEnumChecker(const std::string& attribute, E v, std::string n, Ts... args)
{
    return ns3::MakeEnumChecker(v, n, args..., ipvlanattr::EnumCapture<E>{attribute});
}

/**
 * @ingroup ipvlan
 * Validate an integer that is to become an enum with a fixed underlying type, before
 * it is one: abort naming it and the allowed values unless it is among them.
 * @param what what the value is, for messages (e.g. "port 2: violation mode")
 * @param value the integer
 * @param allowed the allowed integers
 * @param names the allowed names, for messages (e.g. "protect (0), restrict (1), ...")
 */
void IpvlanCheckEnumInteger(const std::string& what,
                            int64_t value,
                            std::initializer_list<int64_t> allowed,
                            const std::string& names);

// --- template definitions ---

/**
 * The non-template part of MakeIpvlanUintegerChecker.
 * @param attribute the attribute's full name
 * @param underlying ns-3's integer checker for the range
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param why appended to the message
 * @return the checker
 */
Ptr<const AttributeChecker> MakeIpvlanUintegerCheckerImpl(const std::string& attribute,
                                                          Ptr<const AttributeChecker> underlying,
                                                          uint64_t min,
                                                          uint64_t max,
                                                          const std::string& why);

template <typename T>
Ptr<const AttributeChecker>
MakeIpvlanUintegerChecker(const std::string& attribute,
                          uint64_t min,
                          uint64_t max,
                          const std::string& why)
{
    return MakeIpvlanUintegerCheckerImpl(attribute,
                                         MakeUintegerChecker<T>(min, max),
                                         min,
                                         max,
                                         why);
}

} // namespace ns3

#endif /* IPVLAN_ATTRIBUTE_CHECK_H */
