"""newsdesk.ledger stage."""
