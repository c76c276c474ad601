"""Reference: pure look-ups, ranking, search, the screen model and its text, over an Atlas."""
