"""Python side of the anecc bridge (driven from src/bridge/python.ts through pythonia).

It loads upstream anecc twice under distinct module names ("upstream" as published, "patched"
from a copy the TypeScript side prepared), calls upstream's own functions the way its run.py
does, and answers every call with JSON text: pythonia turns anything else into proxies, and its
exceptions lose their message on the way. Nothing here may write to the command's stdout.

Standard library only; the loaded anecc itself needs `construct`.
"""

import contextlib
import importlib.util
import io
import json
import logging
import os
import sys
import threading
import time
import traceback

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
# Never leave __pycache__ folders in the upstream source, the patch cache or py/.
sys.dont_write_bytecode = True

# Seconds between checks that the Node process which started us is still there.
PARENT_CHECK_INTERVAL = 1.0


def _exit_with_parent(parent):
    """Ends this process once its parent is gone: a parent killed outright (SIGKILL) cannot stop
    us, and pythonia would leave us running; the orphan is then re-parented, so getppid() changes."""
    while True:
        time.sleep(PARENT_CHECK_INTERVAL)
        if os.getppid() != parent:
            os._exit(1)


threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="anecc-parent-watch", daemon=True).start()

PROFILES = ("upstream", "patched")
# The record upstream's anecc_compile logs last; the CLI writes that line itself.
COMPILED_PREFIX = "compiled anec to: "
HEADER_FIELDS = (
    ("size", "size"),
    ("tdSize", "td_size"),
    ("tdCount", "td_count"),
    ("tskSize", "tsk_size"),
    ("krnSize", "krn_size"),
    ("srcCount", "src_count"),
    ("dstCount", "dst_count"),
)

_config = {"upstreamSrc": None, "patchedSrc": None, "workDir": None}
_loaded = {}
_compiled = [0]


def _one_line(text):
    return " ".join(str(text).split())


def _error(exc, origin=None):
    """An exception as data: class name, one-line message, and the line in `origin` if any."""
    line = None
    if origin:
        for frame in traceback.extract_tb(exc.__traceback__):
            if os.path.abspath(frame.filename) == origin:
                line = frame.lineno
    return {"type": type(exc).__name__, "message": _one_line(exc), "line": line}


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
        spec.loader.exec_module(module)
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
            if _config[key] != value and key != "workDir":
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
    header = {key: str(int(build[field])) for key, field in HEADER_FIELDS}
    header["tiles"] = [str(int(v)) for v in build["tiles"]]
    header["nchw"] = [str(int(v)) for v in build["nchw"]]
    return header


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
            module.anecc_compile(res, out)
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


def _main(argv):
    """`python3 anecc_bridge.py probe [CONFIG_JSON]`: one probe without pythonia (availability)."""
    if len(argv) < 1 or argv[0] != "probe" or _answer_fd is None:
        sys.stderr.write("usage: anecc_bridge.py probe [CONFIG_JSON]\n")
        return 2
    configured = json.loads(configure(argv[1] if len(argv) > 1 else "{}"))
    answer = probe() if configured["ok"] else json.dumps(configured)
    with os.fdopen(_answer_fd, "w", encoding="utf-8") as out:
        out.write(answer + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
