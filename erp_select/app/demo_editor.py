"""The demo script section of the demonstrations page: generate, edit, reorder, remove, export."""

from __future__ import annotations

from typing import Any

import streamlit as st

from erp_select.app import state, widgets
from erp_select.app.number_field import number_field, read
from erp_select.demos import add_from_catalogue, catalogue_choices, demo_script
from erp_select.errors import InputError
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript, Scenario
from erp_select.report.demo_export import DEMO_FORMATS, demo_script_bytes
from erp_select.report.demo_script import duration
from erp_select.words import Words

#: Session key of the documents prepared for download: (project version, {format: bytes}).
PREPARED = "ds.prepared"


def say(key: str, **params: Any) -> str:
    """The page's words (``demoscripts.app.<key>``) in the visitor's language."""
    return t(f"demoscripts.app.{key}", state.lang(), **params)


def _save(current: Project, script: DemoScript | dict[str, Any] | None, message: str) -> bool:
    source = say("source")
    return state.attempt(
        lambda: state.revise(current, source, demo_script=script), source, message=message
    )


def _lines(key: str) -> list[str]:
    text = str(st.session_state.get(key, ""))
    return [line.strip() for line in text.splitlines() if line.strip()]


def _generate() -> None:
    current = state.project()
    if current is not None:
        _save(current, demo_script(current, state.lang()), say("generated_note"))


def _edit(index: int) -> None:
    current = state.project()
    if current is None or current.demo_script is None:
        return
    script = current.demo_script
    old = script.scenarios[index]
    key = f"ds.{old.id}"
    ss = st.session_state
    try:
        minutes = read(f"{key}.minutes", float(old.minutes))
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
        return
    data = {
        **old.model_dump(mode="json"),
        "title": str(ss.get(f"{key}.title", old.title)),
        "process": str(ss.get(f"{key}.process", old.process)),
        "steps": _lines(f"{key}.steps"),
        "data": _lines(f"{key}.data"),
        "minutes": int(minutes),
        "criteria": list(ss.get(f"{key}.criteria", old.criteria)),
        "requirements": list(ss.get(f"{key}.requirements", old.requirements)),
    }
    scenarios = [s.model_dump(mode="json") for s in script.scenarios]
    scenarios[index] = data
    _save(
        current,
        {"lang": script.lang, "scenarios": scenarios},
        say("edited_note", title=data["title"]),
    )


def _move(index: int, step: int) -> None:
    current = state.project()
    if current is None or current.demo_script is None:
        return
    scenarios = list(current.demo_script.scenarios)
    other = index + step
    if 0 <= other < len(scenarios):
        scenarios[index], scenarios[other] = scenarios[other], scenarios[index]
        moved = current.demo_script.model_copy(update={"scenarios": scenarios})
        _save(current, moved, say("moved_note", title=scenarios[other].title))


def _remove(index: int) -> None:
    current = state.project()
    if current is None or current.demo_script is None:
        return
    scenarios = list(current.demo_script.scenarios)
    gone = scenarios.pop(index)
    kept = current.demo_script.model_copy(update={"scenarios": scenarios})
    _save(current, kept, say("removed_note", title=gone.title))


def _add(scenario_id: str | None) -> None:
    current = state.project()
    if current is None:
        return
    script = current.demo_script or DemoScript(lang="fr" if state.lang() == "fr" else "en")
    if scenario_id:
        try:
            more = add_from_catalogue(current, script, scenario_id)
        except KeyError:
            return
    else:
        used = {s.id for s in script.scenarios}
        n = next(i for i in range(1, len(used) + 2) if f"custom.{i}" not in used)
        blank = Scenario(
            id=f"custom.{n}",
            process="finance",
            title=say("new_title", n=n),
            steps=[say("new_step")],
            minutes=15,
        )
        more = script.model_copy(update={"scenarios": [*script.scenarios, blank]})
    _save(current, more, say("added_note", title=more.scenarios[-1].title))


def _processes(current: Project, scenario: Scenario) -> list[str]:
    found = dict.fromkeys([scenario.process, *(r.process for r in current.requirements)])
    for item in ("order_to_cash", "procure_to_pay", "inventory", "production", "finance"):
        found.setdefault(item)
    found.setdefault("statutory")
    found.setdefault("reporting")
    return list(found)


