"""The body map as a plotly figure: pure code, no streamlit. The public face of `bodymap.drawing`.

Regions are drawn as a `go.Choropleth` over a custom GeoJSON on an invisible equirectangular geo,
so a click or tap anywhere inside a region selects it (plotly reports the feature id as the point's
`location`). The code lives in `frame` (views and the body-units -> lon/lat mapping), `base` (the
static, cacheable map), `overlays` (`build_figure`: an `Overlay` and the selection over a copy of the
base) and `traces` (the overlay traces); this module re-exports what callers use.
"""

from bodymap.drawing.base import BASE_NAME, HEIGHTS, UNDERLAY_NAME, base_figure
from bodymap.drawing.frame import (
    DEG_PER_UNIT,
    VIEW_SPACING,
    VIEWS,
    check_views,
    region_geojson,
    shown_regions,
    to_lonlat,
    view_offsets,
)
from bodymap.drawing.overlays import (
    HIGHLIGHT_LABEL,
    HIGHLIGHT_NAME,
    LOOSE_POINTS_NAME,
    PAIN_LEGEND,
    PAIN_LEVELS_NAME,
    PAIN_NAME,
    build_figure,
    chosen_in,
    pain_opacity,
)
from bodymap.drawing.traces import DOT_SPACING, HATCH_SPACING

__all__ = [
    "BASE_NAME", "DEG_PER_UNIT", "DOT_SPACING", "HATCH_SPACING", "HEIGHTS", "HIGHLIGHT_LABEL",
    "HIGHLIGHT_NAME", "LOOSE_POINTS_NAME", "PAIN_LEGEND", "PAIN_LEVELS_NAME", "PAIN_NAME", "UNDERLAY_NAME", "VIEWS",
    "VIEW_SPACING", "base_figure", "build_figure", "check_views", "chosen_in", "pain_opacity", "region_geojson",
    "shown_regions", "to_lonlat", "view_offsets",
]
