# SPDX-License-Identifier: GPL-2.0-only
#
# waf build of the ipvlan module for ns-3 <= 3.35 (contrib/ipvlan). From ns-3.36 on,
# ns-3 uses CMakeLists.txt instead; keep the source, header and test lists below in
# step with SOURCE_FILES, HEADER_FILES and ipvlan_test_sources there.

import os


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
    module = bld.create_ns3_module("ipvlan", ["internet", "bridge", "network"])
    module.source = [
        "helper/ipvlan-helper.cc",
        "model/ipvlan-address-watch.cc",
        "model/ipvlan-drop-reason.cc",
        "model/ipvlan-host-net-device.cc",
        "model/ipvlan-l3-key.cc",
        "model/ipvlan-mode.cc",
        "model/ipvlan-net-device.cc",
        "model/ipvlan-port.cc",
        "model/stacked-net-device.cc",
    ]

    headers = bld(features="ns3header")
    headers.module = "ipvlan"
    headers.source = [
        "helper/ipvlan-helper.h",
        "model/ipvlan-drop-reason.h",
        "model/ipvlan-host-net-device.h",
        "model/ipvlan-l3-key.h",
        "model/ipvlan-mode.h",
        "model/ipvlan-net-device.h",
        "model/ipvlan-port.h",
        "model/stacked-net-device.h",
    ]

    if bld.env["IPVLAN_BOOST_TEST"]:
        module_test = bld.create_ns3_module_test_library("ipvlan")
        module_test.source = [
            "test/ipvlan-test-suite.cc",
            "test/ipvlan-test-utils.cc",
            "test/ipvlan-l2-bridge-test.cc",
            "test/ipvlan-config-test.cc",
        ]

    if bld.env["ENABLE_EXAMPLES"] and os.path.exists(
        os.path.join(bld.path.abspath(), "examples", "wscript")
    ):
        bld.recurse("examples")

    # No bld.ns3_python_bindings(): the module ships no pybindgen bindings/ folder.
