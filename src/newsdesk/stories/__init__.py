"""newsdesk.stories stage."""
