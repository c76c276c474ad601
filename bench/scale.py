"""Content scale: load + validate and figure building for 1x, 3x and 10x the shipped atlas.

Run: .venv/bin/python -m bench.scale [--data data] [--scales 1,3,10] [--repeats 5] [--json]

Times are medians of --repeats runs; ratios are against 1x in the same run. Growth is called linear
when every scale's time per copy stays within 1.5x of the 1x time (cost(k) <= 1.5 * k * cost(1)).
Target (issue 5): 10x under 1 s for load + validate + figure build.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.harness import write_json
from bench.synthetic import make_scaled
from bodymap.content.loader import load_atlas

ROOT = Path(__file__).resolve().parents[1]
LINEAR_SLACK = 1.5
TARGET_10X_S = 1.0


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _figure_builder():
    """build(atlas) -> JSON text of every view's figure, or None while bodymap.drawing.figure is not there."""
    try:
        from bench.figures import figure_states
        from bodymap.drawing.figure import VIEWS
    except ImportError as exc:
        print(f"note: figure build not measured ({exc})")
        return None

    def build(atlas) -> str:
        """Both views with a muscle in focus: the base the app caches, and an overlay over it."""
        return figure_states(atlas)["a muscle in focus"](VIEWS).to_json()

    return build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / "data"))
    ap.add_argument("--scales", default="1,3,10")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    build = _figure_builder()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            data = make_scaled(Path(args.data), Path(tmp) / f"x{scale}", scale)
            atlas = load_atlas(data)
            load_s = _median_time(lambda data=data: load_atlas(data), args.repeats)
            fig_s = _median_time(lambda atlas=atlas: build(atlas), args.repeats) if build else float("nan")
            size = len(build(atlas).encode()) if build else 0
            tps = sum(len(m.trigger_points) for m in atlas.muscles.values())
            rows.append({"scale": scale, "regions": len(atlas.regions), "muscles": len(atlas.muscles),
                         "trigger_points": tps, "load_s": load_s, "figure_s": fig_s, "figure_bytes": size})
    base = rows[0]
    print("| scale | regions | muscles | trigger points | load + validate | ratio | figure build + JSON (all views) "
          "| ratio | JSON bytes | total |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    linear = True
    for r in rows:
        k = r["scale"] / base["scale"]
        lr, fr = r["load_s"] / base["load_s"], r["figure_s"] / base["figure_s"]
        linear &= lr <= LINEAR_SLACK * k and (fr != fr or fr <= LINEAR_SLACK * k)
        total = r["load_s"] + (0 if r["figure_s"] != r["figure_s"] else r["figure_s"])
        r["total_s"] = total
        print(f"| {r['scale']}x | {r['regions']} | {r['muscles']} | {r['trigger_points']} | "
              f"{r['load_s'] * 1000:.0f} ms | {lr:.2f} | "
              + ("n/a | - | - |" if r["figure_s"] != r["figure_s"] else
                 f"{r['figure_s'] * 1000:.0f} ms | {fr:.2f} | {r['figure_bytes']:,} |")
              + f" {total * 1000:.0f} ms |")
    top = rows[-1]
    print(f"\nGrowth: {'linear' if linear else 'NOT linear'} (each cost <= {LINEAR_SLACK}x proportional). "
          f"{top['scale']}x total {top['total_s'] * 1000:.0f} ms: "
          f"{'met' if top['total_s'] < TARGET_10X_S else 'NOT met'} (target < {TARGET_10X_S:.0f} s).")
    if args.json:
        print(f"wrote {write_json('scale', {'rows': rows, 'linear': linear})}")


if __name__ == "__main__":
    main()
