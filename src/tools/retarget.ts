// `retarget`: the same .anec in another target's layout (payload at 0x1000 or 0x800). Only the
// zero padding between the header fields (0x6a8 bytes) and the payload changes.
import { layOutAnec, type AnecBytes, type AnecTarget } from '../anec/index.js';
import { anecParts, type LoadedAnec } from './loaded-file.js';

export interface RetargetResult {
  readonly from: AnecTarget;
  readonly to: AnecTarget;
  readonly anec: AnecBytes;
  /** False when the file already has the target's layout (the bytes are then the input's). */
  readonly changed: boolean;
}

export function retargetAnec(loaded: LoadedAnec, to: AnecTarget): RetargetResult {
  const from = loaded.layout.target;
  return { from, to, anec: layOutAnec(anecParts(loaded), to), changed: from !== to };
}
