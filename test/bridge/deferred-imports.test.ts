// The bridge stands in for modules construct imports and upstream never uses (pdb, inspect,
// hashlib, pickle): importing them must not load them, and the first attribute read must.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeModulePath } from '../../src/bridge/options.js';
import { testPythonBin } from './fake-anecc.js';

const work = mkdtempSync(path.join(tmpdir(), 'anecc-deferred-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Loads the bridge as pythonia does, then a module that imports the four as construct does.
const script = String.raw`
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("anecc_bridge", sys.argv[1])
bridge = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bridge)
sys.path.insert(0, sys.argv[2])
import like_construct
names = ("pdb", "inspect", "hashlib", "pickle")
report = {"loaded after import": [n for n in names if not isinstance(sys.modules[n], bridge._Deferred)]}
report["find_spec"] = importlib.util.find_spec("pickle").origin.endswith("pickle.py")
report["sha256"] = like_construct.hashlib.sha256(b"").hexdigest()[:8]
report["loaded after use"] = [n for n in names if not isinstance(sys.modules[n], bridge._Deferred)]
# The bridge sends stdout to stderr: the report goes to a file.
open(sys.argv[3], "w").write(json.dumps(report))
`;

describe('modules the bridge loads at their first use', () => {
  it('should not load pdb, inspect, hashlib or pickle with construct, and should load each when used', () => {
    writeFileSync(path.join(work, 'like_construct.py'), 'import sys, traceback, pdb, inspect\nimport pickle, hashlib\n');
    const report = path.join(work, 'report.json');
    // No bytecode beside the bridge (py/ ships in the package).
    execFileSync(testPythonBin, ['-c', script, bridgeModulePath, work, report], { env: { ...process.env, ANECC_BRIDGE_PARENT_PIPE: '', PYTHONDONTWRITEBYTECODE: '1' } });
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ 'loaded after import': [], find_spec: true, sha256: 'e3b0c442', 'loaded after use': ['hashlib'] });
  });
});
