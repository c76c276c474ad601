"""The figure alone (no server, no browser): representative map states and the JSON each view set sends."""

from __future__ import annotations

import time

from tests.support.live_app import ROOT


def figure_states(atlas) -> dict:
    """Representative map states -> callables building the figure: `build(views) -> plotly Figure`.

    States: nothing selected, a region selected, a muscle in focus (both sides) with its region selected.
    """
    from bodymap.drawing.figure import build_figure
    from bodymap.reference.lookup import muscle_overlay
    from bodymap.reference.overlay import Overlay

    region = next(iter(atlas.regions))
    muscle = next(iter(atlas.muscles))
    return {
        "nothing selected": lambda views: build_figure(atlas, Overlay(), None, views),
        # as the map draws it: nothing over the body, the region selected (plotly's selection)
        "a region selected": lambda views: build_figure(atlas, Overlay(), region, views),
        "a muscle in focus": lambda views: build_figure(atlas, muscle_overlay(atlas, muscle, None, (region,)), region,
                                                        views),
    }


def figure_payload() -> list[dict]:
    """Bytes of the figure JSON per view set and state (pure build, no server)."""
    try:
        from bodymap.content.loader import load_atlas
        from bodymap.drawing.figure import VIEWS

        atlas = load_atlas(ROOT / "data")
        states = figure_states(atlas)
    except Exception as exc:  # noqa: BLE001 - the app is being built; report instead of failing
        return [{"view": "-", "error": f"{type(exc).__name__}: {exc}"}]
    rows = []
    for views in [(v,) for v in VIEWS] + [tuple(VIEWS)]:
        for label, state in states.items():
            try:
                start = time.perf_counter()
                fig = state(views)
                built = time.perf_counter()
                text = fig.to_json()
                done = time.perf_counter()
                rows.append({"view": "+".join(views), "state": label, "bytes": len(text.encode()),
                             "build_ms": (built - start) * 1000, "to_json_ms": (done - built) * 1000,
                             "traces": len(fig.data)})
            except Exception as exc:  # noqa: BLE001
                rows.append({"view": "+".join(views), "state": label, "error": f"{type(exc).__name__}: {exc}"})
    return rows
