# SPDX-License-Identifier: GPL-2.0-only
#
# Sphinx configuration of the standalone ns-3-ipvlan manual (bash utils/build-doc.sh), in the
# style of ns-3's doc/models/source/conf.py, with nothing Debian's python3-sphinx lacks.
#
# Inside an ns-3 tree this file is not used: ns-3's doc/models copies the chapter's files
# (ipvlan.rst and the parts its toctrees list) next to its own conf.py and replace.txt.
#
# What this file adds to the chapter: in ipvlan.rst, a comment
#
#   .. generated table: ipvlan-attributes.rst
#
# becomes ".. include::" of that file (the tables utils/ipvlan-doc-tables.cc writes from the
# TypeIds), and a comment
#
#   .. generated figure: ipvlan-howto.png
#      :width: 100%
#
#      Caption.
#
# becomes ".. figure::" of that PNG (an example's plot), its indented lines the figure's
# options and caption. Both files come from $IPVLAN_DOC_GENERATED (default:
# build/doc/generated, which utils/build-doc.sh fills). Only the comment's first line
# changes, so line numbers in messages stay those of the source. A missing file is a
# warning, so that sphinx-build -W fails on it. In ns-3's build these stay comments.

import os
import re

from sphinx.util import logging

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(here)
# (a relative IPVLAN_DOC_GENERATED is taken from where sphinx-build was started: Sphinx reads
# this file from doc/)
generated = os.path.join(
    os.environ.get("PWD", os.getcwd()),
    os.environ.get("IPVLAN_DOC_GENERATED", os.path.join(top, "build", "doc", "generated")),
)


def _version():
    """The version in the top-level CMakeLists.txt's project()."""
    try:
        with open(os.path.join(top, "CMakeLists.txt"), encoding="utf-8") as f:
            m = re.search(r"project\(\s*\S+\s+VERSION\s+([0-9.]+)", f.read())
        return m.group(1) if m else ""
    except OSError:
        return ""


# -- General configuration -------------------------------------------------------------------

extensions = []
templates_path = []
source_suffix = ".rst"
master_doc = "index"
project = "ns-3-ipvlan"
copyright = "2026, The ns-3-ipvlan authors"
version = _version()
release = version
language = "en"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
pygments_style = "sphinx"
todo_include_todos = False

# -- HTML ------------------------------------------------------------------------------------
# ns-3's own theme (ns3_html_theme) lives in ns-3's doc/ tree; the built-in "classic" theme
# with ns-3's colours stands in for it.

html_theme = "classic"
html_theme_options = {
    "bgcolor": "white",
    "textcolor": "black",
    "linkcolor": "#91A501",
    "visitedlinkcolor": "#91A501",
    "headbgcolor": "#E3E3E3",
    "headtextcolor": "#373737",
    "headlinkcolor": "#91A501",
    "relbarbgcolor": "#D5D5D5",
    "relbarlinkcolor": "#373737",
    "relbartextcolor": "#373737",
    "sidebarbgcolor": "#FAFAFA",
    "sidebartextcolor": "#373737",
    "sidebarlinkcolor": "#91A501",
    "sidebarbtncolor": "#D5D5D5",
    "footerbgcolor": "#D5D5D5",
    "footertextcolor": "#364D7C",
    "codebgcolor": "#FBFCFD",
    "codetextcolor": "black",
}
html_title = "ns-3-ipvlan manual"
html_short_title = "ns-3-ipvlan"
html_static_path = []
html_last_updated_fmt = "%b %d, %Y %H:%M"
htmlhelp_basename = "ns-3-ipvlan-doc"

# -- The generated tables and figures --------------------------------------------------------

_marker = re.compile(r"^\.\. generated (table|figure): (\S+)\s*$")


def _splice(app, docname, source):
    """Turn the "generated table/figure" comments of a document into directives."""
    logger = logging.getLogger(__name__)
    lines = source[0].split("\n")
    docdir = os.path.dirname(app.env.doc2path(docname))
    for i, line in enumerate(lines):
        m = _marker.match(line)
        if not m:
            continue
        kind, name = m.groups()
        path = os.path.join(generated, name)
        if not os.path.isfile(path):
            logger.warning(
                "generated %s %s not found in %s: build the manual with utils/build-doc.sh "
                "(or set IPVLAN_DOC_GENERATED)", kind, name, generated,
                location=(docname, i + 1))
            continue
        relative = os.path.relpath(path, docdir).replace(os.sep, "/")
        lines[i] = ".. %s:: %s" % ("include" if kind == "table" else "figure", relative)
    source[0] = "\n".join(lines)


def setup(app):
    app.connect("source-read", _splice)
    return {"parallel_read_safe": True}
