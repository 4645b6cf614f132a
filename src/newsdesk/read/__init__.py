"""newsdesk.read stage."""
