"""Many sessions without browsers: Locust users that speak Streamlit's websocket protocol, as a browser does.

Run (repository root): .venv/bin/python -m bench.load --sessions 50 [--seconds 60] [--think 1.0] [--json]

A server (`streamlit run app.py`, through bench.serve, which logs each script run) is started on
127.0.0.1 on a free port with tests/support/live_app.py; no traffic goes anywhere else. Each Locust
user is one browser session:

1. open: GET the page, GET /_stcore/health (sets the `_streamlit_xsrf` cookie) and
   /_stcore/host-config, as the page's JavaScript does; open the websocket `/_stcore/stream` with the
   subprotocols `streamlit, <xsrf token>`, the cookie and a same-origin `Origin`; send a `BackMsg`
   `rerun_script` (ClientState: the page's query string, context info) and read `ForwardMsg`s until
   `script_finished`. The map is the `plotly_chart` element whose id ends in `-map`; its id and its
   fragment id are kept from the deltas, and the clickable regions are the choropleth's `locations`.
2. click, in a loop, after a think time (uniform, --think +-50 %): send a `BackMsg` `rerun_script`
   with `fragment_id` (the map lives in an `st.fragment`, so the browser reruns only that) and one
   `WidgetState` for the chart (`string_value`, the JSON plotly's click gives: {"selection":
   {"points": [{"location": id, "customdata": id}], "point_indices": [i], "box": [], "lasso": []}}),
   then read until
   `script_finished`. Timed: until the first heading delta naming the region arrives (what a person
   waits for: the panel is drawn before the map) and until `script_finished` (the whole run). The chart's
   element id is a hash of its figure, which changes only when the server writes a new figure (a tap that
   only chooses another region does not), so the id is taken afresh from every run's deltas (a click sent
   with a previous id is ignored). Like a browser, each rerun lists the hashes of the cacheable messages
   received so far (`cached_message_hashes`); the server answers an unchanged element with a reference,
   which is resolved from this session's own cache.

Memory: VmRSS of the server's process tree after a warm-up session (base), sampled every second, and at
the end while every session is still connected; per session = (end - base) / sessions. CPU: the
server tree's user+system seconds over the run (per click, and as a share of one core).

Why Locust + websocket-client: Locust runs each user in a gevent greenlet and monkey-patches the
socket module; websocket-client is a plain synchronous client on that socket module, so thousands of
blocking `recv()`s yield to each other without threads (an asyncio client such as `websockets` would
need its own loop and does not mix with gevent). Locust's `User` (not `HttpUser`) is used because the
interesting traffic is the websocket; the three page GETs use `requests`, also gevent-friendly.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

# isort: off
# Locust's import monkey-patches the standard library for gevent; it must come before anything that imports
# ssl or socket (requests, websocket-client), or those keep unpatched (blocking, or recursing) copies.
import locust  # noqa: F401
# isort: on
import gevent
import requests
import websocket
from locust import User, between, task
from locust.env import Environment
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench import harness as h

#: Per app: the chart's widget key, and the element kinds whose text names the selection (bodymap: the
#: panel's subheader; the floor: one `st.write` line).
TARGETS = {"bodymap": ("map", ("heading",)), "floor-geo": ("floor", ("markdown",))}
DESKTOP_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/130.0.0.0 Safari/537.36 bodymap-load")
OPEN, HEADING, FINISHED = "open: page + first run", "click: panel heading", "click: run finished"
FRAGMENT_DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
_UNESCAPE = re.compile(r"\\(.)")


class ProtocolError(RuntimeError):
    """The server answered, but not as a browser session expects."""


def selection_json(region: str, index: int) -> str:
    """What the frontend sends for a click on one choropleth location (plotly's points selection)."""
    point = {"location": region, "customdata": region}
    return json.dumps({"selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}})


class Session:
    """One browser session over the websocket protocol (blocking; cooperative under gevent)."""

    def __init__(self, base_url: str, query: str = "", timeout: float = 30.0, app: str = "bodymap"):
        self.key, self.text_kinds = TARGETS[app]
        self.base = base_url.rstrip("/")
        self.query = query
        self.timeout = timeout
        self.ws: websocket.WebSocket | None = None
        self.chart_id = ""
        self.fragment_id = ""
        self.regions: list[str] = []
        self.exceptions: list[str] = []
        #: Messages the server marked cacheable, by hash: sent back as `cached_message_hashes` with each rerun,
        #: as the browser does, so the server sends a reference for an unchanged element (resolved here).
        self.cache: dict[str, ForwardMsg] = {}
        self.last_bytes: dict[str, int] = {}

    def open(self) -> dict:
        """Page, health, host config, websocket, first run; returns {"ms", "bytes"}."""
        t0 = time.perf_counter()
        http = requests.Session()
        http.headers["User-Agent"] = DESKTOP_UA
        page = f"{self.base}/" + (f"?{self.query}" if self.query else "")
        nbytes = 0
        for url in (page, f"{self.base}/_stcore/health", f"{self.base}/_stcore/host-config"):
            r = http.get(url, timeout=self.timeout)
            r.raise_for_status()
            nbytes += len(r.content)
        xsrf = http.cookies.get("_streamlit_xsrf")
        if not xsrf:
            raise ProtocolError("no _streamlit_xsrf cookie from /_stcore/health")
        ws_url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.ws = websocket.create_connection(ws_url, timeout=self.timeout, subprotocols=["streamlit", xsrf],
                                              origin=self.base, cookie=f"_streamlit_xsrf={xsrf}",
                                              header={"User-Agent": DESKTOP_UA})
        if self.ws.getsubprotocol() != "streamlit":
            raise ProtocolError(f"websocket subprotocol {self.ws.getsubprotocol()!r}, expected 'streamlit'")
        self._send_rerun()
        run = self._read_run()
        if not self.chart_id:
            raise ProtocolError(f"no plotly_chart with key {self.key!r} in the first run")
        return {"ms": (time.perf_counter() - t0) * 1000, "bytes": nbytes + run["bytes"]}

    def click(self, region: str, expected: str | None) -> dict:
        """Select `region` on the map; returns {"heading_ms", "finished_ms", "bytes"}; heading_ms is None
        when no heading naming `expected` arrived before the run finished (the click was dropped)."""
        state = WidgetState(id=self.chart_id, string_value=selection_json(region, self._index(region)))
        t0 = time.perf_counter()
        self._send_rerun([state], self.fragment_id)
        run = self._read_run(expected, t0)
        run["finished_ms"] = (time.perf_counter() - t0) * 1000
        return run

    def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(OSError, websocket.WebSocketException):
                self.ws.close(timeout=1)
            self.ws = None

    # Protocol ------------------------------------------------------------------------------------

    def _index(self, region: str) -> int:
        return self.regions.index(region) if region in self.regions else 0

    def _send_rerun(self, widgets: list[WidgetState] = (), fragment_id: str = "") -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = ""
        cs.fragment_id = fragment_id
        cs.context_info.timezone = "UTC"
        cs.context_info.timezone_offset = 0
        cs.context_info.locale = "en-US"
        cs.context_info.url = f"{self.base}/" + (f"?{self.query}" if self.query else "")
        cs.widget_states.widgets.extend(widgets)
        cs.cached_message_hashes.extend(self.cache)
        self.ws.send_binary(msg.SerializeToString())

    def _read_run(self, expected: str | None = None, t0: float = 0.0) -> dict:
        """Read ForwardMsgs until script_finished: keep the map's id, fragment and regions; time the heading."""
        heading_ms, nbytes = None, 0
        while True:
            data = self.ws.recv()
            if not isinstance(data, bytes):
                raise ProtocolError("text frame from the server")
            nbytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            msg = self._resolve(msg)
            kind = msg.WhichOneof("type")
            if kind == "script_finished":
                status = msg.script_finished
                if status not in (ForwardMsg.FINISHED_SUCCESSFULLY, FRAGMENT_DONE):
                    raise ProtocolError(f"script finished with status {status}")
                return {"heading_ms": heading_ms, "bytes": nbytes}
            if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
                continue
            el = msg.delta.new_element
            which = el.WhichOneof("type")
            if which == "plotly_chart" and el.plotly_chart.id.endswith(f"-{self.key}"):
                self.chart_id = el.plotly_chart.id
                self.fragment_id = msg.delta.fragment_id
                if not self.regions:
                    self.regions = _locations(el.plotly_chart.spec)
            elif which in self.text_kinds and heading_ms is None and expected is not None:
                if _names(expected, _UNESCAPE.sub(r"\1", getattr(el, which).body)):
                    heading_ms = (time.perf_counter() - t0) * 1000
            elif which == "exception":
                self.exceptions.append(el.exception.message[:120] or el.exception.type)


    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """A reference to a cached message as that message; a cacheable message kept for later references."""
        if msg.WhichOneof("type") == "ref_hash":
            if msg.ref_hash not in self.cache:
                raise ProtocolError(f"reference to a message never received ({msg.ref_hash})")
            return self.cache[msg.ref_hash]
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        return msg


def _locations(spec: str) -> list[str]:
    """Region ids of the map's clickable choropleth traces (what a click can select; not the ones drawn only,
    such as bodymap's underlay, which take no hover)."""
    fig = json.loads(spec)
    return [loc for tr in fig.get("data", []) if tr.get("type") == "choropleth" and tr.get("hoverinfo") != "skip"
            for loc in tr.get("locations") or []]


def _names(name: str, text: str) -> bool:
    return re.search(r"(^|[^\w-])" + re.escape(name) + r"($|[^\w-])", text) is not None


# Locust -------------------------------------------------------------------------------------------

class Config:
    app = "bodymap"
    think = 1.0
    query = ""
    timeout = 30.0
    names: dict[str, str] = {}


class StreamlitSession(User):
    """A browser tab: opens the app, then clicks regions of the map until stopped."""

    wait_time = between(0.5, 1.5)  # replaced from --think in run_level()
    host = "http://127.0.0.1"  # replaced by the server's address in main()

    def on_start(self) -> None:
        self.rng = random.Random(id(self))
        self.prev: str | None = None
        self.session: Session | None = None
        self._open()

    def on_stop(self) -> None:
        if self.session:
            self.session.close()

    def _fire(self, name: str, ms: float, nbytes: int = 0, exc: Exception | None = None) -> None:
        self.environment.events.request.fire(request_type="WS", name=name, response_time=ms, response_length=nbytes,
                                             exception=exc, context={"t": time.monotonic()})

    def _open(self) -> None:
        s = Session(self.host, Config.query, Config.timeout, Config.app)
        t0 = time.perf_counter()
        try:
            run = s.open()
        except Exception as exc:  # noqa: BLE001 - any failure to open is counted, the user tries again later
            s.close()
            self._fire(OPEN, (time.perf_counter() - t0) * 1000, exc=_short(exc))
            return
        self.session = s
        self._fire(OPEN, run["ms"], run["bytes"])

    @task
    def click(self) -> None:
        s = self.session
        if s is None:
            self._open()
            return
        region = self._next_region(s.regions)
        expected = Config.names.get(region, region)
        t0 = time.perf_counter()
        try:
            run = s.click(region, expected)
        except Exception as exc:  # noqa: BLE001 - a broken session: count it, reopen on the next task
            ms = (time.perf_counter() - t0) * 1000
            self._fire(FINISHED, ms, exc=_short(exc))
            s.close()
            self.session = None
            return
        if s.exceptions:
            self._fire(HEADING, run["finished_ms"], exc=ProtocolError(f"exception shown: {s.exceptions[-1]}"))
            s.exceptions.clear()
        elif run["heading_ms"] is None:
            self._fire(HEADING, run["finished_ms"], exc=ProtocolError("run finished without the region's heading"))
        else:
            self._fire(HEADING, run["heading_ms"])
        self._fire(FINISHED, run["finished_ms"], run["bytes"])
        self.prev = expected

    def _next_region(self, regions: list[str]) -> str:
        for _ in range(20):
            r = self.rng.choice(regions)
            name = Config.names.get(r, r)
            if self.prev is None or not h.names_clash(name, self.prev):
                return r
        return r


def _short(exc: Exception) -> Exception:
    text = f"{type(exc).__name__}: {exc}".splitlines()[0][:120]
    return ProtocolError(text)


# Measurement ----------------------------------------------------------------------------------------

class Recorder:
    """Raw samples of every request event (Locust's own percentiles are rounded), with their time."""

    def __init__(self) -> None:
        self.samples: dict[str, list[tuple[float, float]]] = {}
        self.errors: dict[str, list[tuple[float, str]]] = {}
        self.bytes: dict[str, int] = {}

    def __call__(self, request_type, name, response_time, response_length, exception=None, context=None,
                 **_kw) -> None:
        t = (context or {}).get("t", time.monotonic())
        if exception is not None:
            self.errors.setdefault(name, []).append((t, str(exception)))
        else:
            self.samples.setdefault(name, []).append((t, response_time))
            self.bytes[name] = self.bytes.get(name, 0) + (response_length or 0)


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its children."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in h._tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def _own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def run_level(args, names: dict[str, str], tmp: Path) -> dict:
    target = h.bodymap_target(()) if args.target == "bodymap" else h.floor_target("geo")
    Config.app = args.target
    Config.think, Config.query, Config.timeout, Config.names = args.think, args.query, args.timeout, names
    # Uniform think time around --think (+-50 %): sessions with a constant pause click in lockstep waves.
    StreamlitSession.wait_time = between(0.5 * args.think, 1.5 * args.think)
    with h.serve(target, tmp) as server:
        StreamlitSession.host = server.url.rstrip("/")
        # Warm-up: one session opens and clicks once (imports, st.cache_resource), then leaves.
        warm = Session(StreamlitSession.host, args.query, args.timeout, args.target)
        warm_open = warm.open()
        warm_click = warm.click(warm.regions[0], names.get(warm.regions[0]))
        warm.close()
        gevent.sleep(1.0)
        rss_base, cpu0, own0 = server.rss_kib(), tree_cpu_s(server.proc.pid), _own_cpu_s()
        runs0 = len(server.runs())

        env = Environment(user_classes=[StreamlitSession], host=StreamlitSession.host, stop_timeout=None)
        rec = Recorder()
        env.events.request.add_listener(rec)
        spawned: dict[str, float] = {}
        env.events.spawning_complete.add_listener(lambda user_count: spawned.setdefault("t", time.monotonic()))
        rss_samples: list[tuple[float, int]] = []
        health_ms: list[float] = []

        last = [time.monotonic()]

        def sample() -> None:
            """Each second: the server's RSS, and how long its health check takes (what a probe sees)."""
            while True:
                rss_samples.append((time.monotonic(), server.rss_kib()))
                t0 = time.perf_counter()
                try:
                    requests.get(f"{server.url}_stcore/health", timeout=10).raise_for_status()
                    health_ms.append((time.perf_counter() - t0) * 1000)
                except requests.RequestException:
                    health_ms.append(float("inf"))
                gevent.sleep(1.0)
                if time.monotonic() - last[0] >= 10:
                    last[0] = time.monotonic()
                    done = len(rec.samples.get(FINISHED, []))
                    errs = sum(len(v) for v in rec.errors.values())
                    print(f"    {time.monotonic() - t_start:4.0f} s: {runner.user_count} users, {done} clicks, "
                          f"{errs} errors, RSS {rss_samples[-1][1] / 1024:.0f} MiB", flush=True)

        runner = env.create_local_runner()
        t_start = time.monotonic()
        sampler = gevent.spawn(sample)
        runner.start(args.sessions, spawn_rate=args.spawn_rate)
        gevent.sleep(args.seconds)
        t_end = time.monotonic()
        rss_end, cpu1, own1 = server.rss_kib(), tree_cpu_s(server.proc.pid), _own_cpu_s()
        connected = runner.user_count
        sampler.kill()
        runner.quit()
        runs = server.runs()[runs0:]
        log = tmp / f"{target.name}-{server.port}.log"
    tracebacks = _tracebacks(log.read_text(errors="replace") if log.exists() else "")
    return summarise(args, rec, t_start, spawned.get("t", t_end), t_end, rss_base, rss_end, rss_samples,
                     cpu1 - cpu0, runs, connected, warm_open, warm_click) | {
        "server_tracebacks": tracebacks, "load_client_cpu_share": (own1 - own0) / args.seconds,
        "health_ms": {"n": len(health_ms), "p50": h.pct(health_ms, 50), "max": max(health_ms, default=float("nan"))}}


def _tracebacks(log: str, keep: int = 3) -> list[str]:
    """The distinct tracebacks in the server log (the page shows a redacted message; the cause is here)."""
    blocks = re.findall(r"Traceback \(most recent call last\):\n(?:[ \t].*\n)+.*", log)
    out, seen = [], set()
    for block in blocks:
        last = block.strip().splitlines()[-1]
        if last not in seen and len(out) < keep:
            seen.add(last)
            out.append("\n".join(block.strip().splitlines()[-12:]))
    return out


def summarise(args, rec: Recorder, t_start: float, t_spawned: float, t_end: float, rss_base: int, rss_end: int,
              rss_samples: list, cpu_s: float, runs: list[dict], connected: int, warm_open: dict,
              warm_click: dict) -> dict:
    def stats(name: str, since: float = 0.0) -> dict:
        vals = [ms for t, ms in rec.samples.get(name, []) if t >= since]
        errs = [e for t, e in rec.errors.get(name, []) if t >= since]
        return {"n": len(vals), "errors": len(errs), "error_kinds": sorted(set(errs))[:5],
                "p50": h.pct(vals, 50), "p95": h.pct(vals, 95), "max": max(vals, default=float("nan"))}

    steady_s = max(t_end - t_spawned, 1e-9)
    heading_all, heading = stats(HEADING), stats(HEADING, t_spawned)
    finished = stats(FINISHED, t_spawned)
    clicks_total = len(rec.samples.get(FINISHED, []))
    peak = max([kib for _, kib in rss_samples] + [rss_end])
    n = args.sessions
    return {
        "target": args.target, "sessions": n,
        "seconds": args.seconds, "think_s": args.think, "spawn_rate": args.spawn_rate,
        "ramp_s": t_spawned - t_start, "steady_s": steady_s,
        "open": stats(OPEN), "heading": heading, "finished": finished, "heading_whole_run": heading_all,
        "clicks_total": clicks_total, "clicks_per_s": heading["n"] / steady_s,
        "errors": heading["errors"] + finished["errors"] + stats(OPEN)["errors"],
        "bytes_per_click": rec.bytes.get(FINISHED, 0) / max(clicks_total, 1),
        "server_runs": len(runs), "script_ms_p50": h.pct([r["ms"] - r.get("finish_ms", 0) for r in runs], 50),
        "script_ms_p95": h.pct([r["ms"] - r.get("finish_ms", 0) for r in runs], 95),
        "server_cpu_s": cpu_s, "server_cpu_share": cpu_s / max(t_end - t_start, 1e-9),
        "server_cpu_ms_per_click": cpu_s * 1000 / max(clicks_total, 1),
        "rss_base_mib": rss_base / 1024, "rss_end_mib": rss_end / 1024, "rss_peak_mib": peak / 1024,
        "rss_per_session_mib": (rss_end - rss_base) / 1024 / max(n, 1), "users_at_end": connected,
        "warmup": {"open_ms": warm_open["ms"], "click_heading_ms": warm_click["heading_ms"],
                   "click_finished_ms": warm_click["finished_ms"], "click_bytes": warm_click["bytes"]},
        "rss_timeline_mib": [(round(t - t_start, 1), round(kib / 1024, 1)) for t, kib in rss_samples],
    }


def report(rows: list[dict]) -> str:
    lines = ["| app | sessions | clicks (steady) | clicks/s | errors | panel heading p50 / p95 / max | "
             "run finished p50 / p95 | open p50 / p95 | server CPU | CPU per click | RSS base -> end | per session |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        hd, fi, op = r["heading"], r["finished"], r["open"]
        lines.append(
            f"| {r['target']} | {r['sessions']} | {hd['n']} | {r['clicks_per_s']:.1f} | {r['errors']} | "
            f"{hd['p50']:.0f} / {hd['p95']:.0f} / {hd['max']:.0f} ms | {fi['p50']:.0f} / {fi['p95']:.0f} ms | "
            f"{op['p50']:.0f} / {op['p95']:.0f} ms | {r['server_cpu_share'] * 100:.0f} % | "
            f"{r['server_cpu_ms_per_click']:.0f} ms | {r['rss_base_mib']:.0f} -> {r['rss_end_mib']:.0f} MiB | "
            f"{r['rss_per_session_mib']:.2f} MiB |")
    kinds = {k for r in rows for part in ("open", "heading", "finished") for k in r[part]["error_kinds"]}
    if kinds:
        lines += ["", "Error kinds: " + "; ".join(sorted(kinds))]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", default="50", help="concurrent sessions; comma-separated for several levels")
    ap.add_argument("--seconds", type=float, default=60.0, help="length of each level, ramp-up included")
    ap.add_argument("--think", type=float, default=1.0,
                    help="mean seconds between a finished click and the next (uniform, +-50 %%)")
    ap.add_argument("--spawn-rate", type=float, default=10.0, help="sessions opened per second during ramp-up")
    ap.add_argument("--target", default="bodymap", choices=sorted(TARGETS),
                    help="the app: bodymap, or the choropleth floor (bench/floor_app.py) for a baseline")
    ap.add_argument("--query", default="", help="the page's query string (a deep link), without '?'")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for any one server message")
    ap.add_argument("--json", action="store_true", help="write the raw numbers to bench/results/")
    args = ap.parse_args()
    levels = [int(x) for x in args.sessions.split(",")]
    if any(n < 1 or n > 500 for n in levels) or not 5 <= args.seconds <= 300:
        ap.error("bounded runs only: 1-500 sessions, 5-300 seconds")
    names = h.bodymap_target(()).names if args.target == "bodymap" else {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in levels:
            level = argparse.Namespace(**{**vars(args), "sessions": n})
            row = run_level(level, names, Path(tmp))
            hd = row["heading"]
            print(f"  {n} sessions: heading p50 {hd['p50']:.0f} ms, p95 {hd['p95']:.0f} ms, {hd['n']} clicks, "
                  f"{row['errors']} errors, {row['clicks_per_s']:.1f} clicks/s, server CPU "
                  f"{row['server_cpu_share'] * 100:.0f} %, RSS {row['rss_base_mib']:.0f} -> "
                  f"{row['rss_end_mib']:.0f} MiB", flush=True)
            rows.append(row)
            for tb in row["server_tracebacks"]:
                print(f"    server traceback (last lines):\n{tb}", flush=True)
    print(report(rows))
    if args.json:
        print(f"\nwrote {h.write_json('load', {'args': vars(args), 'rows': rows})}")


if __name__ == "__main__":
    main()
