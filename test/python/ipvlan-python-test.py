#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""Runs the ipvlan Python examples under ns-3's cppyy bindings, where they work.

When `from ns import ns` works (an ns-3 tree configured with --enable-python-bindings, run
inside `./ns3 shell`, or an installed ns-3 with its bindings and cppyy), every case below
runs its example with python3 in a fresh folder: it must exit 0 and print what it is
about; when the C++ twin is built too (the standalone build/examples/, or the ns-3 tree's
build/contrib/ipvlan/examples/), the C++ example runs with the same options and the two
must print the same text (the Python twin's "drew ... (matplotlib)" lines aside) and write
the same .dat and .plt files.

Otherwise it prints one line, "ipvlan python: SKIPPED: <why>", and exits 0: Debian's
ns-3.37 packages ship no Python bindings and Debian does not package cppyy.

Ends with "ipvlan python: N passed, N failed"; exit 1 on a failure.
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")
sys.path.insert(0, EXAMPLES)
sys.dont_write_bytecode = True  # no __pycache__ in the examples folder

import ipvlan_py_compat as compat  # noqa: E402

# (script, arguments, lines it must print, files it must write in --outdir)
CASES = [
    ("ipvlan-howto.py", [], ["ipvlan HOWTO example:", "host1   ns0", "wrote "],
     ["ipvlan-howto.dat", "ipvlan-howto.plt"]),
    ("ipvlan-howto.py", ["--mode=l3", "--router-routes"], ["mode l3 bridge", "wrote "],
     ["ipvlan-howto.dat", "ipvlan-howto.plt"]),
    ("ipvlan-modes.py", [], ["== l2 private", "vepa, hairpin", "why:"], []),
    ("ipvlan-port-security.py", [], ["verdict:", "macvlan    blocked"], []),
    ("ipvlan-port-security.py", ["--sweep", "--count=2"], ["wrote "],
     ["ipvlan-port-security.dat", "ipvlan-port-security.plt"]),
]

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print("%s: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else "\n" + detail))


def find_cxx(name, cxx_dir):
    """The C++ twin of an example: standalone build, or the ns-3 tree's build."""
    candidates = []
    if cxx_dir:
        candidates.append(os.path.join(cxx_dir, name))
    candidates.append(os.path.join(ROOT, "build", "examples", name))
    values = compat.lock_values()
    if values is not None:
        folder = os.path.join(values["out_dir"], "contrib", os.path.basename(ROOT), "examples")
        candidates += sorted(p for p in glob.glob(os.path.join(folder, "ns*-%s*" % name))
                             if not p.endswith(".py"))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def run(cmd, cwd):
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, timeout=1800)
    return result.returncode, result.stdout, result.stderr


def without_drawing(text):
    return "".join(line for line in text.splitlines(True) if not line.startswith("drew "))


def read(path):
    with open(path) as f:
        return f.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cxx-dir", default=None, help="where the C++ examples are")
    args = parser.parse_args()

    reason = compat.ns_missing_reason()
    if reason is not None:
        note = ""
        if "ModuleNotFoundError" in reason or "SystemExit" in reason:
            note = (" (Debian's ns-3.37 ships no Python bindings; cppyy is not packaged by "
                    "Debian)")
        print("ipvlan python: SKIPPED: %s%s" % (reason, note))
        return 0

    for script, options, expected, files in CASES:
        name = " ".join([script] + options)
        outdir = ["--outdir=."] if "modes" not in script else []
        with tempfile.TemporaryDirectory() as py_dir, tempfile.TemporaryDirectory() as cc_dir:
            rc, out, err = run([sys.executable, os.path.join(EXAMPLES, script)] + options
                               + outdir, py_dir)
            check(name + ": runs", rc == 0, "  exit %d\n%s" % (rc, err[-3000:]))
            if rc != 0:
                continue
            missing = [e for e in expected if e not in out]
            check(name + ": prints its table", not missing, "  missing: %r" % missing)
            absent = [f for f in files if not os.path.exists(os.path.join(py_dir, f))]
            check(name + ": writes its files", not absent, "  missing: %r" % absent)
            twin = find_cxx(script[:-3], args.cxx_dir)
            if twin is None:
                print("note: %s: the C++ twin is not built: outputs not compared" % name)
                continue
            rc, cc_out, cc_err = run([twin] + options + outdir, cc_dir)
            if rc != 0:
                check(name + ": the C++ twin runs", False, cc_err[-3000:])
                continue
            check(name + ": prints what its C++ twin prints", without_drawing(out) == cc_out,
                  "  C++:\n%s\n  Python:\n%s" % (cc_out, out))
            for f in files:
                check(name + ": %s as its C++ twin writes it" % f,
                      read(os.path.join(py_dir, f)) == read(os.path.join(cc_dir, f)))
    failed = RESULTS.count(False)
    print("ipvlan python: %d passed, %d failed" % (len(RESULTS) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
