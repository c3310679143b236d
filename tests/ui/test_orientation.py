"""The first page says what the tool decides, what it does not, and that everything stays on this machine."""

from __future__ import annotations

import sys

from ui_helpers import REPO, new_app, texts

from assistant.settings import get_settings

sys.path.insert(0, str(REPO / "ui"))
from views.orientation import data_note  # noqa: E402


def test_first_page_orients_the_lawyer(data_dir):
    at = new_app()  # no matter open: the first page
    page = texts(at)
    assert "本工具判断什么" in page and "电子商务法》第三十八条" in page
    assert "本工具不判断什么" in page and "行政责任与刑事责任" in page
    assert f"只保存在本机（{data_dir}）" in page and "未配置大模型接口" in page


def test_the_data_note_says_when_facts_leave_the_machine(data_dir, monkeypatch):
    assert "不向外发送任何内容" in data_note(get_settings())
    monkeypatch.setenv("LEXMEMO_LLM", "openai")
    monkeypatch.setenv("LEXMEMO_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    note = data_note(get_settings())
    assert "案情事实会发送至该接口" in note and "http://127.0.0.1:9/v1" in note and "不向外发送任何内容" not in note
