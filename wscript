# SPDX-License-Identifier: GPL-2.0-only
#
# waf build of the ipvlan module for ns-3 <= 3.35 (contrib/ipvlan). From ns-3.36 on,
# ns-3 uses CMakeLists.txt instead; both read the module's files from module-files.txt.

import os


def _module_files():
    """module-files.txt as {section: [paths]} (the format is described in the file)."""
    here = os.path.dirname(os.path.abspath(__file__))
    files = {}
    section = None
    with open(os.path.join(here, "module-files.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.endswith(":"):
                section = line[:-1]
                files.setdefault(section, [])
            else:
                files[section].append(line)
    return files


FILES = _module_files()
SOURCES = FILES["sources"]
HEADERS = FILES["headers"]
TEST_SOURCES = FILES["tests"]
# Emulation: FdNetDevice masters on real interfaces and TAP-bridged slaves. Built only
# where ns-3's fd-net-device module is, with TAP and raw-socket support (Linux). The
# emulation tests are a separate runner of the standalone build (they need root), not
# part of the waf build.
EMU_SOURCES = FILES["emulation-sources"]
EMU_HEADERS = FILES["emulation-headers"]


def configure(conf):
    # The tests are Boost.Test cases run through the header-only "included" runner.
    # Without those headers the module still builds, without its test library. The
    # included runner defines main() unless told not to, as test/ipvlan-test-suite.cc does.
    have_boost_test = conf.check_nonfatal(
        fragment="#define BOOST_TEST_NO_MAIN\n"
        "#define BOOST_TEST_ALTERNATIVE_INIT_API\n"
        "#include <boost/test/included/unit_test.hpp>\n"
        "int main() { return 0; }\n",
        features="cxx",
        msg="Checking for Boost.Test header boost/test/included/unit_test.hpp",
    )
    conf.env["IPVLAN_BOOST_TEST"] = bool(have_boost_test)
    conf.report_optional_feature(
        "IpvlanTests",
        "ipvlan tests (Boost.Test)",
        conf.env["IPVLAN_BOOST_TEST"],
        "Boost.Test headers not found (install libboost-test-dev)",
    )


def build(bld):
    # Emulation needs fd-net-device with its TAP and raw-socket (EMU) support
    emu = bool(bld.env["ENABLE_TAP"] and bld.env["ENABLE_EMU"]) and (
        "fd-net-device" not in bld.env["MODULES_NOT_BUILT"]
    )
    bld.env["IPVLAN_EMU"] = emu  # for examples/wscript
    deps = ["internet", "traffic-control", "bridge", "network"] + (["fd-net-device"] if emu else [])
    module = bld.create_ns3_module("ipvlan", deps)
    module.source = list(SOURCES) + (list(EMU_SOURCES) if emu else [])

    headers = bld(features="ns3header")
    headers.module = "ipvlan"
    headers.source = list(HEADERS) + (list(EMU_HEADERS) if emu else [])

    if bld.env["IPVLAN_BOOST_TEST"]:
        module_test = bld.create_ns3_module_test_library("ipvlan")
        module_test.source = list(TEST_SOURCES)

    if bld.env["ENABLE_EXAMPLES"] and os.path.exists(
        os.path.join(bld.path.abspath(), "examples", "wscript")
    ):
        bld.recurse("examples")

    # No bld.ns3_python_bindings(): the module ships no pybindgen bindings/ folder.
