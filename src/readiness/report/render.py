"""Render report contexts to HTML (jinja2) and PDF (WeasyPrint), safely and reproducibly.

Security (see shared/notes/stack.md): jinja autoescapes everything and fails on undefined
names; WeasyPrint fetches nothing but regular files inside the templates folder and data: URLs
(`TemplateFetcher`), and any other fetch stops the render. WeasyPrint errors that are only
logged (e.g. inside SVG) also fail the document. A failure raises `ReadinessError`, and no PDF
is written until every document has rendered, each one atomically.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import multiprocessing
import os
import sys
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from readiness import atomic
from readiness.engine.result import Result
from readiness.problems import Location, Problem, ReadinessError, fail, fail_all
from readiness.report.context import ReportSet, Robustness, build_report_set

SCORECARD_TEMPLATE = "scorecard.html.j2"
REGIONAL_TEMPLATE = "regional.html.j2"
# Tagged PDF for accessibility and archiving: a structure tree, the document language, title
# and author in the metadata, alt text on figures (WeasyPrint's PDF/UA-1 variant).
PDF_VARIANT = "pdf/ua-1"
MAX_RESOURCE_BYTES = 32 * 1024 * 1024  # a font is ~0.7 MB; nothing legitimate is near this
PACKAGED_TEMPLATES = Path(__file__).resolve().parent.parent / "_templates"

Progress = Callable[[str], None]


class BlockedResource(ValueError):
    """A URL the report may not fetch. WeasyPrint wraps it in FatalURLFetchingError."""


class TemplateFetcher(URLFetcher):  # type: ignore[misc]  # untyped base class
    """Serves only regular files under `root` and data: URLs; refuses everything else."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            timeout=1,
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=True,
        )
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        raise BlockedResource(
            f"only files in the templates folder may be loaded, not {url[:200]!r}"
        )

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise BlockedResource(f"remote file URL refused: {url[:200]!r}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise BlockedResource(
                f"{url[:200]!r} is outside the templates folder {self.root} or not a regular file"
            )
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise BlockedResource(f"{path} is larger than {MAX_RESOURCE_BYTES} bytes")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2"):
            mime = f"font/{path.suffix.lower().lstrip('.')}"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
        )

    @staticmethod
    def _data(url: str) -> URLFetcherResponse:
        header, comma, payload = url[5:].partition(",")
        if not comma:
            raise BlockedResource("malformed data: URL")
        is_base64 = header.lower().endswith(";base64")
        mime = header[: -len(";base64")] if is_base64 else header
        try:
            body = (
                base64.b64decode(payload, validate=False)
                if is_base64
                else unquote_to_bytes(payload)
            )
        except ValueError as exc:
            raise BlockedResource(f"malformed data: URL ({exc})") from exc
        if len(body) > MAX_RESOURCE_BYTES:
            raise BlockedResource("data: URL too large")
        return URLFetcherResponse(
            url[:64], body=body, headers={"Content-Type": mime or "text/plain;charset=US-ASCII"}
        )


# --- HTML -------------------------------------------------------------------------------------


def resolve_templates(templates_dir: str | os.PathLike[str] | None) -> Path:
    """The templates folder to use: the user's, or the one packaged with readiness."""
    folder = Path(templates_dir) if templates_dir is not None else PACKAGED_TEMPLATES
    if not folder.is_dir():
        fail(
            "templates-not-found", "the templates folder does not exist", Location(file=str(folder))
        )
    return folder.resolve()


MAX_REPEAT = 1_000_000  # longest string or list a template may build with `*`
MAX_EXPONENT = 64


class _Sandbox(SandboxedEnvironment):
    """The sandbox, plus caps on `*` and `**`, which jinja leaves unbounded: a user's
    template could otherwise build a gigabyte string (`'x' * 10**9`) and stall the run."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponent {right} is larger than {MAX_EXPONENT}")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                repeats = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if repeats and len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"repetition longer than {MAX_REPEAT:,} items")
        return super().call_binop(context, operator, left, right)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """jinja2 with autoescape on for every file (select_autoescape misses .html.j2) and
    StrictUndefined, sandboxed: a user's --templates folder gets no Python attribute access."""
    return _Sandbox(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        keep_trailing_newline=True,
    )


