"""Hostile YAML texts: (name, content, line of the reported problem, words of the problem). Shared by
tests/test_hostile_yaml.py (refused with a clear problem) and bench/hostile.py (how fast)."""

from __future__ import annotations

from bodymap.content.yaml_source import MAX_BYTES


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


HOSTILE = [
    ("alias-bomb", _alias_bomb(), 1, "aliases"),
    ("deep-flow-sequence", "muscles: " + "[" * 2000 + "]" * 2000 + "\n", 1, "nest"),
    ("deep-flow-mapping", "muscles: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 1, "nest"),
    ("self-alias", "muscles: &a [*a]\n", 1, "nested deeper"),
    ("oversized", "sources: []\n" + "# padding\n" * (MAX_BYTES // 10 + 10), 1, "limit"),
    ("python-object", "muscles: !!python/object/apply:os.system ['echo owned']\n", 1, "not allowed"),
    ("python-name", "regions:\n  - !!python/name:os.system\n", 2, "not allowed"),
    ("custom-tag", "sources: !include /etc/passwd\n", 1, "not allowed"),
    ("not-utf8", b"sources:\n  - key: x\n    citation: \xff\xfe broken bytes\n", 3, "UTF-8"),
]
