"""Page load and click latency of bodymap against the framework floor, measured in the same run.

Run: .venv/bin/python -m bench.latency [--clicks 36] [--loads 8] [--json]   (from the repository root)

Serves bodymap (app.py) and the floor (bench/floor_app.py; also its choropleth variant unless
--no-geo-floor) at the same time on free ports with the same flags, and interleaves the
measurements (load A, load B, ...; blocks of clicks A, B, ...) so machine noise hits all alike.
- load: navigation start -> the chart has its shapes and the script state is notRunning (fresh
  browser context each time; the first load of each server is a warm-up, reported apart).
- click: pointerdown of a real mouse click inside a region -> the panel title names the region
  (DOM mutation), alternating between regions of the Front and the Back view, both on the page at
  once (no view switching, unless --views names the controls to click). Click targets are the
  regions of the body trace only (not the chosen-colour underlay under them), and a region is never
  clicked twice in a row (a second click would unselect it).
- server work: script run time per click (logged by bench.serve, the app is untouched) and
  bytes received over the websocket per click and per load.
- figure payload: len(build_figure(...).to_json()) per view (pure, no server).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from bench import harness as h
from bench.figures import figure_payload
from tests.support.live_app import (
    CHART,
    READY,
    hover_then_click,
    launch_chromium,
    rerun,
    script_runs,
    wait_idle,
    watch_runs,
)

BLOCK = 6  # clicks per target before switching to the next one


class Session:
    """One page on one server, counting websocket bytes received."""

    def __init__(self, browser, server: h.Server, target: h.Target):
        self.server, self.target = server, target
        self.context = browser.new_context(viewport=h.VIEWPORT)
        watch_runs(self.context)
        self.page = self.context.new_page()
        self.ws_bytes = 0
        self.last_click: float | None = None  # time.monotonic() of the last click (see h.CLICK_GAP_S)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._count))

    def _count(self, payload) -> None:
        self.ws_bytes += len(payload)

    def close(self) -> None:
        self.context.close()


def measure_load(browser, server: h.Server, target: h.Target) -> dict:
    """Navigation start -> interactive chart, in a fresh context."""
    s = Session(browser, server, target)
    try:
        s.page.goto(server.url, wait_until="commit")
        s.page.wait_for_function(h.JS_LOADED, arg=[READY, target.shapes, 1], polling="raf", timeout=60_000)
        loaded = s.page.evaluate("window.__loaded")
        dcl = s.page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        time.sleep(0.2)
        return {"ms": loaded, "dcl_ms": dcl, "ws_bytes": s.ws_bytes}
    finally:
        s.close()


def open_ready(browser, server: h.Server, target: h.Target) -> Session:
    s = Session(browser, server, target)
    s.page.goto(server.url)
    s.page.wait_for_function(h.JS_LOADED, arg=[READY, target.shapes, 1], polling="raf", timeout=60_000)
    return s


def settle(s: Session, since: int, runs0: int, timeout: float = 30.0) -> None:
    """Wait until the run a click started is over: the page saw a run start after `since` (a `script_runs`
    count) or the server logged one after `runs0`, and the page is idle. The server's log is needed too: a
    fast run can start and finish within one render of the page, so its script state never leaves
    notRunning in the DOM and the page counts no run (seen on the floor, about one click in ten). Just for
    idle if the click caused no run within `timeout` (a missed click)."""
    page, deadline = s.page, time.monotonic() + timeout
    while time.monotonic() < deadline:
        if script_runs(page) > since or len(s.server.runs()) > runs0:
            break
        time.sleep(0.02)
    wait_idle(page, timeout=30_000)


def switch_view(s: Session, label: str) -> bool:
    """Click the control labelled `label` (button, radio, tab or pill); False if there is none."""
    page = s.page
    # Roles only: plain text would also match the map's own SVG labels ("Front", "Back").
    for loc in (page.get_by_role("tab", name=label, exact=True), page.get_by_role("button", name=label, exact=True),
                page.get_by_role("radio", name=label, exact=True)):
        try:
            if loc.count() and loc.first.is_visible():
                with rerun(page, timeout=30_000):
                    loc.first.click()  # Playwright scrolls the control (under the map) into view first
                page.wait_for_function(h.JS_LOADED, arg=[READY, s.target.shapes, 1], timeout=30_000)
                # The map back in the middle of the window, its top clear of Streamlit's sticky header.
                page.locator(CHART).first.evaluate("e => e.scrollIntoView({block: 'center'})")
                page.wait_for_timeout(300)  # plotly draws the new figure after the run
                return True
        except PlaywrightError:
            continue
    return False


def shape_targets(s: Session) -> list[dict]:
    return s.page.evaluate(h.JS_TARGETS, [s.target.shapes, s.target.trace])


def click_once(s: Session, t: dict) -> dict:
    """One timed click at t's interior point; the panel must come to name t["name"]."""
    page, target = s.page, s.target
    time.sleep(h.click_gap(s.last_click))  # never two clicks within plotly's double-click delay
    page.evaluate(h.JS_ARM, [target.title, target.fallback, t["name"]])  # the timer starts at the pointerdown
    bytes0, runs0, wall0, started = s.ws_bytes, len(s.server.runs()), time.time(), script_runs(page)
    try:
        # plotly selects the last (throttled) hover: click once it is on the target
        try:
            hover_then_click(page, t["x"], t["y"], t["key"], timeout=10_000)
        finally:
            s.last_click = time.monotonic()
        page.wait_for_function(h.JS_DONE, timeout=10_000, polling="raf")
        res = page.evaluate(h.JS_RESULT)
        ok = True
    except (PlaywrightError, AssertionError):
        res, ok = {"ms": None, "how": None}, False
    settle(s, started, runs0, timeout=30.0 if ok else 2.0)  # a missed click may have started no run
    runs = s.server.runs()[runs0:]
    return {"key": t["key"], "name": t["name"], "ok": ok, "ms": res["ms"], "how": res["how"],
            "server_ms": sum(r["ms"] for r in runs),
            "script_ms": sum(r["ms"] - r.get("finish_ms", 0) for r in runs), "runs": len(runs),
            "ws_bytes": s.ws_bytes - bytes0,
            "wall_s": time.time() - wall0}


