"""Command line: `python -m bodymap check [DATA_DIR]` and `python -m bodymap export [DATA_DIR]`, each with
`--overlay DIR` to load a clinic content pack over the data."""

from __future__ import annotations

import argparse
import json
import sys

from bodymap.content.export import atlas_to_dict
from bodymap.content.loader import check_data

DEFAULT_DATA = "data"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 content problems, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m bodymap", description="Check or export bodymap content.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the content; print problems or a summary")
    export = sub.add_parser("export", help="print the validated atlas")
    for command in (check, export):
        command.add_argument("data_dir", nargs="?", default=DEFAULT_DATA)
        command.add_argument("--overlay", metavar="DIR", help="a clinic content pack to load over the data")
    export.add_argument("--format", choices=["json"], default="json")
    args = parser.parse_args(argv)

    atlas, problems = check_data(args.data_dir, args.overlay)
    if atlas is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        where = f"{args.data_dir} with {args.overlay}" if args.overlay else args.data_dir
        print(f"{len(problems)} problem(s) in {where}", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"ok: {atlas.summary()}")
    else:
        json.dump(atlas_to_dict(atlas), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0
