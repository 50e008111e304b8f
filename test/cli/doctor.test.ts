// `anecc doctor` as text: each problem said once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testPythonBin } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';

const empty = mkdtempSync(path.join(tmpdir(), 'anecc-doctor-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('anecc doctor', () => {
  it('should say once why upstream anecc was not found, and exit 1', async () => {
    const r = await runAnecc(['doctor'], { env: { ...process.env, PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: empty } });
    expect(r.exitCode).toBe(1);
    // The entry with its wrapped continuation lines, as one line.
    const line = /^FAIL anecc .*(?:\n {2,}.*)*/m.exec(r.stdout)?.[0].replace(/\n\s+/g, ' ');
    expect(line).toBeDefined();
    // The reason, the way it was looked for, and the way out, each once.
    expect(line!.match(/not found/g)).toHaveLength(1);
    expect(line!.match(/ANECC_UPSTREAM_SRC\)/g)).toHaveLength(1);
    expect(line).toContain('pip install anecc==1.0.9');
  });
});
