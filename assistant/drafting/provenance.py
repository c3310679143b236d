"""Version and hash facts shared by the memo's 声明 and the receipt (no clock here)."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from typing import Any


def rules_version() -> str:
    """The liability rules' version: ``assistant.core.RULES_VERSION`` if defined, else the package version."""
    import assistant.core as core

    version = getattr(core, "RULES_VERSION", None)
    if version:
        return str(version)
    try:
        return f"lexmemo-{metadata.version('lexmemo')}"
    except metadata.PackageNotFoundError:
        return "lexmemo-unknown"


def canonical_json(data: Any) -> str:
    """Sorted-key, compact, UTF-8 JSON: the form that is hashed."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_text(text: str) -> str:
    """sha256 hex of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verdict_hash(verdict: Any) -> str:
    """sha256 of the canonical verdict JSON (``model_dump(mode="json")``)."""
    return sha256_text(canonical_json(verdict.model_dump(mode="json")))
