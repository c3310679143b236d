"""Batch verdicts (``classify(..., trace=False)``): no trace, and section 7 computed on first use.

Section 7 (remedies, forum, limitation) costs more than the liability rules themselves; a batch that keeps only
the form and the missing facts never pays for it. The first read of ``remedies``, ``forum`` or ``limitation``, or
any dump, copy or comparison, computes all three exactly as the eager path does (their ``trace`` lists empty).
"""

from __future__ import annotations

from typing import Any, Callable

from pydantic import PrivateAttr

from assistant.core.models import ClaimFacts, Verdict
from assistant.core.remedies import attach_advice
from assistant.core.remedies.advice import limitation_and_punitive

#: The Verdict fields filled by spec section 7 (7.8): absent from ``__dict__`` until first use.
ADVICE_FIELDS = ("remedies", "forum", "limitation")


class BatchVerdict(Verdict):
    """A Verdict whose section-7 objects are computed on first use (same fields, same JSON)."""

    _pending: Any = PrivateAttr(default=None)   # (facts, seller_route) until section 7 has run

    def resolve(self) -> "BatchVerdict":
        """Run section 7 now if it has not run yet; returns self."""
        pending = self.__pydantic_private__.get("_pending") if self.__pydantic_private__ else None
        if pending is not None:
            self.__pydantic_private__["_pending"] = None
            facts, seller_route = pending
            attach_advice(self, facts, seller_route, trace=False)
        return self

    def limitation_and_punitive(self) -> tuple[Any, Any]:
        """(``limitation``, ``remedies.punitive.recommended``): read when section 7 has run, else computed alone
        without running it (a triage row needs only these; issue 18)."""
        pending = self.__pydantic_private__.get("_pending") if self.__pydantic_private__ else None
        if pending is None:
            return self.limitation, ((self.remedies or {}).get("punitive") or {}).get("recommended")
        return limitation_and_punitive(self, *pending)

    def __getattr__(self, name: str) -> Any:
        # only reached for names missing from __dict__: the advice fields while pending
        if name in ADVICE_FIELDS:
            self.resolve()
            if name in self.__dict__:
                return self.__dict__[name]
        return super().__getattr__(name)

    def model_dump(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """``Verdict.model_dump`` after section 7 has run."""
        return super(BatchVerdict, self.resolve()).model_dump(*args, **kwargs)

    def model_dump_json(self, *args: Any, **kwargs: Any) -> str:
        """``Verdict.model_dump_json`` after section 7 has run."""
        return super(BatchVerdict, self.resolve()).model_dump_json(*args, **kwargs)

    def model_copy(self, *args: Any, **kwargs: Any) -> "BatchVerdict":
        """``Verdict.model_copy`` after section 7 has run."""
        return super(BatchVerdict, self.resolve()).model_copy(*args, **kwargs)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, BatchVerdict):
            other.resolve()
        return super(BatchVerdict, self.resolve()).__eq__(other)

    __hash__ = None  # type: ignore[assignment]  (as every pydantic model: mutable, unhashable)

    def __copy__(self) -> "BatchVerdict":
        return super(BatchVerdict, self.resolve()).__copy__()

    def __deepcopy__(self, memo: Any = None) -> "BatchVerdict":
        return super(BatchVerdict, self.resolve()).__deepcopy__(memo)

    def __getstate__(self) -> dict[Any, Any]:
        return super(BatchVerdict, self.resolve()).__getstate__()

    def __repr_args__(self):
        return super(BatchVerdict, self.resolve()).__repr_args__()

    def __iter__(self):
        return super(BatchVerdict, self.resolve()).__iter__()


def _defaults() -> list[tuple[str, Any, Any]]:
    """(name, default, default factory) of every Verdict field, in field order (computed once)."""
    return [(name, f.default, f.default_factory) for name, f in Verdict.model_fields.items()]


_DEFAULTS = _defaults()
#: The fields the engine gives a batch verdict, in field order (section 7's are left out until first use).
_BATCH_ORDER = tuple(name for name, _, _ in _DEFAULTS if name not in ("remedies", "forum", "limitation"))


