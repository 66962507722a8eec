#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""What the ipvlan Python examples share: loading ns-3's cppyy bindings (``from ns import ns``)
and this module, the ns-3 API differences between releases, the C++ helpers the examples
compile with cppyy, an ns-3-style command line, and text formatting as C++'s iostreams do it.

It sits next to the examples: Python puts a script's own folder first on ``sys.path``, so
``import ipvlan_py_compat`` works however the example is started (``./ns3 run
ipvlan-howto.py``, ``./test.py``, which runs ``python3 contrib/ipvlan/examples/X.py`` from
its output folder, or ``python3 path/to/X.py`` in ``./ns3 shell``). Run on its own it says
what it found.

ns-3 releases differ in three ways that matter here:

* 3.37 to 3.41: ``ns.CreateObject("Node")`` (a Python function of ns-3's ``ns/__init__.py``
  that compiles a factory for the named class); 3.42 and later: ``ns.CreateObject[ns.Node]()``
  (the C++ template itself). ``get_object`` uses the template method ``GetObject[T]`` from
  3.42 on and, before, a factory compiled here (3.37 to 3.41's own ``ns.GetObject`` helper
  declares a specialisation of a template that does not exist).
* 3.37 to 3.41 load only ns-3's own modules when run from a source tree; contrib modules
  (this one) are loaded from 3.42 on. ``load_ns`` loads the ipvlan library and its
  ``ipvlan-module.h`` itself when ``ns.IpvlanHelper`` is missing.
* Module attributes (``ns.core``, ``ns.network``, ...) exist only up to 3.41: the examples
  use the flat names (``ns.Simulator``), valid in every release with cppyy bindings.

Trace sinks, receive callbacks and scheduled events are C++ (``ns.cppyy.cppdef``), as in
ns-3's own Python examples: cppyy cannot make an ``ns3::Callback`` out of a Python function,
and a per-packet sink is faster in C++. The ping client is the C++ examples' own
(``ipvlan-example-ping.h``), so the Python and C++ twins measure with the same code.
"""

import glob
import os
import sys
import types

EXAMPLES_DIR = os.path.dirname(os.path.abspath(__file__))
PING_HEADER = os.path.join(EXAMPLES_DIR, "ipvlan-example-ping.h")

# The C++ helpers every example uses (namespace ipvlan_py, next to ns3). They take the exact
# types the ns-3 API wants, so that no call depends on a conversion cppyy may not make
# (Ptr<T> to Ptr<const T>, InetSocketAddress to Address, an enum to text).
COMMON_CPP = r"""
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvlan-module.h"
#include "ns3/network-module.h"

#include <sstream>
#include <string>

