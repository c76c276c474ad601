"""How fast hostile YAML files are refused (the cases of tests/test_hostile_yaml.py; target: well under 1 s).

Run: .venv/bin/python -m bench.hostile [--repeats 5]   (from the repository root)

For each case: the median time of `check_data` on a small valid data folder plus the hostile file, and of
`read_yaml` with each YAML loader on the file alone. The tests only check that the file is refused (and
pytest-timeout guards against hangs); timing belongs here, where a slow machine does not fail a build.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bodymap.content.loader import check_data
from bodymap.content.yaml_source import LOADERS, read_yaml
from tests.minimal_data import write_minimal
from tests.support.hostile_yaml import HOSTILE


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    loaders = [cls.__name__ for cls in LOADERS]
    lines = ["| case | check_data | " + " | ".join(f"read_yaml ({n})" for n in loaders) + " |",
             "|---" * (2 + len(loaders)) + "|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, content, _, _ in HOSTILE:
            data = write_minimal(Path(tmp) / name)
            path = data / "hostile.yaml"
            _write(path, content)
            cells = [_median_ms(lambda data=data: check_data(data), args.repeats)]
            cells += [_median_ms(lambda cls=cls, path=path: read_yaml(path, loader_class=cls), args.repeats)
                      for cls in LOADERS]
            lines.append(f"| {name} | " + " | ".join(f"{ms:.0f} ms" for ms in cells) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
