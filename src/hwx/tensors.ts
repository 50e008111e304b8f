// One tensor per buffer section, joined with its name (buffer-name command or symbol), its stab,
// its tensor descriptor and its program slot; plus one per alias stab (`probs/src`).

import type {
  HwxFile,
  Stab,
  Tensor,
  TensorDescriptor,
  TensorRole,
} from './types.js';

/** The parts of the file a tensor is joined from. */
type TensorSources = Pick<HwxFile, 'sections' | 'bufferNames' | 'symbols' | 'stabs' | 'tensorDescriptors' | 'program' | 'segmentState'>;

const BUFFER_ROLES: ReadonlySet<string> = new Set<TensorRole>(['input', 'output', 'intermediate']);

function earlier<T>(order: ReadonlyMap<T, number>, a: T | undefined, b: T | undefined): T | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (order.get(a) ?? 0) <= (order.get(b) ?? 0) ? a : b;
}

function shapeOf(stab: Stab | undefined, descriptor: TensorDescriptor | undefined): Tensor['shape'] {
  if (stab !== undefined) return [stab.dims.n, stab.dims.c, stab.dims.h, stab.dims.w];
  if (descriptor !== undefined) return [descriptor.sizes.n, descriptor.sizes.c, descriptor.sizes.h, descriptor.sizes.w];
  return undefined;
}

/** A map from key to the first item with that key, as `find` would give it. */
function firstBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T> {
  const map = new Map<K, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined && !map.has(key)) map.set(key, item);
  }
  return map;
}

export function joinTensors(src: TensorSources): Tensor[] {
  // Indexed once: a file may hold thousands of sections and symbols, and a scan per section
  // would make reading it quadratic.
  const bufferNameByAddr = firstBy(src.bufferNames, (b) => b.vmaddr);
  const symbolByValue = firstBy(src.symbols, (s) => (s.name.includes(':') ? undefined : s.value));
  const stabByName = firstBy(src.stabs, (s) => (s.alias ? undefined : s.name));
  // The first descriptor whose buffer name or name matches, in file order.
  const descriptorIndex = new Map(src.tensorDescriptors.map((d, i) => [d, i]));
  const descriptorByBufferName = firstBy(src.tensorDescriptors, (d) => d.bufferName);
  const descriptorByName = firstBy(src.tensorDescriptors, (d) => d.name);
  // H14/H15 files bind slots in the segment state (flavor 4) instead of the program descriptor.
  const slotTable = src.program?.slots ?? src.segmentState?.slots ?? [];
  const slotByAddr = firstBy(slotTable.map((addr, slot) => ({ addr, slot })), (s) => s.addr);
  const tensors: Tensor[] = [];
  for (const section of src.sections) {
    if (!BUFFER_ROLES.has(section.role)) continue;
    const addr = section.addr;
    const name = bufferNameByAddr.get(addr)?.name ?? symbolByValue.get(addr)?.name;
    const stab = name === undefined ? undefined : stabByName.get(name);
    const descriptor = name === undefined ? undefined : earlier(descriptorIndex, descriptorByBufferName.get(name), descriptorByName.get(name));
    const slotIndex = addr === 0 ? undefined : slotByAddr.get(addr)?.slot;
    tensors.push({
      kind: 'tensor',
      role: section.role as TensorRole,
      name,
      addr,
      bufferSize: section.dataSize,
      slot: slotIndex,
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
