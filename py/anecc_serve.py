"""Compiled code for the Python engine, kept in the cache folder (driven from src/bridge/python.ts).

Python compiles a script it runs every time, and the child never writes bytecode of its own
(PYTHONDONTWRITEBYTECODE), so that no __pycache__ lands in upstream's folder, in the patched copy
or in py/. Compiling the bridge and the anecc package it loads is about 10 ms of each start: this
module keeps their code objects in a folder of the cache instead.

`anecc_serve.py FOLDER SCRIPT` runs SCRIPT's code as `__main__` with the arguments `serve`, from
FOLDER's copy of it (FOLDER '' keeps nothing); sys.path[0] is py/ either way, and
sys.modules["__main__"] is this module. The bridge loads anecc's code through code_of() too.

Standard library only.
"""

import contextlib
import importlib.util
import marshal
import os
import sys
import types

# Each source ever compiled here leaves a file (about 20 KB): keep the newest few only.
FILES_KEPT = 32


def code_of(path, folder):
    """The code object of the source at `path`, as the import system compiles it (the
    interpreter's optimisation level included), from `folder` when it holds this very compile:
    a file is named by the hash (importlib's source_hash, keyed on this Python's bytecode version)
    of the path and the source, carries the optimisation level in its name, and starts with that
    hash, the source's length and the hash of what follows. So an edited source never meets old
    code, whatever its mtime (npm gives every file of a package the same one); code compiled at
    another path (which it names in its tracebacks) or with asserts stripped is never used; and a
    damaged or unwritable folder only costs the compile."""
    with open(path, "rb") as f:
        source = f.read()
    if not folder:
        return compile(source, path, "exec", dont_inherit=True)
    key = importlib.util.source_hash(os.fsencode(path) + b"\0" + source)
    stamp = key + len(source).to_bytes(8, "little")
    name = "%s.%s.opt-%d.bin" % (key.hex(), sys.implementation.cache_tag, sys.flags.optimize)
    kept = os.path.join(folder, name)
    try:
        with open(kept, "rb") as f:
            data = f.read()
        body = data[len(stamp) + 8 :]
        if data[: len(stamp)] == stamp and data[len(stamp) : len(stamp) + 8] == importlib.util.source_hash(body):
            code = marshal.loads(body)
            if isinstance(code, types.CodeType):
                return code
    except Exception:  # unreadable, damaged or not ours: compile
        pass
    code = compile(source, path, "exec", dont_inherit=True)
    # Unique among processes that share the folder, in other containers too (same pid).
    temporary = "%s.%d.%s.tmp" % (kept, os.getpid(), os.urandom(4).hex())
    try:
        os.makedirs(folder, exist_ok=True)
        body = marshal.dumps(code)
        with open(temporary, "wb") as f:
            f.write(stamp + importlib.util.source_hash(body) + body)
        os.replace(temporary, kept)
        _prune(folder)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return code


def _prune(folder):
    entries = []
    for name in os.listdir(folder):
        with contextlib.suppress(OSError):
            entries.append((os.stat(os.path.join(folder, name)).st_mtime, name))
    entries.sort(reverse=True)
    for _, name in entries[FILES_KEPT:]:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, name))


def _serve(folder, script):
    # The script finds code_of() here rather than compiling this file again by path.
    sys.modules.setdefault("anecc_serve", sys.modules[__name__])
    sys.argv = [script, "serve"]
    exec(code_of(script, folder), {"__name__": "__main__", "__file__": script, "__builtins__": __builtins__})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: anecc_serve.py FOLDER SCRIPT\n")
        sys.exit(2)
    _serve(sys.argv[1], sys.argv[2])
