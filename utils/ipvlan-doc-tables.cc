/*
 * Copyright (c) 2026 The ns-3-ipvlan authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The attribute and trace-source tables of the manual (doc/ipvlan.rst, Usage), generated from
// the TypeIds the module registers, so that they cannot drift from the code: the same
// introspection as --PrintAttributes and --PrintTypeIds. Every TypeId of the group "Ipvlan"
// (SetGroupName in model/ and helper/) gives, per class:
//  - its attributes: name, description, initial value, accepted values (from the checker)
//    and flags;
//  - its trace sources: name, description, and the callback: the typedef the trace source
//    names and its signature, read from the header that declares it (model/, helper/, ns-3's
//    headers). A typedef that no header declares is an error: the name in AddTraceSource is
//    wrong.
//
// Usage: ipvlan-doc-tables --outdir=DIR [--group=Ipvlan] [--headers=DIR:DIR]
// writes DIR/ipvlan-attributes.rst and DIR/ipvlan-trace-sources.rst (RST fragments that
// doc/conf.py puts into the chapter where its "generated table" comments stand).
// utils/build-doc.sh builds and runs it.

#include "ns3/attribute.h"
#include "ns3/command-line.h"
#include "ns3/ipvlan-port.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#ifndef IPVLAN_DOC_HEADER_DIRS
#define IPVLAN_DOC_HEADER_DIRS ""
#endif

using namespace ns3;

namespace
{

/// Text for an RST paragraph: one line, markup characters escaped.
std::string
RstText(const std::string& text)
{
    std::string out;
    bool space = false;
    for (char c : text)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            space = !out.empty();
            continue;
        }
        if (space)
        {
            out += ' ';
            space = false;
        }
        if (c == '\\' || c == '*' || c == '`' || c == '|' || c == '_' || c == ':')
        {
            out += '\\';
        }
        else if (out.empty() && !std::isalnum(static_cast<unsigned char>(c)))
        {
            out += '\\'; // no list, enumeration or comment may start the cell
        }
        out += c;
    }
    return out;
}

/// An inline literal (``text``), or escaped text where a literal cannot hold it.
std::string
RstLiteral(const std::string& text)
{
    if (text.empty())
    {
        return "(empty)";
    }
    if (text.find("``") != std::string::npos || text.find('\n') != std::string::npos ||
        std::isspace(static_cast<unsigned char>(text.front())) ||
        std::isspace(static_cast<unsigned char>(text.back())))
    {
        return RstText(text);
    }
    return "``" + text + "``";
}

/// An initial value as a literal; a time also in a readable unit ("+3e+11ns (300 s)").
std::string
InitialValue(const TypeId::AttributeInformation& info)
{
    std::string text = info.originalInitialValue->SerializeToString(info.checker);
    std::string literal = RstLiteral(text);
    Ptr<const TimeValue> time = DynamicCast<const TimeValue>(info.originalInitialValue);
    if (!time || time->Get().IsZero())
    {
        return literal;
    }
    static const std::vector<std::pair<Time::Unit, std::string>> units = {{Time::S, "s"},
                                                                          {Time::MS, "ms"},
                                                                          {Time::US, "us"},
                                                                          {Time::NS, "ns"}};
    for (const auto& [unit, name] : units)
    {
        double value = time->Get().ToDouble(unit);
        if (std::abs(value) >= 1 || unit == Time::NS)
        {
            std::ostringstream os;
            os << value << " " << name;
            return literal + " (" + os.str() + ")";
        }
    }
    return literal;
}

/// The attribute flags as --PrintAttributes words.
std::string
FlagWords(uint32_t flags)
{
    std::vector<std::string> words;
    if (flags & TypeId::ATTR_CONSTRUCT)
    {
        words.emplace_back("construct");
    }
    if (flags & TypeId::ATTR_SET)
    {
        words.emplace_back("write");
    }
    if (flags & TypeId::ATTR_GET)
    {
        words.emplace_back("read");
    }
    std::string out;
    for (const auto& w : words)
    {
        out += (out.empty() ? "" : ", ") + w;
    }
    return out.empty() ? "none" : out;
}

/// A deprecated or obsolete attribute or trace source says so.
std::string
Support(TypeId::SupportLevel level, const std::string& message)
{
    switch (level)
    {
    case TypeId::DEPRECATED:
        return " *Deprecated:* " + RstText(message);
    case TypeId::OBSOLETE:
        return " *Obsolete:* " + RstText(message);
    default:
        return "";
    }
}

/// Is c a character of a C++ identifier?
bool
IsIdent(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// The text with its C and C++ comments blanked out (string literals in headers are rare
/// enough, and never hold a comment opener in the headers read here).
std::string
WithoutComments(const std::string& text)
{
    std::string out = text;
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
    {
        if (out[i] == '/' && out[i + 1] == '/')
        {
            while (i < out.size() && out[i] != '\n')
            {
                out[i++] = ' ';
            }
        }
        else if (out[i] == '/' && out[i + 1] == '*')
        {
            std::size_t end = out.find("*/", i + 2);
            end = (end == std::string::npos) ? out.size() : end + 2;
            for (; i < end; ++i)
            {
                if (out[i] != '\n')
                {
                    out[i] = ' ';
                }
            }
            --i;
        }
    }
    return out;
}

