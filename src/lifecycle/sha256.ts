// SHA-256 for the few paths that hash (long output names, the failure memory's key). node:crypto
// is loaded at the first hash, not at start-up: requiring it costs a conversion about 2 ms of its
// start, and a native conversion with a short output name never hashes.
import { createRequire } from 'node:module';

let crypto: typeof import('node:crypto') | undefined;

/** The SHA-256 of `data`, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(data).digest('hex');
}
