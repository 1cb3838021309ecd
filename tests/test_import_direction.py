"""Imports run one way, api -> desk, live, wires, imports and webhooks -> feed -> authors -> media; common/
(helpers of no app) imports none of them, and no domain app imports newsroom or devtools."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUR_APPS = {
    *("api", "desk", "live", "wires", "imports", "webhooks", "feed", "authors", "media"),
    *("newsroom", "common", "devtools"),
}
MAY_IMPORT = {
    "common": set(),
    "media": {"common"},
    "authors": {"media", "common"},
    "feed": {"authors", "media", "common"},
    "desk": {"feed", "authors", "media", "common"},
    "live": {"feed", "authors", "media", "common"},
    "wires": {"feed", "authors", "media", "common"},
    "imports": {"feed", "authors", "media", "common"},
    "webhooks": {"feed", "authors", "media", "common"},
    # The JSON API sits on top: it reads live's updates; nothing of ours imports it.
    "api": {"live", "feed", "authors", "media", "common"},
}


def our_imports(path):
    """The apps of ours a module imports by absolute name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        found |= {name.partition(".")[0] for name in names} & OUR_APPS
    return found


@pytest.mark.parametrize("package", MAY_IMPORT)
def test_package_imports_only_the_apps_below_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported - MAY_IMPORT[package] - {package})
        for path in (ROOT / package).rglob("*.py")
        if (imported := our_imports(path)) - MAY_IMPORT[package] - {package}
    }
    assert wrong == {}


def test_a_wrong_import_is_found(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("import os\nfrom feed.models import Article\nfrom . import sibling\n")
    assert our_imports(module) == {"feed"}
