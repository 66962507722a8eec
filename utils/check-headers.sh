#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The public headers are fit for any user of ns3/<name>.h and for ns-3's Python bindings,
# whose cppyy (ns-3 >= 3.37) has cling parse ns3/ipvlan-module.h at `from ns import ns`,
# before the library is loaded, and runs whatever a header initialises at include time.
#
# The headers are staged by configuring a throwaway standalone build (cmake only, nothing
# is compiled: cmake/standalone.cmake copies the public headers flat to include/ns3/ and
# writes ipvlan-module.h at configure time), so the staging and the module header checked
# are the ones a build makes, and no build is needed. Checks:
#  1. each public header of module-files.txt (headers:, and emulation-headers: when ns-3's
#     fd-net-device headers are installed) compiles alone: a one-line TU
#     `#include "ns3/<name>.h"` under clang++ -fsyntax-only, -std=c++17 and -std=c++20,
#     each with the build's definitions (NS3_LOG_ENABLE, NS3_ASSERT_ENABLE) and without
#     them (as cling parses it); the same for ns3/ipvlan-module.h, and for ipvlan-module.h
#     after every installed ns-3 <module>-module.h (all of them in one TU, as cppyy parses
#     them: a class, enumerator or macro of ours that clashes with ns-3's fails there);
#  2. ipvlan-module.h includes every public header once and nothing else, as ns-3's
#     write_module_header() does in an ns-3 tree (from the same HEADER_FILES list);
#  3. nothing is defined at include time: a TU including ipvlan-module.h, compiled to an
#     object, defines no variable (static initialiser, registration, LogComponent,
#     namespace-scope object) beyond those of the ns-3 and system headers it includes;
#  4. a lint of the header text, naming file and line: no NS_LOG_COMPONENT_DEFINE,
#     NS_OBJECT_ENSURE_REGISTERED (or other registering macro); no namespace-scope
#     variable of class type, or with a dynamic initialiser, and no static inline data
#     member of class type (constexpr and extern are fine); no anonymous enum (cppyy
#     cannot name it); no lambda outside a function body (default arguments, member
#     initialisers); every trace source's callback signature (AddTraceSource in the
#     sources) a typedef in the header of its class; header guards unique and not ns-3's.
# Exits non-zero naming every failing header. Needs clang, cmake, libns3-dev, python3
# (utils/install-deps.sh installs what is missing).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/utils/install-deps.sh"
CLANGXX="${CLANGXX:-clang++}"
command -v "$CLANGXX" >/dev/null || { echo "check-headers: $CLANGXX not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- stage: configure a throwaway standalone build ---
if ! cmake -S "$top" -B "$work/build" -DCMAKE_CXX_COMPILER="$CLANGXX" -DIPVLAN_EXAMPLES=OFF \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/cmake.log" 2>&1; then
  cat "$work/cmake.log" >&2
  echo "check-headers: configuring the standalone build failed" >&2
  exit 1
fi
inc="$work/build/include"
# The library's own flags (ns-3 include directories, definitions) from one of its sources
flags=()
while IFS= read -r f; do flags+=("$f"); done < <(
  python3 - "$work/build/compile_commands.json" <<'EOF'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if entry["file"].endswith("model/ipvlan/ipvlan-port.cc"):
        args = entry.get("arguments") or shlex.split(entry["command"])
        it = iter(args)
        for a in it:
            if a in ("-I", "-isystem", "-D"):
                a += next(it)
            if a.startswith(("-I", "-isystem", "-D")) and not a.endswith("_EXPORTS"):
                print(a)
        break
EOF
)
build_defs=() incs=()
for f in "${flags[@]}"; do
  case "$f" in -D*) build_defs+=("$f") ;; *) incs+=("$f") ;; esac
