#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only

# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
#
# See test.py for more information. Keep in step with the build_lib_example() calls
# in examples/CMakeLists.txt. test.py runs only the examples that were built: inside an
# ns-3 tree ipvlan-howto needs the csma module enabled too.
cpp_examples = [
    ("ipvlan-howto", "True", "True"),
    ("ipvlan-howto --mode=l3 --router-routes", "True", "True"),
    ("ipvlan-modes", "True", "True"),
    ("ipvlan-port-security", "True", "True"),
    ("ipvlan-traffic-control --duration=2", "True", "True"),
    ("ipvlan-datacenter --duration=1 --quiet", "True", "True"),
    ("ipvlan-datacenter --duration=1 --quiet --mode=l3", "True", "True"),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run).
#
# See test.py for more information. test.py looks for them in contrib/ipvlan/examples/ (the
# module's examples folder), runs "python3 <that path> <arguments>" from its output folder,
# and only when ns-3 was configured with --enable-python-bindings (it reports them skipped
# otherwise); ipvlan-howto.py needs the csma module enabled too. They are the Python (cppyy)
# twins of the C++ examples above; their helper ipvlan_py_compat.py is not an example.
python_examples = [
    ("ipvlan-howto.py", "True"),
    ("ipvlan-howto.py --mode=l3 --router-routes", "True"),
    ("ipvlan-modes.py", "True"),
    ("ipvlan-port-security.py", "True"),
]