namespace ipvlan_py
{

/// A ping client of the C++ examples (ipvlan-example-ping.h) writing into series
inline ns3::Ptr<ns3::Pinger>
MakePinger(ns3::Ptr<ns3::Node> node, ns3::PingSeries* series, uint16_t id)
{
    return ns3::Create<ns3::Pinger>(node, series, id);
}

/// Names::Add for a node (a name, or a path under a named object)
inline void
NameNode(const std::string& name, ns3::Ptr<ns3::Node> node)
{
    ns3::Names::Add(name, node);
}

/// Names::Add for a device
inline void
NameDevice(const std::string& name, ns3::Ptr<ns3::NetDevice> device)
{
    ns3::Names::Add(name, device);
}

/// IpvlanPort::Find for a master
inline ns3::Ptr<ns3::IpvlanPort>
FindPort(ns3::Ptr<ns3::NetDevice> master)
{
    return ns3::IpvlanPort::Find(master);
}

/// NicUnicastFilter::Find for a device
inline ns3::Ptr<ns3::NicUnicastFilter>
FindNic(ns3::Ptr<ns3::NetDevice> device)
{
    return ns3::NicUnicastFilter::Find(device);
}

/// An IPv4 address as operator<< writes it
inline std::string
Ipv4Text(ns3::Ipv4Address address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

/// A device's MAC-48 address as operator<< writes it
inline std::string
MacText(ns3::Ptr<ns3::NetDevice> device)
{
    std::ostringstream os;
    os << ns3::Mac48Address::ConvertFrom(device->GetAddress());
    return os.str();
}

/// A switch port's state as operator<< writes it ("up", "err-disabled")
inline std::string
PortStateText(const ns3::EthernetSwitchPortStatus& status)
{
    std::ostringstream os;
    os << status.state;
    return os.str();
}

} // namespace ipvlan_py
"""


_DEFINED = set()  # the C++ code given to cppyy in this process


def ns_missing_reason():
    """Try ``from ns import ns``; return None when it works, else why it does not."""
    try:
        from ns import ns  # noqa: F401  (the import is the test)
    except (Exception, SystemExit) as error:
        # ImportError without the bindings; ns-3.37's ns/__init__.py calls exit() when cppyy
        # is missing and raises Exception when it finds no ns-3 library
        return "`from ns import ns` failed: %s: %s" % (type(error).__name__, error)
    return None


def lock_values():
    """The ns-3 build's lock file (.lock-ns3_<platform>_build) above this folder, or None."""
    path = EXAMPLES_DIR
    while True:
        lock = os.path.join(path, ".lock-ns3_%s_build" % sys.platform)
        if os.path.exists(os.path.join(path, "ns3")) and os.path.exists(lock):
            values = {}
            with open(lock) as f:
                exec(f.read(), {}, values)
            return values
        parent = os.path.dirname(path)
        if parent == path:
            return None
        path = parent


def _ipvlan_library():
    """The ipvlan module's shared library of this ns-3 build, or None."""
    values = lock_values()
    if values is None:
        return None
    profile = values.get("BUILD_PROFILE", "release")
    suffix = "" if profile == "release" else "-" + profile
    name = "libns%s-ipvlan%s.so" % (str(values.get("VERSION", "")).strip(), suffix)
    found = glob.glob(os.path.join(values["out_dir"], "lib*", name))
    return found[0] if found else None


def load_ns():
    """``from ns import ns``, with the ipvlan module and the examples' C++ helpers loaded.

    Exits with ns-3's own message when the bindings are not there."""
    try:
        from ns import ns
    except ModuleNotFoundError:
        raise SystemExit(
            "Error: ns3 Python module not found;"
            " Python bindings may not be enabled"
            " or your PYTHONPATH might not be properly configured"
        )
    if not hasattr(ns, "IpvlanHelper"):
        # ns-3.37 to 3.41 do not load contrib modules from a source tree
        library = _ipvlan_library()
        if library is None:
            raise SystemExit(
                "Error: ns.IpvlanHelper is missing and the ipvlan library was not found;"
                " build the module (./ns3 configure --enable-modules='ipvlan;csma'"
                " --enable-python-bindings && ./ns3 build)"
            )
        ns.cppyy.include("ns3/ipvlan-module.h")
        ns.cppyy.load_library(library)
    if COMMON_CPP not in _DEFINED:
        ns.cppyy.include(PING_HEADER)
    cppdef(ns, COMMON_CPP)
    return ns


def kit(ns):
    """The examples' C++ helpers (namespace ipvlan_py), once load_ns() has run."""
    return ns.cppyy.gbl.ipvlan_py


def cppdef(ns, code):
    """Compile an example's own C++ helpers (once a process); return their namespace."""
    if code not in _DEFINED:
        ns.cppyy.cppdef(code)
        _DEFINED.add(code)
    return ns.cppyy.gbl.ipvlan_py


def templated_api(ns):
    """True from ns-3.42 on: CreateObject and GetObject are the C++ templates."""
    return not isinstance(ns.CreateObject, types.FunctionType)


def create_object(ns, class_name):
    """``CreateObject<class_name>()``: ``ns.CreateObject[ns.Node]()`` from ns-3.42 on,
    ``ns.CreateObject("Node")`` before."""
    if templated_api(ns):
        return ns.CreateObject[getattr(ns, class_name)]()
    return ns.CreateObject(class_name)


def get_object(ns, obj, class_name):
    """``obj->GetObject<class_name>()``."""
    if templated_api(ns):
        return obj.GetObject[getattr(ns, class_name)]()
    function = "ipvlan_py_GetObject_" + class_name
    if not hasattr(ns.cppyy.gbl, function):
        ns.cppyy.cppdef(
            "ns3::Ptr<ns3::%s> %s(ns3::Ptr<ns3::Object> o) { return o->GetObject<ns3::%s>(); }"
            % (class_name, function, class_name)
        )
    return getattr(ns.cppyy.gbl, function)(obj)


def nodes(ns, *members):
    """A NodeContainer of the given nodes, in order (C++: NodeContainer(a, b))."""
    container = ns.NodeContainer()
    for node in members:
        container.Add(node)
    return container


def devices(ns, *members):
    """A NetDeviceContainer of the given devices, in order."""
    container = ns.NetDeviceContainer()
    for device in members:
        container.Add(device)
    return container


def time_steps(t):
    """A Time as its integer count of time steps (exact, as C++'s Time arithmetic is)."""
    return int(t.GetTimeStep())


# --- the command line -------------------------------------------------------------------


class CommandLineError(Exception):
    """A bad option: its message says which and what is allowed."""


class CommandLine:
    """The C++ examples' options with ns-3's CommandLine syntax: ``--name=value``, a bare
    ``--flag`` for true, ``--help`` or ``--PrintHelp`` for the list. Arguments that are not
    the example's own (``--ns3::Class::Attribute=value``, ``--PrintGlobals``, ...) are left
    for ns-3's CommandLine (``parse_ns3``)."""

    def __init__(self, program, description):
        self.program = program
        self.description = description
        self._options = {}

    def add(self, name, help_text, default):
        """Add --name; its type is the default's (bool, int >= 0, float or str)."""
        self._options[name] = (help_text, default)

    def usage(self):
        lines = [self.description, "", "Program Options:"]
        for name, (help_text, default) in self._options.items():
            shown = str(default).lower() if isinstance(default, bool) else default
            lines.append("    --%-22s %s [%s]" % (name + ":", help_text, shown))
        lines.append("")
        lines.append("ns-3's own options (--PrintGlobals, --ns3::...) are passed to ns-3.")
        return "\n".join(lines)

