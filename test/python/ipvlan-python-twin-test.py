#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""The Python examples' output against their C++ twins, without ns-3's Python bindings.

The Python examples (examples/*.py) load ns-3 only in main(), so their command lines and
everything they print or write can be imported and exercised here. This test runs the C++
examples (built by utils/build.sh in build/examples/, or --cxx-dir), reads back the numbers
they printed and wrote, has the Python examples' own functions print and write the same
numbers, and compares text: every table, verdict, note and check line ("check: <claim>:
holds" or "FAILS (...)"), every .dat line and .plt script, and the validation messages of
bad options (the C++ aborts with the same words). With
matplotlib installed it also draws the PNGs from the C++ .dat files.

It also runs each example's main() against a stand-in for the bindings (every ns.X a mock),
for both API styles, so that a Python error in the code that only runs under cppyy is
found here. What it cannot check: that cppyy accepts each call and that the Python examples
then compute the same numbers; test/python/ipvlan-python-test.py does that where
`from ns import ns` works.

Prints one line per check and ends with "python-twins: N passed, N failed"; exit 1 on a
failure, 0 otherwise (also when the C++ examples are not built: then it says so).
"""

import argparse
import contextlib
import importlib.util
import io
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")
sys.path.insert(0, EXAMPLES)
sys.dont_write_bytecode = True  # no __pycache__ in the examples folder

import ipvlan_py_compat as compat  # noqa: E402


def load(file_name):
    """Import an example (its name has dashes) without running it."""
    spec = importlib.util.spec_from_file_location(file_name[:-3].replace("-", "_"),
                                                  os.path.join(EXAMPLES, file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


howto = load("ipvlan-howto.py")
modes = load("ipvlan-modes.py")
portsec = load("ipvlan-port-security.py")

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print("%s: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else "\n" + detail))


def same_text(name, expected, got):
    """Compare two texts; on a difference show the first differing line."""
    if expected == got:
        check(name, True)
        return
    e, g = expected.splitlines(), got.splitlines()
    for i in range(max(len(e), len(g))):
        a = e[i] if i < len(e) else "<end>"
        b = g[i] if i < len(g) else "<end>"
        if a != b:
            check(name, False, "  line %d\n  C++:    %r\n  Python: %r" % (i + 1, a, b))
            return
    check(name, False, "  trailing newline differs")


def printed(function, *args):
    """What function(*args) prints"""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        function(*args)
    return buffer.getvalue()


def run_cxx(binary, args, cwd):
    result = subprocess.run([binary] + args, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, timeout=600)
    return result.returncode, result.stdout, result.stderr


def failed_checks(stdout):
    """The "check: ...: FAILS (...)" lines of an example's output (exit status 1)"""
    return "".join("  %s\n" % line for line in stdout.splitlines()
                   if line.startswith("check: ") and ": FAILS (" in line)


def read(path):
    with open(path) as f:
        return f.read()


# --- the command line ---------------------------------------------------------------------


def check_command_line():
    cmd = howto.command_line()
    opt, rest = cmd.parse(["ipvlan-howto.py", "--mode=l3", "--router-routes", "--count=2",
                           "--interval=0.5", "-pcap=false", "--ns3::CsmaChannel::DataRate=1Gbps",
                           "--PrintGlobals"])
    check("command line: values and ns-3's own options left for ns-3's CommandLine",
          opt["mode"] == "l3" and opt["router-routes"] is True and opt["count"] == 2
          and opt["interval"] == 0.5 and opt["pcap"] is False and opt["containers"] == 2
          and rest == ["--ns3::CsmaChannel::DataRate=1Gbps", "--PrintGlobals"],
          "  %r %r" % (opt, rest))
    for bad in (["--containers=x"], ["--containers=-1"], ["--count"], ["--pcap=maybe"],
                ["--interval=fast"]):
        try:
            cmd.parse(["ipvlan-howto.py"] + bad)
            ok = False
        except compat.CommandLineError:
            ok = True
        check("command line: %s refused" % bad[0], ok)
    answer = []
    text = printed(lambda: answer.append(cmd.parse(["x", "--PrintHelp"])))
    check("command line: --PrintHelp stops the example", answer == [(None, [])])
    check("command line: --PrintHelp lists every option",
          all("--%s:" % name in text for name in ("containers", "router-routes", "outdir")))
    opt, _ = portsec.command_line().parse(["x", "--flood-sweep", "--frame-cost=7"])
    cfg, what = portsec.make_config(opt)
    check("command line: --flood-sweep sets N = 32, 1 ping, no port security, 500 datagrams/s",
          what == "flood-sweep" and cfg.n == 32 and cfg.count == 1 and not cfg.port_security
          and cfg.frame_cost_us == 7 and cfg.udp_pps == 500, "  %r" % cfg)


def check_refusals(cxx):
    """The Python examples refuse what the C++ ones refuse, with the same message."""
    cases = [
        (howto, "ipvlan-howto", ["--containers=0"]),
        (howto, "ipvlan-howto", ["--containers=241"]),
        (howto, "ipvlan-howto", ["--count=0"]),
        (modes, "ipvlan-modes", ["--scenario=bridge"]),
        (portsec, "ipvlan-port-security", ["--violation=drop"]),
        (portsec, "ipvlan-port-security", ["--containers=251"]),
        (portsec, "ipvlan-port-security", ["--count=0"]),
        (portsec, "ipvlan-port-security", ["--flood=2000"]),
        (portsec, "ipvlan-port-security", ["--udp-pps=100001"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for module, name, args in cases:
            rc, _, err = run_cxx(os.path.join(cxx, name), args, tmp)
            m = re.search(r'msg="([^"]*)"', err)
            try:
                # main() refuses before it loads ns-3
                module.main([name + ".py"] + args)
                message = None
            except SystemExit as error:
                message = str(error.code)
            check("refusal %s %s: same message as C++" % (name, args[0]),
                  rc != 0 and m is not None and message == m.group(1),
                  "  C++: %r\n  Python: %r" % (m.group(1) if m else err, message))


# --- ipvlan-howto -------------------------------------------------------------------------


def check_howto(cxx):
    for args in ([], ["--mode=l3", "--router-routes"], ["--mode=l3"],
                 ["--containers=3", "--count=2", "--flags=private", "--interval=0.5"]):
        name = "ipvlan-howto %s" % " ".join(args)
        with tempfile.TemporaryDirectory() as out:
            rc, stdout, err = run_cxx(os.path.join(cxx, "ipvlan-howto"),
                                      args + ["--outdir=" + out], out)
            if rc != 0:
                check(name + ": C++ ran", False, err + failed_checks(stdout))
                continue
            opt, _ = howto.command_line().parse(["x"] + args + ["--outdir=" + out])
            lines = stdout.splitlines()
            m = re.match(r"ipvlan HOWTO example: host1 eth0 \(MAC (\S+)\), mode (\S+) (\S+), "
                         r"(\d+) containers, router (\S+)$", lines[0])
            mac, mode, flags, n, router = m.groups()
            text = [howto.intro_line(mac, mode, flags, int(n), router), howto.table_header()]
            rows = []
            i = 3
            while lines[i]:
                f = lines[i].split()
                macs = "" if f[9] == "-" else f[9]
                text.append(howto.table_row(f[0], f[1], int(f[2]), int(f[3]), float(f[4]),
                                            float(f[5]), float(f[6]), f[7], int(f[8]), macs))
                rows.append((f[0], f[1], int(f[2]), int(f[3]), int(f[8]), macs))
                i += 1
            counters = [int(v) for v in re.findall(r"\d+", lines[i + 1])]
            text.append(howto.port_line(*counters))
            text += howto.closing_notes(mode, opt["router-routes"])
            dat = out + "/ipvlan-howto.dat"
            plt = out + "/ipvlan-howto.plt"
            text.append("wrote %s and %s" % (dat, plt))
            checks = compat.Checks()
            howto.check_pairs(checks, mode, flags, opt["router-routes"], mac, rows)
            text.append(printed(checks.report).rstrip("\n"))
            same_text(name + ": printed text", stdout, "\n".join(text) + "\n")

            rows = compat.read_dat(dat)
            dat_text = "# pair sent received wire_frames steady_rtt_us\n" + "".join(
                howto.dat_line(*r[0].split("->"), int(r[1]), int(r[2]), int(r[3]),
                               float(r[4])) + "\n" for r in rows)
            same_text(name + ": ipvlan-howto.dat", read(dat), dat_text)
            title = howto.plot_title(mode, flags, int(n), opt["count"])
            same_text(name + ": ipvlan-howto.plt", read(plt), howto.plt_text(out, dat, title))
            check_png(name, howto.plot_png, dat, out + "/python.png", title)


def check_png(name, plot, dat, png, *args):
    if compat.matplotlib_pyplot() is None:
        return
    drawn = plot(dat, png, *args)
    check(name + ": matplotlib draws the PNG", drawn and os.path.getsize(png) > 1000)


# --- ipvlan-modes -------------------------------------------------------------------------


def check_modes(cxx):
    for args in ([], ["--scenario=vepa"]):
        name = "ipvlan-modes %s" % " ".join(args)
        with tempfile.TemporaryDirectory() as out:
            rc, stdout, err = run_cxx(os.path.join(cxx, "ipvlan-modes"), args, out)
        if rc != 0:
            check(name + ": C++ ran", False, err + failed_checks(stdout))
            continue
        text = []
        label = ""
        rows = []  # (answered, sent) of the label's rows
        checks = compat.Checks()
        for line in stdout.splitlines():
            if line.startswith("== "):
                heading = {h.strip(): h for h in (modes.HEADING_L3S, modes.HEADING_PRIVATE,
                                                  modes.HEADING_VEPA)}.get(line, "?")
                text.append(heading)
            elif line.startswith("    why: "):
                numbers = [int(v) for v in re.findall(r"(\d+) (?:netfilter|tx drops|ARP)", line)]
                if label.startswith("mode "):
                    why = modes.why_l3s_policy(label[5:], numbers[0])
                    modes.check_l3s_policy(checks, label[5:], rows[0], rows[1], numbers[0])
                elif label == "l2 private":
                    why = modes.why_private(numbers[0], numbers[1])
                    modes.check_private(checks, rows[0], rows[1], numbers[0])
                else:
                    port = int(re.search(r"switch port: (\d+)\)", line).group(1))
                    why = modes.why_vepa(label == "vepa, hairpin", port)
                    modes.check_vepa(checks, label == "vepa, hairpin", rows[0], port)
                text.append("    why: " + why)
                rows = []
            elif line.startswith("  "):
                label = line[2:20].rstrip()
                answered, sent = re.search(r"(\d+)/(\d+) answered$", line).groups()
                text.append(modes.series_line(label, line[20:28].rstrip(),
                                              line[31:39].rstrip(), int(answered), int(sent)))
                rows.append((int(answered), int(sent)))
        text.append(printed(checks.report).rstrip("\n"))
        same_text(name + ": printed text", stdout, "\n".join(text) + "\n")


# --- ipvlan-port-security -----------------------------------------------------------------

COLUMNS = {"mode": ("mode", str), "N": ("containers", int), "reach": ("reachable", int),
           "sent": ("sent", int), "answ": ("answered", int), "viol": ("violations", int),
           "port": ("port_state", str), "uc-macs": ("unicast_addrs", int),
           "promisc": ("promiscuous", lambda v: v == "yes"), "inspected": ("inspected", int),
           "forwarded": ("forwarded", lambda v: -1 if v == "-" else int(v)),
           "passes": ("stack_passes", int), "udp-tx": ("udp_sent", int),
           "udp-rx": ("udp_received", int), "busy-ms": ("busy_ms", float),
           "backlog": ("backlog_drops", int)}


def parse_tables(stdout):
    """The results of every table a port-security run printed, in order."""
    tables = []
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("N = "):
            header = lines[i + 1].split()
            results = []
            for row in lines[i + 2: i + 2 + portsec.KIND_COUNT]:
                r = portsec.HostResult()
                for column, value in zip(header, row.split()):
                    field, convert = COLUMNS[column]
                    setattr(r, field, convert(value))
                results.append(r)
            tables.append(results)
    return tables


def check_port_security(cxx, quick):
    cases = [[], ["--violation=protect"], ["--violation=restrict", "--containers=2"],
             ["--containers=1"], ["--slots=2", "--port-security=0"],
             ["--port-security=0", "--udp-pps=200", "--flood=300", "--frame-cost=5",
              "--containers=2"],
             ["--sweep", "--count=2"]]
    if not quick:
        cases.append(["--flood-sweep"])
    for args in cases:
        name = "ipvlan-port-security %s" % " ".join(args)
        with tempfile.TemporaryDirectory() as out:
            rc, stdout, err = run_cxx(os.path.join(cxx, "ipvlan-port-security"),
                                      args + ["--outdir=" + out], out)
            if rc != 0:
                check(name + ": C++ ran", False, err + failed_checks(stdout))
                continue
            opt, _ = portsec.command_line().parse(["x"] + args + ["--outdir=" + out])
            cfg, what = portsec.make_config(opt)
            portsec.COUT.precision = None  # a fresh std::cout
            tables = parse_tables(stdout)
            checks = compat.Checks()
            if what == "single":
                text = printed(portsec.print_table, tables[0], cfg)
                text += printed(portsec.print_verdict, tables[0], cfg)
                portsec.check_verdict(checks, tables[0], cfg, "", False, False)
                text += printed(checks.report)
                same_text(name + ": printed text", stdout, text)
                continue
            sweep = portsec.flood_sweep(cfg) if what == "flood-sweep" else \
                portsec.container_sweep(cfg)
            step_cfg = portsec.dataclasses.replace(cfg)
            text = ""
            dat_text = portsec.sweep_dat_header(sweep)
            dat = "%s/%s.dat" % (out, sweep.name)
            # the host busy time is printed to 0.1 ms but written with 6 digits: the .dat's
            # own values stand in for it (the other columns come from the table)
            dat_rows = [[float(v) for v in row] for row in compat.read_dat(dat)]
            for step, (value, results) in enumerate(zip(sweep.values, tables)):
                sweep.apply(step_cfg, value)
                text += printed(portsec.print_table, results, step_cfg)
                text += printed(portsec.print_verdict, results, step_cfg)
                portsec.check_verdict(checks, results, step_cfg, portsec.sweep_where(sweep, value),
                                      what == "flood-sweep", value == sweep.values[-1])
                if what == "flood-sweep" and step < len(dat_rows):
                    for k, r in enumerate(results):
                        r.busy_ms = dat_rows[step][1 + portsec.KIND_COUNT + k]
                dat_text += portsec.sweep_dat_row(sweep, value, results)
            plt = "%s/%s.plt" % (out, sweep.name)
            text += "\nwrote %s and %s\n" % (dat, plt)
            text += printed(checks.report)
            check(name + ": %d tables" % len(sweep.values), len(tables) == len(sweep.values))
            same_text(name + ": printed text", stdout, text)
            same_text(name + ": %s.dat" % sweep.name, read(dat), dat_text)
            png = "%s/%s.png" % (out, sweep.name)
            same_text(name + ": %s.plt" % sweep.name, read(plt),
                      portsec.plt_text(plt, png, dat, sweep.title, sweep.xlabel,
                                       sweep.left_label, sweep.right_label, sweep.log_x))
            check_png(name, portsec.plot_png, dat, out + "/python.png", sweep.title,
                      sweep.xlabel, sweep.left_label, sweep.right_label, sweep.log_x)


def check_mock_runs():
    """Every line of each example's main() against a stand-in for ns-3's bindings (each ns.X
    a unittest.mock.MagicMock): catches Python errors (an unknown name, a wrong number of
    arguments, a str where an int goes) in the code that only runs under cppyy. For both
    API styles: ns.CreateObject as the 3.42+ template and as 3.37-3.41's Python function."""
    from unittest import mock

    runs = [(howto, ["--pcap", "--mode=l3"]), (modes, []), (portsec, []),
            (portsec, ["--sweep"]), (portsec, ["--flood-sweep"])]
    saved = sys.modules.get("ns")
    try:
        for style in ("3.42+", "3.37-3.41"):
            fake = mock.MagicMock()
            fake.IpvlanModeToString.return_value = "l3"
            fake.IpvlanFlagsToString.return_value = "bridge"
            if style == "3.37-3.41":
                fake.CreateObject = lambda class_name: mock.MagicMock()
            module = type(sys)("ns")
            module.ns = fake
            sys.modules["ns"] = module
            compat._DEFINED.clear()
            for example, options in runs:
                name = "%s %s" % (example.__name__.replace("_", "-"), " ".join(options))
                with tempfile.TemporaryDirectory() as out:
                    try:
                        printed(example.main, ["x"] + options + (
                            ["--outdir=" + out] if example is not modes else []))
                        error = None
                    except Exception as e:  # noqa: BLE001 (any error is the finding)
                        error = "  %s: %s" % (type(e).__name__, e)
                check("stand-in ns (%s API): %s runs every line of main()" % (style, name),
                      error is None, error or "")
    finally:
        compat._DEFINED.clear()
        if saved is None:
            sys.modules.pop("ns", None)
        else:
            sys.modules["ns"] = saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cxx-dir", default=os.path.join(ROOT, "build", "examples"),
                        help="where the C++ examples are (default: build/examples)")
    parser.add_argument("--quick", action="store_true", help="skip the 30 s --flood-sweep")
    args = parser.parse_args()

    check_command_line()
    names = ("ipvlan-howto", "ipvlan-modes", "ipvlan-port-security")
    if not all(os.access(os.path.join(args.cxx_dir, n), os.X_OK) for n in names):
        print("python-twins: the C++ examples are not built in %s (bash utils/build.sh): "
              "only the command line was checked" % args.cxx_dir)
    else:
        check_refusals(args.cxx_dir)
        check_howto(args.cxx_dir)
        check_modes(args.cxx_dir)
        check_port_security(args.cxx_dir, args.quick)
    check_mock_runs()
    if compat.matplotlib_pyplot() is None:
        print("python-twins: matplotlib is not installed: the PNG drawing was not checked")
    failed = RESULTS.count(False)
    print("python-twins: %d passed, %d failed" % (len(RESULTS) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
