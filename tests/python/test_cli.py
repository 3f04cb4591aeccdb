import json
import subprocess
import sys

import pytest

from ontrack.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True)


def test_plan_show_prints_every_domain_and_indicator(capsys, kundulun):
    assert main(["plan", "show"]) == 0
    out = capsys.readouterr().out
    for domain in kundulun.domains:
        assert domain.name.zh in out
    for indicator in kundulun.indicators():
        assert indicator.id in out
    assert "mmr[area=rural]" in out  # series references are shown as text, not markup


def test_plan_show_in_english(capsys):
    assert main(["plan", "show", "--lang", "en"]) == 0
    assert "Women and health" in capsys.readouterr().out


def test_validate_and_export(tmp_path, all_kinds_path):
    assert run("plan", "validate", str(all_kinds_path)).returncode == 0
    out = tmp_path / "export.json"
    result = run("plan", "export", str(all_kinds_path), "-o", str(out), "--quiet")
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "test-all-kinds"


def test_bad_file_gives_one_line_and_nonzero_exit(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ontrack.plan"}', encoding="utf-8")
    result = run("plan", "validate", str(bad))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "format_version" in lines[0]


def test_demo_prints_the_summary_and_writes_the_report(tmp_path, capsys, kundulun):
    out = tmp_path / "ontrack-report"
    assert main(["demo", "--out", str(out), "--format", "md,json"]) == 0
    printed = capsys.readouterr().out
    assert "全国（中国）数据" in printed  # the national stand-in label
    for domain in kundulun.domains:
        assert domain.name.zh in printed
    assert "达标率" in printed and "[高]" in printed and "合计" in printed
    assert "domain" not in printed and "total" not in printed and "[high]" not in printed  # Chinese throughout
    assert f"监测评估报告：{out / 'report.md'}" in printed
    assert sorted(p.name for p in out.iterdir()) == ["evaluation.json", "report.md"]
    assert "全国（中国）数据" in (out / "report.md").read_text(encoding="utf-8")


def test_demo_quiet_prints_nothing(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "r"), "--format", "json", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "r" / "evaluation.json").exists()


def test_unknown_report_format_is_one_line_and_writes_nothing(tmp_path):
    result = run("demo", "--out", str(tmp_path / "r"), "--format", "html,odt")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "'odt'" in result.stderr
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("args", [[], ["plan"], ["--help"], ["plan", "show", "--help"], ["demo", "--help"],
                                  ["evaluate", "--help"]])
def test_help_and_usage(args):
    result = run(*args)
    assert ("usage:" in result.stdout) or ("usage:" in result.stderr)