    @staticmethod
    def _convert(name, default, text):
        if isinstance(default, bool):
            word = text.lower()
            if word in ("true", "t", "1"):
                return True
            if word in ("false", "f", "0"):
                return False
            raise CommandLineError(
                "--%s=%s is not a bool; allowed: true, false, 1, 0" % (name, text)
            )
        if isinstance(default, int):
            try:
                value = int(text)
            except ValueError:
                value = -1
            if value < 0 or value > 0xFFFFFFFF:
                raise CommandLineError(
                    "--%s=%s is not an unsigned 32-bit integer" % (name, text)
                )
            return value
        if isinstance(default, float):
            try:
                return float(text)
            except ValueError:
                raise CommandLineError("--%s=%s is not a number" % (name, text))
        return text

    def parse(self, argv):
        """Parse argv (argv[0] is the program): (values by option name, the rest for ns-3).

        Raises CommandLineError on a bad value; returns (None, []) after printing help."""
        values = {name: default for name, (_, default) in self._options.items()}
        rest = []
        for arg in argv[1:]:
            stripped = arg.lstrip("-")
            name, has_value, text = stripped.partition("=")
            if arg.startswith("-") and name in ("help", "PrintHelp"):
                print(self.usage())
                return None, []
            if not arg.startswith("-") or name not in self._options:
                rest.append(arg)
                continue
            default = self._options[name][1]
            if not has_value:
                if not isinstance(default, bool):
                    raise CommandLineError("--%s needs a value: --%s=..." % (name, name))
                values[name] = True
            else:
                values[name] = self._convert(name, default, text)
        return values, rest

    def parse_or_exit(self, argv):
        """parse(); a bad option exits with its message, --help exits 0."""
        try:
            values, rest = self.parse(argv)
        except CommandLineError as error:
            raise SystemExit("%s: %s" % (self.program, error))
        if values is None:
            raise SystemExit(0)
        return values, rest


def parse_ns3(ns, program_file, rest):
    """Hand the arguments that are not the example's own to ns-3's CommandLine (it sets
    attributes and globals, prints --PrintGlobals and friends, and refuses unknown ones)."""
    cmd = ns.CommandLine(program_file)
    cmd.Parse([program_file] + list(rest))
    return cmd


# --- text as C++'s iostreams write it ------------------------------------------------------


def cxx_double(value):
    """A double as `std::ostream << double` writes it by default (precision 6, %g)."""
    return "%g" % value


class CoutDoubles:
    """std::cout's floating-point state: `std::fixed << std::setprecision(p)` sticks to the
    stream, so a double printed after it comes out fixed; this keeps track of it."""

    def __init__(self):
        self.precision = None  # None: default format

    def fixed(self, precision):
        self.precision = precision

    def text(self, value):
        if self.precision is None:
            return cxx_double(value)
        return "%.*f" % (self.precision, value)


def matplotlib_pyplot():
    """matplotlib.pyplot with a file-only backend, or None when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


def read_dat(path):
    """The rows of a gnuplot .dat file (comment lines skipped), each a list of fields; a
    double-quoted first field keeps its spaces."""
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                label, _, tail = line[1:].partition('"')
                rows.append([label] + tail.split())
            else:
                rows.append(line.split())
    return rows


# --- the examples' checks of their own claims ----------------------------------------------


class Checks:
    """The claims an example checks on its results, as the C++ twins' ExampleChecks
    (ipvlan-example-check.h): report() prints a blank line and one line per claim,
    "check: <claim>: holds" or "check: <claim>: FAILS (<what was seen>)", and returns the
    exit status (0 if every claim holds, 1 otherwise)."""

    def __init__(self):
        self._claims = []  # [claim, holds, seen], in the order first stated

    def check(self, claim, holds, seen):
        """State a claim; stated again (once per step of a sweep), it holds if it held every
        time, and the first failure's observation is the one printed."""
        holds = bool(holds)
        for c in self._claims:
            if c[0] == claim:
                if c[1] and not holds:
                    c[1] = False
                    c[2] = seen
                return
        self._claims.append([claim, holds, "" if holds else seen])

    def lines(self):
        return ["check: %s: %s" % (claim, "holds" if holds else "FAILS (%s)" % seen)
                for claim, holds, seen in self._claims]

    def all_hold(self):
        return all(holds for _, holds, _ in self._claims)

    def report(self):
        print("")
        for line in self.lines():
            print(line)
        return 0 if self.all_hold() else 1


if __name__ == "__main__":
    reason = ns_missing_reason()
    if reason is not None:
        print("ns-3 Python bindings: not usable here: %s" % reason)
        sys.exit(0)
    ns_ = load_ns()
    print(
        "ns-3 Python bindings: found; API style: %s; ipvlan module: loaded"
        % ("3.42+ (templates)" if templated_api(ns_) else "3.37-3.41 (CreateObject by name)")
    )
