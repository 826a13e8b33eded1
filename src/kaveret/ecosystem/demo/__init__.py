"""The demo ecosystem: the real actors, communities and ties named in the seed documents.

``data`` holds what the seeds say (names, kinds, types, who founded what, who partnered with
whom); ``loader`` writes it idempotently; ``synthetic`` adds generated ventures in bulk for
load and scale testing. ``manage.py load_demo`` runs both.
"""
