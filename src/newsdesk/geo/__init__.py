"""newsdesk.geo stage."""
