"""The panel beside the map: a region, a muscle or a condition (all text escaped), and the start panel."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from bodymap.content.atlas import Atlas, BodySide
from bodymap.handout.page import Subject
from bodymap.reference.lookup import condition_muscles, condition_regions, muscle_referral, region_info
from bodymap.ui import state
from bodymap.ui.handout_button import handout_button
from bodymap.ui.text import join_names, md, source_lines

SIDE_CHOICES = {"Both sides": None, "Left": "left", "Right": "right"}


def panel_title(kicker: str, heading: str, clinical: str = "") -> None:
    """The panel's heading (inside the `panel-title` container the benchmark and tests look for)."""
    with st.container(key="panel-title"):
        st.caption(md(kicker))
        st.subheader(md(heading), anchor=False)
    if clinical and clinical.casefold() not in (heading.casefold(), heading.removeprefix("Selected: ").casefold()):
        st.caption(f"Clinical term: *{md(clinical)}*")


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {md(i)}" for i in items)


def section(title: str, items: Iterable[str] = (), text: str = "") -> None:
    items = list(items)
    if not items and not text:
        return
    st.markdown(f"**{md(title)}**")
    if text:
        st.markdown(md(text))
    if items:
        st.markdown(bullet_list(items))


def sources(atlas: Atlas, keys: Iterable[str]) -> None:
    """Sources in a collapsed expander: each citation with its DOI or address as a link."""
    lines = source_lines(atlas, keys)
    if lines:
        with st.expander(f"Sources ({len(lines)})"):
            st.markdown("\n".join(f"- {line}" for line in lines))


def region_names(atlas: Atlas, ids: Iterable[str], side: BodySide | None) -> list[str]:
    """Plain names of regions; with both sides shown, one name per pair."""
    out: dict[str, None] = {}
    for rid in ids:
        r = atlas.regions[rid]
        out[r.name if side is None or r.side == "midline" else r.label] = None
    return list(out)


def side_control(key: str) -> BodySide | None:
    """Both sides / Left / Right, bound to the `side` state."""
    s = st.session_state
    labels = {v: k for k, v in SIDE_CHOICES.items()}
    s[key] = labels.get(s["side"], "Both sides")

    def changed() -> None:
        s["side"] = SIDE_CHOICES.get(s[key] or "Both sides")

    st.segmented_control("Side of the body", list(SIDE_CHOICES), key=key, on_change=changed, required=True)
    return s["side"]


def _open_muscle_button(atlas: Atlas, muscle: str, label: str, key: str, from_region: str | None = None) -> None:
    st.button(f"→ {label}", key=key, type="tertiary", on_click=state.open_muscle,
              args=(muscle, from_region))


def _open_condition_button(label: str, condition: str, key: str) -> None:
    st.button(f"→ {label}", key=key, type="tertiary", on_click=state.open_condition,
              args=(condition,))


# Start ------------------------------------------------------------------------------------------------


def start_panel(atlas: Atlas) -> None:
    """What a newcomer sees before choosing anything."""
    panel_title("Start here", "Where do you feel pain?")
    st.markdown(
        "**Tap or click the body** to see the muscles that can cause pain there, or **search** above for a "
        "muscle or a condition such as *tennis elbow* or *headache*.\n\n"
        "To check several painful places at once, choose **Where does it hurt?** at the top."
    )
    st.markdown("**Common conditions**")
    with st.container(gap=None):
        for cid, cond in list(atlas.conditions.items())[:8]:
            _open_condition_button(cond.name, cid, key=f"start-condition-{cid}")


# Region -------------------------------------------------------------------------------------------------


