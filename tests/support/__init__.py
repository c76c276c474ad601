"""Plain helpers shared by the tests and bench/ (no pytest fixtures here, so bench can import them)."""