/// Whitespace runs as one space, none at the ends.
std::string
Squeeze(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            if (!out.empty() && out.back() != ' ')
            {
                out += ' ';
            }
        }
        else
        {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
    {
        out.pop_back();
    }
    return out;
}

/**
 * The headers the callback typedefs are looked up in (comments blanked), read once.
 */
class Headers
{
  public:
    /// @param dirs directories, read recursively for *.h
    explicit Headers(const std::vector<std::string>& dirs)
    {
        for (const auto& dir : dirs)
        {
            std::error_code ec;
            if (!std::filesystem::is_directory(dir, ec))
            {
                continue;
            }
            for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
            {
                if (entry.is_regular_file() && entry.path().extension() == ".h")
                {
                    std::ifstream in(entry.path());
                    std::stringstream text;
                    text << in.rdbuf();
                    m_files.push_back(WithoutComments(text.str()));
                }
            }
        }
    }

    /**
     * The signature of a callback typedef, e.g. "ns3::Packet::TracedCallback" gives
     * "void (Ptr<const Packet> packet)": "typedef R (*Name)(P);" or "using Name = R (*)(P);"
     * in the body of the class (or, for ns3::Name, anywhere in a header).
     * @param callback the typedef's qualified name, as the trace source gives it
     * @return the signature; empty when no header declares it
     */
    std::string Signature(const std::string& callback) const
    {
        std::size_t cut = callback.rfind("::");
        std::string name = (cut == std::string::npos) ? callback : callback.substr(cut + 2);
        std::string scope = (cut == std::string::npos) ? "" : callback.substr(0, cut);
        std::size_t cls = scope.rfind("::");
        std::string owner = (cls == std::string::npos) ? scope : scope.substr(cls + 2);
        bool atNamespace = (owner.empty() || owner == "ns3");
        for (const auto& file : m_files)
        {
            if (atNamespace)
            {
                std::string s = FindTypedef(file, 0, file.size(), name);
                if (!s.empty())
                {
                    return s;
                }
                continue;
            }
            std::size_t pos = 0;
            while ((pos = FindWord(file, owner, pos)) != std::string::npos)
            {
                std::size_t begin = 0;
                std::size_t end = 0;
                if (ClassBody(file, pos, begin, end))
                {
                    std::string s = FindTypedef(file, begin, end, name);
                    if (!s.empty())
                    {
                        return s;
                    }
                }
                pos += owner.size();
            }
        }
        return "";
    }

  private:
    /// The next occurrence of word in text at or after pos, as a whole identifier.
    static std::size_t FindWord(const std::string& text, const std::string& word, std::size_t pos)
    {
        while ((pos = text.find(word, pos)) != std::string::npos)
        {
            bool before = (pos == 0) || !IsIdent(text[pos - 1]);
            bool after = (pos + word.size() >= text.size()) || !IsIdent(text[pos + word.size()]);
            if (before && after)
            {
                return pos;
            }
            pos += word.size();
        }
        return std::string::npos;
    }

    /// The identifier that ends just before pos (spaces skipped), or "".
    static std::string WordBefore(const std::string& text, std::size_t pos)
    {
        while (pos > 0 && std::isspace(static_cast<unsigned char>(text[pos - 1])))
        {
            --pos;
        }
        std::size_t end = pos;
        while (pos > 0 && IsIdent(text[pos - 1]))
        {
            --pos;
        }
        return text.substr(pos, end - pos);
    }

    /// The first character that is not a space at or after pos (npos past the end).
    static std::size_t SkipSpace(const std::string& text, std::size_t pos)
    {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
        {
            ++pos;
        }
        return pos < text.size() ? pos : std::string::npos;
    }

