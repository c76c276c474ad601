"""A real `streamlit run` on a free port and the system Chromium, shared by tests/browser and bench/.

Plain functions only (no pytest), so bench scripts import them too:
`from tests.support.live_app import live_server, launch_chromium, READY, ...` (run from the repository
root, as `python -m pytest` and `python -m bench.<script>` are).

- `live_server(...)`: start the server with the same flags for every app, poll its health check,
  raise `ServerError` with the server log when it exits or does not come up, stop it afterwards.
- `launch_chromium(playwright)`: the system Chromium, headless, never a downloaded browser (works with
  the sync and the async Playwright API: it returns what `chromium.launch` returns).
- `READY`, `script_runs`, `wait_idle`, `rerun`: wait for a script run to finish, and with `since` /
  `rerun` for a run that started after a given moment, so an action's rerun is never missed.
- `wait_hover` / `hover_then_click`: plotly selects the region of its last (throttled) hover, so a click
  is only sent once the hover label names the intended target.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
#: The app after its script run has finished.
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
#: The plotly chart.
CHART = ".js-plotly-plot"
#: The same flags for every server (tests and benchmarks, bodymap and the floor), after `--server.port`.
STREAMLIT_FLAGS = [
    "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    "--server.fileWatcherType", "none", "--server.runOnSave", "false",
]
STREAMLIT_RUN = ("-m", "streamlit", "run")


class ServerError(RuntimeError):
    """The server exited or did not answer its health check in time; the message holds its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def _log_tail(path: Path, limit: int = 6000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return text if len(text) <= limit else "...\n" + text[-limit:]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def live_server(script: str, log_path: Path, *, port: int | None = None, env: Mapping[str, str] | None = None,
                launcher: Sequence[str] = STREAMLIT_RUN, timeout: float = 60.0) -> Iterator[LiveServer]:
    """`python <launcher> <script> --server.port <port> <STREAMLIT_FLAGS>` from the repository root, output to
    `log_path`, `env` added to this process's environment; yields once `/_stcore/health` answers 200."""
    port = port or free_port()
    cmd = [sys.executable, *launcher, script, "--server.port", str(port), *STREAMLIT_FLAGS]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                stderr=subprocess.STDOUT)
    server = LiveServer(proc, port, log_path)
    try:
        _wait_healthy(server, script, timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(server: LiveServer, script: str, timeout: float) -> None:
    attempts = int(timeout / 0.2)
    for _ in range(attempts):
        if _healthy(server.url):
            return
        try:  # waits up to 0.2 s for an early exit, which is also the polling interval
            code = server.proc.wait(0.2)
        except subprocess.TimeoutExpired:
            continue
        raise ServerError(f"{script} server exited with code {code}:\n{_log_tail(server.log_path)}")
    raise ServerError(f"{script} server did not start in {timeout:.0f} s:\n{_log_tail(server.log_path)}")


def launch_chromium(playwright, **options):
    """The system Chromium, headless; `playwright` from sync_playwright() or async_playwright()."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


# Script runs --------------------------------------------------------------------------------------

# Counts the runs that finished in this page. Where `watch_runs` hooked the page's websocket (before the page
# loaded), a run counts when the server's `script_finished` message (ForwardMsg field 6) arrives, two frames later
# (Streamlit applies what came before it by then): exact, however fast the run. Elsewhere a run counts each time
# stApp's script state leaves idle ("initial" or "notRunning"); React may fold a very fast run's "running" state
# away, so that count can miss runs. Installed on first use in each document; returns the count.
_RUNS_JS = """
() => {
  if (window.__liveAppRuns === undefined) {
    window.__liveAppRuns = 0;
    if (window.__liveAppWatched) {
      window.__liveAppOnFinished = () => requestAnimationFrame(() => requestAnimationFrame(() => {
        window.__liveAppRuns += 1;
      }));
    } else {
      new MutationObserver(records => {
        for (const r of records) {
          if (r.oldValue === 'notRunning' || r.oldValue === 'initial') window.__liveAppRuns += 1;
        }
      }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                            attributeFilter: ['data-test-script-state']});
    }
  }
  return window.__liveAppRuns;
}
"""
#: Wraps the page's WebSocket so each incoming ForwardMsg carrying `script_finished` (top-level field 6, a varint)
#: calls `window.__liveAppOnFinished` (set by _RUNS_JS). Only the top level of each message is read.
_WATCH_JS = """
(() => {
  window.__liveAppWatched = true;
  const isFinished = (bytes) => {
    let i = 0;
    const varint = () => {
      let v = 0, s = 0, b;
      do { b = bytes[i++]; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
      return v;
    };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === 6 && wire === 0) return true;
      if (wire === 0) varint();
      else if (wire === 2) i += varint();
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => {
      if (e.data instanceof ArrayBuffer && isFinished(new Uint8Array(e.data)) && window.__liveAppOnFinished) {
        window.__liveAppOnFinished();
      }
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""
_IDLE_SINCE_JS = "([ready, n]) => window.__liveAppRuns > n && !!document.querySelector(ready)"


def watch_runs(context) -> None:
    """Count this browser context's script runs from the server's messages (see `_RUNS_JS`): call before pages
    open. Streamlit's frontend sets binaryType "arraybuffer" before messages arrive, as the hook expects."""
    context.add_init_script(script=_WATCH_JS)


def script_runs(page) -> int:
    """Script runs started in the page since `script_runs` was first called in it (sync Playwright page)."""
    return page.evaluate(_RUNS_JS)


def wait_idle(page, since: int | None = None, timeout: float | None = None) -> None:
    """Wait until the app is idle; with `since` (a `script_runs` count), until a run started after that count
    has finished too, so a rerun that has not begun yet is not mistaken for done."""
    options = {} if timeout is None else {"timeout": timeout}
    if since is None:
        page.wait_for_selector(READY, state="attached", **options)
    else:
        page.wait_for_function(_IDLE_SINCE_JS, arg=[READY, since], **options)


@contextmanager
def rerun(page, timeout: float | None = None) -> Iterator[None]:
    """`with rerun(page): <click>`: after the block, wait for the run it caused to finish."""
    before = script_runs(page)
    yield
    wait_idle(page, since=before, timeout=timeout)


# Pointer ------------------------------------------------------------------------------------------

_HOVER_LABEL_JS = """
([sel, pattern]) => [...document.querySelectorAll(sel + ' .hoverlayer .hovertext')]
  .some(e => new RegExp(pattern).test(e.textContent))
"""
# The point of plotly's last hover, which its click-select takes: key null = no hover; else the point's key
# is its location (choropleth) or customdata (markers), as in bench's click targets.
_HOVERED_JS = """
([sel, key]) => {
  const gd = document.querySelector(sel), pt = gd && gd._hoverdata && gd._hoverdata[0];
  if (key === null) return !pt;
  return !!pt && String(pt.location ?? pt.customdata) === key;
}
"""

#: `page.wait_for_function(HOVERED, arg=[CHART, key])`: plotly's last hover is on the point `key` (None: no hover).
HOVERED = _HOVERED_JS

_HOVER_INFO_JS = """
sel => (document.querySelector(sel)?._hoverdata || []).map(p => ({trace: p.data && p.data.name,
  location: p.location, customdata: p.customdata, label: p.hovertext || p.text}))
"""


def hover_pattern(name: str) -> str:
    """A label naming `name`: exactly it, or it followed by ":" and details (e.g. "Calf (left): pain marked here")."""
    return "^" + re.escape(name) + "(:.*)?$"


def wait_hover(page, name: str, timeout: float | None = None) -> None:
    """Wait until plotly's hover label names `name` (see `hover_pattern`)."""
    options = {} if timeout is None else {"timeout": timeout}
    page.wait_for_function(_HOVER_LABEL_JS, arg=[CHART, hover_pattern(name)], **options)


def hover_then_click(page, x: float, y: float, key: str, timeout: float | None = None) -> None:
    """Click at (x, y) once plotly's hover there is on the point `key` (a region id: the choropleth location, or
    the customdata of a marker, e.g. a trigger point lying in that region). Plotly's click-select takes the
    last, throttled, hover: a click right after moving can select the point hovered before. The pointer
    first leaves the chart (plotly drops its hover), so the hover waited for is this one."""
    options = {} if timeout is None else {"timeout": timeout}
    page.mouse.move(0, 0)
    page.wait_for_function(_HOVERED_JS, arg=[CHART, None], **options)
    page.mouse.move(x, y)
    try:
        page.wait_for_function(_HOVERED_JS, arg=[CHART, key], **options)
    except PlaywrightTimeoutError:
        hovered = page.evaluate(_HOVER_INFO_JS, CHART)
        raise AssertionError(f"plotly's hover at ({x:.0f}, {y:.0f}) is on {hovered}, not on {key!r}") from None
    page.mouse.click(x, y)
