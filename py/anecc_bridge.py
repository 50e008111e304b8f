"""Python side of the anecc bridge (driven from src/bridge/python.ts).

Two ways in, the same functions: `anecc_bridge.py serve` answers calls as JSON lines on
descriptor 3 (the default transport, see src/bridge/wire.ts; started through py/anecc_serve.py,
from compiled code kept in the cache folder), and imported as a module through pythonia (the
other). It loads upstream anecc twice under distinct module names ("upstream" as
published, "patched" from a copy the TypeScript side prepared), calls upstream's own functions
the way its run.py does, and answers every call with JSON text: pythonia turns anything else into
proxies, and its exceptions lose their message on the way. Nothing here may write to the
command's stdout.

Standard library only; the loaded anecc itself needs `construct`.
"""

import contextlib
import errno
import importlib.util
import io
import json
import logging
import os
import sys
import threading
import time
import traceback
import types

# The child shares the terminal with the command: whatever Python or upstream prints must land
# on stderr (which the TypeScript side captures), never between the command's own output.
# When run as a script (a one-shot probe), the answer goes to the original stdout, kept here.
sys.stdout.flush()
try:
    _answer_fd = os.dup(1)
    os.dup2(sys.stderr.fileno(), 1)
except (OSError, ValueError, io.UnsupportedOperation):
    _answer_fd = None
sys.stdout = sys.stderr
# Never leave __pycache__ folders in the upstream source, the patch cache or py/ (compiled code is
# kept in the cache's own folder instead: see py/anecc_serve.py).
sys.dont_write_bytecode = True


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is first read, then imports it. It
    carries the real module's spec (found, not loaded), so that the import system takes it for a
    loaded module and importlib.util.find_spec still answers; a second thread that reads meanwhile
    waits on the import's module lock."""

    _lock = threading.Lock()

    def __init__(self, name):
        super().__init__(name)
        try:
            self.__spec__ = importlib.util.find_spec(name)
        except Exception:  # a broken finder: the import system then finds the module itself
            self.__spec__ = None
        self.__loader__ = getattr(self.__spec__, "loader", None)
        self.__package__ = getattr(self.__spec__, "parent", None)

    def __getattr__(self, attr):
        name = self.__name__
        with _Deferred._lock:
            if sys.modules.get(name) is self:
                del sys.modules[name]
        return getattr(importlib.import_module(name), attr)


# Modules construct 2.10 imports at its top for features upstream anecc never uses:
# construct/debug.py `import sys, traceback, pdb, inspect` (pdb for its Debugger's post_mortem(),
# inspect not at all) and construct/core.py `import ... pickle, ..., hashlib, ...` (for Pickled,
# Compiled and the hash checksums). With what they import in turn (bdb, cmd, code, dis, ast,
# tokenize, _hashlib), they were about two thirds of construct's import: 10 ms of every start.
# Whatever reads one of them first (a probe's hash, say) gets the real module.
for _name in ("pdb", "inspect", "hashlib", "pickle"):
    if _name not in sys.modules:
        sys.modules[_name] = _Deferred(_name)

# Seconds between checks that the Node process which started us is still there.
PARENT_CHECK_INTERVAL = 1.0


def _exit_with_parent(parent):
    """Ends this process once its parent is gone: a parent killed outright (SIGKILL) cannot stop
    us, and pythonia would leave us running; the orphan is then re-parented, so getppid() changes."""
    while True:
        time.sleep(PARENT_CHECK_INTERVAL)
        if os.getppid() != parent:
            os._exit(1)


