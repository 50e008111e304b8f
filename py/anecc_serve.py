"""Compiled code for the Python engine, kept in the cache folder (driven from src/bridge/python.ts).

Python compiles a script it runs every time, and the child never writes bytecode of its own
(PYTHONDONTWRITEBYTECODE), so that no __pycache__ lands in upstream's folder, in the patched copy
or in py/. Compiling the bridge and the anecc package it loads is about 10 ms of each start: this
module keeps their code objects in a folder of the cache instead.

`anecc_serve.py FOLDER SCRIPT` runs SCRIPT's `serve` as `SCRIPT serve` would, from FOLDER's copy
of its code (FOLDER '' keeps nothing). The bridge loads anecc's code through code_of() too.

Standard library only.
"""

import contextlib
import importlib.util
import marshal
import os
import sys

# Each source ever compiled here leaves a file (about 20 KB): keep the newest few only.
FILES_KEPT = 32


def code_of(path, folder):
    """The code object of the source at `path`, as the import system compiles it, from `folder`
    when it holds this very source: files are named by the source's hash (importlib's
    source_hash, keyed on this Python's bytecode version) and start with it and the source's
    length, so an edited source never meets old code, whatever its mtime (npm gives every file
    of a package the same one). Anything wrong with the folder only costs the compile."""
    with open(path, "rb") as f:
        source = f.read()
    if not folder:
        return compile(source, path, "exec", dont_inherit=True)
    key = importlib.util.source_hash(source)
    stamp = key + len(source).to_bytes(8, "little")
    kept = os.path.join(folder, "%s.%s.bin" % (key.hex(), sys.implementation.cache_tag))
    try:
        with open(kept, "rb") as f:
            data = f.read()
        if data[: len(stamp)] == stamp:
            return marshal.loads(data[len(stamp) :])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(source, path, "exec", dont_inherit=True)
    temporary = "%s.%d.tmp" % (kept, os.getpid())
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "wb") as f:
            f.write(stamp + marshal.dumps(code))
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
