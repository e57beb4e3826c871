"""Render report contexts to HTML (jinja2) and PDF (WeasyPrint), safely and reproducibly.

Security (see shared/notes/stack.md): jinja autoescapes everything and fails on undefined
names; WeasyPrint fetches nothing but regular files inside the templates folder and data: URLs
(`TemplateFetcher`), and any other fetch stops the render. WeasyPrint errors that are only
logged (e.g. inside SVG) also fail the document. A failure raises `ReadinessError`, and no PDF
is written until every document has rendered, each one atomically.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import gc
import io
import logging
import mimetypes
import multiprocessing
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
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

from readiness import limits, outputs
from readiness.engine.paths import NextBandPath
from readiness.engine.result import Result
from readiness.engine.sensitivity import Sensitivity
from readiness.engine.uncertainty import Robustness
from readiness.problems import Location, Problem, ReadinessError, fail, fail_all
from readiness.report.context import ReportSet, build_report_set
from readiness.trend.series import Trend

SCORECARD_TEMPLATE = "scorecard.html.j2"
REGIONAL_TEMPLATE = "regional.html.j2"
# Tagged PDF for accessibility and archiving: a structure tree, the document language, title
# and author in the metadata, alt text on figures (WeasyPrint's PDF/UA-1 variant).
PDF_VARIANT = "pdf/ua-1"
MAX_RESOURCE_BYTES = limits.RESOURCE.value  # a font is ~0.7 MB; nothing legitimate is near this
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


MAX_REPEAT = limits.TEMPLATE_REPEAT.value  # longest string or list a template builds with `*`
MAX_EXPONENT = limits.TEMPLATE_EXPONENT.value


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
    limit = limits.TEMPLATE_OUTPUT
    try:
        out = io.StringIO()
        size = 0
        for chunk in env.get_template(template).generate(doc=doc):
            size += len(chunk)
            if size > limit.value:  # a runaway loop: stop before memory runs out
                where = Location(file=str(folder / template))
                fail(limit.code, limit.exceeded("the rendered HTML"), where)
            out.write(chunk)
        return out.getvalue()
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
        where = _undecodable(exc) or _template_line(exc) or Location(file=str(folder / template))
        fail("template-error", f"template error: {why}", where)


def _undecodable(exc: BaseException) -> Location | None:
    """The template file that is not UTF-8 text (the loader's frame knows which it was)."""
    if not isinstance(exc, UnicodeDecodeError):
        return None
    found: Location | None = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_locals.get("filename")
        if tb.tb_frame.f_code.co_name == "get_source" and isinstance(name, str):
            found = Location(file=name)
        tb = tb.tb_next
    return found


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


# -- worker processes: they end when the parent ends, however it ends -----------------------------

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_init(parent: int) -> None:
    """Pool initializer: die with the parent. PR_SET_PDEATHSIG asks the kernel to send SIGTERM
    when the parent dies, even by SIGKILL; the getppid check covers a parent that died before
    the call. Workers leave SIGINT to the parent, which stops them itself."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Send SIGTERM to the pool's processes (no locks taken: safe in a signal handler)."""
    processes = dict(getattr(pool, "_processes", None) or {})
    for process in processes.values():
        with contextlib.suppress(Exception):
            process.terminate()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes now (shutdown alone waits for running documents)."""
    _terminate(pool)
    pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers end with this process: on any exception (Ctrl-C included)
    they are terminated; on SIGTERM too, and then this process dies of the signal as it would
    have without the pool; on SIGKILL the kernel ends them (see `_worker_init`)."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    restore: Any = None
    if threading.current_thread() is threading.main_thread():

        def on_sigterm(signum: int, frame: Any) -> None:
            _terminate(pool)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)

        restore = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield pool
    except BaseException:
        _stop_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        if restore is not None:
            signal.signal(signal.SIGTERM, restore)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already-imported WeasyPrint (about 0.5 s per worker otherwise); other
    # platforms keep their safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@contextlib.contextmanager
def _heap_frozen() -> Iterator[None]:
    """Leave the objects that exist now out of the cyclic garbage collector while rendering.

    WeasyPrint makes hundreds of thousands of short-lived objects with reference cycles, so
    the collector runs often during a render (about 1,800 collections for the shipped set),
    and each older-generation collection walks every tracked object in the process: in
    `readiness run` that is also the rubric, the frames and pandas, numpy, openpyxl and SALib.
    Frozen, they are skipped: the collector's CPU time in a one-process run fell by half
    (1.5 s to 0.8 s on a loaded machine). `gc.freeze` frees nothing and keeps nothing alive;
    `gc.unfreeze` puts the objects back afterwards. Forked render workers inherit the frozen
    heap, which also spares them copying the pages the collector would otherwise touch.
    A process that froze objects itself keeps its own arrangement (nothing is frozen or
    unfrozen here then).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def render_pdfs(
    docs: Sequence[Document],
    templates_dir: Path,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[bytes]:
    """PDF bytes for every document, in order; with jobs > 1 in a process pool."""
    with _heap_frozen():
        return _render_pdfs(docs, templates_dir, jobs=jobs, progress=progress)


def _render_pdfs(
    docs: Sequence[Document],
    templates_dir: Path,
    *,
    jobs: int,
    progress: Progress | None,
) -> list[bytes]:
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
    with _worker_pool(min(jobs, total)) as pool:
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


def report_files(
    result: Result,
    *,
    templates_dir: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    html: bool = False,
    progress: Progress | None = None,
    previous: Result | None = None,
    paths: Mapping[str, NextBandPath],
    trend: Trend | None = None,
    robustness: Robustness | None = None,
    sensitivity: Sensitivity | None = None,
) -> dict[str, bytes]:
    """The report set as {file name: bytes}, nothing written: `regional-overview.pdf` and one
    `scorecard-<UNIT>.pdf` per unit (with `html`, each document's HTML too, and the CSS and
    fonts it links). `trend` (the recorded periods and the latest change by cause) adds the
    trend charts and the change-by-cause tables; `robustness` (unit -> `UnitRobustness`) feeds
    the executive summaries' "what is fragile". See `render_reports` for the other options."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    folder = resolve_templates(templates_dir)
    report = build_report_set(
        result,
        previous,
        paths=paths,
        trend=trend,
        robustness=robustness,
        sensitivity=sensitivity,
    )
    docs = build_documents(report, folder)
    pdfs = render_pdfs(docs, folder, jobs=jobs, progress=progress)
    files: dict[str, bytes] = {}
    for doc, pdf in zip(docs, pdfs, strict=True):
        files[f"{doc.stem}.pdf"] = pdf
        if html:
            files[f"{doc.stem}.html"] = doc.html.encode("utf-8")
    if html:  # the HTML links report.css and its fonts relatively: put them beside it
        files.update(_assets(folder, progress))
    return files


def _assets(folder: Path, progress: Progress | None) -> dict[str, bytes]:
    """The stylesheets and fonts the HTML links, copied from the templates folder: only
    regular files that are inside the folder once links are resolved, each no larger than the
    resource limit, and never more readable than the original (`outputs.Restricted`)."""
    root = folder.resolve()
    out: dict[str, bytes] = {}
    for asset in sorted(folder.glob("*.css")) + sorted((folder / "fonts").glob("*")):
        name = asset.relative_to(folder).as_posix()
        data = _read_inside(asset, root)
        if data is None:
            if progress is not None:
                progress(f"not copied: {name} (not a regular file inside the templates folder)")
            continue
        out[name] = data
    return out


def _read_inside(path: Path, root: Path) -> bytes | None:
    """The bytes of `path` if, links resolved, it is a regular file under `root`; else None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(root):
        return None
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limits.RESOURCE.value:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limits.RESOURCE.value + 1)
    finally:
        os.close(fd)
    if len(data) > limits.RESOURCE.value:
        return None
    return outputs.Restricted(data, stat.S_IMODE(info.st_mode))


def render_reports(
    result: Result,
    out_dir: str | os.PathLike[str],
    *,
    templates_dir: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    html: bool = False,
    progress: Progress | None = None,
    previous: Result | None = None,
    paths: Mapping[str, NextBandPath],
) -> list[Path]:
    """Write `regional-overview.pdf` and one `scorecard-<UNIT>.pdf` per unit into `out_dir`.

    `templates_dir` overrides the packaged templates; `jobs` > 1 renders in parallel processes;
    `html` also writes each document's HTML; `progress` receives one line per document;
    `previous` is the same rubric scored for an earlier period ("change since"); `paths` is each
    unit's path to the next band, computed by the library (the report only reads results).
    Nothing is written unless every document renders, and the files are committed as one set
    (`readiness.outputs`). Returns the documents written (not the CSS and fonts).
    """
    files = report_files(
        result,
        templates_dir=templates_dir,
        jobs=jobs,
        html=html,
        progress=progress,
        previous=previous,
        paths=paths,
    )
    written = outputs.write_set(out_dir, files)
    return [p for p in written if p.suffix in (".pdf", ".html")]
