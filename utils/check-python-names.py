#! /usr/bin/env python3
#
# Copyright (c) 2026 The ns-3-ipvlan authors
#
# SPDX-License-Identifier: GPL-2.0-only

"""Static checks of the Python examples (examples/*.py) that need no ns-3 Python bindings,
so that a renamed class, method, enum value or attribute breaks CI instead of a user:

1. byte-compile the examples, their helper module and the Python tests (py_compile);
2. every C++ name the examples use must be declared in the module's public headers
   (module-files.txt, sections headers: and emulation-headers:), in ns-3's installed headers
   (--ns3-include, default /usr/include/ns3), in examples/ipvlan-example-ping.h (the C++
   examples' ping client, which the Python examples load) or in the C++ helpers the examples
   hand to cppyy (string constants named *_CPP). Checked, from the examples' syntax tree:
     - ns.X, ns.X.Y, ... (each part: a class, namespace, function, enum value or typedef);
     - ns.cppyy.gbl.X... (the same, for the examples' own helpers);
     - obj.Method(...) / obj.Method and obj.Class where the name starts with a capital letter
       (a C++ method or nested name: Python code here is snake_case);
     - obj.camelCase (a C++ data member such as rttMs or txDropped);
     - the class names given as strings to create_object / get_object;
     - attribute names given to SetAttribute, SetDeviceAttribute and SetChannelAttribute
       (declared with AddAttribute in the module's sources, or a string in ns-3's libraries);
   names on imported Python modules (sys, os, compat, matplotlib, ...) are not C++ and are
   skipped. Each missing name is printed as file:line;
3. with --compile (on by default when the module's staged headers exist), compile those C++
   helpers with the C++ compiler (-fsyntax-only) against the same headers, as cppyy would.

Exit status 0 when everything is found and compiles, 1 otherwise.
"""

import argparse
import ast
import glob
import os
import py_compile
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CXX_KEYWORDS = {
    "if", "for", "while", "switch", "return", "sizeof", "alignof", "decltype", "catch",
    "static_assert", "defined", "noexcept", "throw", "new", "delete", "case", "else", "do",
    "typeid", "static_cast", "dynamic_cast", "const_cast", "reinterpret_cast", "operator",
}

# the cppyy module itself (ns.cppyy.include, ns.cppyy.cppdef, ...) and Python's own dunders
CPPYY_OWN = {"include", "cppdef", "load_library", "add_include_path", "add_library_path"}

HELPER_CALLS = {"create_object": 1, "get_object": 2}  # position of the class-name argument
ATTRIBUTE_SETTERS = {"SetAttribute", "SetDeviceAttribute", "SetChannelAttribute"}


def strip_cxx(text):
    """Text without comments, string and character literals (newlines kept for nothing)."""
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\\n])*'", "''", text)
    return text