def render_html(env: jinja2.Environment, template: str, doc: object) -> str:
    """Render one template with `doc` as its only variable; template errors become user errors."""
    folder = _loader_folder(env)
    try:
        return env.get_template(template).render(doc=doc)
    except jinja2.TemplateNotFound as exc:
        fail("template-not-found", f"template {exc.name!r} not found", Location(file=str(folder)))
    except jinja2.TemplateSyntaxError as exc:
        where = Location(file=str(exc.filename or exc.name or template), line=exc.lineno)
        fail("template-syntax", f"template syntax error: {exc.message}", where)
    except jinja2.TemplateError as exc:  # undefined names, sandbox refusals, ...
        where = _template_line(exc) or Location(file=str(folder / template))
        fail("template-error", f"template error: {exc}", where)
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, OSError) as exc:
        # A user's template file that divides by zero, asks the sandbox for range(10**9),
        # recurses without end or is not UTF-8 text: the template's fault, said without a
        # traceback.
        why = f"{type(exc).__name__}: {str(exc)[:300]}"
        where = _template_line(exc) or Location(file=str(folder / template))
        fail("template-error", f"template error: {why}", where)


def _template_line(exc: BaseException) -> Location | None:
    """The innermost template frame of an error (jinja rewrites its tracebacks so that frames
    point at template lines), so an error in a partial names the partial and its line."""
    where: Location | None = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = Location(file=filename, line=tb.tb_lineno)
        tb = tb.tb_next
    return where


def _loader_folder(env: jinja2.Environment) -> Path:
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader) and loader.searchpath:
        return Path(loader.searchpath[0])
    return Path(".")


@dataclass(frozen=True)
class Document:
    """One document to render: its file stem and its complete HTML."""

    stem: str
    html: str


def build_documents(report: ReportSet, templates_dir: Path) -> list[Document]:
    """HTML for the regional overview, then each scorecard (rubric unit order)."""
    env = make_environment(templates_dir)
    docs = [
        Document(
            report.regional.meta.filename, render_html(env, REGIONAL_TEMPLATE, report.regional)
        )
    ]
    docs += [
        Document(card.meta.filename, render_html(env, SCORECARD_TEMPLATE, card))
        for card in report.scorecards
    ]
    return docs


# --- PDF --------------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[:500])


_FONT_CONFIGS: dict[Path, FontConfiguration] = {}


def font_config(root: Path) -> FontConfiguration:
    """One WeasyPrint font configuration per templates folder and process.

    Reusing it keeps Pango's font caches warm from one document to the next (about 10 % faster
    over a report set) and loads each @font-face once; the PDF bytes are the same as with a
    fresh configuration (tests/report/test_report_output.py checks it). Forked workers inherit
    the parent's, already warm.
    """
    if root not in _FONT_CONFIGS:
        _FONT_CONFIGS[root] = FontConfiguration()
    return _FONT_CONFIGS[root]


