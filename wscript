# SPDX-License-Identifier: GPL-2.0-only
#
# waf build of the ipvlan module for ns-3 <= 3.35 (contrib/ipvlan). From ns-3.36 on,
# ns-3 uses CMakeLists.txt instead; keep the source, header and test lists below in
# step with SOURCE_FILES, HEADER_FILES and ipvlan_test_sources there (the build
# prints a warning when they differ).

import os
import re

from waflib import Logs

SOURCES = [
    "helper/ethernet-switch-helper.cc",
    "helper/ipvlan-helper.cc",
    "helper/macvlan-helper.cc",
    "helper/stacked-device-trace-helper.cc",
    "model/ethernet-switch-net-device.cc",
    "model/ipvlan-attribute-check.cc",
    "model/ipvlan-address-watch.cc",
    "model/ipvlan-drop-reason.cc",
    "model/ipvlan-host-net-device.cc",
    "model/ipvlan-l3-key.cc",
    "model/ipvlan-mode.cc",
    "model/ipvlan-net-device.cc",
    "model/ipvlan-netfilter.cc",
    "model/ipvlan-port.cc",
    "model/macvlan-net-device.cc",
    "model/macvlan-port.cc",
    "model/master-transmit.cc",
    "model/nic-unicast-filter.cc",
    "model/port-security.cc",
    "model/rx-handler-claim.cc",
    "model/stacked-net-device.cc",
    "model/stacked-queue-disc-item.cc",
]

HEADERS = [
    "helper/ethernet-switch-helper.h",
    "helper/ipvlan-helper.h",
    "helper/macvlan-helper.h",
    "helper/stacked-device-trace-helper.h",
    "model/ethernet-switch-net-device.h",
    "model/ipvlan-attribute-check.h",
    "model/ipvlan-drop-reason.h",
    "model/ipvlan-host-net-device.h",
    "model/ipvlan-l3-key.h",
    "model/ipvlan-mode.h",
    "model/ipvlan-net-device.h",
    "model/ipvlan-netfilter.h",
    "model/ipvlan-port.h",
    "model/macvlan-net-device.h",
    "model/macvlan-port.h",
    "model/master-transmit.h",
    "model/nic-unicast-filter.h",
    "model/port-security.h",
    "model/rx-handler-claim.h",
    "model/stacked-net-device.h",
    "model/stacked-queue-disc-item.h",
]

TEST_SOURCES = [
    "test/ipvlan-test-suite.cc",
    "test/ipvlan-test-utils.cc",
    "test/ipvlan-l2-bridge-test.cc",
    "test/ipvlan-config-test.cc",
    "test/ipvlan-l2-flags-test.cc",
    "test/ethernet-switch-test.cc",
    "test/ipvlan-l3-test.cc",
    "test/ipvlan-device-test.cc",
    "test/ipvlan-ipv6-test.cc",
    "test/ipvlan-l3s-test.cc",
    "test/ipvlan-peers-test.cc",
    "test/ipvlan-multicast-test.cc",
    "test/ipvlan-cells-test.cc",
    "test/nic-unicast-filter-test.cc",
    "test/macvlan-test.cc",
    "test/ipvlan-lifecycle-test.cc",
    "test/ipvlan-refusals-test.cc",
    "test/ipvlan-conntrack-test.cc",
    "test/ipvlan-bad-input-test.cc",
    "test/ipvlan-traffic-control-test.cc",
]

# Emulation (issue #4): FdNetDevice masters on real interfaces and TAP-bridged slaves.
# Built only where ns-3's fd-net-device module is, with TAP and raw-socket support
# (Linux); in step with the emulation block of CMakeLists.txt. The emulation tests are
# a separate runner of the standalone build (they need root), not part of the waf build.
EMU_SOURCES = [
    "helper/ipvlan-emu-helper.cc",
    "helper/ipvlan-emu-interface.cc",
    "helper/ipvlan-tap-helper.cc",
    "model/ipvlan-tap-bridge.cc",
]

EMU_HEADERS = [
    "helper/ipvlan-emu-helper.h",
    "helper/ipvlan-emu-interface.h",
    "helper/ipvlan-tap-helper.h",
    "model/ipvlan-tap-bridge.h",
]

EMU_TEST_SOURCES = [
    "test/ipvlan-emu-test-main.cc",
    "test/ipvlan-emu-test-bed.cc",
    "test/ipvlan-emu-test-flows.cc",
    "test/ipvlan-emu-master-test.cc",
    "test/ipvlan-emu-port-security-test.cc",
    "test/ipvlan-emu-tap-test.cc",
    "test/ipvlan-emu-udp-test.cc",
    "test/ipvlan-emu-traffic-control-test.cc",
    "test/ipvlan-emu-tap-master-test.cc",
]


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


def _warn_if_out_of_step_with_cmake(bld):
    """Warn when the lists above differ from the files CMakeLists.txt names."""
    cmake = os.path.join(bld.path.abspath(), "CMakeLists.txt")
    if not os.path.exists(cmake):
        return
    with open(cmake) as f:
        text = re.sub(r"#.*", "", f.read())
    named = set(re.findall(r"\b((?:helper|model|test)/[\w.+-]+\.(?:cc|h))\b", text))
    listed = set(SOURCES + HEADERS + TEST_SOURCES + EMU_SOURCES + EMU_HEADERS + EMU_TEST_SOURCES)
    if named != listed:
        Logs.warn(
            "ipvlan: wscript and CMakeLists.txt list different files; only in "
            "CMakeLists.txt: %s; only in wscript: %s"
            % (sorted(named - listed), sorted(listed - named))
        )


def build(bld):
    _warn_if_out_of_step_with_cmake(bld)

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
