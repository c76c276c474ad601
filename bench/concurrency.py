"""Many simultaneous sessions clicking against one server: latency, errors and server memory.

Run: .venv/bin/python -m bench.concurrency [--sessions 10,25,50] [--duration 30] [--target bodymap] [--json]

For each level N a fresh server is started (so memory and leftover sessions do not carry over),
N real browser contexts in one headless Chromium open the app (at most --open-parallel at a time),
then every session clicks regions in a loop for --duration seconds: move, wait until plotly's hover
is on the target (or, with --no-hover-check, pause 150 ms: plotly's hover throttle), click, wait until
the panel names the region (or 15 s: an error), wait until the script is idle and the chart shows the
region chosen (plotly's own selection on the clickable trace), think --think seconds. Latency is timed
in the page, as in bench.latency. Targets: bodymap's regions on both views (Front and Back are side by
side; the chosen-colour underlay under them is not a target), never the same region twice in a row
(a second click would unselect it).
Server memory is VmRSS of the server process tree, sampled every second; per session =
(peak during the loop - after the first page load) / N.
Caveat: browser and server share this machine's 2 cores, so at high N the latency is mostly
CPU contention between the two; compare levels and targets measured the same way, not absolutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from bench import harness as h
from tests.support.live_app import CHART, HOVERED, READY, launch_chromium


async def open_page(browser, server: h.Server, target: h.Target):
    context = await browser.new_context(viewport=h.VIEWPORT)
    page = await context.new_page()
    await page.goto(server.url, timeout=120_000)
    await page.wait_for_function(h.JS_LOADED, arg=[READY, target.shapes, 1], polling=100, timeout=120_000)
    return context, page


# What the chart shows as chosen: the keys (locations, else customdata) of the selected points of its
# clickable trace (the one named `traceName`, else the first that takes hover), as plotly holds them in
# gd._fullData (selectedpoints are indices into the trace's points). A click selects its point in the
# browser at once (a second click on it unselects it: plotly toggles), and a figure the server writes anew
# brings its own selection. [] when nothing is selected; null when there is no such trace.
JS_CHOSEN = """
([sel, traceName]) => {
  const gd = document.querySelector(sel), data = (gd && gd._fullData) || [];
  const t = data.find(t => traceName !== null ? t.name === traceName : t.hoverinfo !== 'skip');
  if (!t) return null;
  if (!Array.isArray(t.selectedpoints)) return [];
  const keys = t.locations || t.customdata || [];
  return t.selectedpoints.map(i => String(keys[i] ?? i));
}
"""
# The chart shows exactly [key] as chosen.
JS_CHOSEN_IS = (f"([sel, traceName, key]) => JSON.stringify(({JS_CHOSEN.strip()})([sel, traceName])) "
                "=== JSON.stringify([key])")
# Why a click missed, in the order the causes are checked (_miss_kind).
MISS_KINDS = ("hover not on target", "app error shown",
              "panel unchanged, chart shows the region chosen (the server did not apply the click in 15 s)",
              "chart shows nothing chosen (the click unselected a chosen region, or selected nothing)",
              "chart shows another region chosen (the click selected another region)",
              "panel names the region, chart does not show it chosen")


async def click_loop(page, target: h.Target, plan: list[dict], until: float, think: float, offset: int,
                     verify_hover: bool) -> dict:
    """Click through `plan` (starting at `offset`) until the deadline; returns latencies and errors.

    With verify_hover, a click is only made once plotly's hover is on the target (plotly selects the
    last *hovered* point, and hover is throttled: on a starved page a click right after a move selects
    the region hovered before). After the panel names the region, the loop also waits until the chart
    shows that region (and only it) chosen: plotly selects it in the browser on the click, and the
    server leaves the figure as it is when a click only chooses another region (when it does write a
    new figure, that figure brings its own selection). So the next click starts from a page that
    agrees with the server, and it is never a second click on the chosen region (which would unselect
    it)."""
    lat, errors, i, prev, aims, last_click = [], [], offset, None, {"re-aimed": 0}, None
    while time.monotonic() < until:
        t = plan[i % len(plan)]
        i += 1
        if prev and h.names_clash(t["name"], prev):
            continue
        named = False
        try:
            if verify_hover:
                await page.mouse.move(0, 0)
                await page.wait_for_function(HOVERED, arg=[CHART, None], polling=50, timeout=5_000)
                t = await _aim(page, target, t, aims)
                if t is None:
                    errors.append(MISS_KINDS[0])
                    prev = plan[(i - 1) % len(plan)]["name"]
                    await asyncio.sleep(think)
                    continue
            else:
                await page.mouse.move(t["x"] - 3, t["y"] - 3)
                await page.mouse.move(t["x"], t["y"], steps=2)
                await page.wait_for_timeout(150)  # plotly's hover throttle; a think time the floor gets too
            await asyncio.sleep(h.click_gap(last_click))  # never two clicks within plotly's double-click delay
            await page.evaluate(h.JS_ARM, [target.title, target.fallback, t["name"]])
            last_click = time.monotonic()
            await page.mouse.click(t["x"], t["y"])
            await page.wait_for_function(h.JS_DONE, polling=50, timeout=15_000)
            named = True
            lat.append((await page.evaluate(h.JS_RESULT))["ms"])
            await page.wait_for_selector(READY, timeout=15_000)
            await page.wait_for_function(JS_CHOSEN_IS, arg=[CHART, target.trace, t["key"]], polling=50,
                                         timeout=15_000)
            if await page.locator("[data-testid=stException]").count():
                errors.append(MISS_KINDS[1])
        except PlaywrightError as exc:
            with contextlib.suppress(PlaywrightError):  # recover: let the app settle before the next click
                await page.wait_for_selector(READY, timeout=15_000)
            errors.append(await _miss_kind(page, target, t["key"], named, exc))
        prev = t["name"]
        await asyncio.sleep(think)
    return {"lat": lat, "errors": errors, "re_aimed": aims["re-aimed"]}


async def _aim(page, target: h.Target, t: dict, aims: dict) -> dict | None:
    """Move onto `t` and wait for plotly's hover on it; if it does not come, measure the target's point
    again on this page and try once more (the drawing can move by a few pixels when the server writes a
    new figure: plotly geo refits it, so points measured on the first page can be off for small regions)."""
    await page.mouse.move(t["x"], t["y"], steps=2)
    try:
        await page.wait_for_function(HOVERED, arg=[CHART, t["key"]], polling=50, timeout=5_000)
        return t
    except PlaywrightError:
        pass
    aims["re-aimed"] += 1
    fresh = [x for x in await page.evaluate(h.JS_TARGETS, [target.shapes, target.trace])
             if x["key"] == t["key"]]
    if not fresh:
        return None
    t = {**t, "x": fresh[0]["x"], "y": fresh[0]["y"]}
    await page.mouse.move(0, 0)
    await page.mouse.move(t["x"], t["y"], steps=2)
    try:
        await page.wait_for_function(HOVERED, arg=[CHART, t["key"]], polling=50, timeout=5_000)
        return t
    except PlaywrightError:
        return None


async def _miss_kind(page, target: h.Target, key: str, named: bool, exc: Exception) -> str:
    """Why a click did not end as expected (the panel naming the region, then the chart showing it chosen):
    an error on the page; else what the chart shows as chosen once the app has settled. If the panel never
    named the region: the chart shows it chosen (plotly took the click, the server did not apply it, e.g. it
    went to an outdated chart, or took over 15 s), nothing chosen (the click unselected the region chosen
    before, or selected nothing), or another region (plotly's hover was elsewhere). If the panel named it
    but the chart does not show it chosen: the chart's selection disagrees with the server."""
    try:
        if await page.locator("[data-testid=stException]").count():
            return MISS_KINDS[1]
        chosen = await page.evaluate(JS_CHOSEN, [CHART, target.trace])
        if named:
            return MISS_KINDS[5] + (" (nothing chosen)" if not chosen else " (shown later)" if chosen == [key]
                                    else " (another region chosen)")
        if chosen is not None:
            return MISS_KINDS[2] if chosen == [key] else MISS_KINDS[3] if not chosen else MISS_KINDS[4]
    except PlaywrightError:
        pass
    return str(exc).splitlines()[0][:120]


async def sample_rss(server: h.Server, stop: asyncio.Event, out: list[int]) -> None:
    while not stop.is_set():
        out.append(server.rss_kib())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


async def run_level(p, target: h.Target, n: int, args, tmp: Path) -> dict:
    browser = await launch_chromium(p)
    try:
        with h.serve(target, tmp) as server:
            first_ctx, first = await open_page(browser, server, target)
            rss_one = server.rss_kib()
            shapes = await first.evaluate(h.JS_TARGETS, [target.shapes, target.trace])
            plan = h.click_plan(shapes, target.names, max(len(shapes), 2), groups=target.groups)
            if len(plan) < 2:
                raise RuntimeError(f"{target.name}: no clickable shapes matched {target.shapes!r}")
            gate = asyncio.Semaphore(args.open_parallel)

            async def opened():
                async with gate:
                    try:
                        return await open_page(browser, server, target)
                    except PlaywrightError:
                        return None  # counted below as a failed open

            t_open = time.monotonic()
            others = await asyncio.gather(*(opened() for _ in range(n - 1)))
            pages = [(first_ctx, first)] + [x for x in others if x is not None]
            failed_opens = n - len(pages)
            open_s = time.monotonic() - t_open
            rss_open = server.rss_kib()
            stop, samples = asyncio.Event(), []
            sampler = asyncio.create_task(sample_rss(server, stop, samples))
            until = time.monotonic() + args.duration
            runs0 = len(server.runs())
            results = await asyncio.gather(*(click_loop(pg, target, plan, until, args.think, k * 7,
                                                        not args.no_hover_check)
                                             for k, (_, pg) in enumerate(pages)))
            stop.set()
            await sampler
            runs = server.runs()[runs0:]
            for ctx, _ in pages:
                await ctx.close()
    finally:
        await browser.close()
    lat = [x for r in results for x in r["lat"]]
    errors = [e for r in results for e in r["errors"]]
    peak = max(samples + [rss_open])
    if failed_opens:
        errors += [f"page did not become interactive within 120 s (x{failed_opens})"] * failed_opens
    return {"target": target.name, "sessions": n, "clicks": len(lat), "errors": len(errors),
            "error_kinds": sorted(set(errors))[:5],
            "error_counts": {k: errors.count(k) for k in sorted(set(errors))},
            "re_aimed": sum(r.get("re_aimed", 0) for r in results),
            "p50": h.pct(lat, 50), "p95": h.pct(lat, 95),
            "clicks_per_s": len(lat) / args.duration, "open_s": open_s,
            "server_runs": len(runs), "script_ms_p50": h.pct([r["ms"] - r.get("finish_ms", 0) for r in runs], 50),
            "rss_one_mib": rss_one / 1024, "rss_peak_mib": peak / 1024,
            "rss_per_session_mib": (peak - rss_one) / 1024 / max(n - 1, 1)}


def report(rows: list[dict]) -> str:
    lines = ["| app | sessions | clicks | errors | p50 | p95 | clicks/s | script run p50 | RSS 1 session | "
             "RSS peak | RSS per extra session |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['target']} | {r['sessions']} | {r['clicks']} | {r['errors']} | {r['p50']:.0f} ms | "
                     f"{r['p95']:.0f} ms | {r['clicks_per_s']:.1f} | {r['script_ms_p50']:.0f} ms | "
                     f"{r['rss_one_mib']:.0f} MiB | {r['rss_peak_mib']:.0f} MiB | {r['rss_per_session_mib']:.2f} MiB |")
    for r in rows:
        if r.get("error_counts"):
            lines += ["", f"Errors, {r['target']} x{r['sessions']}: "
                      + "; ".join(f"{k} x{v}" for k, v in r["error_counts"].items())]
    return "\n".join(lines)


async def amain(args) -> list[dict]:
    names = args.target.split(",")
    makers = {"bodymap": lambda: h.bodymap_target(), "floor": lambda: h.floor_target("scatter"),
              "floor-geo": lambda: h.floor_target("geo")}
    rows = []
    async with async_playwright() as p:
        with tempfile.TemporaryDirectory() as tmp:
            for n in (int(x) for x in args.sessions.split(",")):
                for name in names:
                    row = await run_level(p, makers[name](), n, args, Path(tmp))
                    print(f"  {name} x{n}: p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, {row['clicks']} clicks, "
                          f"{row['errors']} errors {row['error_kinds']}, open {row['open_s']:.0f} s, "
                          f"RSS 1 session {row['rss_one_mib']:.0f} MiB, peak {row['rss_peak_mib']:.0f} MiB", flush=True)
                    rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", default="10,25,50", help="comma-separated session counts")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of clicking per level")
    ap.add_argument("--think", type=float, default=0.2, help="seconds between a finished click and the next")
    ap.add_argument("--target", default="bodymap", help="bodymap, floor, floor-geo (comma-separated)")
    ap.add_argument("--open-parallel", type=int, default=4, help="pages opened at once while setting up")
    ap.add_argument("--no-hover-check", action="store_true",
                    help="click 150 ms after moving, without waiting for plotly's hover (the old behaviour)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = asyncio.run(amain(args))
    print(report(rows))
    if args.json:
        print(f"\nwrote {h.write_json('concurrency', {'args': vars(args), 'rows': rows})}")


if __name__ == "__main__":
    main()