class CxxIndex:
    """C++ identifiers declared in a set of headers, by kind (a reasonable regex index)."""

    def __init__(self):
        self.types = set()  # classes, structs, unions, enums, typedefs, namespaces
        self.functions = set()  # free and member functions, constructors
        self.values = set()  # enumerators
        self.members = set()  # data members and variables
        self.files = 0

    def add_text(self, text):
        self.files += 1
        code = strip_cxx(text)
        for m in re.finditer(r"\b(?:class|struct|union)\s+(?:\w+\s+)*?(\w+)\s*(?:final\s*)?[:{<]", code):
            self.types.add(m.group(1))
        for m in re.finditer(r"\bnamespace\s+(\w+)\s*\{", code):
            self.types.add(m.group(1))
        for m in re.finditer(r"\btypedef\b[^;{}]*?\b(\w+)\s*(?:\[[^\]]*\])?\s*;", code):
            self.types.add(m.group(1))
        for m in re.finditer(r"\btypedef\b[^;{}]*?\(\s*\*\s*(\w+)\s*\)", code):
            self.types.add(m.group(1))
        for m in re.finditer(r"\busing\s+(\w+)\s*=", code):
            self.types.add(m.group(1))
        for m in re.finditer(
            r"\benum\s+(?:class\s+|struct\s+)?(\w+)?\s*(?::\s*[\w:\s]+)?\{([^}]*)\}", code
        ):
            if m.group(1):
                self.types.add(m.group(1))
            for item in m.group(2).split(","):
                name = re.match(r"\s*([A-Za-z_]\w*)", item)
                if name:
                    self.values.add(name.group(1))
        # classes and functions made by ns-3's attribute macros (StringValue, TimeValue, ...)
        for m in re.finditer(r"\bATTRIBUTE_(HELPER_HEADER|VALUE_DEFINE|VALUE_DEFINE_WITH_NAME|"
                             r"CHECKER_DEFINE|ACCESSOR_DEFINE)\s*\(([^)]*)\)", code):
            name = m.group(2).split(",")[-1].strip()
            if m.group(1) in ("HELPER_HEADER", "VALUE_DEFINE", "VALUE_DEFINE_WITH_NAME"):
                self.types.add(name + "Value")
            if m.group(1) in ("HELPER_HEADER", "CHECKER_DEFINE"):
                self.types.add(name + "Checker")
                self.functions.add("Make" + name + "Checker")
            if m.group(1) in ("HELPER_HEADER", "ACCESSOR_DEFINE"):
                self.functions.add("Make" + name + "Accessor")
        # a function: a name followed by "(" after something that ends a type (a name, *, &
        # or >), or a constructor / destructor
        for m in re.finditer(r"([\w*&>~])\s*\b([A-Za-z_]\w*)\s*\(", code):
            name = m.group(2)
            if name not in CXX_KEYWORDS:
                self.functions.add(name)
        # a data member or variable: "Type name;", "Type name{...};", "Type name = ...;"
        for m in re.finditer(r"[\w>*&]\s+\b([A-Za-z_]\w*)\s*(?:\{[^{};]*\}|=[^;{}]*|\[[^\]]*\])?\s*;", code):
            self.members.add(m.group(1))

    def add_file(self, path):
        with open(path, errors="replace") as f:
            self.add_text(f.read())

    def any_kind(self, name):
        return name in self.types or name in self.functions or name in self.values

    def callable_or_type(self, name):
        return name in self.types or name in self.functions or name in self.values


def section_files(section):
    """The files of one section of module-files.txt"""
    files = []
    current = None
    with open(os.path.join(ROOT, "module-files.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^([a-z-]+):$", line)
            if m:
                current = m.group(1)
            elif current == section:
                files.append(os.path.join(ROOT, line))
    return files


def cpp_constants(tree):
    """The C++ code the file hands to cppyy: string constants assigned to *_CPP names."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            if isinstance(node.value.value, str):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id.endswith("_CPP"):
                        out.append((target.id, node.value.value))
    return out


def attribute_chain(node):
    """a.b.c -> ["a", "b", "c"]; None when the root is not a plain name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Subscript):  # ns.CreateObject[ns.Node]().X: not a chain from ns
        return None
    if not isinstance(node, ast.Name):
        return ["<expr>"] + parts[::-1]
    return [node.id] + parts[::-1]


def imported_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) != "ns":
                    names.add(alias.asname or alias.name)
    return names


def is_camel(name):
    return re.match(r"^[a-z]+[A-Z][A-Za-z0-9]*$", name) is not None


class Finding:
    def __init__(self, path, line, text):
        self.path = path
        self.line = line
        self.text = text

    def __str__(self):
        return "%s:%d: %s" % (os.path.relpath(self.path, ROOT), self.line, self.text)


def check_file(path, tree, index, attributes, counted):
    """The missing names of one example file."""
    missing = []
    python_modules = imported_names(tree)
    # names bound to Python objects in this file are not C++ (World, Series, ...)
    python_classes = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}

    def need(ok, line, text):
        counted[0] += 1
        if not ok:
            missing.append(Finding(path, line, text))

    seen_attrs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in seen_attrs:
            chain = attribute_chain(node)
            # mark the inner attributes of this chain so that each chain is checked once
            inner = node.value
            while isinstance(inner, ast.Attribute):
                seen_attrs.add(id(inner))
                inner = inner.value
            if chain is None:
                chain = [node.attr]
                root = "<expr>"
            else:
                root = chain[0]
            if root in python_modules or root in python_classes:
                continue
            if root == "ns":
                parts = chain[1:]
                if parts[:1] == ["cppyy"]:
                    if parts[1:2] != ["gbl"]:
                        if parts[1] not in CPPYY_OWN:
                            need(False, node.lineno, "ns.%s: not a cppyy function used by "
                                 "ns-3" % ".".join(parts))
                        continue
                    parts = parts[2:]
                for i, part in enumerate(parts):
                    last = i == len(parts) - 1
                    ok = index.any_kind(part) if last else part in index.types
                    need(ok, node.lineno, "ns.%s: %s not declared in the headers" % (
                        ".".join(parts[: i + 1]), part))
                continue
            # obj.Name... on a C++ object: check each capitalised / camelCase part
            for part in chain[1:]:
                if part.startswith("__"):
                    continue
                if part[:1].isupper():
                    need(index.callable_or_type(part), node.lineno,
                         ".%s: no C++ method, class or enum value of that name" % part)
                elif is_camel(part):
                    need(part in index.members, node.lineno,
                         ".%s: no C++ data member of that name" % part)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else (
                func.id if isinstance(func, ast.Name) else None)
            if name in HELPER_CALLS:
                pos = HELPER_CALLS[name]
                if len(node.args) > pos and isinstance(node.args[pos], ast.Constant):
                    cls = node.args[pos].value
                    need(cls in index.types, node.lineno,
                         '%s(..., "%s"): class %s not declared in the headers' % (name, cls, cls))
            if name in ATTRIBUTE_SETTERS and node.args and isinstance(node.args[0], ast.Constant):
                attr = node.args[0].value
                if isinstance(attr, str):
                    need(attributes(attr), node.lineno,
                         '%s("%s"): no attribute of that name in the module\'s sources or '
                         "ns-3's libraries" % (name, attr))
    return missing


