"""Fixtures for the section-7 tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def corpus():
    """The project corpus (to resolve every cited provision id)."""
    from assistant.corpus import load_corpus

    return load_corpus()
