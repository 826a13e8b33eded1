"""The ecosystem app's management commands."""
