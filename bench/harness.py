"""Shared benchmark plumbing: the apps under test, their servers, click targets and in-page timers.

Starting a server, launching Chromium and waiting for the app are the tests' own helpers
(tests/support/live_app.py, imported as `tests.support.live_app`; run the scripts from the repository
root). Timing is taken inside the page (the event's timeStamp of the click's pointerdown to the DOM
mutation that makes the panel name the region), so the driver's own overhead does not count.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.live_app import ROOT, free_port, live_server

RESULTS = ROOT / "bench" / "results"
VIEWPORT = {"width": 1280, "height": 900}
#: Least time from one click on the chart to the next, in s. Plotly counts a mousedown within its
#: doubleClickDelay (500 ms by default in plotly.js 3, the one Streamlit bundles) of the first of a train as
#: a double click; on the floor's scatter chart (plotly's default config) that clears the selection: the
#: panel names the region, then a second run names nothing (and the next click's numbers take that run).
#: No one clicks two regions that fast; the wait is before the pointerdown, so it is never timed.
CLICK_GAP_S = 0.6


def click_gap(last: float | None) -> float:
    """Seconds to wait before the next click when the last one was at `last` (time.monotonic(); None: none)."""
    return 0.0 if last is None else max(0.0, last + CLICK_GAP_S - time.monotonic())


@dataclass
class Target:
    """An app under test and how to read it.

    shapes: CSS selector of the chart's shapes (choropleth paths or scatter markers); only those of traces that
    take hover are click targets (a trace drawn only, with hoverinfo "skip", such as bodymap's chosen-colour
    underlay, is left out), and with `trace` set only those of the trace of that name.
    title: CSS selector of the element that names the selection; fallback: text prefix searched in
    the whole page when the title element is absent ("Selected: <name>").
    views: labels of the controls that switch views (empty, the default: every shape is on the page at once,
    as bodymap's Front and Back are side by side on a desktop).
    groups: shape key -> the view it lies in (bodymap: "front", "back"); clicks alternate between the groups
    and are reported per group.
    """

    name: str
    script: str
    shapes: str = ".choroplethlocation"
    title: str = ".st-key-panel-title"
    fallback: str = "Selected: "
    views: tuple[str, ...] = ()
    trace: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # shape key -> expected name (default: the key)
    groups: dict[str, str] = field(default_factory=dict)


def bodymap_target(views: tuple[str, ...] = (), title: str = ".st-key-panel-title") -> Target:
    """The app, expecting each region's plain name (from the shipped atlas) in the panel title.

    Targets are the regions of the body trace ("Body"), Front and Back both on the page (no view switching
    unless `views` names controls to click, e.g. ("Front", "Back") of the Both / Front / Back control)."""
    from bodymap.content.loader import load_atlas
    from bodymap.drawing.figure import BASE_NAME

    try:
        atlas = load_atlas(ROOT / "data")
        names = {rid: r.name for rid, r in atlas.regions.items()}
        groups = {rid: r.view for rid, r in atlas.regions.items()}
    except Exception as exc:  # noqa: BLE001 - content still in progress: expect the shape keys instead
        print(f"warning: data/ does not load ({type(exc).__name__}); expecting region ids in the panel")
        names, groups = {}, {}
    return Target("bodymap", "app.py", views=views, title=title, trace=BASE_NAME, names=names, groups=groups)


def floor_target(kind: str = "scatter", height: int = 640, layout: str = "centered") -> Target:
    """The framework floor (bench/floor_app.py); kind "geo" draws a choropleth of 48 squares instead."""
    shapes = ".choroplethlocation" if kind == "geo" else ".scatterlayer .point"
    env = {"BENCH_FLOOR_KIND": kind, "BENCH_FLOOR_HEIGHT": str(height), "BENCH_FLOOR_LAYOUT": layout}
    return Target("floor" if kind == "scatter" else f"floor-{kind}", "bench/floor_app.py", shapes=shapes, env=env)


@dataclass
class Server:
    """A running `streamlit run` (through bench.serve, which logs each script run's duration)."""

    proc: subprocess.Popen
    port: int
    run_log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def runs(self) -> list[dict]:
        """Every script run logged so far."""
        if not self.run_log.exists():
            return []
        return [json.loads(line) for line in self.run_log.read_text().splitlines() if line.strip()]

    def rss_kib(self) -> int:
        """Resident memory of the server process and its children, in KiB."""
        return sum(_rss(pid) for pid in _tree(self.proc.pid))


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                children = Path(f"/proc/{p}/task/{tid}/children").read_text().split()
                todo += [int(c) for c in children]
        except OSError:
            pass
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@contextmanager
def serve(target: Target, workdir: Path, profile: Path | None = None, timeout: float = 60.0):
    """Start the target through bench.serve on a free port (the same flags as the tests' server), wait for its
    health check, and stop it afterwards. Raises tests.support.live_app.ServerError (with the log) if it
    does not start."""
    port = free_port()
    run_log = workdir / f"{target.name}-{port}.runs.jsonl"
    env = {**target.env, "BENCH_RUN_LOG": str(run_log), "PYTHONPATH": str(ROOT)}
    if profile:
        env["BENCH_PROFILE"] = str(profile)
    with live_server(target.script, workdir / f"{target.name}-{port}.log", port=port, env=env,
                     launcher=("-m", "bench.serve"), timeout=timeout) as live:
        yield Server(live.proc, live.port, run_log)


# In-page JavaScript -------------------------------------------------------------------------------

# Each clickable shape: its key (choropleth location, else the marker's customdata), a deep interior point
# in page coordinates (sampled with isPointInFill, so it works for any outline and transform) and whether
# that point can be clicked (in the window, the chart on top there).
# Argument [selector, trace name or null]: shapes of traces that take no hover (hoverinfo "skip": drawn only,
# a click there selects nothing) are left out, and with a trace name, shapes of every other trace too.
JS_TARGETS = """
([sel, traceName]) => {
  const out = [], seen = new Set();
  for (const el of document.querySelectorAll(sel)) {
    const d = el.__data__ || {};
    const tr = el.closest('.trace'), cd0 = tr && tr.__data__ && tr.__data__[0], trace = cd0 && cd0.trace;
    if (trace && (trace.hoverinfo === 'skip' || trace.visible === false)) continue;
    if (traceName !== null && (!trace || trace.name !== traceName)) continue;
    let key = d.loc;
    if (key === undefined) key = trace && trace.customdata ? trace.customdata[d.i] : d.i;
    if (key === undefined || key === null || seen.has(String(key))) continue;
    const bb = el.getBBox(), ctm = el.getScreenCTM();
    if (!ctm || bb.width <= 0 || bb.height <= 0) continue;
    const N = 28, inside = [];
    for (let j = 0; j < N; j++) {
      inside.push([]);
      for (let i = 0; i < N; i++) {
        const x = bb.x + (i + 0.5) * bb.width / N, y = bb.y + (j + 0.5) * bb.height / N;
        inside[j].push(el.isPointInFill(new DOMPoint(x, y)));
      }
    }
    let best = null, bestDepth = -1;
    for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
      if (!inside[j][i]) continue;
      let r = 1;
      while (r < N) {
        let ok = true;
        for (let dj = -r; dj <= r && ok; dj++) for (let di = -r; di <= r && ok; di++) {
          const jj = j + dj, ii = i + di;
          if (jj < 0 || ii < 0 || jj >= N || ii >= N || !inside[jj][ii]) ok = false;
        }
        if (!ok) break;
        r++;
      }
      const depth = Math.min(r * bb.width / N, r * bb.height / N);
      if (depth > bestDepth) { bestDepth = depth; best = [i, j]; }
    }
    if (!best) continue;
    const lx = bb.x + (best[0] + 0.5) * bb.width / N, ly = bb.y + (best[1] + 0.5) * bb.height / N;
    const p = new DOMPoint(lx, ly).matrixTransform(ctm);
    const w = window.innerWidth, h = window.innerHeight;
    // On screen, and not under anything outside the chart (Streamlit's sticky header, when the chart is
    // scrolled up inside the app's scroll container).
    const gd = el.closest('.js-plotly-plot'), onTop = document.elementFromPoint(p.x, p.y);
    seen.add(String(key));
    out.push({key: String(key), x: p.x + window.scrollX, y: p.y + window.scrollY, depth: bestDepth,
              visible: p.x > 0 && p.y > 0 && p.x < w && p.y < h && !!gd && !!onTop && gd.contains(onTop)});
  }
  return out;
}
"""

# Arm a one-shot timer: t0 at the next pointerdown, t1 when the title (or the fallback text) names `expected`.
JS_ARM = """
([titleSel, fallback, expected]) => {
  const esc = expected.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
  const re = new RegExp('(^|[^\\\\w-])' + esc + '($|[^\\\\w-])');
  const b = window.__bench = {t0: null, t1: null, how: null};
  document.addEventListener('pointerdown', (e) => { if (b.t0 === null) b.t0 = e.timeStamp; },
                            {capture: true, once: true});
  const check = () => {
    if (b.t1 !== null) return;
    const el = document.querySelector(titleSel);
    if (el && re.test(el.textContent)) { b.how = 'title'; }
    else if (!el && fallback && document.body.textContent.includes(fallback + expected)) { b.how = 'fallback'; }
    else return;
    b.t1 = performance.now();
    obs.disconnect();
  };
  const obs = new MutationObserver(check);
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  b.wasAlready = (() => { const el = document.querySelector(titleSel);
                          return !!(el && re.test(el.textContent)); })();
}
"""

JS_DONE = "() => window.__bench && window.__bench.t1 !== null && window.__bench.t0 !== null"
JS_RESULT = "() => ({ms: window.__bench.t1 - window.__bench.t0, how: window.__bench.how})"

# Page load: record the first animation frame where the script is idle and the chart has its shapes.
JS_LOADED = """
([ready, sel, min]) => {
  if (document.querySelector(ready) && document.querySelectorAll(sel).length >= min) {
    if (window.__loaded === undefined) window.__loaded = performance.now();
    return true;
  }
  return false;
}
"""


# Statistics ---------------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; nan for no values."""
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "median": pct(values, 50), "p95": pct(values, 95),
            "mean": statistics.fmean(values) if values else float("nan"),
            "min": min(values, default=float("nan")), "max": max(values, default=float("nan"))}


def names_clash(a: str, b: str) -> bool:
    """True if either name appears as a whole word-run inside the other (the panel check could not tell)."""
    def inside(x: str, y: str) -> bool:
        return re.search(r"(^|[^\w-])" + re.escape(x) + r"($|[^\w-])", y) is not None
    return inside(a, b) or inside(b, a)


def click_plan(targets: list[dict], names: dict[str, str], count: int, seed: int = 0,
               groups: dict[str, str] | None = None) -> list[dict]:
    """`count` clicks cycling over the visible targets in a fixed shuffled order, never two in a row whose
    names clash (so the panel must change before the timer stops; and never the same region twice in a row,
    which in bodymap would unselect it: plotly toggles). With `groups` (key -> view), the order alternates
    between the groups (front, back, front, ...), so even a short plan clicks every view."""
    usable = [dict(t, name=names.get(t["key"], t["key"])) for t in targets if t["visible"]]
    if names:
        usable = [t for t in usable if t["key"] in names]
    usable.sort(key=lambda t: t["key"])
    random.Random(seed).shuffle(usable)
    if groups:
        by_group: dict[str, list[dict]] = {}
        for t in usable:
            by_group.setdefault(groups.get(t["key"], ""), []).append(t)
        lanes = [by_group[g] for g in sorted(by_group)]
        usable = [lane[k] for k in range(max(map(len, lanes), default=0)) for lane in lanes if k < len(lane)]
    if len(usable) < 2:
        return []
    plan, i, prev = [], 0, None
    while len(plan) < count and i < count * len(usable):
        t = usable[i % len(usable)]
        i += 1
        if prev and names_clash(t["name"], prev["name"]):
            continue
        plan.append(t)
        prev = t
    return plan


def write_json(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path
