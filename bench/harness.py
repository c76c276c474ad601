"""Shared benchmark plumbing: servers on free ports, Chromium, click targets and in-page timers.

Timing is taken inside the page (the event's timeStamp of the click's pointerdown to the DOM
mutation that makes the panel name the region), so the driver's own overhead does not count.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
# The same flags for every server, so bodymap and the floor differ only in their script.
STREAMLIT_FLAGS = [
    "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    "--server.fileWatcherType", "none", "--server.runOnSave", "false",
]


@dataclass
class Target:
    """An app under test and how to read it.

    shapes: CSS selector of the chart's clickable shapes (choropleth paths or scatter markers).
    title: CSS selector of the element that names the selection; fallback: text prefix searched in
    the whole page when the title element is absent ("Selected: <name>").
    views: labels of the controls that switch views (empty: every shape is on the page at once).
    """

    name: str
    script: str
    shapes: str = ".choroplethlocation"
    title: str = ".st-key-panel-title"
    fallback: str = "Selected: "
    views: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # shape key -> expected name (default: the key)


def bodymap_target(views: tuple[str, ...] = ("Front", "Back"), title: str = ".st-key-panel-title") -> Target:
    """The app, expecting each region's plain name (from the shipped atlas) in the panel title."""
    from bodymap.content.loader import load_atlas

    try:
        atlas = load_atlas(ROOT / "data")
        names = {rid: r.name for rid, r in atlas.regions.items()}
    except Exception as exc:  # noqa: BLE001 - content still in progress: expect the shape keys instead
        print(f"warning: data/ does not load ({type(exc).__name__}); expecting region ids in the panel")
        names = {}
    return Target("bodymap", "app.py", views=views, title=title, names=names)


def floor_target(kind: str = "scatter", height: int = 640, layout: str = "centered") -> Target:
    """The framework floor (bench/floor_app.py); kind "geo" draws a choropleth of 48 squares instead."""
    shapes = ".choroplethlocation" if kind == "geo" else ".scatterlayer .point"
    env = {"BENCH_FLOOR_KIND": kind, "BENCH_FLOOR_HEIGHT": str(height), "BENCH_FLOOR_LAYOUT": layout}
    return Target("floor" if kind == "scatter" else f"floor-{kind}", "bench/floor_app.py", shapes=shapes, env=env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    """Start the target on a free port, wait for its health check, and stop it afterwards."""
    port = free_port()
    run_log = workdir / f"{target.name}-{port}.runs.jsonl"
    env = {**os.environ, **target.env, "BENCH_RUN_LOG": str(run_log), "PYTHONPATH": str(ROOT)}
    if profile:
        env["BENCH_PROFILE"] = str(profile)
    log = open(workdir / f"{target.name}-{port}.log", "w")  # noqa: SIM115 - closed below
    cmd = [sys.executable, "-m", "bench.serve", target.script, "--server.port", str(port), *STREAMLIT_FLAGS]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(proc, port, run_log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{target.name} server exited; see {log.name}")
            try:
                with urllib.request.urlopen(f"{server.url}_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{target.name} server did not start in {timeout:.0f} s")
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# In-page JavaScript -------------------------------------------------------------------------------

# Each clickable shape: its key (choropleth location, else the marker's customdata) and a deep interior
# point in page coordinates (sampled with isPointInFill, so it works for any outline and transform).
JS_TARGETS = """
(sel) => {
  const out = [], seen = new Set();
  for (const el of document.querySelectorAll(sel)) {
    const d = el.__data__ || {};
    let key = d.loc;
    if (key === undefined) {
      const tr = el.closest('.trace'), cd0 = tr && tr.__data__ && tr.__data__[0], trace = cd0 && cd0.trace;
      key = trace && trace.customdata ? trace.customdata[d.i] : d.i;
    }
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
    seen.add(String(key));
    out.push({key: String(key), x: p.x + window.scrollX, y: p.y + window.scrollY, depth: bestDepth,
              visible: p.x > 0 && p.y > 0 && p.x < w && p.y < h});
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


def click_plan(targets: list[dict], names: dict[str, str], count: int, seed: int = 0) -> list[dict]:
    """`count` clicks cycling over the visible targets in a fixed shuffled order, never two in a row whose
    names clash (so the panel must change before the timer stops)."""
    usable = [dict(t, name=names.get(t["key"], t["key"])) for t in targets if t["visible"]]
    if names:
        usable = [t for t in usable if t["key"] in names]
    usable.sort(key=lambda t: t["key"])
    random.Random(seed).shuffle(usable)
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


def figure_states(atlas) -> dict:
    """Representative map states -> callables building the figure (tolerates both build_figure APIs).

    States: nothing selected, a region selected, a muscle in focus (both sides) with its region selected.
    Each value is `build(views) -> plotly Figure`.
    """
    import inspect

    from bodymap.drawing import figure

    region = next(iter(atlas.regions))
    muscle = next(iter(atlas.muscles))
    params = list(inspect.signature(figure.build_figure).parameters)
    if "overlay" in params:  # build_figure(atlas, overlay, selected=None, views=VIEWS)
        from bodymap.reference.lookup import muscle_overlay, region_overlay
        from bodymap.reference.overlay import Overlay

        return {
            "nothing selected": lambda views: figure.build_figure(atlas, Overlay(), None, views),
            "a region selected": lambda views: figure.build_figure(atlas, region_overlay(atlas, region), region,
                                                                   views),
            "a muscle in focus": lambda views: figure.build_figure(
                atlas, muscle_overlay(atlas, muscle, None, (region,)), region, views),
        }
    state = figure.MapState  # older API: build_figure(atlas, MapState(...), views)
    both = ((muscle, "left"), (muscle, "right"))
    return {
        "nothing selected": lambda views: figure.build_figure(atlas, state(), views),
        "a region selected": lambda views: figure.build_figure(atlas, state(selected=region), views),
        "a muscle in focus": lambda views: figure.build_figure(atlas, state(selected=region, muscles=both), views),
    }