def render_pdf(html: str, templates_dir: Path) -> bytes:
    """PDF bytes for one HTML document whose relative URLs resolve inside `templates_dir`."""
    root = templates_dir.resolve()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(
            string=html, base_url=root.as_uri() + "/", url_fetcher=TemplateFetcher(root)
        )
        pdf: bytes = document.write_pdf(font_config=font_config(root), pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        fail("resource-blocked", f"blocked resource while rendering: {cause}")
    except RecursionError:  # thousands of nested elements from a user's template
        fail(
            "render-failed",
            "rendering failed: the HTML is nested too deeply (thousands of elements inside one "
            "another); check the templates",
        )
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        fail("render-failed", "rendering failed: " + "; ".join(collect.messages))
    return pdf


def _worker(stem: str, html: str, templates_dir: str) -> tuple[str, bytes | None, list[Problem]]:
    """Process-pool entry point: errors travel back as problems (the exception would lose
    them when pickled)."""
    try:
        return stem, render_pdf(html, Path(templates_dir)), []
    except ReadinessError as exc:
        return stem, None, exc.problems


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already-imported WeasyPrint (about 0.5 s per worker otherwise); other
    # platforms keep their safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def render_pdfs(
    docs: Sequence[Document],
    templates_dir: Path,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[bytes]:
    """PDF bytes for every document, in order; with jobs > 1 in a process pool."""
    total = len(docs)
    out: dict[str, bytes] = {}
    problems: list[Problem] = []
    if jobs <= 1 or total <= 1:
        for k, doc in enumerate(docs):
            try:
                out[doc.stem] = render_pdf(doc.html, templates_dir)
            except ReadinessError as exc:
                fail_all([_in_document(doc.stem, p) for p in exc.problems], exc.message)
            if progress is not None:
                progress(f"rendered {doc.stem}.pdf ({k + 1}/{total})")
        return [out[d.stem] for d in docs]
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=_pool_context()) as pool:
        futures: list[Future[tuple[str, bytes | None, list[Problem]]]] = [
            pool.submit(_worker, d.stem, d.html, str(templates_dir)) for d in docs
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            stem, pdf, failed = future.result()
            if failed or pdf is None:
                problems.extend(_in_document(stem, p) for p in failed)
                continue
            out[stem] = pdf
            if progress is not None:
                progress(f"rendered {stem}.pdf ({done}/{total})")
    if problems:
        problems.sort(key=lambda p: (p.location.path, p.code, p.message))
        fail_all(problems, "the report could not be rendered")
    return [out[d.stem] for d in docs]


def _in_document(stem: str, problem: Problem) -> Problem:
    """`problem` located in the document `stem` (when it has no file of its own)."""
    loc = problem.location
    if loc.file or loc.path:
        return problem
    return Problem(problem.code, problem.message, Location(path=f"{stem}.pdf"))


# --- the whole report set ---------------------------------------------------------------------


def render_reports(
    result: Result,
    out_dir: str | os.PathLike[str],
    *,
    templates_dir: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    html: bool = False,
    progress: Progress | None = None,
    previous: Result | None = None,
    fixed: Collection[str] | None = None,
    robustness: Robustness | None = None,
) -> list[Path]:
    """Write `regional-overview.pdf` and one `scorecard-<UNIT>.pdf` per unit into `out_dir`.

    `templates_dir` overrides the packaged templates; `jobs` > 1 renders in parallel processes;
    `html` also writes each document's HTML; `progress` receives one line per document;
    `previous` is the same rubric scored for an earlier period ("change since"); `fixed` names
    indicators the path to the next band must not change; `robustness` (unit ->
    `UnitRobustness`) feeds the summaries' "what is fragile". Nothing is written unless every
    document renders; each file is written atomically. Returns the paths written.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    folder = resolve_templates(templates_dir)
    report = build_report_set(result, previous, fixed=fixed, robustness=robustness)
    docs = build_documents(report, folder)
    pdfs = render_pdfs(docs, folder, jobs=jobs, progress=progress)
    out = Path(out_dir)
    # Every target is checked before the first is written: a folder named scorecard-KGZ.pdf
    # must not leave a half-new set of PDFs behind.
    targets = [
        out / f"{doc.stem}.{ext}" for doc in docs for ext in (("pdf", "html") if html else ("pdf",))
    ]
    atomic.check_targets(*targets)
    written: list[Path] = []
    for doc, pdf in zip(docs, pdfs, strict=True):
        target = out / f"{doc.stem}.pdf"
        atomic.write_bytes(target, pdf)
        written.append(target)
        if html:
            page = out / f"{doc.stem}.html"
            atomic.write_text(page, doc.html)
            written.append(page)
    if html:  # the HTML links report.css and its fonts relatively: put them beside it
        for asset in sorted(folder.glob("*.css")) + sorted((folder / "fonts").glob("*")):
            if asset.is_file():
                atomic.write_bytes(out / asset.relative_to(folder), asset.read_bytes())
    return written
