"""Helpers shared by the figure tests: a small atlas, trace lookup, overlays of muscles, frame mapping."""

from __future__ import annotations

from bodymap.content import geometry
from bodymap.drawing.figure import DEG_PER_UNIT, view_offsets
from bodymap.reference.lookup import layer
from bodymap.reference.overlay import Overlay

MUSCLES = {
    "trap": [("neck", ["temple"], ["jaw", "temple"])],   # temple is both: it counts as essential only
    "scm": [("jaw", ["neck"], []), ("neck", ["ear"], ["sternum"])],
}


def small_atlas(make_atlas):
    """Four bilateral regions, one midline region and two muscles, in the front view."""
    return make_atlas(regions=["temple", "jaw", "neck", "ear"], midline=["sternum"], muscles=MUSCLES,
                      names={"trap": "Upper trapezius"})


def trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"{name!r}: {[t.name for t in fig.data]}"
    return found[0]


def names(fig):
    return [t.name for t in fig.data]


def ring_area(ring):
    return geometry.signed_area([tuple(p) for p in ring[:-1]])


def muscles(atlas, *specs):
    """An overlay of muscle layers numbered 1, 2, ...: each spec is a muscle id or (muscle id, side)."""
    specs = [(s, None) if isinstance(s, str) else s for s in specs]
    return Overlay(layers=tuple(layer(atlas, m, "muscle", i, side) for i, (m, side) in enumerate(specs, start=1)))


def alpha(rgba):
    return float(rgba.rsplit(",", 1)[1].rstrip(")"))


def to_frame(views, view, lon, lat):
    return (lon / DEG_PER_UNIT - view_offsets(views)[view], lat / DEG_PER_UNIT + 100)
