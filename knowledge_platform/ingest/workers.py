"""Reading and extracting documents in worker processes, handed back in input order.

The run's own process walks the folders (cheap) and sends chunks of files to the workers,
which read and extract them without touching the database; their ``Prepared`` documents
come back in the order a sequential walk yields them, so the run stores the same records
in the same order whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from importers import Document, ReadError
from importers.readers import _os_problem, _read_file, read_path
from importers.readers.errors import describe
from knowledge_platform.ingest.prepared import Prepared, prepare

# A work unit: a path, and whether it was found by walking a folder. A path the caller named
# is read by read_path (a file, or a folder read_path could not list); a walked file is read as
# importers' own walk reads it, through the same functions, so it fails with the same words.
Unit = tuple[str, bool]
CHUNK = 8  # files per task: enough to outweigh the hand-over, few enough to keep workers even
AHEAD = 4  # tasks queued per worker beyond the one stored now: bounds the memory held
WATCH_SECONDS = 0.5


class WorkerError(Exception):
    """An extraction failure in a worker, carrying its traceback as text (exceptions of any
    type do not all survive pickling)."""


def work_units(paths: Iterable[str]) -> Iterator[Unit]:
    """The files under ``paths`` in the order importers.readers.read_path walks them."""
    for path in paths:
        source = str(path)
        try:
            is_folder = stat.S_ISDIR(os.stat(source).st_mode)
        except OSError:
            is_folder = False  # read_path reports why
        yield from _walk(source) if is_folder else [(source, False)]


def _walk(folder: str) -> Iterator[Unit]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        yield folder, False  # read_path(folder) meets the same error and reports it
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders are never documents
        path = os.path.join(folder, entry.name)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)  # symlinked folders not followed
        except OSError:
            is_folder = False  # the worker's stat() reports it
        yield from _walk(path) if is_folder else [(path, True)]


def prepare_units(units: list[Unit], max_bytes: int) -> list[Prepared]:
    """Read and extract every document of ``units`` (in a worker process)."""
    prepared = []
    for path, walked in units:
        for item in _read(path, walked, max_bytes):
            document = prepare(item)
            if document.error is not None:
                text = "".join(traceback.format_exception(document.error)).rstrip()
                document.error = WorkerError(f"in an extraction process: {text}")
            prepared.append(document)
    return prepared


def _read(path: str, walked: bool, max_bytes: int) -> Iterator[Document | ReadError]:
    if not walked:
        return read_path(path, max_bytes=max_bytes)
    # The leaf step of importers' own folder walk (it has no public name), as it does it.
    try:
        info = os.stat(path)
    except OSError as error:
        return iter([ReadError(path, _os_problem(error))])
    return _read_file(path, info, max_bytes, None)


def prepared_in_workers(paths: Iterable[str], max_bytes: int, jobs: int,
                        start_method: str | None = None) -> Iterator[Prepared]:
    """Every document under ``paths`` read and extracted by ``jobs`` processes, in order.

    ``start_method`` is multiprocessing's ("fork", "spawn", "forkserver"; default: the
    platform's).
    """
    context = multiprocessing.get_context(start_method)
    if context.get_start_method() == "fork":
        _warm_up()
    pipeline = _Pipeline(jobs, max_bytes, context)
    queued: deque[tuple[list[Unit], ProcessPoolExecutor, Future]] = deque()
    try:
        for chunk in _chunks(work_units(paths), CHUNK):
            queued.append(pipeline.submit(chunk))
            while len(queued) > jobs * AHEAD:
                yield from pipeline.collect(*queued.popleft())
        while queued:
            yield from pipeline.collect(*queued.popleft())
    finally:
        pipeline.close()


# Czech and English, labelled fields and prose: enough to wake every extractor.
_WARM_UP = Document("warm-up.txt", "text/plain", (
    "Název projektu: Kurzy češtiny pro cizince v Brně\nRealizátor: Charita Brno, z. s.\n"
    "Doba realizace: 1. 1. 2024 – 31. 12. 2024\nCelkový rozpočet: 1 000 000 Kč\n\n"
    "Projekt nabízí kurzy češtiny pro cizince ze třetích zemí a jejich děti. "
    "The project offers language courses and counselling for migrants in the region."))


def _warm_up() -> None:
    """Fill the extractors' lazy caches (lemma dictionaries, word lists, rules) before forking."""
    # The forked workers share them instead of each building its own: a second or more of
    # CPU time per worker.
    prepare(_WARM_UP)


class _Pipeline:
    """A pool of workers, replaced when one of them dies, so the run goes on without it."""

    def __init__(self, jobs: int, max_bytes: int, context) -> None:
        self.jobs, self.max_bytes, self.context = jobs, max_bytes, context
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_start_worker)

    def submit(self, chunk: list[Unit]) -> tuple[list[Unit], ProcessPoolExecutor, Future]:
        return chunk, self.pool, self.pool.submit(prepare_units, chunk, self.max_bytes)

    def collect(self, chunk: list[Unit], pool: ProcessPoolExecutor,
                future: Future) -> list[Prepared]:
        """The chunk's documents; after a failure, each file again alone to find the culprit."""
        try:
            return future.result()
        except Exception as error:
            self._replace_if_broken(pool, error)
        prepared = []
        for unit in chunk:
            _, pool, future = self.submit([unit])
            try:
                prepared += future.result()
            except Exception as error:
                self._replace_if_broken(pool, error)
                prepared.append(Prepared(unit[0], problem=_lost(error), error=error))
        return prepared

    def _replace_if_broken(self, pool: ProcessPoolExecutor, error: Exception) -> None:
        # Every task of a broken pool fails; only the first to tell replaces the current pool.
        if isinstance(error, BrokenProcessPool) and pool is self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _lost(error: Exception) -> str:
    if isinstance(error, BrokenProcessPool):
        return "the extraction process ended abruptly while reading this file"
    return f"extraction failed in a worker process ({describe(error)})"


def _chunks(units: Iterator[Unit], size: int) -> Iterator[list[Unit]]:
    while chunk := list(islice(units, size)):
        yield chunk


def _start_worker() -> None:
    """In each worker: Ctrl-C is the run's to handle, and a worker outlives no dead run (a
    forked one shares the run's liveness lock, which must go when the run's process does)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()  # the run's process; under "forkserver", the server, which ends with it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
