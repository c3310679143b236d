"""The first page lists recent matters with a search by name, date, liability form and limitation status (issue 16)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from ui_helpers import REPO, new_app, ok

sys.path.insert(0, str(REPO / "ui"))
from views.limitation_badge import EXPIRED, EXPIRING, OTHER, RUNNING  # noqa: E402
from views.matters_list import search_rows  # noqa: E402


def _row(name, updated, form_zh, level, corresponding=False):
    status = {EXPIRED: "已届满", EXPIRING: "即将届满（90日内）", RUNNING: "未届满", OTHER: "待定"}[level]
    return {"id": name, "name": name, "updated": updated, "form": None, "form_zh": form_zh, "level": level,
            "status_zh": status, "corresponding": corresponding}


ROWS = [
    _row("王某诉某外卖平台", "2024-05-03", "连带责任", EXPIRING),
    _row("李某诉某医药平台", "2024-05-20", "补充责任", RUNNING, corresponding=True),
    _row("张某诉某器械平台", "2023-11-02", "按份责任", EXPIRED, corresponding=True),
    _row("赵某诉某服装平台（2024年5月立案）", "2022-01-09", "事实不足，暂无法确定", OTHER),
]


def _names(query):
    return [r["name"][:2] for r in search_rows(ROWS, query)]


def test_search_by_date_in_either_form():
    assert _names("2024-05") == ["王某", "李某", "赵某"]  # 赵某's name says 2024年5月: a date also matches a name
    assert _names("2024年5月") == ["王某", "李某", "赵某"]
    assert _names("2024年5月3日") == ["王某"] and _names("2024/5/20") == ["李某"]
    assert _names("2023") == ["张某"] and _names("2019-01") == []


def test_search_by_form_status_and_name_all_words_must_match():
    assert _names("连带") == ["王某"] and _names("补充") == ["李某"]
    assert _names("相应") == ["李某", "张某"]  # the 相应的责任 of 电子商务法第三十八条第二款, whatever its reading
    assert _names("已过") == ["张某"] and _names("将届满") == ["王某"] and _names("未过") == ["李某"]
    assert _names("未知") == ["赵某"] and _names("待定") == ["赵某"]
    assert _names("医药") == ["李某"] and _names("平台 已过") == ["张某"] and _names("补充 已过") == []
    assert _names("") == ["王某", "李某", "张某", "赵某"] and _names("，连带，") == ["王某"]


def _first_page(at):
    ok(at.sidebar.selectbox(key="matter_select").set_value("__home__").run())
    return at


def _listed(at) -> list[str]:
    return [b.label for b in at.button if (b.key or "").startswith("recent_open_")]


def test_first_page_lists_searches_and_opens_recent_matters(data_dir):
    at = new_app(example="remedies_ex4")  # 补充责任 under 第三十八条第二款, 时效即将届满
    for name in ("remedies_ex6", "misleading_self_operated_2020_decided_2021"):  # 连带·已届满; 待定形态·未届满
        ok(at.sidebar.selectbox(key="example_select").set_value(name).run())
        ok(at.sidebar.button(key="example_load").click().run())
    _first_page(at)
    assert "本工具判断什么" in "".join(m.value for m in at.markdown)  # the orientation stays on the first page
    ex4, ex6 = "示例：赔偿示例四：2023年住宿致残", "示例：赔偿示例六：2021年缺陷商品欺诈致财产损失"  # Chinese titles
    misled = "示例：2020年误导性自营标识（2021年裁判）"
    assert _listed(at) == [misled, ex6, ex4]  # newest first
    meta = [c.value for c in at.caption if c.value.startswith("最近修改")]
    assert any("责任形态：补充责任" in m and "即将届满" in m for m in meta), meta
    today = datetime.now(timezone.utc)
    for query, expected in (("连带", [ex6]), ("相应 将届满", [ex4]), ("已过", [ex6]), ("未过", [misled]),
                            (f"{today.year}年{today.month}月", [misled, ex6, ex4]), ("2001-01", [])):
        ok(at.text_input(key="recent_search").input(query).run())
        assert _listed(at) == expected, query
    assert any("没有符合条件的事项" in i.value for i in at.info)
    ok(at.text_input(key="recent_search").input("缺陷商品").run())
    ok(at.button(key=[b.key for b in at.button if b.label == ex6][0]).click().run())
    assert at.header[0].value == ex6  # the matter page of the clicked matter
    assert at.sidebar.selectbox(key="matter_select").value != "__home__"