done
# Every header of a section of module-files.txt
section() {
  awk -v s="$1:" '/^[a-z-]+:$/ { on = ($0 == s); next } on && /\.h$/ { print }' \
    "$top/module-files.txt"
}
mapfile -t headers < <(section headers)
mapfile -t emu_headers < <(section emulation-headers)
has_include() {
  printf '#if __has_include(<%s>)\nyes\n#endif\n' "$1" |
    "$CLANGXX" -E -x c++ "${incs[@]}" - 2>/dev/null | grep -q '^yes$'
}
emu_in_build=no
[ ${#emu_headers[@]} -gt 0 ] && [ -f "$inc/ns3/$(basename "${emu_headers[0]}")" ] &&
  emu_in_build=yes
if [ ${#emu_headers[@]} -gt 0 ] && has_include ns3/fd-net-device.h; then
  # checked even if the build leaves emulation out: staged here beside the others
  mkdir -p "$work/extra/ns3"
  for h in "${emu_headers[@]}"; do
    [ -f "$inc/ns3/$(basename "$h")" ] || cp "$top/$h" "$work/extra/ns3/"
  done
  headers+=("${emu_headers[@]}")
  incs=("-I$work/extra" "${incs[@]}")
elif [ ${#emu_headers[@]} -gt 0 ]; then
  echo "note: ns-3's fd-net-device headers are not installed: emulation headers not checked"
fi
# ns-3's installed headers (before ours join the include path)
ns3_dirs=()
for d in "${incs[@]}" -I/usr/include -I/usr/local/include; do
  d="${d#-I}"
  d="${d#-isystem}"
  [ "$d" != "$inc" ] && [ "$d" != "$work/extra" ] && [ -d "$d/ns3" ] && ns3_dirs+=("$d/ns3")
done
incs=("-I$inc" "${incs[@]}")

declare -A failed=() # header -> reasons
fail() { failed[$1]+="    $2"$'\n'; }

# --- 1. each header alone, and the module header ---
names=()
for h in "${headers[@]}"; do names+=("$(basename "$h")"); done
names+=(ipvlan-module.h)
mkdir -p "$work/tu"
jobs="$work/jobs"
: >"$jobs"
for n in "${names[@]}"; do
  for std in 17 20; do
    for cfg in build cling; do echo "$n $std $cfg" >>"$jobs"; done
  done
done
# What `from ns import ns` parses: every installed ns-3 module header, then ours
mkdir -p "$work/tu-src"
for d in "${ns3_dirs[@]}"; do
  for m in "$d"/*-module.h; do
    [ -e "$m" ] && [ "$(basename "$m")" != ipvlan-module.h ] && echo "#include <ns3/$(basename "$m")>"
  done
done | sort -u >"$work/tu-src/@ns3"
if [ -s "$work/tu-src/@ns3" ]; then
  { cat "$work/tu-src/@ns3"; echo "#include <ns3/ipvlan-module.h>"; } >"$work/tu-src/@ns3+ipvlan"
  for std in 17 20; do echo "@ns3 $std cling" "@ns3+ipvlan $std cling"; done |
    xargs -n 3 >>"$jobs"
fi
printf '%s\n' "${build_defs[@]}" >"$work/defs.txt"
printf '%s\n' "${incs[@]}" >"$work/incs.txt"
cat >"$work/compile-one.sh" <<'EOF'
# compile-one.sh WORK CLANGXX NAME STD CFG
work=$1 cxx=$2 n=$3 std=$4 cfg=$5
defs=()
[ "$cfg" = build ] && mapfile -t defs <"$work/defs.txt"
mapfile -t incs <"$work/incs.txt"
tu="$work/tu/$n.$std.$cfg"
if [ -f "$work/tu-src/$n" ]; then
  cp "$work/tu-src/$n" "$tu.cc"
else
  printf '#include "ns3/%s"\n' "$n" >"$tu.cc"
fi
"$cxx" -fsyntax-only -std=c++"$std" "${defs[@]}" "${incs[@]}" "$tu.cc" >"$tu.log" 2>&1 ||
  touch "$tu.failed"
EOF
xargs -P "$(nproc)" -L 1 bash "$work/compile-one.sh" "$work" "$CLANGXX" <"$jobs"
# One message per header and error: the configurations that fail with it, the first errors
# with the staged paths written as the sources'
while IFS=$'\t' read -r n msg; do
  fail "$n" "$msg"
done < <(
  STAGED="$inc $work/extra" python3 - "$work/tu" "${headers[@]}" <<'EOF'
import os, re, sys
tu, headers = sys.argv[1], sys.argv[2:]
source = {os.path.basename(h): h for h in headers}
staged = os.environ["STAGED"].split()
groups = {}  # (name, errors) -> configurations
for f in sorted(os.listdir(tu)):
    if not f.endswith(".failed"):
        continue
    name, std, cfg, _ = f.rsplit(".", 3)
    if name == "@ns3":
        continue  # ns-3's own module headers together: not ours to fix
    errors = []
    for line in open(os.path.join(tu, f[: -len(".failed")] + ".log")):
        if "error:" not in line:
            continue
        for d in staged:
            line = re.sub(re.escape(d) + r"/ns3/([\w.-]+)",
                          lambda m: source.get(m.group(1), "ns3/" + m.group(1)), line)
        errors.append(re.sub(r"^.*/tu/[^:]*\.cc:", "(the one-line TU):", line.strip()))
    cfgs = groups.setdefault((name, tuple(errors[:3])), [])
    cfgs.append(f"c++{std} " + ("as the build (NS3_LOG_ENABLE, NS3_ASSERT_ENABLE)"
                                if cfg == "build" else "as cling (no definitions)"))
order = lambda c: (c.split()[0], "cling" in c)
for (name, errors), cfgs in sorted(groups.items(), key=lambda g: (g[0][0], order(g[1][0]))):
    what = "does not compile alone"
    if name == "@ns3+ipvlan":
        if os.path.exists(os.path.join(tu, "@ns3." + cfgs[0].split()[0][3:] + ".cling.failed")):
            continue
        name, what = "ipvlan-module.h", ("does not compile after every installed ns-3 module "
                                         "header (as `from ns import ns` parses them)")
    print(f"{name}\t{what}: " + "; ".join(cfgs))
    for e in errors or ("(no error line: see the compiler's output)",):
        print(f"{name}\t  {e}")
EOF
)

for f in "$work"/tu/@ns3.*.failed; do
  [ -e "$f" ] && echo "note: the installed ns-3 module headers do not compile together" \
    "($(basename "$f" .failed)): ipvlan-module.h not checked with them"
done

# --- 2. the module header includes every public header once ---
modh="$inc/ns3/ipvlan-module.h"
if [ ! -f "$modh" ]; then
  fail ipvlan-module.h "not generated by the standalone configure"
else
  included="$(sed -nE 's@^\s*#\s*include\s*[<"]ns3/([^>"]+)[>"].*@\1@p' "$modh")"
  expected=()
  for h in "${headers[@]}"; do
    n="$(basename "$h")"
    if [[ " ${emu_headers[*]} " == *" $h "* ]] && [ "$emu_in_build" = no ]; then
      continue # emulation left out of the build: not in its module header either
    fi
    expected+=("$n")
    c="$(grep -cxF "$n" <<<"$included" || true)"
    [ "$c" = 1 ] || fail ipvlan-module.h "includes ns3/$n $c times (once expected)"
  done
  while IFS= read -r n; do
    [ -n "$n" ] || continue
    [[ " ${expected[*]} " == *" $n "* ]] ||
      fail ipvlan-module.h "includes ns3/$n, which is not a public header of module-files.txt"
  done <<<"$included"
fi

# --- 3. nothing defined at include time ---
# Baseline: the ns-3 and system headers the public headers include, and nothing of ours
base="$work/baseline.cc"
: >"$base"
for h in "${headers[@]}"; do
  sed -nE 's@^\s*#\s*include\s*([<"][^>"]+[>"]).*@\1@p' "$top/$h"
done | sort -u | while IFS= read -r i; do
  n="$(basename "${i:1:${#i}-2}")"
  printf '%s\n' "${names[@]}" | grep -qxF "$n" || echo "#include $i" >>"$base"
done
printf '#include "ns3/ipvlan-module.h"\n' >"$work/module.cc"
data_symbols() { # object file -> defined variables, demangled, one a line
  nm -C --defined-only "$1" | awk '$2 ~ /^[BbDdGgRrSsVu]$/ { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' |
    grep -vE '^(\.|GCC_except_table|DW\.ref\.|guard variable for )' | sort -u || true
}
if [ -f "$modh" ] &&
  "$CLANGXX" -c -O0 -std=c++17 "${build_defs[@]}" "${incs[@]}" "$base" -o "$work/baseline.o" \
    2>"$work/baseline.log" &&
  "$CLANGXX" -c -O0 -std=c++17 "${build_defs[@]}" "${incs[@]}" "$work/module.cc" \
    -o "$work/module.o" 2>"$work/module.log"; then
  while IFS= read -r sym; do
    [ -n "$sym" ] || continue
    short="${sym##*::}"
    short="${short%%[[(<]*}"
    where="$(cd "$top"; grep -nwF -- "$short" "${headers[@]}" | head -3 | cut -d: -f1,2 | tr "\n" " ")" || true
    fail ipvlan-module.h "defines '$sym' at include time (static initialiser or registration; declared near: ${where:-?})"
  done < <(comm -13 <(data_symbols "$work/baseline.o") <(data_symbols "$work/module.o"))
elif [ -f "$modh" ]; then
  fail ipvlan-module.h "include-time check: compiling to an object failed:"
  while IFS= read -r e; do fail ipvlan-module.h "  $e"; done < <(
    cat "$work/baseline.log" "$work/module.log" | grep error: | head -3)
fi

# --- 4. lint ---
guards="$(for h in "${headers[@]}"; do sed -nE '0,/^#ifndef/s/^#ifndef\s+(\w+).*/\1/p' "$top/$h"; done | paste -sd'|')"
taken_guards="$(grep -rhoE "^#\s*define\s+($guards)\b" "${ns3_dirs[@]}" 2>/dev/null |
  awk '{print $NF}' | sort -u || true)"
while IFS=$'\t' read -r n msg; do
  fail "$n" "$msg"
done < <(
  cd "$top" && TAKEN_GUARDS="$taken_guards" python3 - "${headers[@]}" <<'EOF'
import os, re, sys, glob

headers = sys.argv[1:]
taken = set(os.environ.get("TAKEN_GUARDS", "").split())
out = []
guard_of = {}  # include guard -> the first header using it

def report(path, line, msg):
    out.append((os.path.basename(path), f"{path}:{line}: {msg}"))

def strip(text):
    """Comments and string/char literals blanked, line breaks kept."""
    res, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            res.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            res.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            res.append(c + " " * (j - i - 1) + c); i = j + 1
        else:
            res.append(c); i += 1
    return "".join(res)

SCALAR = set("""const volatile static inline unsigned signed int char short long bool float double
    size_t std::size_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t
    std::int8_t std::int16_t std::int32_t std::int64_t std::uint8_t std::uint16_t
    std::uint32_t std::uint64_t char16_t char32_t wchar_t""".split())
CASTS = {"static_cast", "reinterpret_cast", "const_cast", "sizeof", "alignof", "decltype"}
REGISTER = re.compile(r"\b(NS_LOG_COMPONENT_DEFINE(_MASK)?|NS_OBJECT_ENSURE_REGISTERED|"
                      r"NS_OBJECT_TEMPLATE_CLASS_DEFINE|NS_OBJECT_TEMPLATE_CLASS_TWO_DEFINE|"
                      r"ATTRIBUTE_HELPER_CPP|NS_TEST_SUITE|NS_GLOBAL_VALUE)\b")
LAMBDA = re.compile(r"[=,(]\s*\[(?!\[)[^\]]*\]\s*(\(|\{|mutable\b|->)")

def depth0(s, chars):
    """Positions of chars at bracket depth 0 (<> counted loosely)."""
    d, pos = 0, []
    for i, c in enumerate(s):
        if c in "([<":
            d += 1
        elif c in ")]>" and d > 0:
            d -= 1
        elif d == 0 and c in chars:
            pos.append(i)
    return pos

def variable(stmt, path, line, member):
    s = re.sub(r"\[\[[^\]]*\]\]", " ", stmt).strip()
    s = re.sub(r"\s+", " ", s)
    if not s or re.match(r"(typedef|using|template|friend|static_assert|namespace|class|struct|"
                         r"union|enum|extern|public|private|protected|return)\b", s):
        return
    if "operator" in s or not re.search(r"\w", s):
        return
    eq = depth0(s, "={")
    head = s[:eq[0]] if eq else s
    if "(" in head:  # a function (or a direct-initialised object: the object check sees it)
        return
    if member and not re.search(r"\bstatic\b", head):
        return  # an ordinary data member
    words = re.findall(r"[\w:]+", head)
    if "constexpr" in words:
        return
    if member and "inline" not in words:
        return  # declared here, defined in a .cc
    typ = words[:-1]  # the last word is the name
    init = s[eq[0]:] if eq else ""
    scalar = typ and all(w in SCALAR for w in typ) or "*" in head
    what = "static inline data member" if member else "namespace-scope variable"
    name = words[-1] if words else "?"
    if not scalar:
        report(path, line, f"{what} '{name}' of class (or unknown) type: constructed at include "
                           "time; make it constexpr, or a function returning a static local")
    elif re.search(r"\b(?!(%s)\b)[A-Za-z_][\w:]*\s*(<[^;]*>)?\s*\(" % "|".join(CASTS), init):
        report(path, line, f"{what} '{name}' with a dynamic initialiser (a call): runs at "
                           "include time; make it constexpr")

for path in headers:
    raw = open(path).read()
    text = strip(raw)
    lines = text.split("\n")
    # registering macros
    for no, l in enumerate(lines, 1):
        m = REGISTER.search(l)
        if m:
            report(path, no, f"{m.group(1)} registers at include time: it belongs in the .cc")
    # anonymous enums
    for m in re.finditer(r"\benum\s*(class\s*|struct\s*)?(:\s*[\w:\s]+)?\{", text):
        report(path, text.count("\n", 0, m.start()) + 1,
               "anonymous enum: cppyy cannot name it; give it a name")
    # header guard
    g = re.search(r"^#\s*ifndef\s+(\w+)\s*\n#\s*define\s+(\w+)", raw, re.M)
    if not g or g.group(1) != g.group(2):
        report(path, 1, "no include guard (#ifndef X / #define X)")
    elif g.group(1) in taken:
        report(path, 1, f"include guard {g.group(1)} is also an ns-3 header's")
    elif guard_of.setdefault(g.group(1), path) != path:
        report(path, 1, f"include guard {g.group(1)} is also {guard_of[g.group(1)]}'s")
    # scopes: statements at namespace scope, static members at class scope, lambdas
    stack, stmt, start = [], "", 1
    pending_class = False  # a class body just closed at namespace scope: "} name;"
    no = 1
    for l in lines:
        if l.lstrip().startswith("#"):
            no += 1
            continue
        for c in l + "\n":
            if c == "\n":
                stmt += " "
                continue
            if not stmt.strip():
                start = no
            if c == "{":
                head = stmt.strip()
                outer = all(k in ("ns", "class") for k in stack)
                if outer and LAMBDA.search(head + "{"):
                    report(path, start, "lambda outside a function body (default argument or "
                                        "initialiser): cling may not take it")
                if re.search(r"\bnamespace\b", head) or re.match(r'extern\s*$', head):
                    kind = "ns"
                elif re.search(r"\b(class|struct|union)\b", head) and "(" not in head.split(":")[0]:
                    kind = "class"
                elif re.search(r"\benum\b", head):
                    kind = "enum"
                elif "(" in head or not outer:
                    kind = "func"
                else:
                    kind = "init"  # brace initialiser of a variable or member
                if kind in ("init",):
                    stmt += c
                    stack.append(kind)
                    continue
                stack.append(kind)
                stmt = ""
            elif c == "}":
                kind = stack.pop() if stack else "ns"
                if kind == "init":
                    stmt += c
                    continue
                pending_class = kind == "class" and all(k == "ns" for k in stack)
                stmt = ""
            elif c == ";":
                if stack and stack[-1] == "init":
                    stmt += c
                    continue
                head = stmt.strip()
                outer = all(k in ("ns", "class") for k in stack)
                if outer and LAMBDA.search(head):
                    report(path, start, "lambda outside a function body (default argument or "
                                        "initialiser): cling may not take it")
                if pending_class and re.match(r"\w", head):
                    report(path, start, f"namespace-scope variable '{head}' of class type "
                                        "declared with its class: constructed at include time")
                elif all(k == "ns" for k in stack):
                    variable(head, path, start, member=False)
                elif stack and stack[-1] == "class" and all(k in ("ns", "class") for k in stack):
                    variable(head, path, start, member=True)
                pending_class = False
                stmt = ""
            elif c == ":" and stack and stack[-1] == "class" and \
                    re.fullmatch(r"\s*(public|private|protected)\s*", stmt):
                stmt = ""
            else:
                stmt += c
        no += 1

# trace sources: the callback signature named in AddTraceSource is a typedef in the header
# of its class
decl = {}
for path in headers:
    for m in re.finditer(r"^\s*(?:class|struct)\s+(\w+)\b[^;]*$", strip(open(path).read()), re.M):
        decl.setdefault(m.group(1), path)
sources = [p for p in glob.glob("model/**/*.cc", recursive=True) +
           glob.glob("helper/**/*.cc", recursive=True)]
for src in sorted(sources):
    text = open(src).read()
    for m in re.finditer(r"AddTraceSource\s*\((.*?)\)\s*(?=[.;])", text, re.S):
        cb = re.search(r'"ns3::(\w+)::(\w+)"\s*$', m.group(1).strip())
        if not cb or cb.group(1) not in decl:
            continue
        cls, name = cb.groups()
        h = decl[cls]
        htext = strip(open(h).read())
        if not re.search(r"\btypedef\b[^;]*\(\s*\*\s*%s\s*\)" % name, htext) and \
                not re.search(r"\busing\s+%s\s*=" % name, htext):
            line = text.count("\n", 0, m.start()) + 1
            report(h, 1, f"{src}:{line} names the trace signature ns3::{cls}::{name}, "
                         f"which {h} does not declare (typedef void (*{name})(...))")

for name, msg in out:
    print(f"{name}\t{msg}")
EOF
)

# --- summary ---
checked=${#names[@]}
if [ ${#failed[@]} -eq 0 ]; then
  echo "check-headers: $checked headers (ipvlan-module.h included) compile alone as C++17 and" \
    "C++20, as the build and as cling; ipvlan-module.h compiles after every installed ns-3" \
    "module header and includes every public header; nothing is defined at include time;" \
    "lint clean"
  exit 0
fi
echo "check-headers: ${#failed[@]} of $checked headers fail:" >&2
for n in $(printf '%s\n' "${!failed[@]}" | sort); do
  echo "  ns3/$n" >&2
  printf '%s' "${failed[$n]}" >&2
done
exit 1
