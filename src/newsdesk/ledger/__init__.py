"""The ledger: every figure of a story across its reports, with revisions, disagreements and a range."""

from newsdesk.ledger.build import (LedgerUpdate, build_ledger, claims_from_reading, fold_claims, tally_group,
                                  update_ledger)
from newsdesk.ledger.rules import Interval, compatible, interval_of

__all__ = [
           "Interval",
           "LedgerUpdate",
           "build_ledger",
           "claims_from_reading",
           "compatible",
           "fold_claims",
           "interval_of",
           "tally_group",
           "update_ledger",
]
