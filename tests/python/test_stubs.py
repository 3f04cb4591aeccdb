"""The shipped type stub describes the compiled module: same classes, same members."""

import ast
import inspect
from pathlib import Path

import ontrack
from ontrack import _core

STUB = Path(ontrack.__file__).with_name("_core.pyi")


def _stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_stub_and_typed_marker_ship():
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_every_runtime_name_is_in_the_stub():
    tree = _stub_tree()
    stub_classes = {node.name: node for node in tree.body
                    if isinstance(node, ast.ClassDef) and not node.name.startswith("_")}
    runtime_classes = {name for name, obj in vars(_core).items()
                       if inspect.isclass(obj) and not name.startswith("_")}
    assert runtime_classes == set(stub_classes)
    for name, node in stub_classes.items():
        runtime = getattr(_core, name)
        stub_members = {
            n.name if isinstance(n, (ast.FunctionDef, ast.ClassDef)) else getattr(getattr(n, "target", None), "id", None)
            for n in node.body
        }
        public = {m for m in vars(runtime) if not m.startswith("_")}
        missing = public - stub_members
        assert not missing, f"{name}: {sorted(missing)} missing from _core.pyi (run `make stubs`)"
