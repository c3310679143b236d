"""The Word memo's author (its 自 line and core properties) comes from the one settings object (``author``,
``LEXMEMO_AUTHOR``), never read from the environment by the export itself."""

from __future__ import annotations

import getpass

from docx import Document

from assistant.drafting import docx_export
from assistant.drafting.docx_export import default_author, memo_to_docx
from assistant.settings import Settings, get_settings

MEMO = "# 关于某平台责任的法律备忘录\n\n## 一、问题\n平台应否承担责任？\n"


def test_lexmemo_author_is_a_settings_field(monkeypatch):
    monkeypatch.setenv("LEXMEMO_AUTHOR", "王律师")
    assert get_settings().author == "王律师"
    monkeypatch.delenv("LEXMEMO_AUTHOR")
    assert get_settings().author is None


def test_the_export_takes_its_author_from_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXMEMO_AUTHOR", "王律师")
    doc = Document(str(memo_to_docx(MEMO, tmp_path / "memo.docx")))
    assert "自：王律师" in [p.text for p in doc.paragraphs] and doc.core_properties.author == "王律师"
    assert default_author(Settings(author="赵律师")) == "赵律师"  # a settings object passed in wins over the env


def test_without_an_author_setting_the_os_user_signs(monkeypatch):
    monkeypatch.delenv("LEXMEMO_AUTHOR", raising=False)
    assert default_author(Settings()) == getpass.getuser()
    assert default_author(Settings(author="  ")) == getpass.getuser()  # blank is unset, not an empty 自 line
    monkeypatch.setattr(docx_export.getpass, "getuser", lambda: (_ for _ in ()).throw(KeyError("no passwd entry")))
    assert default_author(Settings()) == "LexMemo"


def test_the_export_module_does_not_read_the_environment():
    import inspect

    assert "os.environ" not in inspect.getsource(docx_export)  # one settings object (DEVELOPERS.md)
