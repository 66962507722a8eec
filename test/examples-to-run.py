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
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run).
#
# See test.py for more information.
python_examples = []
