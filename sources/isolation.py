"""Read a file's text in a process of its own, which can be stopped (no ORM).

A hostile PDF can take minutes and gigabytes to read, and no Python code can interrupt pypdf or lxml
from the outside. So each extraction runs in a child process forked from a small server process that
has already imported the readers (multiprocessing's forkserver: a fork costs milliseconds, not the
quarter second of a fresh interpreter): the child gets an address-space limit and a CPU-time limit,
the parent waits at most ``seconds`` and kills it then. Whatever happens in the child, the caller gets
an ``Extracted`` or an ``ExtractionFailed`` with a sentence saying which bound was passed, at once, and
nothing was stored (the caller stores only what comes back)."""

import multiprocessing
import resource
from dataclasses import dataclass

from sources.extraction import KIND_NAMES, Extracted, ExtractionFailed, ExtractionRefused, extract, sentence

TOOK_TOO_LONG = "{name} took longer than {seconds:g} s to read"
NEEDED_TOO_MUCH_MEMORY = "reading {name} needed more than {megabytes} MiB of memory"
CRASHED = "{name} could not be read (the reader stopped: {detail})"

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["sources.extraction"])


# The peak resident memory (KiB) of the last child that answered: bench/hostile.py reports it (the child is
# the forkserver's, so this process's RUSAGE_CHILDREN never counts it).
last_child_peak_kib = 0


@dataclass(frozen=True)
class ExtractionLimits:
    seconds: float = 20.0
    memory_bytes: int = 768 * 1024 * 1024
    max_chars: int = 2_000_000


def extract_isolated(data: bytes, kind: str, charset: str, limits: ExtractionLimits) -> Extracted:
    """Return ``extract(data, kind, charset)`` computed in a child process held to ``limits``."""
    receiving, sending = _context.Pipe(duplex=False)
    arguments = (sending, data, kind, charset, limits)
    child = _context.Process(target=_extract_in_child, args=arguments, daemon=True)
    child.start()
    sending.close()  # the child holds the only writing end: its death ends our wait
    try:
        outcome = _receive(receiving, limits.seconds)
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()
    return _result(outcome, kind, limits, child.exitcode)


def _receive(receiving, seconds: float):
    global last_child_peak_kib
    if not receiving.poll(seconds):
        return ("timeout", None)
    try:
        state, value, last_child_peak_kib = receiving.recv()
    except (EOFError, OSError):
        return ("died", None)
    return state, value


def _result(outcome, kind: str, limits: ExtractionLimits, exitcode) -> Extracted:
    state, value = outcome
    name = KIND_NAMES.get(kind, "the file")
    if state == "ok":
        return value
    if state == "timeout":
        raise ExtractionRefused(sentence(TOOK_TOO_LONG.format(name=name, seconds=limits.seconds)))
    if state == "memory":
        megabytes = limits.memory_bytes // (1024 * 1024)
        raise ExtractionRefused(sentence(NEEDED_TOO_MUCH_MEMORY.format(name=name, megabytes=megabytes)))
    if state == "refused":
        raise ExtractionRefused(value)
    if state == "failed":
        raise ExtractionFailed(value)
    detail = value or f"exit status {exitcode}"
    raise ExtractionFailed(sentence(CRASHED.format(name=name, detail=detail)))


def _extract_in_child(sending, data: bytes, kind: str, charset: str, limits: ExtractionLimits) -> None:
    """Run in the child: set the limits on itself, read, send back one (state, value) pair."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = int(limits.seconds) + 2  # a backstop: the parent kills the child at ``seconds`` already
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        outcome = ("ok", extract(data, kind, charset, max_chars=limits.max_chars))
    except MemoryError:
        outcome = ("memory", None)
    except ExtractionRefused as refused:
        outcome = ("refused", str(refused))
    except ExtractionFailed as failed:
        outcome = ("failed", str(failed))
    except Exception as error:  # any reader's bug is this file's refusal, never the worker's crash
        if address_space_bytes() > 0.9 * limits.memory_bytes:
            outcome = ("memory", None)  # lxml reports a failed allocation as a parse error
        else:
            outcome = ("crashed", f"{type(error).__name__}: {str(error)[:200]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        sending.send((*outcome, peak))
    except MemoryError:
        sending.send(("memory", None, peak))
    finally:
        sending.close()


def address_space_bytes() -> int:
    """Return the size of this process's address space (what RLIMIT_AS bounds), 0 if unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
