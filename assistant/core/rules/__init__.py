"""Rule modules, one per instrument or topic; importing this package registers every rule."""

from assistant.core.rules import (  # noqa: F401  (imported for their @rule registrations)
    bars,
    burden,
    cpl_44,
    ecl_38_1,
    ecl_38_2,
    expanded_damage,
    fsl_131,
    self_operated,
    time_as_of,
)
