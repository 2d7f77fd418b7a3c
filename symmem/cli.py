"""The ``symmem`` command: list, eval, derive, build, check, grade.

Every error symmem raises on purpose is a :class:`~symmem.errors.SymmemError`; every
command reports one as a single line on stderr, never a traceback, with the error's
exit code: 2 for usage and bad input, 1 for a derivation or build that fails.
``symmem COMMAND --help`` explains each command with examples.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from symmem.errors import DerivationError, SymmemError, UsageError

if TYPE_CHECKING:
    from symmem.checking.grade_input import Wide

__all__ = ["main"]

EPILOG = """examples:
  symmem list
  symmem eval nernst c_in=140 c_out=5 z=1
  symmem eval ghk_voltage P_K=1 K_in=140 K_out=5 P_Na=0.05 Na_in=10 Na_out=145 --json
  symmem derive nernst --format latex
  symmem build --no-pdf
  symmem check nernst "RT/(zF) ln(c_o/c_i)"
  symmem grade answers.csv -o graded.csv --jobs 2
"""


def parse_assignments(items: Sequence[str], words: bool = False,
                      units: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Turn ``NAME=VALUE`` words into numbers (int where the text is an integer); with
    ``words`` a value that is not a number stays text (``pump=on``). With ``units``
    (each name's unit), a number may carry a unit of the same kind, converted to it:
    ``c_in=0.14M`` is 140 when c_in is in mM, ``T=37C`` is 310.15 when T is in K."""
    from symmem.units import UnitError, with_decimal_point

    values: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise UsageError(f"expected NAME=VALUE, got {item!r} (for example c_in=140)")
        try:
            text = with_decimal_point(text)  # c_in=140,5
        except UnitError as exc:
            raise UsageError(f"{name}: {exc}") from None
        try:
            value: Any = int(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                if units is not None and name in units:
                    value = _with_unit(name, text, units[name])
                elif not words:
                    raise UsageError(f"{name}: {text!r} is not a number") from None
                else:
                    value = text
        if name in values:
            raise UsageError(f"{name} is given twice")
        values[name] = value
    return values


def _with_unit(name: str, text: str, unit: str) -> float:
    """``0.14 M`` as a number in ``unit`` (mM): 140; a temperature may be in °C."""
    from symmem.units import UnitError, factor, kelvin, split_quantity

    if unit == "K":
        temperature = kelvin(text)
        if temperature is not None:
            return temperature
    quantity = split_quantity(text)
    in_unit = f" in {unit}" if unit else ""
    if quantity is None or not quantity[1]:
        raise UsageError(f"{name}: {text!r} is not a number{in_unit}")
    number, typed = quantity
    if not unit:
        raise UsageError(f"{name}: {text!r}: {name} takes a plain number, without a unit")
    try:
        scale = factor(typed, unit)
    except UnitError as exc:
        raise UsageError(f"{name}: {text!r}: {exc}; give it in {unit}") from None
    if scale is None:
        raise UsageError(f"{name}: {typed} is not a unit of the same kind as {unit}; "
                         f"give it in {unit}")
    return number * scale


def _format_number(value: float) -> str:
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        return f"{value:.4g}" if abs(value) < 1 else f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.4e}"


