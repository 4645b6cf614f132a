"""newsdesk.extract stage."""