def _scenario(current: Project, index: int, scenario: Scenario, count: int) -> None:
    lang = state.lang()
    words = Words(lang, current.criteria)
    key = f"ds.{scenario.id}"
    label = f"{index + 1}. {scenario.title} — {duration(scenario.minutes, lang)}"
    with st.expander(widgets.md(label)):
        state.seed(f"{key}.title", scenario.title)
        state.seed(f"{key}.process", scenario.process)
        state.seed(f"{key}.steps", "\n".join(scenario.steps))
        state.seed(f"{key}.data", "\n".join(scenario.data))
        state.seed(f"{key}.minutes", scenario.minutes)
        state.seed(f"{key}.criteria", list(scenario.criteria))
        state.seed(f"{key}.requirements", list(scenario.requirements))
        st.caption(say("id", id=scenario.id))
        st.text_input(say("title"), key=f"{key}.title")
        left, right = st.columns([3, 1])
        left.selectbox(
            say("process"),
            _processes(current, scenario),
            key=f"{key}.process",
            format_func=lambda p: t(f"requirements.process.{p}", lang),
        )
        number_field(
            say("minutes"),
            key=f"{key}.minutes",
            min_value=1,
            max_value=480,
            integer=True,
            where=right,
        )
        st.text_area(say("steps"), key=f"{key}.steps", help=say("one_per_line"))
        st.text_area(say("data"), key=f"{key}.data", help=say("one_per_line"))
        leaves = [leaf.id for leaf in current.criteria.leaves()]
        st.multiselect(
            say("criteria"),
            list(dict.fromkeys([*leaves, *scenario.criteria])),
            key=f"{key}.criteria",
            format_func=words.criterion,
            placeholder=state.choose(),
        )
        texts = {r.id: r.text.get(lang) for r in current.requirements}
        st.multiselect(
            say("requirements"),
            list(dict.fromkeys([*texts, *scenario.requirements])),
            key=f"{key}.requirements",
            format_func=lambda rid: f"{rid} — {texts.get(rid, '')}".rstrip(" —"),
            placeholder=state.choose(),
        )
        cols = st.columns(4)
        cols[0].button(
            say("save"), key=f"{key}.save", on_click=_edit, args=(index,), type="primary"
        )
        cols[1].button(
            say("up"), key=f"{key}.up", on_click=_move, args=(index, -1), disabled=index == 0
        )
        cols[2].button(
            say("down"),
            key=f"{key}.down",
            on_click=_move,
            args=(index, 1),
            disabled=index == count - 1,
        )
        cols[3].button(say("remove"), key=f"{key}.remove", on_click=_remove, args=(index,))


def _documents(current: Project) -> None:
    prepared = st.session_state.get(PREPARED)
    if st.button(say("prepare"), key="ds.prepare"):
        with st.spinner(say("preparing")):
            files = {fmt: demo_script_bytes(current, fmt, state.lang()) for fmt in DEMO_FORMATS}
        prepared = (state.version(), files)
        st.session_state[PREPARED] = prepared
    if not prepared or prepared[0] != state.version():
        return
    files = prepared[1]
    mime = {
        "html": "text/html",
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    cols = st.columns(3)
    for col, fmt in zip(cols, ("pdf", "html", "xlsx"), strict=True):
        col.download_button(
            say(f"download_{fmt}"),
            data=files[fmt],
            file_name=f"{say('file_name')}.{fmt}",
            mime=mime[fmt],
            key=f"ds.download.{fmt}",
        )


def script_section(current: Project) -> None:
    """Draw the demo script: generate it, then edit, reorder, add and remove scenarios."""
    lang = state.lang()
    st.subheader(say("script"))
    st.caption(say("script_help"))
    script = current.demo_script
    if script is None:
        st.info(say("no_script"))
        st.button(say("generate"), key="ds.generate", on_click=_generate, type="primary")
        return
    st.markdown(
        t(
            "demoscripts.doc.summary",
            lang,
            n=len(script.scenarios),
            minutes=duration(script.minutes, lang),
        )
    )
    if script.lang != lang:
        st.caption(say("other_lang", lang=t(f"demoscripts.app.lang_{script.lang}", lang)))
    for index, scenario in enumerate(script.scenarios):
        _scenario(current, index, scenario, len(script.scenarios))
    used = {s.id for s in script.scenarios}
    choices = [(sid, title) for sid, title in catalogue_choices(lang) if sid not in used]
    left, right = st.columns([3, 1])
    titles = dict(choices)
    pick = left.selectbox(
        say("add_pick"),
        [sid for sid, _ in choices],
        key="ds.add_pick",
        format_func=lambda sid: titles[sid],
        index=None,
        placeholder=state.choose(),
    )
    right.button(say("add"), key="ds.add", on_click=_add, args=(pick,), disabled=pick is None)
    st.button(say("add_blank"), key="ds.add_blank", on_click=_add, args=(None,))
    st.button(
        say("regenerate"), key="ds.regenerate", on_click=_generate, help=say("regenerate_help")
    )
    _documents(current)


__all__ = ["say", "script_section"]
