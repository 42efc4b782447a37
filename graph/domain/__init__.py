"""The domain questions, answered from flat query rows with the ranking done here.

Each answer is a list of actor rows, each with ``why``: the statements (or efforts: 3W rows,
IATI activities) that put the body in the answer, their status, how the place matched, and
the quoted source. The Cypher stays in graph.queries; these modules only join and rank,
identically for every store. One module per question: coverage (who covers, relations,
presence, bodies addressing a driver), drivers (the drivers reported in a place), brief (mandate
brief), overlap, gaps; snapshot holds the shared model.
"""

from graph.domain import scoped
from graph.domain.brief import brief_holders, mandate_brief, mandates_of_kind
from graph.domain.coverage import addressing, present_in, related_to, who_covers
from graph.domain.drivers import drivers_reported
from graph.domain.gaps import gaps
from graph.domain.overlap import overlap_cells, overlaps
from graph.domain.snapshot import (
    CLASS_LEVELS,
    COUNTRY,
    GENERAL_THEME,
    LEVEL_ORDER,
    MANDATE_KINDS,
    NO_REMIT,
    PARTNER_KINDS,
    PLACE_MATCH_RANK,
    PLACE_TO_LEVEL,
    PLACED,
    ROLE_WEIGHT,
    Ef,
    Snapshot,
    St,
    actor_row,
    effort_status,
    resolve_name,
)

__all__ = [
    "CLASS_LEVELS", "COUNTRY", "GENERAL_THEME", "LEVEL_ORDER", "MANDATE_KINDS", "NO_REMIT", "PARTNER_KINDS",
    "PLACED", "PLACE_MATCH_RANK", "PLACE_TO_LEVEL", "ROLE_WEIGHT", "Ef", "Snapshot", "St", "actor_row", "addressing", "brief_holders", "scoped",
    "drivers_reported",
    "effort_status", "gaps", "mandate_brief", "mandates_of_kind", "overlap_cells", "overlaps", "present_in",
    "related_to", "resolve_name", "who_covers",
]
