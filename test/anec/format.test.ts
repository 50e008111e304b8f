import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANEC_FIELDS, ANEC_FIELDS_END_IN_BYTES, encodeAnecHeader, fieldValues } from '../../src/anec/index.js';
import { repoRoot } from '../../support/corpus.js';
import fc from 'fast-check';
import { anecHeaderArb } from '../../support/arbitraries/anec-header.js';

const python = process.env['PYTHON_BIN'] || 'python3';

/** Python's own reading of the bridge's HEADER_FIELDS literal (ast, so the module is not run). */
function pythonHeaderFields(): [string, string][] | string {
  const script = [
    'import ast, json, sys',
    'tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())',
    'value = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "HEADER_FIELDS" for t in n.targets))',
    'print(json.dumps(value))',
  ].join('\n');
  try {
    return JSON.parse(execFileSync(python, ['-c', script, path.join(repoRoot, 'py', 'anecc_bridge.py')], { encoding: 'utf8' })) as [string, string][];
  } catch (error) {
    return `cannot run ${python} (${(error as Error).message.split('\n')[0]}): Python field-list check skipped`;
  }
}

describe('the .anec field table', () => {
  it('should lay the fields end to end from 0 to 0x6a8, as libane packs struct anec', () => {
    // Arrange / Act
    let at = 0;
    for (const f of ANEC_FIELDS) {
      // Assert
      expect(f.offset, f.cName).toBe(at);
      expect(f.token.len, f.cName).toBe(f.element.len * f.count);
      at += f.token.len;
    }
    expect(at).toBe(0x6a8);
    expect(ANEC_FIELDS_END_IN_BYTES).toBe(0x6a8);
    expect(ANEC_FIELDS.map((f) => f.cName)).toEqual(['size', 'td_size', 'td_count', 'tsk_size', 'krn_size', 'src_count', 'dst_count', 'tiles', 'nchw']);
  });

  it('should put each field at its offset in the encoded header', () => {
    fc.assert(
      fc.property(anecHeaderArb, (header) => {
        const bytes = encodeAnecHeader(header);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
        for (const f of ANEC_FIELDS) {
          const values = fieldValues(header, f);
          values.forEach((v, i) => {
            const at = f.offset + i * f.element.len;
            const read = f.element.len === 8 ? view.getBigUint64(at, true) : view.getUint32(at, true);
            expect(read).toBe(v);
          });
        }
        expect(bytes.subarray(0x6a8).every((b) => b === 0)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  const fromPython = pythonHeaderFields();
  if (typeof fromPython === 'string') console.warn(`skipped: ${fromPython}`);
  it.skipIf(typeof fromPython === 'string')("should match py/anecc_bridge.py's HEADER_FIELDS (key and upstream name, in order)", () => {
    expect(fromPython).toEqual(ANEC_FIELDS.map((f) => [f.key, f.cName]));
  });
});
