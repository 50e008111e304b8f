// The inverse of the writer: the description of a file the reader decoded. For a file the writer
// made, `describeHwxFile(readHwx(writeHwx(d)), bytes)` gives back `d`. For a compiler's file it
// gives a description whose output converts the same way (kernel contents are not kept: a kernel
// that is neither zeros nor the writer's pattern is described as zeros).

import { ANE_BASE_ADDRESS, LC_LOADFVMLIB } from '../hwx/index.js';
import type { HwxFile, Section, Tensor } from '../hwx/index.js';
import { detectFill } from './fill.js';
import type { HwxDescription, HwxLayout, TensorDescription, TensorShape } from './types.js';

const ESPRESSO_VERSION = /ModuleBundleName: com\.apple\.EspressoFramework\n\t ModuleCompilationFlags: \n\t ModuleVersion: (\S+)\n/;

function shapeOf(tensor: Tensor): TensorShape {
  const [n, c, h, w] = tensor.shape ?? [0, 0, 0, 0];
  return { n, c, h, w };
}

function section(file: HwxFile, segmentName: string, name: string): Section | undefined {
  return file.sections.find((s) => s.segmentName === segmentName && s.name === name);
}

function layoutOf(file: HwxFile): HwxLayout {
  if (file.bufferNames[0]?.cmd === LC_LOADFVMLIB) return 'v5';
  return section(file, '__TEXT', '__text')?.addr === ANE_BASE_ADDRESS ? 'v7' : 'v9';
}

/** The writer description of a file read by `readHwx`, so that `writeHwx` can rebuild it. */
export function describeHwxFile(file: HwxFile, bytes: Uint8Array): HwxDescription {
  const tensors: TensorDescription[] = [];
  for (const t of file.tensors) {
    if (t.role === 'input' || t.role === 'output') {
      tensors.push({ kind: t.role, name: t.name ?? '', shape: shapeOf(t), slot: t.slot ?? 0 });
    }
  }
  const intermediate = file.tensors.find((t) => t.role === 'intermediate');
  const kernel = section(file, '__TEXT', '__const');
  const debug = section(file, '__DEBUG', '__debug_info');
  const contents = (s: Section): Uint8Array => bytes.subarray(s.dataOffset, s.dataOffset + s.dataSize);
  return {
    layout: layoutOf(file),
    cpuSubtype: file.header.cpusubtype,
    compilerVersion: file.ident?.compilerVersion ?? '',
    espressoVersion: ESPRESSO_VERSION.exec(file.ident?.text ?? '')?.[1],
    compilerFlags: file.ident?.flags ?? [],
    networkName: file.program?.networkName ?? '',
    tensors,
    intermediate: intermediate === undefined ? undefined : { size: intermediate.bufferSize ?? 0 },
    tasks: (file.taskStream?.tasks ?? []).map((task) => ({
      header: [...task.header],
      packets: task.packets.map((p) => ({ address: p.address, values: [...p.values] })),
    })),
    kernel: kernel === undefined ? { size: 0, fill: 'zeros' } : { size: kernel.dataSize, fill: detectFill(contents(kernel)) ?? 'zeros' },
    debugInfo: debug === undefined ? undefined : { size: debug.dataSize, fill: detectFill(contents(debug)) ?? 'zeros' },
    aliasStabs: file.tensors.filter((t) => t.role === 'alias').map((t) => ({ name: t.name ?? '', shape: shapeOf(t) })),
    sourceModelNote: file.loadCommands.some((c) => c.kind === 'note'),
  };
}
