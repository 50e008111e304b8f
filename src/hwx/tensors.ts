// One tensor per buffer section, joined with its name (buffer-name command or symbol), its stab,
// its tensor descriptor and its program slot; plus one per alias stab (`probs/src`).

import type {
  BufferNameCommand,
  ProgramDescriptor,
  Section,
  Stab,
  SymbolEntry,
  Tensor,
  TensorDescriptor,
  TensorRole,
} from './types.js';

export interface TensorSources {
  readonly sections: readonly Section[];
  readonly bufferNames: readonly BufferNameCommand[];
  readonly symbols: readonly SymbolEntry[];
  readonly stabs: readonly Stab[];
  readonly descriptors: readonly TensorDescriptor[];
  readonly program: ProgramDescriptor | undefined;
}

const BUFFER_ROLES: ReadonlySet<string> = new Set<TensorRole>(['input', 'output', 'intermediate']);

function shapeOf(stab: Stab | undefined, descriptor: TensorDescriptor | undefined): Tensor['shape'] {
  if (stab !== undefined) return [stab.dims.n, stab.dims.c, stab.dims.h, stab.dims.w];
  if (descriptor !== undefined) return [descriptor.sizes.n, descriptor.sizes.c, descriptor.sizes.h, descriptor.sizes.w];
  return undefined;
}

export function joinTensors(src: TensorSources): Tensor[] {
  const tensors: Tensor[] = [];
  for (const section of src.sections) {
    if (!BUFFER_ROLES.has(section.role)) continue;
    const addr = section.addr;
    const name =
      src.bufferNames.find((b) => b.vmaddr === addr)?.name ??
      src.symbols.find((s) => s.value === addr && !s.name.includes(':'))?.name;
    const stab = name === undefined ? undefined : src.stabs.find((s) => !s.alias && s.name === name);
    const descriptor =
      name === undefined ? undefined : src.descriptors.find((d) => d.bufferName === name || d.name === name);
    const slotIndex = addr === 0 || src.program === undefined ? -1 : src.program.slots.indexOf(addr);
    tensors.push({
      kind: 'tensor',
      role: section.role as TensorRole,
      name,
      addr,
      bufferSize: section.dataSize,
      slot: slotIndex < 0 ? undefined : slotIndex,
      shape: shapeOf(stab, descriptor),
      stab,
      descriptor,
    });
  }
  for (const stab of src.stabs) {
    if (!stab.alias) continue;
    tensors.push({
      kind: 'tensor',
      role: 'alias',
      name: stab.name,
      addr: undefined,
      bufferSize: undefined,
      slot: undefined,
      shape: shapeOf(stab, undefined),
      stab,
      descriptor: undefined,
    });
  }
  return tensors;
}