def cmd_eval(args: argparse.Namespace) -> int:
    from symmem.laws import law

    item = law(args.law)
    inputs = parse_assignments(args.assignments,
                               units={p.name: p.unit for p in item.params})
    values = item.evaluate(**inputs)
    units = {out.name: out.unit for out in item.results}
    if args.json:
        used = {p.name: inputs.get(p.name, p.default) for p in item.parameters(inputs)}
        units = {p.name: p.unit for p in item.parameters(inputs)} | units
        print(json.dumps({"law": item.name, "inputs": used, "outputs": values,
                          "units": units}, sort_keys=False))
    else:
        shown = " ".join(f"{k}={v}" for k, v in inputs.items())
        print(f"{item.name}({shown})")
        for out_name, value in values.items():
            print(f"  {out_name} = {_format_number(value)} {units[out_name]}".rstrip())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from symmem.laws import LAWS

    what = args.what
    if what in ("all", "laws"):
        print("Laws (symmem eval LAW NAME=VALUE ...):")
        for item in LAWS.values():
            outs = ", ".join(f"{out.name} [{out.unit or '1'}]" for out in item.results)
            print(f"  {item.name:<38} -> {outs}  ({item.parameter_summary()})")
    if what in ("all", "derivations"):
        _list_derivations(args)
    if what in ("all", "questions"):
        _list_questions(_questions(args))
    if what in ("all", "models"):
        from symmem.models import MODELS

        print("Models (symmem simulate MODEL NAME=VALUE ...):")
        for model in MODELS.values():
            params = ", ".join(
                f"{p.name}=" + ("|".join(p.choices) if p.choices else
                                ("cell's own" if p.default is None else f"{p.default:g}")
                                + (f" [{p.unit}]" if p.unit else ""))
                for p in model.params)
            print(f"  {model.name:<22} {model.title}\n  {'':<22} ({params})")
    return 0


def _list_derivations(args: argparse.Namespace) -> None:
    try:
        from symmem.course import load_course
    except ImportError:
        return
    print("\nDerivations (symmem derive NAME):")
    for name, loaded in load_course(args.derivations).items():
        if loaded.error:
            print(f"  {name:<38} ERROR: {loaded.error}")
            continue
        verdicts = loaded.derivation.verdict_counts()
        summary = ", ".join(f"{n} {v}" for v, n in verdicts.items())
        print(f"  {name:<38} {len(loaded.derivation.steps):>2} steps  ({summary})")


