"""`streamlit run` with optional, benchmark-only instrumentation of script runs (the app is untouched).

Run: .venv/bin/python -m bench.serve SCRIPT [streamlit flags...]

Environment (both off by default, so this is then exactly `streamlit run`):
- BENCH_RUN_LOG=path: append one JSON line per script run: {"t": end wall time, "ms": duration,
  "finish_ms": the part spent after the script body, mostly Streamlit's post-run gc.collect(2), which
  runs after the results are sent; "widgets": number of widget states sent with the rerun}. A run
  that chains reruns (st.rerun) counts once, so a line is the server work of one interaction.
- BENCH_PROFILE=path: profile every script run with cProfile and write the cumulated stats to
  path (pstats format) after each run.
"""

from __future__ import annotations

import cProfile
import json
import os
import sys
import threading
import time


def _instrument(run_log: str | None, profile_path: str | None) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    original_finished = script_runner.ScriptRunner._on_script_finished
    lock = threading.Lock()
    local = threading.local()

    def timed_finished(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original_finished(self, *args, **kwargs)
        finally:
            local.finish_ms = getattr(local, "finish_ms", 0.0) + (time.perf_counter() - start) * 1000
    profiler = cProfile.Profile() if profile_path else None

    def timed_run_script(self, rerun_data):
        start = time.perf_counter()
        local.finish_ms = 0.0
        if profiler:
            profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            if profiler:
                profiler.disable()
            ms = (time.perf_counter() - start) * 1000
            states = getattr(rerun_data, "widget_states", None)
            widgets = len(states.widgets) if states is not None else 0
            with lock:
                if run_log:
                    with open(run_log, "a", encoding="utf-8") as fh:
                        line = {"t": time.time(), "ms": round(ms, 3), "finish_ms": round(local.finish_ms, 3),
                                "widgets": widgets}
                        fh.write(json.dumps(line) + "\n")
                if profiler:
                    profiler.dump_stats(profile_path)

    script_runner.ScriptRunner._run_script = timed_run_script
    script_runner.ScriptRunner._on_script_finished = timed_finished


def main(argv: list[str]) -> None:
    run_log, profile_path = os.environ.get("BENCH_RUN_LOG"), os.environ.get("BENCH_PROFILE")
    if run_log or profile_path:
        _instrument(run_log, profile_path)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
