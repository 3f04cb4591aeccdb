"""Every notebook in examples/notebooks runs top to bottom, in a temporary directory, on this
interpreter; and is committed without outputs."""

import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "examples" / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds per cell


@pytest.fixture(scope="module")
def kernel_path(tmp_path_factory):
    """A "python3" kernelspec that runs this interpreter, found first on JUPYTER_PATH: the
    notebooks must run against the ontrack being tested, whatever kernels the machine has."""
    prefix = tmp_path_factory.mktemp("jupyter")
    path = str(prefix / "share" / "jupyter")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", path)
        install_kernelspec(prefix=str(prefix), kernel_name="python3")
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert spec.argv[0] == sys.executable
        yield path


def test_the_notebooks_exist():
    assert {p.stem for p in NOTEBOOKS} == {"quickstart", "build_a_plan", "many_series", "backtest"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


def outputs(nb, mime: str) -> list:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.get("output_type") in ("display_data", "execute_result") and mime in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, kernel_path: str, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", kernel_path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error

    assert list(tmp_path.iterdir()) == []  # the notebooks write nothing where they run
    html = " ".join(outputs(nb, "text/html"))
    assert 'class="ontrack-repr"' in html or path.stem == "many_series"
    assert outputs(nb, "image/png"), f"{path.name} draws no chart"
