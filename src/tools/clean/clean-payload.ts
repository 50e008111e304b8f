// `clean`: zero the kernel registers of tasks that use no kernel (rule in clean-rules.ts).

import { readTaskStream, registerAt, registerBlockOf } from '../../hwx/index.js';
import { cleanableWrites } from './rules.js';
import type { RegisterChange } from './types.js';

export interface CleanOptions {
  /** Bytes of task stream at the start of the payload (the header's tsk_size); default: the whole payload. */
  readonly taskStreamSize?: number;
}

export interface CleanResult {
  /** A new array; the input payload is never changed. */
  readonly payload: Uint8Array;
  readonly changes: readonly RegisterChange[];
}

const CLEAN_VALUE = 0;

/**
 * Works on a copy of an .anec payload (task stream at offset 0). Cleaning a clean payload changes
 * nothing, so running it twice is the same as once.
 */
export function cleanPayload(payload: Uint8Array, options: CleanOptions = {}): CleanResult {
  const copy = new Uint8Array(payload);
  const size = Math.min(options.taskStreamSize ?? copy.length, copy.length);
  const stream = readTaskStream(copy, 0, size, { path: ['payload'] });
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const changes: RegisterChange[] = [];
  for (const task of stream.tasks) {
    for (const write of cleanableWrites(task)) {
      view.setUint32(write.offset, CLEAN_VALUE, true);
      const named = registerAt(write.address);
      changes.push({
        kind: 'register',
        task: task.index,
        address: write.address,
        register: named?.name,
        block: named?.block ?? registerBlockOf(write.address),
        offset: write.offset,
        before: write.value,
        after: CLEAN_VALUE,
      });
    }
  }
  return { payload: copy, changes };
}