def _list_questions(bank: dict | None = None) -> None:
    from symmem.checking.questions import QUESTIONS

    print("\nQuestions (symmem check QUESTION ANSWER):")
    for q in (*(bank or {}).values(), *QUESTIONS.values()):
        where = "" if q.source == "bundled" else f"  [{q.source}]"
        print(f"  {q.name:<38} {q.prompt}{where}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symmem", description="Membrane biophysics for teaching: laws, checked "
        "derivations, notebooks, slides and an algebra checker.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="symmem 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help="list laws, derivations, questions and models",
                       description="List laws (with parameters and units), derivations "
                       "(with step counts and verdicts), questions and the models "
                       "symmem simulate runs.")
    p.add_argument("what", nargs="?", default="all",
                   choices=["all", "laws", "derivations", "questions", "models"])
    p.add_argument("--derivations", default=None, metavar="DIR",
                   help="folder of derivation files (default: ./derivations)")
    p.add_argument("--questions", metavar="FILE",
                   help="also list the questions of a lecturer's question file (TOML)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "eval", help="evaluate a law numerically",
        description="Evaluate a law in physiology units: concentrations in mM, potentials "
        "in mV, T in K (default 310.15), free energies in kJ/mol.",
        epilog="examples:\n  symmem eval nernst c_in=140 c_out=5 z=1\n"
        "  symmem eval driving_force V=-50 E=120 --json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("law", help="law name (see symmem list laws)")
    p.add_argument("assignments", nargs="*", metavar="NAME=VALUE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_eval)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


def cmd_derive(args: argparse.Namespace) -> int:
    from symmem.course import load_course

    course = load_course(args.derivations)
    if args.name not in course:
        import difflib

        close = difflib.get_close_matches(args.name, course, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(f"unknown derivation {args.name!r}{hint}. Derivations: "
                         f"{', '.join(course)}")
    loaded = course[args.name]
    if isinstance(loaded.exception, DerivationError):
        raise loaded.exception
    if loaded.error:
        raise UsageError(f"{args.name}: the file could not be built: {loaded.error}")
    derivation = loaded.derivation
    derivation.verify()
    print(derivation.to_latex() if args.format == "latex" else derivation.to_text())
    return 0


def _register_derive(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "derive", help="print a step-checked derivation",
        description="Verify a derivation step by step and print it as text or as a LaTeX "
        "fragment (an align* block; it needs \\usepackage{amsmath}). A step that does not "
        "follow stops with its number, rule and both sides.",
        epilog="examples:\n  symmem derive nernst\n  symmem derive ghk_voltage --format latex",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", help="derivation name: the file stem in the derivations folder")
    p.add_argument("--format", choices=["text", "latex"], default="text")
    p.add_argument("--derivations", default=None, metavar="DIR",
                   help="folder of derivation files (default: ./derivations)")
    p.set_defaults(func=cmd_derive)


def cmd_build(args: argparse.Namespace) -> int:
    import time

    from symmem.build import build, summary
    from symmem.course import bundled_folder

    started = time.perf_counter()
    notebooks, slides = Path(args.out), Path(args.slides)
    from symmem.course import default_folder

    source = args.derivations or default_folder()
    if Path(source).resolve() == bundled_folder().resolve():
        source = "the bundled course"
    else:
        source = f"{source}/"
    print(f"symmem build: {source} -> {notebooks}/, {slides}/"
          + (" (executing notebooks)" if args.execute else ""))
    results = build(args.derivations, notebooks, slides, execute=args.execute,
                    pdf=not args.no_pdf, jobs=args.jobs, bar=sys.stderr.isatty() and not args.quiet,
                    force=args.force, **({} if args.timeout is None else
                                         {"timeout": args.timeout}),
                    report=(lambda line: None) if args.quiet else None)
    print(summary(results, time.perf_counter() - started, notebooks, slides))
    return 1 if any(r.error for r in results) else 0


def _seconds(text: str) -> float:
    """An argparse type: a time in seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 (no limit) or a number of "
                                         "seconds above 0")
    return value


def _register_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build", help="build notebooks, Beamer and reveal.js slides from the derivations",
        description="Verify every derivation in the folder and write, for each, a Jupyter "
        "notebook (OUT/NAME.ipynb), Beamer slides (SLIDES/NAME.tex with its figures, and "
        "NAME.pdf and NAME-handout.pdf when pdflatex is on the PATH) and an offline reveal.js "
        "deck (SLIDES/NAME.html; open it in a browser, no network needed: its scripts are in "
        "SLIDES/_static). A derivation that fails is reported with its step; the others are "
        "still built, and the exit code is 1. Running the build twice gives identical "
        "notebooks, .tex and .html files; a derivation whose inputs did not change is "
        "skipped.",
        epilog="examples:\n  symmem build\n  symmem build --no-pdf\n"
        "  symmem build --derivations my_course --out my_course/notebooks --slides "
        "my_course/slides\n  symmem build --execute   # also run every notebook and keep "
        "its outputs",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--derivations", default=None, metavar="DIR",
                   help="folder of derivation files (default: ./derivations)")
    p.add_argument("--out", default="notebooks", metavar="DIR",
                   help="where notebooks go (default: notebooks)")
    p.add_argument("--slides", default="slides", metavar="DIR",
                   help="where slides and figures go (default: slides)")
    p.add_argument("--execute", action="store_true",
                   help="run each notebook with nbclient and write its outputs")
    p.add_argument("--no-pdf", action="store_true",
                   help="skip pdflatex (the .tex and .html decks are still written)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="derivations built in parallel (default: 2, or 1 on one CPU)")
    p.add_argument("--quiet", action="store_true", help="print the summary only")
    p.add_argument("--force", action="store_true",
                   help="build every derivation, even those whose inputs are unchanged")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="stop a derivation still building after this long and report the "
                   "line of its file it was at (default: 300; 0: no limit)")
    p.set_defaults(func=cmd_build)


def _questions(args: argparse.Namespace) -> dict | None:
    """The lecturer's question file named by --questions, loaded (None without one)."""
    if not getattr(args, "questions", None):
        return None
    from symmem.checking.question_file import load_questions

    return load_questions(args.questions)


def _self_test(bank: dict | None, name: str | None) -> int:
    """Judge every right form and generated mistake of the chosen questions; exit 1 on any
    finding."""
    from symmem.checking.questions import QUESTIONS, question
    from symmem.checking.selftest import self_test

    if name is not None:
        chosen = [question(name, bank)]
    else:
        chosen = list((bank or QUESTIONS).values())
    total, problems = 0, 0
    for q, tried, findings in self_test(chosen):
        total += tried
        problems += len(findings)
        print(f"  {q.name:<34} {tried:>3} forms  {'ok' if not findings else 'PROBLEMS'}")
        for finding in findings:
            print(f"      {finding.answer!r}: expected {finding.expected}, got {finding.got}")
    print(f"self-test: {total} forms of {len(chosen)} questions, {problems} judged wrongly")
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    from symmem.checking import check, question

    bank = _questions(args)
    if args.self_test:
        return _self_test(bank, args.question)
    if args.question is None:
        raise UsageError("give a question and an answer, for example: symmem check nernst "
                         "\"RT/(zF) ln(c_o/c_i)\"  (symmem list questions shows them all)")
    q = question(args.question, bank)
    if args.steps:
        from symmem.checking.steps import check_steps

        try:
            text = Path(args.steps).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.steps}: {exc}") from None
        result = check_steps(q.name, text, format=args.format)
    elif args.answer is None:
        raise UsageError(f"give an answer to check, for example: symmem check {q.name} "
                         f"\"{(q.examples or ('...',))[0]}\"  ({q.prompt})")
    else:
        units = None
        if q.law_name is not None:
            from symmem.laws import law

            units = {p.name: p.unit for p in law(q.law_name).params}
        params = parse_assignments(args.param, units=units)
        result = check(q.name, args.answer.strip(), format=args.format, questions=bank,
                       **params)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(f"{result.verdict} (score {result.score:g})")
        if result.read_as or result.interpreted:
            print(f"  read as: {result.read_as or result.interpreted}")
        print(f"  {result.feedback}")
        if result.mistakes:
            print(f"  mistakes: {', '.join(result.mistakes)}")
    return 0


def _register_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="check a student's answer",
        description="Judge an answer (text or LaTeX) to a question of the bank: correct, "
        "incorrect, invalid or undecided, with a score, feedback naming the mistake, and how "
        "the answer was read. Answers are parsed, never executed.",
        epilog="examples:\n  symmem check nernst \"RT/(zF) ln(c_o/c_i)\"\n"
        "  symmem check nernst '\\frac{RT}{zF}\\ln\\frac{c_o}{c_i}' --json\n"
        "  symmem check nernst_numeric \"-89 mV\" --param c_in=140 --param c_out=5\n"
        "  symmem check nernst --steps my_derivation.txt\n  symmem list questions",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("question", nargs="?", help="question name (see symmem list questions)")
    p.add_argument("answer", nargs="?", help="the answer, quoted")
    p.add_argument("--questions", metavar="FILE",
                   help="a lecturer's question file (TOML), searched before the bundled bank")
    p.add_argument("--self-test", action="store_true",
                   help="judge every question's right forms and its generated mistakes (of "
                   "QUESTION, or all questions of --questions FILE, or the bundled bank)")
    p.add_argument("--format", choices=["auto", "text", "latex"], default="auto")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="an input of a numeric question (repeatable)")
    p.add_argument("--steps", metavar="FILE",
                   help="check a derivation: one equation per line")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_check)


def cmd_grade(args: argparse.Namespace) -> int:
    from symmem.checking.grade import grade_file
    from symmem.checking.grade_input import count_rows

    source = Path(args.input)
    if not source.is_file():
        raise UsageError(f"no input file {source}")
    if args.timeout <= 0 or args.jobs < 1:
        raise UsageError("--timeout must be > 0 and --jobs >= 1")
    output = Path(args.output) if args.output else source.with_name(
        source.stem + ".graded" + (source.suffix or ".csv"))
    param_columns = tuple(c.strip() for c in args.param_columns.split(",")) \
        if args.param_columns else None
    wide = _wide(args.answer_column, args.student_column)
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=count_rows(source, wide), desc="grading", unit="answer",
                   file=sys.stderr, leave=False)
    try:
        variants = None
        if args.variants:
            from symmem.checking.variants import load_variants

            variants = load_variants(Path(args.variants))
        summary = grade_file(source, output, jobs=args.jobs, timeout=args.timeout,
                             questions=_questions(args), param_columns=param_columns,
                             strict=args.strict, resume=args.resume, bom=not args.no_bom,
                             progress=bar.update if bar else None, variants=variants,
                             student_column=args.student_column, shard=_shard(args.shard),
                             wide=wide)
    finally:
        if bar is not None:
            bar.close()
    if summary.stopped:
        print(f"symmem grade: stopped by {summary.stopped} after {summary.rows} answers; "
              f"what was graded is kept in {output}.journal. Run the same command with "
              f"--resume to continue.", file=sys.stderr)
        return 130 if summary.stopped == "SIGINT" else 143
    if summary.resumed:
        print(f"resumed after {summary.resumed} answers graded earlier")
    print(summary.line(output))
    if args.gradebook:
        from symmem.checking.gradebook import write_gradebook

        students = write_gradebook(output, Path(args.gradebook), layout=args.format,
                                   student_column=args.student_column)
        print(f"gradebook: {students} students -> {args.gradebook} ({args.format} layout)")
    if args.report:
        from symmem.checking.report import write_report

        write_report(output, Path(args.report), questions=_questions(args))
        print(f"class report -> {args.report}")
    return 0


