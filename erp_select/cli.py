"""The ``erp-select`` command line: validate files, list methods, rank vendors, write reports."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import ValidationError

from erp_select import __version__, words
from erp_select.analysis.parts import prepare
from erp_select.analysis.settings import DEFAULT_SAMPLES
from erp_select.engine import method_info, methods
from erp_select.errors import InputError, Problem
from erp_select.evaluate import evaluate
from erp_select.evaluate.adjustments import MARK, cell_note, cell_text, describe, no_data_warning
from erp_select.i18n import fmt_money, fmt_number, normalise_lang, t
from erp_select.io import dump_project, load_criteria, load_project, load_vendors
from erp_select.io.answers import vendors_with_answers
from erp_select.io.cells import encode_text
from erp_select.io.facts import inferred_fact_problems
from erp_select.io.problems import Where, validation_problems
from erp_select.io.questionnaire import (
    export_questionnaire,
    import_questionnaire,
    sector_template,
)
from erp_select.io.sniff import check_any
from erp_select.model import CompanyProfile, Project, VendorProfile
from erp_select.pipeline import Analysis
from erp_select.screen import explain_failure, screening_warnings
from erp_select.text import isolate_bidi

EXIT_OK = 0
EXIT_INVALID = 2


def _lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` after the command too (``erp-select report … --lang en``).

    ``SUPPRESS``: when it is not given there, the value before the command stays.
    """
    parser.add_argument(
        "--lang", choices=["fr", "en"], default=argparse.SUPPRESS, help="language (fr, en)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="erp-select",
        description="Choose an ERP / Choisir un ERP: rank vendors, explain why.",
    )
    parser.add_argument("--version", action="version", version=f"erp-select {__version__}")
    parser.add_argument(
        "--lang", choices=["fr", "en"], default=None, help="language of messages (fr, en)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    app = sub.add_parser("app", help="start the web app (Streamlit options may follow)")
    app.add_argument("options", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    validate = sub.add_parser("validate", help="check criteria, vendor or project files")
    _lang_option(validate)
    validate.add_argument("paths", nargs="+", type=Path)

    _lang_option(sub.add_parser("methods", help="list the ranking methods"))

    rank = sub.add_parser("rank", help="rank vendors")
    _lang_option(rank)
    source = rank.add_mutually_exclusive_group(required=True)
    source.add_argument("--project", type=Path, help="a project file (JSON)")
    source.add_argument("--criteria", type=Path, help="a criteria file")
    rank.add_argument("--vendors", type=Path, nargs="+", help="vendor file(s) or a folder")
    rank.add_argument("--method", default=None, help="method key (see `erp-select methods`)")
    rank.add_argument("--format", choices=["table", "json", "csv"], default="table")
    rank.add_argument("--users", type=int, default=50, help="number of ERP users (default 50)")
    rank.add_argument("--horizon", type=int, default=5, help="years of TCO (default 5)")
    rank.add_argument("--sector", default="general", help="company sector slug")
    rank.add_argument("--budget", type=float, default=None, help="budget over the horizon, €")
    rank.add_argument(
        "--indexation",
        type=float,
        default=0.0,
        help="yearly price indexation of recurring costs, a share: 0.03 = 3 %% (default 0)",
    )
    rank.add_argument(
        "--user-growth",
        type=float,
        default=0.0,
        help="yearly growth of the number of users, a share (default 0)",
    )
    rank.add_argument(
        "--discount-rate",
        type=float,
        default=None,
        help="discount rate for a net present value, a share (default: no discounting)",
    )

    quest = sub.add_parser("questionnaire", help="vendor requirements questionnaire (XLSX)")
    qsub = quest.add_subparsers(dest="action", required=True)
    export = qsub.add_parser("export", help="write the questionnaire to send to a vendor")
    _lang_option(export)
    export_from = export.add_mutually_exclusive_group(required=True)
    export_from.add_argument("--sector", help="a bundled sector template")
    export_from.add_argument("--project", type=Path, help="the requirements of a project file")
    export.add_argument("--vendor", help="pre-fill with this vendor's answers (with --project)")
    export.add_argument("--out", type=Path, required=True)
    imp = qsub.add_parser("import", help="store a filled questionnaire in a project file")
    _lang_option(imp)
    imp.add_argument("--project", type=Path, required=True)
    imp.add_argument("--vendor", required=True, help="the vendor id that answered")
    imp.add_argument("--file", type=Path, required=True, help="the filled XLSX")
    imp.add_argument("--out", type=Path, required=True, help="the updated project file")

    card = sub.add_parser("scorecard", help="demo scorecards for evaluators (XLSX)")
    csub = card.add_subparsers(dest="action", required=True)
    cexp = csub.add_parser("export", help="write a workbook with one sheet per evaluator")
    _lang_option(cexp)
    cexp.add_argument("--project", type=Path, required=True)
    cexp.add_argument("--out", type=Path, required=True)
    cexp.add_argument(
        "--evaluator", action="append", default=None, help="an evaluator's name (repeat)"
    )
    cimp = csub.add_parser("import", help="adopt filled scorecards as demo facts")
    _lang_option(cimp)
    cimp.add_argument("--project", type=Path, required=True)
    cimp.add_argument("files", type=Path, nargs="+", help="the filled workbooks")
    cimp.add_argument("--out", type=Path, required=True, help="the updated project file")

    report = sub.add_parser("report", help="write the shortlist report")
    _lang_option(report)
    report.add_argument("--project", type=Path, required=True)
    report.add_argument(
        "--format",
        choices=["pdf", "html", "xlsx", "csv", "md", "memo"],
        required=True,
        dest="fmt",
        help="memo: the two-page board memo (PDF)",
    )
    report.add_argument("--out", type=Path, required=True)
    report.add_argument(
        "--samples", type=int, default=DEFAULT_SAMPLES, help="SMAA-2 samples (default 10000)"
    )
    report.add_argument("--seed", type=int, default=None, help="seed (default: the project's)")
    report.add_argument(
        "--appendix",
        choices=["shortlist", "all"],
        default="shortlist",
        help=(
            "PDF content: the board document with a sheet per shortlisted or near-miss"
            " vendor (default), or the full report with every vendor's sheet"
        ),
    )
    demo = sub.add_parser("demo-script", help="write the demo script (vendors) or its scoring grid")
    _lang_option(demo)
    demo.add_argument("--project", type=Path, required=True)
    demo.add_argument("--format", choices=["pdf", "html", "xlsx"], required=True, dest="fmt")
    demo.add_argument("--out", type=Path, required=True)
    return parser


def _project_from_args(args: argparse.Namespace) -> Project:
    if args.project is not None:
        return load_project(args.project)
    if not args.vendors:
        raise InputError([Problem(rule="cli.vendors_required", field="--vendors")])
    criteria = load_criteria(args.criteria)
    vendors = load_vendors(args.vendors if len(args.vendors) > 1 else args.vendors[0])
    refused = inferred_fact_problems(vendors, criteria, source="--vendors")
    if refused:
        raise InputError(refused)
    options = {
        "sector": args.sector,
        "erp_users": args.users,
        "horizon_years": args.horizon,
        "budget": args.budget,
        "costs": {
            "indexation": args.indexation,
            "user_growth": args.user_growth,
            "discount_rate": args.discount_rate,
        },
    }
    flags = {
        "sector": "--sector",
        "erp_users": "--users",
        "horizon_years": "--horizon",
        "budget": "--budget",
    }
    cost_flags = {
        "indexation": "--indexation",
        "user_growth": "--user-growth",
        "discount_rate": "--discount-rate",
    }
    try:
        company = CompanyProfile.model_validate(options)
    except ValidationError as exc:
        problems = validation_problems(
            exc,
            options,
            source=None,
            locate=lambda path: Where(
                row=None,
                field=cost_flags.get(str(path[-1]), "--budget")
                if path[0] == "costs"
                else flags.get(str(path[0]), "--budget"),
            ),
        )
        raise InputError(problems) from None
    return Project(company=company, criteria=criteria, vendors=vendors)


@dataclass(frozen=True)
class _Row:
    rank: int
    vendor_id: str
    name: str
    score: float
    tco: float
    tco_ranked: float


def _rows(analysis: Analysis) -> list[_Row]:
    result = analysis.result
    if result is None:
        return []
    index = {v: i for i, v in enumerate(result.alternatives)}
    return [
        _Row(
            rank=int(result.ranks[index[vendor_id]]),
            vendor_id=vendor_id,
            name=analysis.project.vendor(vendor_id).name,
            score=float(result.scores[index[vendor_id]]),
            tco=analysis.performance.tco[vendor_id].total.likely,
            tco_ranked=_tco_ranked(analysis, vendor_id),
        )
        for vendor_id in analysis.order()
    ]


def _tco_ranked(analysis: Analysis, vendor_id: str) -> float:
    cell = analysis.tco_cell(vendor_id)
    return cell.used if cell is not None else analysis.performance.tco[vendor_id].total.likely


def _tco_marked(analysis: Analysis, vendor_id: str) -> bool:
    cell = analysis.tco_cell(vendor_id)
    return cell is not None and cell.adjusted


def _tco_text(analysis: Analysis, vendor_id: str, lang: str) -> str:
    cell = analysis.tco_cell(vendor_id)
    if cell is None:
        return fmt_money(analysis.performance.tco[vendor_id].total.likely, lang)
    return cell_text(cell, lang)


def _notes(analysis: Analysis, lang: str, vendor_id: str | None = None) -> list[str]:
    """Footnotes of the ranked vendors' marked cells (one vendor's with ``vendor_id``)."""
    project = analysis.project
    labels = {c.id: c.label.get(lang) for c in project.criteria.leaves()}
    ids = [vendor_id] if vendor_id is not None else None
    return [
        cell_note(c, project.vendor(c.vendor_id).name, labels[c.criterion_id], lang)
        for c in analysis.marked(ids)
    ]


def _warnings(analysis: Analysis, lang: str) -> list[str]:
    labels = {c.id: c.label.get(lang) for c in analysis.project.criteria.leaves()}
    return [no_data_warning(labels[c], lang) for c in analysis.no_data()]


def _adjusted_json(analysis: Analysis, lang: str) -> list[dict[str, object]]:
    return [
        {
            "vendor_id": c.vendor_id,
            "criterion_id": c.criterion_id,
            "raw": c.raw,
            "used": c.used,
            "adjustments": [
                {
                    "code": a.code,
                    "before": a.before,
                    "after": a.after,
                    "text": describe(a, lang, c.unit),
                }
                for a in c.adjustments
                if a.changes_value
            ],
        }
        for c in analysis.marked()
    ]


def _print_rank(analysis: Analysis, fmt: str, lang: str) -> None:
    rows = _rows(analysis)
    out = sys.stdout
    excluded = analysis.screening.excluded
    criteria = analysis.project.criteria
    warnings = [
        *screening_warnings(
            analysis.screening, lang, criteria, alternatives=bool(analysis.alternatives)
        ),
        *_warnings(analysis, lang),
    ]
    if fmt == "json":
        payload = {
            "method": analysis.method,
            "warnings": warnings,
            "ranking": [asdict(r) for r in rows],
            "excluded": {
                v: [explain_failure(o, lang, criteria) for o in analysis.screening.failures(v)]
                for v in excluded
            },
            "adjusted": _adjusted_json(analysis, lang),
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        for warning in warnings:  # the CSV on stdout stays a table
            sys.stderr.write(t("facts.warning", lang, message=warning) + "\n")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["rank", "vendor_id", "name", "score", "tco", "tco_ranked", "notes"])
        for r in rows:
            notes = " ".join(_notes(analysis, lang, r.vendor_id))
            writer.writerow(
                [
                    r.rank,
                    encode_text(r.vendor_id),
                    encode_text(isolate_bidi(r.name)),
                    repr(r.score),
                    repr(r.tco),
                    repr(r.tco_ranked) + (f" {MARK}" if _tco_marked(analysis, r.vendor_id) else ""),
                    encode_text(notes) if notes else "",
                ]
            )
        out.write(buffer.getvalue())
        return
    out.write(t("cli.ranking_with", lang, method=words.method(analysis.method, lang)) + "\n")
    header = [t(f"cli.col.{k}", lang) for k in ("rank", "vendor", "score", "tco")]
    lines = [
        [
            str(r.rank),
            isolate_bidi(r.name),
            fmt_number(r.score, lang, digits=4),
            _tco_text(analysis, r.vendor_id, lang),
        ]
        for r in rows
    ]
    widths = [max([len(h)] + [len(line[k]) for line in lines]) for k, h in enumerate(header)]
    for line in [header, *lines]:
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")
    for warning in warnings:
        out.write("\n" + t("facts.warning", lang, message=warning) + "\n")
    marked = _notes(analysis, lang)
    if marked:
        out.write("\n" + t("cells.title", lang) + "\n")
        for note in marked:
            out.write(f"  {note}\n")
    if excluded:
        out.write("\n" + t("cli.excluded", lang) + "\n")
        for vendor_id in excluded:
            name = analysis.project.vendor(vendor_id).name
            for outcome in analysis.screening.failures(vendor_id):
                reason = explain_failure(outcome, lang, criteria)
                out.write(f"  - {t('labels.named', lang, name=name, text=reason)}\n")


def _project_vendor(project: Project, vendor_id: str | None) -> VendorProfile | None:
    if vendor_id is None:
        return None
    try:
        return project.vendor(vendor_id)
    except KeyError:
        known = ", ".join(v.id for v in project.vendors)
        raise InputError(
            [
                Problem(
                    rule="cli.unknown_vendor",
                    field="--vendor",
                    value=vendor_id,
                    params={"known": known},
                )
            ]
        ) from None


def _questionnaire(args: argparse.Namespace, lang: str) -> int:
    if args.action == "export":
        if args.sector:
            requirements = sector_template(args.sector).requirements
            vendor = None
        else:
            project = load_project(args.project)
            requirements = project.requirements
            vendor = _project_vendor(project, args.vendor)
        if not requirements:
            raise InputError([Problem(rule="cli.no_requirements", source=str(args.project))])
        args.out.write_bytes(export_questionnaire(requirements, vendor, lang))
        sys.stdout.write(t("cli.written", lang, path=args.out) + "\n")
        return EXIT_OK
    project = load_project(args.project)
    vendor = _project_vendor(project, args.vendor)
    assert vendor is not None
    if not project.requirements:
        raise InputError([Problem(rule="cli.no_requirements", source=str(args.project))])
    data = args.file.read_bytes()
    answers = import_questionnaire(data, args.file.name, project.requirements)
    updated = Project.model_validate(
        {
            **project.model_dump(mode="json"),
            "vendors": vendors_with_answers(project, vendor.id, answers),
        }
    )
    args.out.write_bytes(dump_project(updated))
    sys.stdout.write(
        t("cli.answers_stored", lang, count=len(answers), vendor=vendor.name, path=args.out) + "\n"
    )
    return EXIT_OK


def _scorecard(args: argparse.Namespace, lang: str) -> int:
    from erp_select.workshop.scorecard_import import import_scorecards
    from erp_select.workshop.scorecard_sheet import export_scorecards

    project = load_project(args.project)
    if args.action == "export":
        names = args.evaluator or [t("evalteam.evaluator", lang, n=i) for i in (1, 2, 3)]
        args.out.write_bytes(export_scorecards(project, names, lang))
        sys.stdout.write(t("cli.written", lang, path=args.out) + "\n")
        return EXIT_OK
    files = [(path.name, path.read_bytes()) for path in args.files]
    updated, agreed = import_scorecards(project, files, lang=lang)
    args.out.write_bytes(dump_project(updated))
    sys.stdout.write(t("evalteam.imported", lang, count=len(agreed), path=args.out) + "\n")
    return EXIT_OK


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit code (0 ok, 2 invalid input)."""
    args = _parser().parse_args(argv)
    lang = normalise_lang(args.lang)
    try:
        if args.command == "app":  # the ``erp-select`` launcher starts it; not this module
            sys.stderr.write(t("cli.app_from_launcher", lang) + "\n")
            return EXIT_INVALID
        if args.command == "methods":
            listed = [(info.key, words.method(info.key, lang), info) for info in methods()]
            width = max(len(name) for _, name, _ in listed)
            for key, name, info in listed:
                sys.stdout.write(f"{key:10} {name:{width}}  {info.description[lang]}\n")
            return EXIT_OK
        if args.command == "validate":
            problems: list[str] = []
            for path in args.paths:
                try:
                    kind, count, warnings = check_any(path)
                    if kind == "project":
                        # A criterion that refuses a missing value is checked at the door.
                        evaluate(load_project(path))
                    what = t(f"cli.kind.{kind}", lang)
                    line = t("cli.valid", lang, path=path, kind=what, count=count)
                    sys.stdout.write(f"{line}\n")
                    for warning in warnings:
                        line = t("facts.warning", lang, message=warning.render(lang))
                        sys.stdout.write(f"  {line}\n")
                except InputError as exc:
                    problems.extend(exc.lines(lang))
            if problems:
                sys.stderr.write("\n".join(problems) + "\n")
                return EXIT_INVALID
            return EXIT_OK
        if args.command == "rank":
            project = _project_from_args(args)
            if args.method:
                method_info(args.method)
            if args.method:
                project = project.model_copy(update={"method": args.method})
            analysis = prepare(project).analysis  # the suite's ranking (pinned to today)
            _print_rank(analysis, args.format, lang)
            return EXIT_OK
        if args.command == "questionnaire":
            return _questionnaire(args, lang)
        if args.command == "demo-script":
            from erp_select.report.demo_export import write_demo_script

            write_demo_script(load_project(args.project), args.fmt, args.out, lang)
            sys.stdout.write(f"{t('demoscripts.written', lang, path=args.out)}\n")
            return EXIT_OK
        if args.command == "scorecard":
            return _scorecard(args, lang)
        if args.command == "report":
            from erp_select.report import write_report

            project = load_project(args.project)
            write_report(
                project,
                args.fmt,
                args.out,
                lang,
                samples=args.samples,
                seed=args.seed,
                appendix=args.appendix,
            )
            sys.stdout.write(f"{t('cli.report_written', lang, path=args.out)}\n")
            return EXIT_OK
    except InputError as exc:
        sys.stderr.write(exc.render(lang) + "\n")
        return EXIT_INVALID
    except OSError as exc:
        sys.stderr.write(
            t("cli.os_error", lang, path=exc.filename or "", message=exc.strerror or str(exc))
            + "\n"
        )
        return EXIT_INVALID
    return EXIT_INVALID  # pragma: no cover - argparse rejects unknown commands


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()