def plan_clicks(s: Session, count: int) -> list[tuple[str | None, list[dict]]]:
    """Blocks of (view label or None, clicks), alternating views, `count` clicks in all. Without view
    controls to switch (the default), one view None whose clicks alternate between the target's groups."""
    views = list(s.target.views) or [None]
    per_view: dict[str | None, list[dict]] = {}
    for label in views:
        if label is not None and not switch_view(s, label):
            per_view = {None: shape_targets(s)}
            break
        per_view[label] = shape_targets(s)
    names = s.target.names
    plans = {v: h.click_plan(ts, names, count, groups=s.target.groups) for v, ts in per_view.items()}
    plans = {v: p for v, p in plans.items() if p}
    if not plans:
        raise RuntimeError(f"{s.target.name}: no clickable shapes matched {s.target.shapes!r}")
    blocks, used = [], {v: 0 for v in plans}
    total, order = 0, list(plans)
    while total < count:
        for v in order:
            chunk = plans[v][used[v]:used[v] + BLOCK]
            if len(chunk) < BLOCK:  # wrap around
                used[v] = 0
                chunk = plans[v][:BLOCK]
            used[v] += BLOCK
            chunk = chunk[: count - total]
            if chunk:
                blocks.append((v, chunk))
                total += len(chunk)
    return blocks


def run_clicks(s: Session, blocks_left: list, prev_name: list) -> list[dict]:
    """Run the next block of clicks on this session (switching view first); returns their results."""
    view, chunk = blocks_left.pop(0)
    if view is not None:
        switch_view(s, view)
    fresh = {t["key"]: t for t in shape_targets(s)}  # positions after the view switch / last rerun
    out = []
    for t in chunk:
        if t["key"] in fresh and not fresh[t["key"]]["visible"]:
            continue  # out of the window or covered (the page scrolled since the plan was made)
        t = {**t, **{k: fresh[t["key"]][k] for k in ("x", "y")}} if t["key"] in fresh else t
        if prev_name and h.names_clash(t["name"], prev_name[0]):
            continue
        r = click_once(s, t)
        r["view"] = view or s.target.groups.get(t["key"])
        out.append(r)
        prev_name[:] = [t["name"]]
    return out


def _fmt(ms: float) -> str:
    return "-" if ms != ms else f"{ms:.0f} ms"


