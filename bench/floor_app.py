"""The framework floor: a minimal Streamlit app with one plotly chart (on_select) and one text line.

bench/latency.py serves it beside bodymap and reports bodymap / floor ratios measured in the same run.
Environment: BENCH_FLOOR_HEIGHT (chart height in px, default 640), BENCH_FLOOR_LAYOUT ("centered" or
"wide", to match the app's page), BENCH_FLOOR_KIND ("scatter", the default floor: 48 square markers;
"geo": a choropleth of 48 squares on an invisible geo, the plotly route the app uses, to separate
plotly geo's own cost from the app's).
"""

import os

import plotly.graph_objects as go
import streamlit as st

N = 48  # one clickable cell per region-sized area, about as many as the body has regions per view
HEIGHT = int(os.environ.get("BENCH_FLOOR_HEIGHT", "640"))
KIND = os.environ.get("BENCH_FLOOR_KIND", "scatter")
# A topology with nothing in it; the trailing '#' turns the file name plotly appends into a fragment.
EMPTY_TOPOJSON = 'data:application/json,{"type":"Topology","objects":{},"arcs":[]}#'

st.set_page_config(page_title="floor", layout=os.environ.get("BENCH_FLOOR_LAYOUT", "centered"))
ids = [f"cell-{i}" for i in range(N)]
if KIND == "geo":
    features = []
    for i, cid in enumerate(ids):
        x0, y0 = (i % 8) * 10 - 40, (i // 8) * 10 - 30
        ring = [[x0, y0], [x0, y0 + 9], [x0 + 9, y0 + 9], [x0 + 9, y0], [x0, y0]]  # clockwise for plotly geo
        features.append({"type": "Feature", "id": cid, "properties": {}, "geometry": {"type": "Polygon",
                                                                                     "coordinates": [ring]}})
    fig = go.Figure(go.Choropleth(geojson={"type": "FeatureCollection", "features": features}, locations=ids,
                                  z=[i % 5 for i in range(N)], featureidkey="id", showscale=False))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="equirectangular")
else:
    fig = go.Figure(go.Scatter(x=[i % 8 for i in range(N)], y=[i // 8 for i in range(N)], mode="markers",
                               marker={"size": 40, "symbol": "square"}, customdata=ids))
fig.update_layout(height=HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False, showlegend=False)
event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="floor",
                        config={"displayModeBar": False, "topojsonURL": EMPTY_TOPOJSON})
points = (event or {}).get("selection", {}).get("points", [])
point = points[0] if points else {}
with st.container(key="panel-title"):
    st.write(f"Selected: {point.get('location') or point.get('customdata') or 'nothing'}")