    /**
     * If the name at pos is a class or struct definition, its body.
     * @param text the header
     * @param pos where the class name stands
     * @param begin set to the character after the opening brace
     * @param end set to the closing brace
     * @return true when it is a definition (not a declaration or a use)
     */
    static bool ClassBody(const std::string& text,
                          std::size_t pos,
                          std::size_t& begin,
                          std::size_t& end)
    {
        std::string keyword = WordBefore(text, pos);
        if (keyword != "class" && keyword != "struct")
        {
            return false;
        }
        std::size_t open = text.find_first_of(";{", pos);
        if (open == std::string::npos || text[open] != '{')
        {
            return false;
        }
        int depth = 0;
        for (std::size_t i = open; i < text.size(); ++i)
        {
            if (text[i] == '{')
            {
                ++depth;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                begin = open + 1;
                end = i;
                return true;
            }
        }
        return false;
    }

    /// The parenthesised text that opens at pos (which holds '('), without the parentheses.
    static bool Parenthesised(const std::string& text, std::size_t pos, std::string& inner)
    {
        int depth = 0;
        for (std::size_t i = pos; i < text.size(); ++i)
        {
            if (text[i] == '(')
            {
                ++depth;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                inner = text.substr(pos + 1, i - pos - 1);
                return true;
            }
        }
        return false;
    }

    /**
     * A function-pointer typedef of the given name in text[begin, end).
     * @return "R (P)", or "" when there is none
     */
    static std::string FindTypedef(const std::string& text,
                                   std::size_t begin,
                                   std::size_t end,
                                   const std::string& name)
    {
        std::size_t pos = begin;
        while ((pos = FindWord(text, name, pos)) != std::string::npos && pos < end)
        {
            std::size_t next = pos + name.size();
            // typedef R (*Name)(P);
            std::size_t star = pos;
            while (star > begin && std::isspace(static_cast<unsigned char>(text[star - 1])))
            {
                --star;
            }
            std::size_t paren = star > begin ? star - 1 : star;
            while (paren > begin && std::isspace(static_cast<unsigned char>(text[paren - 1])))
            {
                --paren;
            }
            if (star > begin && text[star - 1] == '*' && paren > begin && text[paren - 1] == '(')
            {
                std::size_t statement = text.rfind("typedef", paren);
                std::size_t close = SkipSpace(text, next);
                std::size_t open = (close != std::string::npos && text[close] == ')')
                                       ? SkipSpace(text, close + 1)
                                       : std::string::npos;
                std::string params;
                if (statement != std::string::npos && statement >= begin &&
                    text.find(';', statement) > paren && open != std::string::npos &&
                    text[open] == '(' && Parenthesised(text, open, params))
                {
                    std::string ret = text.substr(statement + 7, paren - 1 - statement - 7);
                    return Squeeze(ret) + " (" + Squeeze(params) + ")";
                }
            }
            // using Name = R (*)(P);
            if (WordBefore(text, pos) == "using")
            {
                std::size_t eq = SkipSpace(text, next);
                std::size_t semi = text.find(';', next);
                std::size_t ptr = text.find("(*)", next);
                std::size_t open = (ptr == std::string::npos) ? ptr : SkipSpace(text, ptr + 3);
                std::string params;
                if (eq != std::string::npos && text[eq] == '=' && ptr < semi &&
                    open != std::string::npos && text[open] == '(' &&
                    Parenthesised(text, open, params))
                {
                    return Squeeze(text.substr(eq + 1, ptr - eq - 1)) + " (" + Squeeze(params) +
                           ")";
                }
            }
            pos = next;
        }
        return "";
    }

    std::vector<std::string> m_files; ///< the headers' text, comments blanked
};

/// The TypeIds of the group, by name; hidden ones left out.
std::vector<TypeId>
GroupTypeIds(const std::string& group)
{
    std::vector<TypeId> tids;
    for (uint32_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId tid = TypeId::GetRegistered(i);
        if (tid.GetGroupName() == group && !tid.MustHideFromDocumentation())
        {
            tids.push_back(tid);
        }
    }
    std::sort(tids.begin(), tids.end(), [](TypeId a, TypeId b) {
        return a.GetName() < b.GetName();
    });
    return tids;
}

/**
 * The class's heading and what it inherits, before its table: the parents, and for each parent
 * with members of the kind shown, where they are (their own table in this group, or their
 * names).
 * @param os the output
 * @param tid the class
 * @param group the group shown
 * @param attributes true for attributes, false for trace sources
 */
