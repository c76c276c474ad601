"""Drawing: the plotly body map (pure), its palette, fill patterns and click parsing."""
