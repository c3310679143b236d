"""Spec section 7: from the liability verdict to advice — remedies (H, P, S), forum (F, D), limitation (L).

``attach_advice(verdict, facts, seller_route)`` fills ``verdict.remedies``, ``verdict.forum`` and
``verdict.limitation`` (JSON-ready dicts in the shape of 7.8); it never changes the liability part (S1).
"""

from assistant.core.remedies.advice import attach_advice

__all__ = ["attach_advice"]
