"""``lexmemo show ID``: the text with title, version and dates; an unknown id exits 2 naming the closest ids."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

import assistant.cli.corpus_cmds  # noqa: F401  (registers the verbs)
from assistant.cli import app

runner = CliRunner()


def test_show_prints_text_title_version_and_dates() -> None:
    result = runner.invoke(app, ["show", "ECL-38-2"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款" in out
    assert "对关系消费者生命健康的商品或者服务，电子商务平台经营者对平台内经营者的资质资格未尽到审核义务" in out
    assert "2018年8月31日第十三届全国人大常委会第五次会议通过的文本" in out
    assert "2019-01-01" in out


def test_show_repealed_law_gives_repeal_date() -> None:
    result = runner.invoke(app, ["show", "TLL-37-2"])
    assert result.exit_code == 0
    assert "废止：2021-01-01" in result.stdout and "2010-07-01" in result.stdout


def test_show_seed_section_and_case() -> None:
    seed = runner.invoke(app, ["show", "QIN-5.4.2"])
    assert seed.exit_code == 0 and "举证责任倒置的限制条件" in seed.stdout
    case = runner.invoke(app, ["show", "(2020)沪01民终5685号"])
    assert case.exit_code == 0 and "上海市第一中级人民法院" in case.stdout


def test_unknown_id_exits_2_naming_closest_ids() -> None:
    result = runner.invoke(app, ["show", "ECL-38-3"])
    assert result.exit_code == 2
    assert "ECL-38-3" in result.stderr and "ECL-38-2" in result.stderr
    assert result.stdout == ""


def test_console_script_end_to_end() -> None:
    """The installed entry point, as a user runs it (``python -m``-free: the module's main())."""
    code = "import sys; from assistant.cli import main; sys.argv = ['lexmemo', 'show', 'CC-1198-2']; main()"
    ok = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "经营者、管理者或者组织者承担补充责任后，可以向第三人追偿。" in ok.stdout
    code_bad = code.replace("CC-1198-2", "CC-1198-3")
    bad = subprocess.run([sys.executable, "-c", code_bad], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "CC-1198-2" in bad.stderr
