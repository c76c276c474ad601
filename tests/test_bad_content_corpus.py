"""The bad-content corpus: each file in tests/corpus/ is rejected with its file, line and field.

Each corpus file starts with `# expect: LINE [FIELD] | MESSAGE FRAGMENT` and is checked as an
extra file in an otherwise valid data folder. Bigger hostile files (2,000-deep nesting, an
oversized file) are generated in test_hostile_yaml.py rather than stored.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bodymap.content.loader import check_data

from minimal_data import write_minimal

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.yaml"))
_EXPECT = re.compile(r"# expect: (\d+) ?(\S*) \| (.+)")


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_file_is_rejected_precisely(tmp_path, path):
    line, field, message = _EXPECT.fullmatch(path.read_text(encoding="utf-8").splitlines()[0]).groups()
    data = write_minimal(tmp_path)
    target = data / "zz-corpus" / path.name  # sorts last, so duplicates are reported in the corpus file
    target.parent.mkdir()
    shutil.copy(path, target)
    atlas, problems = check_data(data)
    assert atlas is None
    hits = [p for p in problems if p.file == str(target) and p.line == int(line) and p.field == field
            and message in p.message]
    assert hits, f"expected {path.name}:{line}: {field}: {message}\ngot:\n" + "\n".join(map(str, problems))
