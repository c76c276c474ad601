"""The package's shape: layers import downwards only, one module owns session state, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bodymap"
#: Each layer and the layers it may import (besides itself). `cli` sits at the top beside `ui`.
LAYERS = {
    "content": set(),
    "reference": {"content"},
    "drawing": {"content", "reference"},
    "handout": {"content", "reference", "drawing"},
    "ui": {"content", "reference", "drawing", "handout"},
    "cli": {"content"},
    "__main__": {"cli"},
    "__init__": set(),
}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 55


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """Top-level `bodymap.*` packages a module imports."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            parts = name.split(".")
            if parts[0] == "bodymap" and len(parts) > 1:
                out.add(parts[1])
    return out


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(path):
    layer = layer_of(path)
    assert layer in LAYERS, f"{path}: a module outside the known layers"
    wrong = imported(path) - LAYERS[layer] - {layer}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(wrong)}"


def test_only_the_ui_imports_streamlit_and_only_ui_state_touches_session_state():
    for path in modules():
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(PACKAGE)
        if layer_of(path) != "ui":
            assert "streamlit" not in imported_names(path), rel
        if rel != Path("ui/state.py"):
            assert "session_state" not in text, f"{rel} touches st.session_state: go through bodymap.ui.state"


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | {
        (n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE)} is over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            size = node.end_lineno - node.lineno + 1
            assert size <= MAX_FUNCTION_LINES, f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} is {size} lines"


def test_the_checks_catch_a_violation(tmp_path):
    """The import check can fail: a content module importing the UI is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from bodymap.ui import state\nimport streamlit as st\n", encoding="utf-8")
    assert imported(bad) - LAYERS["content"] == {"ui"}
    assert "streamlit" in imported_names(bad)