def report(results: dict) -> str:
    targets = results["targets"]
    floor = results["loads"].get("floor")
    lines = ["### Page load (navigation start -> chart drawn, script idle)", "",
             "| app | loads | median | p95 | / floor (median) | DOMContentLoaded median | ws bytes at load |",
             "|---|---|---|---|---|---|---|"]
    for name in targets:
        loads = results["loads"][name]
        st = h.summary([x["ms"] for x in loads])
        ratio = st["median"] / h.summary([x["ms"] for x in floor])["median"] if floor else float("nan")
        lines.append(f"| {name} | {st['n']} | {_fmt(st['median'])} | {_fmt(st['p95'])} | {ratio:.2f} | "
                     f"{_fmt(h.pct([x['dcl_ms'] for x in loads], 50))} | "
                     f"{h.pct([x['ws_bytes'] for x in loads], 50):,.0f} |")
    lines.append("")
    lines.append("First (warm-up) load per server: " + ", ".join(
        f"{n} {results['warmup'][n]['ms']:.0f} ms" for n in targets))
    lines += ["", "### Click -> panel names the region", "",
              "| app | clicks | missed | median | p95 | / floor (median) | / floor (p95) | script median | "
              "script p95 | server run incl. post-run GC, median | ws bytes per click |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    fclicks = [c["ms"] for c in results["clicks"].get("floor", []) if c["ok"]]
    for name in targets:
        clicks = results["clicks"][name]
        ok = [c["ms"] for c in clicks if c["ok"]]
        st = h.summary(ok)
        fm, fp = h.pct(fclicks, 50), h.pct(fclicks, 95)
        srv = [c["script_ms"] for c in clicks if c["ok"]]
        tot = [c["server_ms"] for c in clicks if c["ok"]]
        lines.append(
            f"| {name} | {len(clicks)} | {len(clicks) - len(ok)} | {_fmt(st['median'])} | {_fmt(st['p95'])} | "
            f"{st['median'] / fm:.2f} | {st['p95'] / fp:.2f} | {_fmt(h.pct(srv, 50))} | {_fmt(h.pct(srv, 95))} | "
            f"{_fmt(h.pct(tot, 50))} | "
            f"{h.pct([c['ws_bytes'] for c in clicks if c['ok']], 50):,.0f} |")
    views = {}
    for c in results["clicks"].get("bodymap", []):
        if c["ok"]:
            views.setdefault(c["view"] or "-", []).append(c["ms"])
    if views:
        lines.append("")
        lines.append("bodymap clicks by view: " + ", ".join(
            f"{v}: {len(ms)} clicks, median {h.pct(ms, 50):.0f} ms" for v, ms in views.items()))
    lines += ["", "### Figure payload (pure build_figure without the cached base, then .to_json())", "",
              "| views | state | JSON bytes | traces | build | to_json |", "|---|---|---|---|---|---|"]
    for row in results["payload"]:
        if "error" in row:
            lines.append(f"| {row['view']} | {row.get('state', '')} | n/a: {row['error']} | | | |")
        else:
            lines.append(f"| {row['view']} | {row['state']} | {row['bytes']:,} | {row['traces']} | "
                         f"{row['build_ms']:.1f} ms | {row['to_json_ms']:.1f} ms |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clicks", type=int, default=36, help="timed clicks per app (default 36)")
    ap.add_argument("--loads", type=int, default=8, help="timed page loads per app (default 8)")
    ap.add_argument("--views", default="",
                    help="labels of view controls to switch between (tab/button/radio, e.g. 'Front,Back' of "
                         "bodymap's Both / Front / Back control); default none: both views are on the page")
    ap.add_argument("--title", default=".st-key-panel-title", help="CSS selector of the panel title")
    ap.add_argument("--floor-height", type=int, default=640)
    ap.add_argument("--floor-layout", default="centered", choices=["centered", "wide"])
    ap.add_argument("--no-geo-floor", action="store_true", help="skip the choropleth floor")
    ap.add_argument("--only", default="", help="comma-separated target names to run (default all)")
    ap.add_argument("--json", action="store_true", help="also write bench/results/latency-*.json")
    args = ap.parse_args()

    views = tuple(v for v in args.views.split(",") if v)
    targets = [h.bodymap_target(views, args.title), h.floor_target("scatter", args.floor_height, args.floor_layout)]
    if not args.no_geo_floor:
        targets.append(h.floor_target("geo", args.floor_height, args.floor_layout))
    if args.only:
        targets = [t for t in targets if t.name in args.only.split(",")]
    results = {"targets": [t.name for t in targets], "args": vars(args), "loads": {}, "clicks": {}, "warmup": {},
               "payload": figure_payload()}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch_chromium(p)
        servers = {}
        with ExitStack() as stack:
            for t in targets:
                servers[t.name] = stack.enter_context(h.serve(t, Path(tmp)))
            for t in targets:
                results["warmup"][t.name] = measure_load(browser, servers[t.name], t)
                results["loads"][t.name] = []
            for _ in range(args.loads):
                for t in targets:
                    results["loads"][t.name].append(measure_load(browser, servers[t.name], t))
            sessions = {t.name: open_ready(browser, servers[t.name], t) for t in targets}
            blocks = {n: plan_clicks(s, args.clicks) for n, s in sessions.items()}
            prev = {n: [] for n in sessions}
            for n in sessions:
                results["clicks"][n] = []
            while any(blocks.values()):
                for n, s in sessions.items():
                    if blocks[n]:
                        results["clicks"][n] += run_clicks(s, blocks[n], prev[n])
            for s in sessions.values():
                s.close()
            for t in targets:
                results.setdefault("server_log", {})[t.name] = servers[t.name].runs()
        browser.close()
    print(report(results))
    if args.json:
        print(f"\nwrote {h.write_json('latency', results)}")


if __name__ == "__main__":
    main()
