"""newsdesk.api stage."""
