"""Extractors: pure functions from an article body to span records (see `spans.py`)."""
