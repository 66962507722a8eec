/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvlan-attribute-check.h"

#include "ns3/boolean.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvlanAttributeCheck");

void
IpvlanRefuseAttributeValue(const std::string& attribute,
                           const std::string& value,
                           const std::string& allowed)
{
    NS_FATAL_ERROR(attribute << ": value \"" << value << "\" refused; allowed: " << allowed);
}

IpvlanCheckedChecker::IpvlanCheckedChecker(std::string attribute,
                                           Ptr<const AttributeChecker> underlying,
                                           std::string allowed,
                                           IpvlanValueRule rule,
                                           IpvlanTextRule textRule)
    : m_attribute(std::move(attribute)),
      m_underlying(underlying),
      m_allowed(std::move(allowed)),
      m_rule(std::move(rule)),
      m_textRule(std::move(textRule))
{
    NS_ABORT_MSG_IF(!m_underlying, m_attribute << ": no checker to wrap");
    if (m_allowed.empty())
    {
        m_allowed = m_underlying->HasUnderlyingTypeInformation()
                        ? m_underlying->GetUnderlyingTypeInformation()
                        : m_underlying->GetValueTypeName();
    }
}

bool
IpvlanCheckedChecker::Accepts(const AttributeValue& value) const
{
    return m_underlying->Check(value) && (!m_rule || m_rule(value));
}

bool
IpvlanCheckedChecker::Check(const AttributeValue& value) const
{
    if (m_underlying->Check(value))
    {
        if (m_rule && !m_rule(value))
        {
            IpvlanRefuseAttributeValue(m_attribute,
                                       value.SerializeToString(m_underlying),
                                       m_allowed);
        }
        return true;
    }
    const auto* str = dynamic_cast<const StringValue*>(&value);
    if (str != nullptr)
    {
        if (m_textRule && !m_textRule(str->Get()))
        {
            IpvlanRefuseAttributeValue(m_attribute, str->Get(), m_allowed);
        }
        // What CreateValidValue is about to do: convert the text, then ask again
        Ptr<AttributeValue> typed = m_underlying->Create();
        if (typed->DeserializeFromString(str->Get(), m_underlying) && Accepts(*typed))
        {
            return false; // convertible and valid: ns-3 converts it and asks again
        }
        IpvlanRefuseAttributeValue(m_attribute, str->Get(), m_allowed);
    }
    Ptr<AttributeValue> same = m_underlying->Create();
    if (m_underlying->Copy(value, *same))
    {
        // the attribute's own type, out of range
        IpvlanRefuseAttributeValue(m_attribute, value.SerializeToString(m_underlying), m_allowed);
    }
    IpvlanRefuseAttributeValue(m_attribute,
                               "(a value that is not a " + m_underlying->GetValueTypeName() + ")",
                               m_allowed);
}

std::string
IpvlanCheckedChecker::GetValueTypeName() const
{
    return m_underlying->GetValueTypeName();
}

bool
IpvlanCheckedChecker::HasUnderlyingTypeInformation() const
{
    return true;
}

std::string
IpvlanCheckedChecker::GetUnderlyingTypeInformation() const
{
    return m_allowed;
}

Ptr<AttributeValue>
IpvlanCheckedChecker::Create() const
{
    return m_underlying->Create();
}

bool
IpvlanCheckedChecker::Copy(const AttributeValue& source, AttributeValue& destination) const
{
    return m_underlying->Copy(source, destination);
}

Ptr<const AttributeChecker>
MakeIpvlanChecker(const std::string& attribute,
                  Ptr<const AttributeChecker> underlying,
                  const std::string& allowed,
                  IpvlanValueRule rule,
                  IpvlanTextRule textRule)
{
    return Create<IpvlanCheckedChecker>(attribute,
                                        underlying,
                                        allowed,
                                        std::move(rule),
                                        std::move(textRule));
}

Ptr<const AttributeChecker>
MakeIpvlanUintegerCheckerImpl(const std::string& attribute,
                              Ptr<const AttributeChecker> underlying,
                              uint64_t min,
                              uint64_t max,
                              const std::string& why)
{
    std::ostringstream allowed;
    allowed << min << ".." << max;
    if (!why.empty())
    {
        allowed << " (" << why << ")";
    }
    // what ns-3's integer conversion parses without aborting: an optional sign, digits
    static const std::regex integer("^[+-]?[0-9]+$");
    return MakeIpvlanChecker(
        attribute,
        underlying,
        allowed.str(),
        IpvlanValueRule(),
        [](const std::string& text) { return std::regex_match(text, integer); });
}

Ptr<const AttributeChecker>
MakeIpvlanTimeChecker(const std::string& attribute, bool positive, const std::string& why)
{
    std::string allowed = positive ? "a positive time (e.g. 30s)" : "zero or a positive time";
    if (!why.empty())
    {
        allowed += " (" + why + ")";
    }
    IpvlanValueRule rule;
    if (positive)
    {
        rule = [](const AttributeValue& v) {
            const auto* t = dynamic_cast<const TimeValue*>(&v);
            return t != nullptr && t->Get().IsStrictlyPositive();
        };
    }
    // what ns-3's Time parses without aborting: a number and an optional unit
    static const std::regex time(
        "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?(s|ms|us|ns|ps|fs|min|h|d|y)?$");
    return MakeIpvlanChecker(attribute,
                             MakeTimeChecker(Seconds(0)),
                             allowed,
                             rule,
                             [](const std::string& text) { return std::regex_match(text, time); });
}

Ptr<const AttributeChecker>
MakeIpvlanBooleanChecker(const std::string& attribute)
{
    return MakeIpvlanChecker(attribute, MakeBooleanChecker(), "true|false (or 1|0)");
}

void
IpvlanCheckEnumInteger(const std::string& what,
                       int64_t value,
                       std::initializer_list<int64_t> allowed,
                       const std::string& names)
{
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
    {
        NS_FATAL_ERROR(what << " " << value << " refused; allowed: " << names);
    }
}

} // namespace ns3
