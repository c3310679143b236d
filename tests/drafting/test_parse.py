"""The reply parser: a pure function from a model reply to a memo and its sections; it removes no memo text."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from assistant.drafting.parse import parse_reply
from assistant.memo.sections import SECTIONS

BODY = "\n\n".join(f"## {n}、{name}\n\n{name}的内容[S1]" for n, name in zip("一二三四五六七八", SECTIONS))
MEMO = "# 备忘录标题\n\n" + BODY


def test_complete_memo_parses_into_eight_sections():
    """A well-formed reply keeps its title and all eight sections, text unchanged."""
    parsed = parse_reply(MEMO, "默认标题")
    assert parsed.title == "备忘录标题"
    assert list(parsed.sections) == list(SECTIONS)
    assert parsed.sections["依据"] == "依据的内容[S1]"
    assert parsed.complete and parsed.missing == () and parsed.unexpected == ()
    assert parsed.markdown == MEMO + "\n"


def test_fenced_reply_with_reasoning_block_is_unwrapped():
    """A ``<think>`` block and a fence around the whole reply are wrapping, not memo text."""
    reply = "<think>先想一想</think>\n```markdown\n" + MEMO + "\n```\n"
    parsed = parse_reply(reply, "默认标题")
    assert parsed.markdown == MEMO + "\n"
    assert "先想一想" not in parsed.markdown


def test_missing_title_gets_default_and_missing_sections_are_listed():
    """No ``#`` title → the expected one is prepended; absent sections are named, nothing is invented."""
    reply = "## 一、问题\n\n问题正文\n\n## 二、简要结论\n\n责任形态：补充责任\n\n## 附录\n\n多余"
    parsed = parse_reply(reply, "默认标题")
    assert parsed.markdown.startswith("# 默认标题\n\n## 一、问题")
    assert parsed.missing == ("事实与假设", "法律分析", "风险提示", "建议", "依据", "声明")
    assert parsed.unexpected == ("附录",)
    assert "多余" in parsed.markdown


def test_message_objects_and_text_blocks_are_read():
    """An AIMessage, or content given as text blocks, reads the same as a string."""
    assert parse_reply(AIMessage(content=MEMO), "t").markdown == MEMO + "\n"
    blocks = AIMessage(content=[{"type": "text", "text": MEMO[:10]}, {"type": "text", "text": MEMO[10:]}])
    assert parse_reply(blocks, "t").markdown == MEMO + "\n"


def test_unreadable_reply_is_a_type_error():
    """A reply that carries no text is an error, not an empty memo."""
    with pytest.raises(TypeError):
        parse_reply(42, "t")
