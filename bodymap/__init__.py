"""bodymap: an interactive body map of myofascial trigger points and dry needling."""

__version__ = "0.1.0"