void
ClassHeading(std::ostream& os, TypeId tid, const std::string& group, bool attributes)
{
    os << ".. rubric:: " << RstLiteral(tid.GetName()) << "\n\n";
    std::string parents;
    TypeId parent = tid;
    while (parent.HasParent() && parent.GetParent() != parent &&
           parent.GetParent().GetName() != "ns3::ObjectBase")
    {
        parent = parent.GetParent();
        std::size_t n = attributes ? parent.GetAttributeN() : parent.GetTraceSourceN();
        parents += (parents.empty() ? "" : ", ") + RstLiteral(parent.GetName());
        if (n == 0)
        {
            continue;
        }
        if (parent.GetGroupName() == group)
        {
            parents += attributes ? " (its attributes: in its own table)"
                                  : " (its trace sources: in its own table)";
            continue;
        }
        parents += attributes ? " (attributes " : " (trace sources ";
        for (std::size_t i = 0; i < n; ++i)
        {
            parents +=
                (i == 0 ? "" : ", ") + RstLiteral(attributes ? parent.GetAttribute(i).name
                                                             : parent.GetTraceSource(i).name);
        }
        parents += ")";
    }
    if (!parents.empty())
    {
        os << "Inherits from " << parents << ".\n\n";
    }
}

/**
 * A class without members of its own, for the closing list: its name, and the parents in the
 * group whose members it has ("ns3::IpvlanNetDevice (those of ns3::StackedNetDevice)").
 * @param tid the class
 * @param group the group shown
 * @param attributes true for attributes, false for trace sources
 * @return the list entry
 */
std::string
WithoutOwn(TypeId tid, const std::string& group, bool attributes)
{
    std::string inherited;
    TypeId parent = tid;
    while (parent.HasParent() && parent.GetParent() != parent)
    {
        parent = parent.GetParent();
        std::size_t n = attributes ? parent.GetAttributeN() : parent.GetTraceSourceN();
        if (n > 0 && parent.GetGroupName() == group)
        {
            inherited += (inherited.empty() ? "" : ", ") + RstLiteral(parent.GetName());
        }
    }
    return RstLiteral(tid.GetName()) + (inherited.empty() ? "" : " (those of " + inherited + ")");
}

/// The closing sentence naming the classes without members of their own.
void
WriteWithout(std::ostream& os, const std::vector<std::string>& none, const std::string& what)
{
    if (none.empty())
    {
        return;
    }
    os << "Without " << what << " of their own: ";
    for (std::size_t i = 0; i < none.size(); ++i)
    {
        os << (i == 0 ? "" : "; ") << none[i];
    }
    os << ".\n";
}

/// A list-table row: the cells, each one paragraph or more (separated by "\n\n").
void
Row(std::ostream& os, const std::vector<std::string>& cells)
{
    bool first = true;
    for (const auto& cell : cells)
    {
        os << (first ? "   * - " : "     - ");
        first = false;
        std::string indent = "       ";
        std::size_t start = 0;
        bool firstLine = true;
        while (true)
        {
            std::size_t nl = cell.find('\n', start);
            std::string line = cell.substr(start, nl == std::string::npos ? nl : nl - start);
            if (!firstLine && !line.empty())
            {
                os << indent;
            }
            os << line << "\n";
            firstLine = false;
            if (nl == std::string::npos)
            {
                break;
            }
            start = nl + 1;
        }
    }
}

/// The attributes file.
void
WriteAttributes(std::ostream& os, const std::vector<TypeId>& tids, const std::string& group)
{
    std::vector<std::string> none;
    os << "The attributes of every class of the group ``" << group
       << "``, generated from their ``TypeId`` (the values a program's ``--PrintAttributes`` "
       << "prints) by ``utils/ipvlan-doc-tables.cc``. *Initial value* is the default, "
       << "*accepted values* what the attribute's checker admits (the module's checkers "
       << "refuse anything else with a message naming the value), *flags* whether it can be "
       << "given at construction, written and read.\n\n";
    for (TypeId tid : tids)
    {
        if (tid.GetAttributeN() == 0)
        {
            none.push_back(WithoutOwn(tid, group, true));
            continue;
        }
        ClassHeading(os, tid, group, true);
        os << ".. list-table:: Attributes of " << RstLiteral(tid.GetName()) << "\n"
           << "   :header-rows: 1\n"
           << "   :widths: 16 38 14 22 10\n\n";
        Row(os, {"Attribute", "Description", "Initial value", "Accepted values", "Flags"});
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            TypeId::AttributeInformation info = tid.GetAttribute(i);
            std::string accepted = RstLiteral(info.checker->GetValueTypeName());
            if (info.checker->HasUnderlyingTypeInformation())
            {
                accepted += ": " + RstText(info.checker->GetUnderlyingTypeInformation());
            }
            Row(os,
                {RstLiteral(info.name),
                 RstText(info.help) + Support(info.supportLevel, info.supportMsg),
                 InitialValue(info),
                 accepted,
                 FlagWords(info.flags)});
        }
        os << "\n";
    }
    WriteWithout(os, none, "attributes");
}

