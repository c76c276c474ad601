"""Browser tests: real Chromium against a real `streamlit run app.py`."""