def _wide(pairs: Sequence[str], student: str | None) -> Wide | None:
    """``--answer-column 'Response 1=nernst'`` (repeated) as the layout of a responses
    report, or None for a file with one answer per row."""
    if not pairs:
        return None
    from symmem.checking.grade_input import Wide

    columns = []
    for pair in pairs:
        column, equals, name = pair.rpartition("=")
        if not equals or not column.strip() or not name.strip():
            raise UsageError(f"--answer-column {pair!r}: write COLUMN=QUESTION, for example "
                             "'Response 1=nernst'")
        columns.append((column.strip(), name.strip()))
    return Wide(tuple(columns), student)


def _register_grade(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grade", help="grade a class's answers (CSV or JSON lines)",
        description="Judge every row of INPUT (an LMS or spreadsheet export: CSV with or "
        "without a byte-order mark, with ',' ';' or tabs, Excel's Unicode Text, or JSON "
        "lines) with at least the columns id, question and answer, or a responses report "
        "read with --answer-column. Every other column passes through untouched; the "
        "inputs of a numeric question come only from the columns named after them (or "
        "--param-columns). The output repeats each row with verdict, score, review, "
        "feedback, mistakes and elapsed_ms, in input order; undecided and error rows have "
        "an empty score and review=yes. Each distinct answer is judged once, in a worker "
        "process under --timeout. Results are journalled as they finish: Ctrl-C stops "
        "cleanly and --resume continues.",
        epilog="examples:\n  symmem grade answers.csv -o graded.csv\n"
        "  symmem grade moodle_export.csv -o graded.csv --gradebook grades.csv "
        "--format moodle --report report.html\n"
        "  symmem grade responses.csv --answer-column 'Response 1=nernst' "
        "--answer-column 'Response 2=nernst_numeric' -o graded.csv --gradebook grades.csv\n"
        "  symmem grade answers.jsonl -o graded.jsonl --jobs 2 --timeout 5 --resume",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="CSV or .jsonl file of answers")
    p.add_argument("-o", "--output", help="output file (default: INPUT.graded.EXT); CSV or "
                   ".jsonl by its suffix")
    p.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--timeout", type=float, default=5.0,
                   help="seconds allowed per answer (default 5)")
    p.add_argument("--questions", metavar="FILE",
                   help="a lecturer's question file (TOML), searched before the bundled bank")
    p.add_argument("--param-columns", metavar="A,B",
                   help="only these columns may be inputs of numeric questions")
    p.add_argument("--strict", action="store_true",
                   help="refuse the whole file up front if any row cannot be graded as it is")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run from its journal (OUTPUT.journal)")
    p.add_argument("--no-bom", action="store_true",
                   help="write CSV without the byte-order mark Excel needs to read UTF-8")
    p.add_argument("--gradebook", metavar="FILE",
                   help="also write one row per student with each question's score and the "
                   "total, for import into an LMS")
    p.add_argument("--format", choices=["plain", "canvas", "moodle"], default="plain",
                   help="gradebook layout (default plain)")
    p.add_argument("--answer-column", metavar="COLUMN=QUESTION", action="append", default=[],
                   help="INPUT is a responses report (one row per student, a column per "
                   "question, as Moodle's Responses or Canvas's Student Analysis export): "
                   "grade COLUMN as QUESTION (repeatable; a Canvas column may be named by "
                   "the number before its colon)")
    p.add_argument("--student-column", metavar="NAME", default=None,
                   help="the column naming the student (default: student, else id; in a "
                   "responses report the first of student, ID number, Username, Email "
                   "address, sis_id, id)")
    p.add_argument("--report", metavar="FILE.html",
                   help="also write a class report: one self-contained HTML page")
    p.add_argument("--shard", metavar="K/N",
                   help="grade only the K-th of N equal blocks of rows (symmem merge joins "
                   "the graded blocks)")
    p.add_argument("--variants", metavar="FILE",
                   help="each student's inputs for numeric questions (from symmem variants)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_grade)


def _shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or int(match.group(2)) < 1:
        raise UsageError(f"--shard takes K/N, for example 3/10; got {text!r}")
    return int(match.group(1)), int(match.group(2))


def cmd_merge(args: argparse.Namespace) -> int:
    from symmem.checking.grade import merge_files

    rows = merge_files([Path(p) for p in args.parts], Path(args.output), bom=not args.no_bom)
    print(f"merged {len(args.parts)} graded parts, {rows} rows -> {args.output}")
    return 0


def _register_merge(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "merge", help="join graded shards into one file, in order",
        description="Join the outputs of symmem grade --shard 1/N … N/N (in that order) into "
        "one graded file, as one run would have written it.",
        epilog="examples:\n  symmem grade answers.csv --shard 1/2 -o part1.csv   # anywhere\n"
        "  symmem grade answers.csv --shard 2/2 -o part2.csv   # anywhere else\n"
        "  symmem merge part1.csv part2.csv -o graded.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("parts", nargs="+", help="graded shards, in order")
    p.add_argument("-o", "--output", required=True, help="the joined file (CSV or .jsonl)")
    p.add_argument("--no-bom", action="store_true", help="write CSV without a byte-order mark")
    p.set_defaults(func=cmd_merge)


def cmd_variants(args: argparse.Namespace) -> int:
    from symmem.checking.variants import write_variants

    bank = _questions(args)
    if not bank:
        raise UsageError("give the question file whose questions vary: --questions FILE")
    students, questions = write_variants(bank, Path(args.students), args.seed,
                                         Path(args.output), student_column=args.student_column)
    print(f"variants: {questions} questions for {students} students -> {args.output} "
          f"(seed {args.seed}; the answer column is the key)")
    return 0


def _register_variants(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "variants", help="give each student their own numbers for numeric questions",
        description="For every numeric question of --questions FILE that declares "
        "vary = { input = [low, high] }, draw each student of the roster their own "
        "inputs (the same ones for the same --seed) and write them with the right answer. "
        "symmem grade --variants FILE then grades each row with its student's numbers.",
        epilog="examples:\n  symmem variants --questions course.toml --students roster.csv "
        "--seed 2026 -o variants.csv\n  symmem grade answers.csv --questions course.toml "
        "--variants variants.csv -o graded.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--questions", metavar="FILE", required=True,
                   help="the question file (TOML) with vary ranges")
    p.add_argument("--students", metavar="ROSTER", required=True,
                   help="a CSV with a column naming the students")
    p.add_argument("--seed", type=int, required=True, help="any whole number")
    p.add_argument("-o", "--output", required=True, help="the variants file (CSV)")
    p.add_argument("--student-column", metavar="NAME", default=None,
                   help="the roster's student column (default: student, else id)")
    p.set_defaults(func=cmd_variants)


def cmd_simulate(args: argparse.Namespace) -> int:
    from symmem.models import MODELS, run

    given = parse_assignments(args.assignments, words=True)
    result = run(args.model, given)
    if args.json:
        print(json.dumps(result, sort_keys=False))
        return 0
    print(f"{args.model}: {MODELS[args.model].title}")
    print("  " + " ".join(f"{k}={v}" for k, v in result["params"].items()))
    for key, value in result["summary"].items():
        unit = result["units"].get(key, "")
        shown = value if not isinstance(value, float) else _format_number(value)
        print(f"  {key:<18} {shown} {unit if unit != '1' else ''}".rstrip())
    return 0


def _register_simulate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate", help="run a bundled model (see symmem list models)",
        description="Run one of symmem's models and print its summary figures: for "
        "pump_block_spiking, the spikes fired before the axon falls silent, the time to "
        "silence, the final [Na+]i and [K+]i, the model's overlap factor and the spike "
        "budget law at that factor; for ischemia, when the Na+/Ca2+ exchanger reverses "
        "and V, free [Ca2+]i and volume at three times.",
        epilog="examples:\n  symmem simulate pump_block_spiking\n"
        "  symmem simulate pump_block_spiking radius_um=250 rate=50 --json\n"
        "  symmem simulate pump_block_spiking pump=on hours=1\n"
        "  symmem simulate ischemia tau_ATP=60 at1=2 at2=5 at3=20",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", help="model name (see symmem list models)")
    p.add_argument("assignments", nargs="*", metavar="NAME=VALUE")
    p.add_argument("--json", action="store_true",
                   help='print {"model", "params", "summary", "units"} as one JSON object')
    p.set_defaults(func=cmd_simulate)


_EXTRA_COMMANDS: list = [_register_derive, _register_build, _register_check, _register_grade,
                         _register_merge, _register_variants, _register_simulate]


_NEGATIVE = re.compile(r"^[-−](?!-)(?!h$)\S")


def _answers_are_not_options(argv: Sequence[str]) -> list[str]:
    """``symmem check nernst_numeric -89.06mV``: a negative number (with or without a unit)
    is an answer, not an option. It is passed on with a leading space, which argparse
    never reads as an option and the answer's parser ignores."""
    argv = list(argv)
    if not argv or argv[0] != "check" or "--" in argv:
        return argv
    return [f" {word}" if i > 1 and _NEGATIVE.match(word) and argv[i - 1] not in (
        "--param", "--format", "--steps", "--questions") else word
        for i, word in enumerate(argv)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_answers_are_not_options(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except SymmemError as exc:
        print(f"symmem {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader stopped early (symmem list | head): not an error
        # what is still buffered goes nowhere (the recipe in Python's signal docs)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a disk, permission or file problem outside symmem
        print(f"symmem {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"symmem {args.command}: interrupted", file=sys.stderr)
        return 130

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
