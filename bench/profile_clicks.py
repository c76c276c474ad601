"""Where the server spends a click: cProfile of the script runs that real browser clicks trigger.

Run: .venv/bin/python -m bench.profile_clicks [--target bodymap|floor|floor-geo] [--clicks 20] [--top 30]

Serves the target through bench.serve with BENCH_PROFILE set (the app is untouched), loads it once,
clicks `--clicks` regions, then prints the functions with the largest cumulative time over the click
runs only (the first page load is profiled apart and subtracted by starting a fresh profile after it).
The raw stats are kept in bench/results/profile-<target>.pstats (open with `python -m pstats`).
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import harness as h
from bench.latency import open_ready, plan_clicks, run_clicks
from tests.support.live_app import launch_chromium


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default="bodymap", choices=["bodymap", "floor", "floor-geo"])
    ap.add_argument("--clicks", type=int, default=20)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--views", default="",
                    help="labels of view controls to switch between (default none: Front and Back are both shown)")
    ap.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    args = ap.parse_args()
    views = tuple(v for v in args.views.split(",") if v)
    target = {"bodymap": lambda: h.bodymap_target(views), "floor": lambda: h.floor_target("scatter"),
              "floor-geo": lambda: h.floor_target("geo")}[args.target]()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        prof = Path(tmp) / "runs.pstats"
        browser = launch_chromium(p)
        with h.serve(target, Path(tmp), profile=prof) as server:
            s = open_ready(browser, server, target)
            blocks = plan_clicks(s, args.clicks)  # with --views, also visits every view once
            s.page.wait_for_timeout(300)
            baseline = pstats.Stats(str(prof)) if prof.exists() else None
            base_calls = dict(baseline.stats) if baseline else {}
            prev: list = []
            clicks = []
            while blocks:
                clicks += run_clicks(s, blocks, prev)
            s.page.wait_for_timeout(300)
            s.close()
            n_runs = len(server.runs())
        browser.close()
        stats = pstats.Stats(str(prof))
        # Subtract what the load and view switches cost, so the numbers are per click.
        for func, (cc, nc, tt, ct, callers) in list(stats.stats.items()):
            if func in base_calls:
                bcc, bnc, btt, bct, _ = base_calls[func]
                stats.stats[func] = (cc - bcc, nc - bnc, tt - btt, ct - bct, callers)
        stats.total_tt = sum(v[2] for v in stats.stats.values())
        h.RESULTS.mkdir(parents=True, exist_ok=True)
        keep = h.RESULTS / f"profile-{args.target}.pstats"
        shutil.copy(prof, keep)
    ok = [c for c in clicks if c["ok"]]
    srv = [c["server_ms"] for c in ok]
    print(f"{args.target}: {len(clicks)} clicks ({len(clicks) - len(ok)} missed), {n_runs} script runs in all; "
          f"click median {h.pct([c['ms'] for c in ok], 50):.0f} ms, server run median {h.pct(srv, 50):.0f} ms "
          f"(profiler overhead included)")
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    print(f"raw stats (load + clicks): {keep}")


if __name__ == "__main__":
    main()