def _die_with_parent():
    """Linux: have the kernel SIGKILL us when the parent goes, even while a long regex or a big
    allocation holds the GIL (when the watch thread below cannot run)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except Exception:  # no libc with prctl: the watch thread remains
        pass


def _remove_tree(path):
    """rm -rf with os calls only (safe in a freshly forked child)."""
    try:
        for root, dirs, files in os.walk(path, topdown=False):
            for name in files:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
            for name in dirs:
                full = os.path.join(root, name)
                with contextlib.suppress(OSError):
                    if os.path.islink(full):
                        os.unlink(full)
                    else:
                        os.rmdir(full)
        os.rmdir(path)
    except OSError:
        pass


def _start_guardian():
    """Forks a small process that outlives us only to clean up: it reads, from our stdin (a pipe
    whose writing end only the Node parent holds), NUL-terminated paths to remove, and at end of
    file (the parent closed it, exited, or was killed, SIGKILL included) kills this Python process
    and removes those paths. Signals sent to the whole process group (Ctrl-C) do not stop it.
    True when it runs."""
    if os.environ.get("ANECC_BRIDGE_PARENT_PIPE") != "1":
        return False
    python_pid = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid != 0:
        return True
    try:
        import signal

        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.closerange(3, 65536)
        received = b""
        while True:
            try:
                chunk = os.read(0, 65536)
            except InterruptedError:
                continue
            except OSError:
                break
            if not chunk:
                break
            received += chunk
        if os.getppid() == python_pid:
            with contextlib.suppress(OSError):
                os.kill(python_pid, 9)
        for raw in received.split(b"\0"):
            if raw:
                _remove_tree(os.fsdecode(raw))
    finally:
        os._exit(0)


def _tie_to_parent():
    """The guardian (or, without one, PDEATHSIG), and stdin left to the guardian alone (for
    pythonia and `serve`; the one-shot probe needs none of it). Either kills us with SIGKILL when
    the parent goes, GIL or not; PDEATHSIG only where there is no guardian, because ctypes costs
    every start about 3 ms."""
    if not _start_guardian():
        _die_with_parent()
    # Do not keep the parent pipe: only the guardian watches it.
    if os.environ.get("ANECC_BRIDGE_PARENT_PIPE") == "1":
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.close(null)


# Before the watch thread below starts: the guardian is forked, and a fork is only safe while the
# process has one thread.
if __name__ != "__main__" or sys.argv[1:] == ["serve"]:
    _tie_to_parent()

threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="anecc-parent-watch", daemon=True).start()

PROFILES = ("upstream", "patched")
# The record upstream's anecc_compile logs last; the CLI writes that line itself.
COMPILED_PREFIX = "compiled anec to: "
# The .anec header fields in file order, as (key in the reply, name in upstream's build dict).
# src/anec/format.ts is the one table of the format; test/anec/format.test.ts holds this list
# against it, so keep it a plain literal.
HEADER_FIELDS = (
    ("size", "size"),
    ("tdSize", "td_size"),
    ("tdCount", "td_count"),
    ("tskSize", "tsk_size"),
    ("krnSize", "krn_size"),
    ("srcCount", "src_count"),
    ("dstCount", "dst_count"),
    ("tiles", "tiles"),
    ("nchw", "nchw"),
)

_config = {"upstreamSrc": None, "patchedSrc": None, "workDir": None, "bytecodeDir": None}
_loaded = {}
_compiled = [0]


def _one_line(text):
    return " ".join(str(text).split())


# OSErrors that say the machine ran out of something (space, memory, descriptors) or failed
# (I/O), not that the input is wrong: upstream would have failed the same way on any input.
_ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EIO", "ENOMEM", "EMFILE", "ENFILE", "EROFS", "EFBIG")
    if hasattr(errno, name)
)


def _is_environment(exc):
    if isinstance(exc, (MemoryError, _WorkFolderError)):
        return True
    return isinstance(exc, OSError) and exc.errno in _ENVIRONMENT_ERRNOS


def _error(exc, origin=None):
    """An exception as data: class name, one-line message, the line in `origin` if any, and
    whether it is an environment failure rather than a verdict on the input."""
    line = None
    if origin:
        for frame in traceback.extract_tb(exc.__traceback__):
            if os.path.abspath(frame.filename) == origin:
                line = frame.lineno
    shown = exc.__cause__ if isinstance(exc, _WorkFolderError) and exc.__cause__ is not None else exc
    error = {"type": type(shown).__name__, "message": _one_line(shown), "line": line}
    if _is_environment(exc):
        error["environment"] = True
    return error


def _sha256(path):
    import hashlib  # here, not at the top: only probes hash, and conversions wait for the import

    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


class _Capture(logging.Handler):
    """Keeps upstream's log records, in order, instead of letting them reach the terminal."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            level = "warn"
        elif record.levelno >= logging.INFO:
            level = "info"
        else:
            level = "debug"
        try:
            message = record.getMessage()
        except Exception as exc:  # a malformed record must not break the conversion
            message = "<unformattable log record: %s>" % _one_line(exc)
        self.records.append({"level": level, "message": message})


