"""The Streamlit user interface: the only part of bodymap that imports streamlit."""
