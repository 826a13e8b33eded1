"""Management commands of the ecosystem app."""