class AttributeIndex:
    """Attribute names: AddAttribute("X" in the module's sources, else the end of a string in
    one of ns-3's libraries (ns-3's attribute names live in its .cc files, not its headers)."""

    def __init__(self, ns3_libs):
        self.names = set()
        for path in glob.glob(os.path.join(ROOT, "model", "**", "*.cc"), recursive=True):
            with open(path, errors="replace") as f:
                self.names.update(re.findall(r'AddAttribute\(\s*"([^"]+)"', f.read()))
        self.libs = ns3_libs
        self._blobs = None

    def __call__(self, name):
        if name in self.names:
            return True
        if self._blobs is None:
            self._blobs = []
            for lib in self.libs:
                with open(lib, "rb") as f:
                    self._blobs.append(f.read())
        # the end of a string: the linker merges "Delay" into the tail of "TxDelay"
        needle = name.encode() + b"\0"
        return any(needle in blob for blob in self._blobs)


def compile_helpers(helpers, class_names, ns3_include, module_include, cxx):
    """Compile the C++ helpers (and the GetObject factories of ipvlan_py_compat) as one
    translation unit; return (ok, output)."""
    tu = [
        "// generated by utils/check-python-names.py: the C++ the Python examples give cppyy",
        '#include "ns3/core-module.h"',
        '#include "ns3/network-module.h"',
        '#include "ns3/internet-module.h"',
        '#include "ns3/csma-module.h"',
        '#include "ns3/ipvlan-module.h"',
        '#include "ipvlan-example-ping.h"',
    ]
    for path, name, code in helpers:
        tu.append("// ---- %s: %s" % (os.path.relpath(path, ROOT), name))
        tu.append(code)
    tu.append("// ---- ipvlan_py_compat.get_object's factories (ns-3 3.37 to 3.41)")
    for cls in sorted(class_names):
        tu.append(
            "ns3::Ptr<ns3::%s> ipvlan_py_GetObject_%s(ns3::Ptr<ns3::Object> o) "
            "{ return o->GetObject<ns3::%s>(); }" % (cls, cls, cls)
        )
    with tempfile.NamedTemporaryFile("w", suffix=".cc", delete=False) as f:
        f.write("\n".join(tu) + "\n")
        source = f.name
    include_dirs = [module_include, os.path.join(ROOT, "examples")]
    if ns3_include:
        include_dirs.append(os.path.dirname(ns3_include.rstrip("/")))
    cmd = [cxx, "-std=c++17", "-fsyntax-only", "-Wall", "-Wno-unused-parameter"]
    cmd += ["-I" + d for d in include_dirs] + [source]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    os.unlink(source)
    return result.returncode == 0, " ".join(cmd), result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ns3-include", default=None,
                        help="ns-3's installed headers (default: /usr/include/ns3, or "
                        "/usr/include/ns3.*/ns3)")
    parser.add_argument("--ns3-lib", default=None,
                        help="folder of ns-3's libraries, for attribute names (default: found "
                        "with ldconfig)")
    parser.add_argument("--module-include", default=os.path.join(ROOT, "build", "include"),
                        help="the module's staged headers (ns3/*.h), for --compile")
    parser.add_argument("--compile", dest="compile", action="store_true", default=None,
                        help="compile the examples' C++ helpers (default: when the staged "
                        "headers exist)")
    parser.add_argument("--no-compile", dest="compile", action="store_false")
    parser.add_argument("--cxx", default=os.environ.get("CXX", "c++"))
    parser.add_argument("files", nargs="*", help="Python files (default: examples/*.py)")
    args = parser.parse_args()

    failures = []
    examples = args.files or sorted(glob.glob(os.path.join(ROOT, "examples", "*.py")))
    to_compile = examples + sorted(glob.glob(os.path.join(ROOT, "test", "python", "*.py")))
    to_compile.append(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as pyc_dir:  # leave no __pycache__ in the tree
        for n, path in enumerate(to_compile):
            try:
                py_compile.compile(path, cfile=os.path.join(pyc_dir, "%d.pyc" % n),
                                   doraise=True)
            except py_compile.PyCompileError as error:
                failures.append("py_compile: %s" % error.msg)
    print("check-python-names: byte-compiled %d files%s" % (
        len(to_compile), "" if not failures else " (%d failed)" % len(failures)))

    ns3_include = args.ns3_include
    if ns3_include is None:
        candidates = ["/usr/include/ns3"] + sorted(glob.glob("/usr/include/ns3.*/ns3"))
        ns3_include = next((c for c in candidates if os.path.isdir(c)), None)
    if ns3_include is None or not glob.glob(os.path.join(ns3_include, "*.h")):
        print("check-python-names: ns-3's headers not found (--ns3-include); install libns3-dev")
        return 1

    index = CxxIndex()
    public = section_files("headers") + section_files("emulation-headers")
    for path in public:
        index.add_file(path)
    ns3_headers = sorted(glob.glob(os.path.join(ns3_include, "*.h")))
    for path in ns3_headers:
        index.add_file(path)
    index.add_file(os.path.join(ROOT, "examples", "ipvlan-example-ping.h"))

    trees = {}
    helpers = []
    for path in examples:
        with open(path) as f:
            source = f.read()
        try:
            trees[path] = ast.parse(source, path)
        except SyntaxError:
            continue  # reported by py_compile
        for name, code in cpp_constants(trees[path]):
            index.add_text(code)
            helpers.append((path, name, code))

    libs = []
    lib_dirs = [args.ns3_lib] if args.ns3_lib else []
    if not lib_dirs:
        try:
            out = subprocess.run(["ldconfig", "-p"], stdout=subprocess.PIPE, text=True).stdout
            lib_dirs = sorted({os.path.dirname(p) for p in re.findall(r"=> (\S*libns3\S*)", out)})
        except OSError:
            lib_dirs = []
    for d in lib_dirs:
        libs += [p for p in glob.glob(os.path.join(d, "libns3*.so*")) if not os.path.islink(p)]
    attributes = AttributeIndex(libs)

    counted = [0]
    missing = []
    class_names = set()
    for path, tree in trees.items():
        missing += check_file(path, tree, index, attributes, counted)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else None
                if name == "get_object" and len(node.args) > 2 and isinstance(
                    node.args[2], ast.Constant
                ):
                    class_names.add(node.args[2].value)
    for finding in missing:
        print(finding)
    print(
        "check-python-names: %d uses of C++ names in %d files checked against %d headers "
        "(%d public module headers, %d of ns-3 in %s) and %d cppyy helper blocks: %s"
        % (counted[0], len(trees), index.files - len(helpers), len(public), len(ns3_headers),
           ns3_include, len(helpers), "all found" if not missing else "%d missing" % len(missing))
    )
    if not libs:
        print("check-python-names: note: ns-3's libraries not found; attribute names of ns-3's "
              "own classes could not be checked")

    do_compile = args.compile
    staged = os.path.isfile(os.path.join(args.module_include, "ns3", "ipvlan-module.h"))
    if do_compile is None:
        do_compile = staged
        if not staged:
            print("check-python-names: C++ helpers not compiled: no staged headers in %s "
                  "(build the module first, or pass --module-include)" % args.module_include)
    if do_compile:
        ok, cmd, output = compile_helpers(helpers, class_names, ns3_include,
                                          args.module_include, args.cxx)
        if output.strip():
            print(output.rstrip())
        print("check-python-names: compiled the %d cppyy helper blocks: %s" % (
            len(helpers), "ok" if ok else "FAILED (%s)" % cmd))
        if not ok:
            failures.append("C++ helpers do not compile")

    for failure in failures:
        print("check-python-names: FAILED: %s" % failure)
    return 1 if failures or missing else 0


if __name__ == "__main__":
    sys.exit(main())