def _locate(profile):
    """Where the anecc package of a profile lives: (package dir, how it was found) or (None, why)."""
    if profile == "patched":
        src = _config["patchedSrc"]
        if not src:
            return None, "no patched copy was prepared"
        return os.path.join(src, "anecc"), "patched copy"
    src = _config["upstreamSrc"]
    if src:
        return os.path.join(src, "anecc"), "ANECC_UPSTREAM_SRC"
    try:
        spec = importlib.util.find_spec("anecc")
    except (ImportError, ValueError) as exc:
        return None, "looking for anecc failed: %s" % _one_line(exc)
    if spec is None or not spec.origin or not spec.origin.endswith("__init__.py"):
        return None, "anecc is not installed for %s" % sys.executable
    return os.path.dirname(spec.origin), "installed"


def _code_of(origin):
    """anecc's code, compiled once into the bytecode folder (see py/anecc_serve.py)."""
    serve = sys.modules.get("anecc_serve")
    if serve is None:
        # Not started by it (pythonia imports this file by path; the one-shot probe runs it).
        here = os.path.dirname(os.path.abspath(__file__))
        spec = importlib.util.spec_from_file_location("anecc_serve", os.path.join(here, "anecc_serve.py"))
        serve = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(serve)
        sys.modules["anecc_serve"] = serve
    return serve.code_of(origin, _config["bytecodeDir"])


