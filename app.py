"""bodymap: run with `streamlit run app.py`."""

from bodymap.ui.app import run

run()