def region_panel(atlas: Atlas, folder: str, region_id: str) -> None:
    info = region_info(atlas, region_id)
    region = info.region
    panel_title("Body area", f"Selected: {region.label}", region.clinical)

    if info.points:
        seen = list(dict.fromkeys((p.muscle, p.point.id) for p in info.points))
        point_labels = {(p.muscle, p.point.id): p.point.label for p in info.points}
        labels = {k: f"{atlas.muscles[k[0]].name} — {point_labels[k]}" for k in seen}
        s = st.session_state
        key = f"points-{region_id}"
        s[key] = s["focus_point"] if s["focus_point"] in labels else None

        def focus() -> None:
            s["focus_point"] = s[key]

        st.pills("Trigger points in this area (choose one to show it larger on the map)", seen,
                 format_func=labels.__getitem__, key=key, on_change=focus)
        if s["focus_point"] in labels:
            muscle = atlas.muscles[s["focus_point"][0]]
            if muscle.mimics:
                st.caption(f"{md(muscle.name)} trigger points can feel like: {md('; '.join(muscle.mimics))}")
            _open_muscle_button(atlas, muscle.id, f"Open {muscle.name}", f"open-focus-{region_id}", region_id)
    else:
        st.caption("No trigger points of this map lie in this area.")

    if info.referring:
        st.markdown("**Muscles that can send pain here** (most likely first)")
        with st.container(gap=None):
            for r in info.referring:
                how = "often" if r.strength == "essential" else "sometimes"
                _open_muscle_button(atlas, r.muscle, f"{r.name} · {how} here", f"refer-{region_id}-{r.muscle}",
                                    region_id)
    else:
        st.markdown("No muscle in this map sends pain here.")

    if info.conditions:
        st.markdown("**Related conditions**")
        with st.container(gap=None):
            for c in info.conditions:
                _open_condition_button(c.name, c.condition, key=f"region-condition-{region_id}-{c.condition}")

    notes = info.notes
    st.markdown(f"**Dry needling here: {md(notes.title)}**")
    st.markdown(f"*How you lie:* {md(notes.position)}\n\n*How it feels:* {md(notes.feel)}")
    st.warning("**Cautions**\n\n" + bullet_list(notes.cautions))
    muscle_sources = [k for p in info.points for k in atlas.muscles[p.muscle].sources]
    sources(atlas, [*notes.sources, *muscle_sources])
    handout_button(atlas, folder, Subject("region", region_id), region.label, key="handout-region")


# Muscle ------------------------------------------------------------------------------------------------


def muscle_panel(atlas: Atlas, folder: str, muscle_id: str, from_region: str | None) -> None:
    m = atlas.muscles[muscle_id]
    panel_title("Muscle", m.name, m.clinical)
    if m.aka:
        st.caption(f"Also called: {md(join_names(m.aka))}")
    if from_region in atlas.regions:
        st.button(f"← Back to {atlas.regions[from_region].label}", key="back-to-region", type="tertiary",
                  on_click=state.open_region, args=(from_region,))
    side = side_control("side-muscle")
    st.markdown(md(m.description))
    ref = muscle_referral(atlas, muscle_id, side)
    where = [f"Often: {join_names(region_names(atlas, ref.essential, side))} (solid on the map)"]
    if ref.spillover:
        where.append(f"Sometimes: {join_names(region_names(atlas, ref.spillover, side))} (dotted)")
    section("Where its pain is felt", where)
    section("Its trigger points (X on the map)", [tp.label for tp in m.trigger_points])
    section("Often mistaken for", m.mimics)
    section("What keeps it going", m.perpetuating)
    st.success(f"**Self-care:** {md(m.self_care)}")
    if m.cautions:
        st.warning("**Needling cautions**\n\n" + bullet_list(m.cautions))
    linked = [(cid, c) for cid, c in atlas.conditions.items() if muscle_id in (*c.muscles.primary, *c.muscles.also)]
    if linked:
        st.markdown("**Conditions it is linked to**")
        with st.container(gap=None):
            for cid, c in linked:
                _open_condition_button(c.name, cid, key=f"muscle-condition-{muscle_id}-{cid}")
    sources(atlas, m.sources)
    handout_button(atlas, folder, Subject("muscle", muscle_id, side=side), m.name, key="handout-muscle",
                   context_region=from_region if from_region in atlas.regions else None)


# Condition -----------------------------------------------------------------------------------------------


def condition_panel(atlas: Atlas, folder: str, condition_id: str) -> None:
    c = atlas.conditions[condition_id]
    panel_title("Condition", c.name, c.clinical)
    if c.synonyms:
        st.caption(f"Also called: {md(join_names(c.synonyms))}")
    side = side_control("side-condition")
    st.markdown(md(c.summary))
    felt = region_names(atlas, condition_regions(atlas, condition_id, side), side)
    section("Usually felt", text=join_names(felt) + " (hatched on the map)")
    st.markdown("**Muscles often involved** (numbered as on the map; tap one to learn more)")
    with st.container(gap=None):
        for i, (mid, role) in enumerate(condition_muscles(atlas, condition_id), start=1):
            kind = "main" if role == "primary" else "also common"
            _open_muscle_button(atlas, mid, f"{i}. {atlas.muscles[mid].name} · {kind}",
                                f"cond-muscle-{condition_id}-{mid}")
    general = "; ".join(f.name for f in atlas.session.red_flags)
    flags = [*c.red_flags, f"Any warning sign from the session guide: {general}."]
    st.error("**See a doctor first if you have**\n\n" + bullet_list(flags))
    st.button("Present this condition step by step", key="present-condition",
              on_click=_present)
    sources(atlas, c.sources)
    handout_button(atlas, folder, Subject("condition", condition_id, side=side), c.name, key="handout-condition")


def _present() -> None:
    st.session_state["present"] = True
    st.session_state["step"] = 1
    state.request_full_rerun()
