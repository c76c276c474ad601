"""A small, valid data folder written as YAML text, so tests know every line number."""

from __future__ import annotations

from pathlib import Path

REGIONS = """\
regions:
  - id: chest
    name: Chest
    clinical: Pectoral region
    view: front
    side: both
    notes: trunk
    outline: [[2, 120], [20, 120], [20, 140], [2, 140]]
  - id: sternum
    name: Breastbone
    clinical: Sternal region
    view: front
    side: midline
    notes: trunk
    outline: [[-2, 120], [2, 120], [2, 140], [-2, 140]]
  - id: upper-back
    name: Shoulder blade
    clinical: Scapular region
    view: back
    side: both
    notes: trunk
    outline: [[-20, 120], [-2, 120], [-2, 140], [-20, 140]]
"""

MUSCLES = """\
muscles:
  - id: pec
    name: Chest muscle
    clinical: Pectoralis major
    aka: [pecs]
    description: A big fan-shaped muscle on the front of the chest.
    mimics: [Chest pain]
    perpetuating: [Slumped sitting]
    self_care: Stretch gently in a doorway.
    cautions: [The lung lies under the ribs here.]
    sources: [book]
    trigger_points:
      - id: tp1
        label: Front of the chest, near the armpit
        region: chest
        at: [15, 130]
        essential: [chest, sternum]
        spillover: [upper-back]
  - id: rhomboid
    name: Rhomboids
    clinical: Rhomboid major and minor
    description: Muscles between the shoulder blades.
    self_care: Roll the shoulders back.
    sources: [book]
    trigger_points:
      - id: tp1
        label: Next to the shoulder blade
        region: upper-back
        at: [-10, 130]
        essential: [upper-back]
"""

CONDITIONS = """\
conditions:
  - id: chest-pain-muscular
    name: Chest wall pain
    clinical: Myofascial chest wall pain
    synonyms: [chest muscle pain]
    summary: Pain in the chest muscles can feel like heart pain. Get heart pain checked first.
    regions: [chest]
    muscles:
      primary: [pec]
      also: [rhomboid]
    red_flags: [Chest pain with shortness of breath needs urgent care.]
    sources: [book]
"""

SESSION = """\
region_notes:
  - id: trunk
    title: Chest and back
    position: You lie on your back or front.
    feel: A deep ache or a twitch.
    cautions: [The lung lies close under the ribs.]
    sources: [book]
session:
  intro: Dry needling uses thin needles in tight muscle.
  steps:
    - id: assessment
      title: Assessment
      text: The clinician asks about your pain and health first.
      sources: [book]
  contraindications:
    - id: needle-fear
      name: Fear of needles
      clinical: Needle phobia
      kind: absolute
      text: If you do not want needles, say so.
  red_flags:
    - id: chest-pain
      name: Chest pain
      text: Get urgent care for chest pain or shortness of breath.
  disclaimer: This is education, not a diagnosis.
  sources: [book]
"""

SOURCES = """\
sources:
  - key: book
    citation: "Author A. A Book About Muscles. City: Publisher; 2000."
    doi: 10.1000/xyz123
"""

FILES = {
    "regions.yaml": REGIONS,
    "muscles/chest.yaml": MUSCLES,
    "conditions.yaml": CONDITIONS,
    "session.yaml": SESSION,
    "sources/core.yaml": SOURCES,
}


def write_minimal(root: Path, changes: dict[str, str] | None = None) -> Path:
    """Write the minimal data folder under `root/data`, with whole-file replacements applied."""
    data = root / "data"
    for name, text in {**FILES, **(changes or {})}.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data
