// The main process's handle on python-worker.ts: the same convert() as a PythonEngine.

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConvertRequest, EngineOutcome, Profile } from '../../src/anec/index.js';
import type { BatchConverter } from '../../support/differential/live.js';

type Reply = { readonly id: number; readonly outcomes?: readonly EngineOutcome[]; readonly error?: string } | { readonly ready: true };

export interface WorkerEngine extends BatchConverter {
  close(): Promise<void>;
}

/** Starts the worker and waits until its Python engine is open. */
export async function openWorkerEngine(): Promise<WorkerEngine> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./python-worker.ts', import.meta.url)), [], {
    execArgv: process.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (o: readonly EngineOutcome[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Python worker exited (${code}) before it was ready`)));
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) return resolve();
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.outcomes !== undefined) p?.resolve(reply.outcomes);
      else p?.reject(new Error(`Python worker: ${reply.error}`));
    });
  });
  child.on('exit', (code) => failAll(`the Python worker exited (${code})`));
  return {
    convert(requests: readonly ConvertRequest[], profile: Profile): Promise<readonly EngineOutcome[]> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, requests, profile });
      });
    },
    async close(): Promise<void> {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}