def _fast_construct(cls: type, fields: dict[str, Any], private: Any, skip: tuple[str, ...] = ()) -> Verdict:
    """``cls.model_construct(**fields)`` without its per-call default-factory inspection (a third of its cost).

    Every missing field takes its default (factories called); ``skip`` leaves fields out of ``__dict__``.
    Used only if it matches ``model_construct`` at import (below).
    """
    if cls is BatchVerdict and tuple(fields) == _BATCH_ORDER:
        values = fields   # the engine's batch fields: every field but section 7's, in field order (no defaults)
    elif cls is Verdict or cls is BatchVerdict:
        values = {}
        for name, default, factory in _DEFAULTS:
            if name in fields:
                values[name] = fields[name]
            elif name not in skip:
                values[name] = factory() if factory is not None else default
    else:
        values = fields   # checked_constructor: every field given, in field order (dict built there)
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", private)
    return obj


def _same_as_model_construct() -> bool:
    """Whether ``_fast_construct`` builds what ``model_construct`` builds, for a full and a partial field set."""
    from assistant.core.models import DoctrineInfo

    for sample in ({"liability_form": "none", "doctrine": DoctrineInfo(profile="qin2025", alternatives={}),
                    "notes": ["n"], "on_record": "none"},
                   {name: f.get_default(call_default_factory=True) for name, f in Verdict.model_fields.items()
                    if name not in ("liability_form", "doctrine")} | {
                       "liability_form": "none", "doctrine": DoctrineInfo(profile="qin2025", alternatives={})}):
        for cls, private in ((Verdict, None), (BatchVerdict, {"_pending": None})):
            fast, slow = _fast_construct(cls, dict(sample), private), cls.model_construct(**sample)
            if not (fast == slow and fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
                    and fast.model_fields_set == slow.model_fields_set
                    and fast.__pydantic_private__ == slow.__pydantic_private__
                    and fast.model_dump_json() == slow.model_dump_json()):
                return False
    return True


_FAST = _same_as_model_construct()


def checked_constructor(cls: type, sample: dict[str, Any]) -> Callable[..., Any]:
    """A constructor of ``cls`` from every field, valid already: unvalidated when that builds exactly what
    validation builds for ``sample`` (no field transformed), else the validating ``cls`` itself."""
    names = tuple(cls.model_fields)
    new, set_ = cls.__new__, object.__setattr__

    def fast(**values: Any) -> Any:
        if tuple(values) != names:   # every field, given in field order (the engine's calls): the dict as is
            if len(values) != len(names):
                return cls(**values)
            values = {name: values[name] for name in names}
        # ``_fast_construct(cls, values, None)`` inlined: a few of these are built per claim
        obj = new(cls)
        set_(obj, "__dict__", values)
        set_(obj, "__pydantic_fields_set__", set(values))
        set_(obj, "__pydantic_extra__", None)
        set_(obj, "__pydantic_private__", None)
        return obj

    built, checked = fast(**sample), cls(**sample)
    same = (set(sample) == set(cls.model_fields) and not cls.__private_attributes__ and built == checked
            and built.__dict__ == checked.__dict__ and list(built.__dict__) == list(checked.__dict__)
            and built.model_fields_set == checked.model_fields_set
            and built.model_dump_json() == checked.model_dump_json())
    return fast if same else cls


def full_verdict(fields: dict[str, Any]) -> Verdict:
    """``Verdict.model_construct(**fields)`` for the engine's (already valid) fields."""
    return _fast_construct(Verdict, fields, None) if _FAST else Verdict.model_construct(**fields)


def batch_verdict(fields: dict[str, Any], facts: ClaimFacts, seller_route: bool) -> BatchVerdict:
    """A BatchVerdict of the engine's (already valid) ``fields``, section 7 pending."""
    if _FAST:
        return _fast_construct(BatchVerdict, fields, {"_pending": (facts, seller_route)}, ADVICE_FIELDS)
    verdict = BatchVerdict.model_construct(**fields)
    for name in ADVICE_FIELDS:
        verdict.__dict__.pop(name, None)
        verdict.__pydantic_fields_set__.discard(name)
    verdict.__pydantic_private__["_pending"] = (facts, seller_route)
    return verdict
