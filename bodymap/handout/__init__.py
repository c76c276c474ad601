"""Handout: the one-page PDF for what is on screen (fpdf2)."""
