"""The README's Python example runs as written (what the README promises is what is tested)."""

import re


def test_readme_python_blocks_run(repo, tmp_path, monkeypatch):
    text = (repo / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "README.md has no python example"
    monkeypatch.chdir(tmp_path)  # examples may write files
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