/// The trace-sources file; false when a callback typedef was not found.
bool
WriteTraceSources(std::ostream& os,
                  const std::vector<TypeId>& tids,
                  const std::string& group,
                  const Headers& headers)
{
    bool ok = true;
    std::vector<std::string> none;
    os << "The trace sources of every class of the group ``" << group
       << "``, generated from their ``TypeId`` by ``utils/ipvlan-doc-tables.cc``. The "
       << "callback is the typedef the trace source names and the signature a sink must "
       << "have (with ``Config::Connect``, a ``std::string`` context comes first), read from "
       << "the header that declares the typedef.\n\n";
    for (TypeId tid : tids)
    {
        if (tid.GetTraceSourceN() == 0)
        {
            none.push_back(WithoutOwn(tid, group, false));
            continue;
        }
        ClassHeading(os, tid, group, false);
        os << ".. list-table:: Trace sources of " << RstLiteral(tid.GetName()) << "\n"
           << "   :header-rows: 1\n"
           << "   :widths: 16 44 40\n\n";
        Row(os, {"Trace source", "Description", "Callback"});
        for (std::size_t i = 0; i < tid.GetTraceSourceN(); ++i)
        {
            TypeId::TraceSourceInformation info = tid.GetTraceSource(i);
            std::string signature = headers.Signature(info.callback);
            if (signature.empty())
            {
                std::cerr << "ipvlan-doc-tables: " << tid.GetName() << "::" << info.name
                          << ": no header declares its callback typedef \"" << info.callback
                          << "\"\n";
                ok = false;
            }
            Row(os,
                {RstLiteral(info.name),
                 RstText(info.help) + Support(info.supportLevel, info.supportMsg),
                 RstLiteral(info.callback) + "\n\n" + RstLiteral(signature)});
        }
        os << "\n";
    }
    WriteWithout(os, none, "trace sources");
    return ok;
}

/// Split "a:b:c" into its non-empty parts.
std::vector<std::string>
SplitPath(const std::string& list)
{
    std::vector<std::string> parts;
    std::stringstream in(list);
    std::string part;
    while (std::getline(in, part, ':'))
    {
        if (!part.empty())
        {
            parts.push_back(part);
        }
    }
    return parts;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string outDir;
    std::string group = "Ipvlan";
    std::string headerDirs = IPVLAN_DOC_HEADER_DIRS;
    CommandLine cmd(__FILE__);
    cmd.Usage("Write the manual's attribute and trace-source tables (RST) for the TypeIds of "
              "a group.");
    cmd.AddValue("outdir",
                 "directory for ipvlan-attributes.rst and ipvlan-trace-sources.rst",
                 outDir);
    cmd.AddValue("group", "TypeId group name", group);
    cmd.AddValue("headers",
                 "':'-separated directories the callback typedefs are read from",
                 headerDirs);
    cmd.Parse(argc, argv);
    if (outDir.empty())
    {
        std::cerr << "ipvlan-doc-tables: --outdir=DIR is required\n";
        return 2;
    }

    // The module's TypeIds register when its library is loaded: name one of its classes so
    // that the linker keeps the library (Debian links --as-needed).
    IpvlanPort::GetTypeId();

    std::vector<TypeId> tids = GroupTypeIds(group);
    if (tids.empty())
    {
        std::cerr << "ipvlan-doc-tables: no TypeId in the group \"" << group << "\"\n";
        return 1;
    }
    std::filesystem::create_directories(outDir);
    std::ofstream attributes(outDir + "/ipvlan-attributes.rst");
    WriteAttributes(attributes, tids, group);
    std::ofstream traces(outDir + "/ipvlan-trace-sources.rst");
    bool ok = WriteTraceSources(traces, tids, group, Headers(SplitPath(headerDirs)));
    attributes.close();
    traces.close();
    if (!attributes || !traces)
    {
        std::cerr << "ipvlan-doc-tables: cannot write into " << outDir << "\n";
        return 1;
    }
    std::cout << "ipvlan-doc-tables: " << tids.size() << " classes of the group " << group << " -> "
              << outDir << "/ipvlan-attributes.rst, " << outDir << "/ipvlan-trace-sources.rst\n";
    return ok ? 0 : 1;
}
