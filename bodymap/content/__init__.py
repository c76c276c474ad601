"""Content: reading and validating the YAML into an immutable Atlas (the bottom layer)."""