def _load(profile):
    """Imports a profile's anecc once, under its own module name, with a capturing logger."""
    if profile in _loaded:
        return _loaded[profile]
    pkg_dir, found = _locate(profile)
    entry = {"module": None, "capture": None, "origin": None, "found": found, "error": None, "missing": True}
    if pkg_dir is None:
        entry["error"] = {"type": "ModuleNotFoundError", "message": found, "line": None}
        _loaded[profile] = entry
        return entry
    origin = os.path.abspath(os.path.join(pkg_dir, "__init__.py"))
    entry["origin"] = origin
    if not os.path.isfile(origin):
        entry["error"] = {
            "type": "ModuleNotFoundError",
            "message": "no anecc package at %s (%s)" % (pkg_dir, found),
            "line": None,
        }
        _loaded[profile] = entry
        return entry
    entry["missing"] = False
    name = "anecc_" + profile
    try:
        spec = importlib.util.spec_from_file_location(
            name, origin, submodule_search_locations=[os.path.dirname(origin)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        exec(_code_of(origin), module.__dict__)
        for needed in ("anecc_convert", "anecc_print", "anecc_compile"):
            if not callable(getattr(module, needed, None)):
                raise ImportError("%s does not define %s()" % (origin, needed))
    except Exception as exc:
        sys.modules.pop(name, None)
        entry["error"] = _error(exc, origin)
        _loaded[profile] = entry
        return entry
    # Upstream logs through logging.getLogger(__name__); keep its records to ourselves, at the
    # level its CLI shows (logging.basicConfig(level=INFO)).
    logger = logging.getLogger(name)
    capture = _Capture()
    logger.handlers = [capture]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    entry["module"] = module
    entry["capture"] = capture
    _loaded[profile] = entry
    return entry


def _version(dist, module_name):
    try:
        from importlib import metadata

        return {"version": metadata.version(dist), "error": None}
    except Exception:
        pass
    try:
        module = importlib.import_module(module_name)
        return {"version": str(getattr(module, "__version__", "unknown")), "error": None}
    except Exception as exc:
        return {"version": None, "error": _error(exc)}


def configure(config_json):
    """Sets where upstream and the patched copy live and where compiled files go."""
    try:
        config = json.loads(config_json)
        for key in _config:
            if key not in config:
                continue
            value = config[key]
            if value is not None and not isinstance(value, str):
                raise TypeError("%s: expected a string or null" % key)
            if _config[key] != value and key in ("upstreamSrc", "patchedSrc"):
                _loaded.pop("patched" if key == "patchedSrc" else "upstream", None)
            _config[key] = value
        return json.dumps({"ok": True})
    except Exception as exc:
        return json.dumps({"ok": False, "error": _error(exc)})


def ping():
    """The cheapest round trip (for measuring the bridge itself)."""
    return '{"ok": true}'


def probe():
    """The interpreter, where anecc was found (and whether it imports), construct and click."""
    import platform  # only probes need it

    try:
        pkg_dir, found = _locate("upstream")
        origin = os.path.abspath(os.path.join(pkg_dir, "__init__.py")) if pkg_dir else None
        entry = _load("upstream")
        return json.dumps(
            {
                "ok": True,
                "python": {
                    "version": platform.python_version(),
                    "executable": sys.executable,
                },
                "upstream": {
                    "found": found,
                    "origin": origin if origin and os.path.isfile(origin) else None,
                    "sha256": _sha256(origin) if origin else None,
                    "importError": entry["error"],
                },
                "construct": _version("construct", "construct"),
                "click": _version("click", "click"),
            }
        )
    except Exception as exc:
        return json.dumps({"ok": False, "error": _error(exc)})


def _header(build):
    header = {}
    for key, field in HEADER_FIELDS:
        value = build[field]
        header[key] = [str(int(v)) for v in value] if isinstance(value, (list, tuple)) else str(int(value))
    return header


class _WorkFolderError(Exception):
    """Writing the compiled file into our own work folder failed: the machine's fault (a full
    TMPDIR, say), never the input's."""


def _compile_whole(module, res, out):
    """Upstream writes with `open(out, "wb").write(...)`: when the disk fills up, the error comes
    when the unreferenced file is closed (at once, by reference counting), which Python reports
    as "Exception ignored" and the call returns as if the file were whole. Catch those too."""
    unraisable = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda info: unraisable.append(info.exc_value)
    try:
        try:
            module.anecc_compile(res, out)
        except OSError as exc:
            raise _WorkFolderError(_one_line(exc)) from exc
    finally:
        sys.unraisablehook = previous
    for exc in unraisable:
        if isinstance(exc, OSError):
            raise _WorkFolderError(_one_line(exc)) from exc
    # A full tmpfs can even cut the file without any error at all: check its length against
    # what upstream meant to write (its header, then data[tsk_start:tsk_start + size]).
    try:
        content = res.data[res.tsk_start : res.tsk_start + res.size]
        expected = getattr(module, "HEADER_SIZE", 0x1000) + len(content)
    except Exception:  # not upstream's result shape (a test double): nothing to check against
        return
    written = os.path.getsize(out)
    if written != expected:
        cause = OSError(
            errno.ENOSPC,
            "wrote %d of the %d bytes of the compiled file into %s (is its file system full?)"
            % (written, expected, os.path.dirname(out)),
        )
        raise _WorkFolderError(_one_line(cause)) from cause


def _convert_one(entry, request):
    module = entry["module"]
    capture = entry["capture"]
    capture.records = []
    printed = io.StringIO()
    outcome = {
        "ok": False,
        "error": None,
        "name": None,
        "header": None,
        "printed": "",
        "anecPath": None,
        "logs": [],
    }
    try:
        res = module.anecc_convert(request["path"], request.get("name"), bool(request["force"]))
        outcome["name"] = str(res.name)
        outcome["header"] = _header(res.build)
        if request["print"]:
            with contextlib.redirect_stdout(printed):
                module.anecc_print(res)
        if request["compile"]:
            _compiled[0] += 1
            out = os.path.join(_config["workDir"], "%d.anec" % _compiled[0])
            _compile_whole(module, res, out)
            outcome["anecPath"] = out
        outcome["ok"] = True
    except Exception as exc:
        outcome["error"] = _error(exc, entry["origin"])
    records = capture.records
    capture.records = []
    if (
        outcome["anecPath"]
        and records
        and records[-1]["level"] == "info"
        and records[-1]["message"].startswith(COMPILED_PREFIX)
    ):
        records = records[:-1]
    outcome["printed"] = printed.getvalue()
    outcome["logs"] = records
    return outcome


def convert(batch_json):
    """Runs a batch of requests through one profile; one outcome per request, in order."""
    try:
        batch = json.loads(batch_json)
        profile = batch["profile"]
        if profile not in PROFILES:
            raise ValueError("unknown profile %r" % (profile,))
        entry = _load(profile)
        if entry["module"] is None:
            return json.dumps({"ok": False, "error": entry["error"], "missing": entry["missing"]})
        if any(r.get("compile") for r in batch["requests"]) and not _config["workDir"]:
            raise ValueError("no work folder configured for compiled files")
        outcomes = [_convert_one(entry, request) for request in batch["requests"]]
        return json.dumps({"ok": True, "origin": entry["origin"], "outcomes": outcomes})
    except Exception as exc:
        return json.dumps({"ok": False, "error": _error(exc), "missing": False})


# What `serve` dispatches: the bridge functions, by name, and nothing else.
_FUNCTIONS = {"configure": configure, "probe": probe, "convert": convert, "ping": ping}
# The descriptor `serve` reads calls from and writes answers to (a socket pair end).
CALL_FD = 3


def _answer(line):
    """One call, as src/bridge/wire.ts describes it, and its answer (a dict)."""
    request = json.loads(line)
    call_id = request["id"]
    try:
        function = _FUNCTIONS.get(request["fn"])
        if function is None:
            raise ValueError("unknown bridge function %r" % (request["fn"],))
        result = function(request["arg"]) if "arg" in request else function()
        if not isinstance(result, str):
            raise TypeError("%s returned %s, not JSON text" % (request["fn"], type(result).__name__))
        return {"id": call_id, "result": result}
    except Exception as exc:
        return {"id": call_id, "exception": {"type": type(exc).__name__, "message": _one_line(exc)}}


def _serve():
    """Answers calls on CALL_FD until the parent ends it (end of file), then exits 0. Tied to the
    parent at import (see _tie_to_parent above)."""
    if _answer_fd is not None:
        os.close(_answer_fd)
    # Speculatively: upstream's import of construct (which imports pdb...) is most of its start,
    # and overlaps here with the parent's own work. A failure is left for the import of anecc to
    # raise again, exactly where and how it always did.
    try:
        import construct  # noqa: F401
    except BaseException:
        pass
    calls = io.open(CALL_FD, "rb", closefd=False)
    while True:
        line = calls.readline()
        if not line:
            # Every answer is written: skip the interpreter's teardown (collecting construct's
            # and anecc's modules), which the parent would otherwise wait for.
            sys.stderr.flush()
            os._exit(0)
        # ASCII (json's default): no encoding can fail on what the functions returned.
        data = memoryview((json.dumps(_answer(line)) + "\n").encode("ascii"))
        while data:
            data = data[os.write(CALL_FD, data) :]


def _main(argv):
    """`anecc_bridge.py serve`: the bridge's calls on descriptor 3 (src/bridge/python.ts).
    `anecc_bridge.py probe [CONFIG_JSON]`: one probe on stdout, without the bridge (availability)."""
    if argv == ["serve"]:
        return _serve()
    if len(argv) < 1 or argv[0] != "probe" or _answer_fd is None:
        sys.stderr.write("usage: anecc_bridge.py serve | probe [CONFIG_JSON]\n")
        return 2
    configured = json.loads(configure(argv[1] if len(argv) > 1 else "{}"))
    answer = probe() if configured["ok"] else json.dumps(configured)
    with os.fdopen(_answer_fd, "w", encoding="utf-8") as out:
        out.write(answer + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
