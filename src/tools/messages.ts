// The one place that words the tools' failures: why a file could not be inspected, diffed or
// cleaned, and why slots could not be remapped. Each failure is a value with its facts; the error
// classes (tool-errors.ts, clean/remap-slots.ts) carry it and take their message from here.

import { formatIssue, formatIssues, type HwxIssue } from '../hwx/index.js';

/** The commands that rewrite an .anec file and refuse an HWX file, with what to run instead. */
export type AnecFileCommand = { readonly name: 'clean' } | { readonly name: 'retarget'; readonly target: string };

/** Why inspect, diff or clean could not read a file. `path` is the file as named by the user. */
export type ToolFailure =
  /** The file cannot be read from disk (`reason`: the system's code, ENOENT...). */
  | { readonly code: 'unreadable'; readonly path: string; readonly reason: string }
  /** The file is larger than the tools read. */
  /** `size` is undefined for a device or pipe, refused once the read passed the limit. */
  | { readonly code: 'too_large'; readonly path: string; readonly size: number | undefined; readonly limit: number }
  /** Neither an HWX file nor an .anec file. */
  | { readonly code: 'unknown_kind'; readonly path: string }
  /** HWX magic, but the container is broken. */
  | { readonly code: 'bad_hwx'; readonly path: string; readonly issues: readonly HwxIssue[] }
  /** The file is not what the command works on (clean and retarget take .anec files). */
  | { readonly code: 'wrong_kind'; readonly path: string; readonly command: AnecFileCommand }
  /** The file ends before what its own header says it holds; writing a fixed copy would hide that. */
  | { readonly code: 'truncated'; readonly path: string; readonly declared: bigint; readonly actual: number };

export type ToolErrorCode = ToolFailure['code'];

/** One line, starting with the path. */
export function toolMessage(failure: ToolFailure): string {
  const path = failure.path;
  switch (failure.code) {
    case 'unreadable':
      return `${path}: cannot read the file (${failure.reason})`;
    case 'too_large':
      return `${path}: ${failure.size === undefined ? '' : `${failure.size} bytes, `}more than the ${failure.limit} bytes anecc reads (is this an HWX or .anec file?)`;
    case 'unknown_kind':
      return `${path}: neither an HWX file (magic 0xbeefface) nor an .anec file (a header padded to 0x1000 or 0x800 bytes, then a task)`;
    case 'bad_hwx': {
      const first = failure.issues[0];
      return `${path}: not a readable HWX file: ${first ? formatIssue(first) : formatIssues(failure.issues)}`;
    }
    case 'wrong_kind':
      return failure.command.name === 'clean'
        ? `${path}: clean works on .anec files; to clean while converting run: anecc ${path} --clean -o OUT.anec`
        : `${path}: retarget works on .anec files; to convert an HWX for a target run: anecc ${path} --target ${failure.command.target} -o OUT.anec`;
    case 'truncated':
      return `${path}: truncated: its header says ${failure.declared} payload bytes, the file has ${failure.actual}; convert the HWX again`;
    default:
      return unreachable(failure);
  }
}

/** Why slots could not be remapped without guessing. */
export type SlotRemapFailure =
  /** A slot is read before any task writes it, and written later: input or output? */
  | { readonly reason: 'role_conflict'; readonly slot: number }
  /** The bound slots do not match the header's src_count / dst_count. */
  | { readonly reason: 'count_mismatch'; readonly outputs: number; readonly inputs: number; readonly dstCount: number; readonly srcCount: number }
  /** An input or output tensor has no program slot (`sharedSlot` undefined), or shares one. */
  | { readonly reason: 'unbound_tensor'; readonly role: string; readonly name: string; readonly sharedSlot: number | undefined }
  /** A task binds an I/O slot no tensor is known at. */
  | { readonly reason: 'unknown_slot'; readonly task: number; readonly slot: number }
  /** The header's row for the new slot does not have the tensor's shape. */
  | {
      readonly reason: 'shape_mismatch';
      readonly role: string;
      readonly name: string | undefined;
      readonly shape: readonly number[];
      readonly slot: number;
      readonly header: readonly number[];
    }
  /** W8's TBase field names an I/O slot, which remap does not know how to treat. */
  | { readonly reason: 'tbase_in_use'; readonly task: number; readonly slot: number }
  /** More tensors than W8 can address. */
  | { readonly reason: 'slot_out_of_range'; readonly slot: number };

export type SlotRemapReason = SlotRemapFailure['reason'];

/** One line, starting with "cannot remap slots". */
export function slotRemapMessage(failure: SlotRemapFailure): string {
  return `cannot remap slots: ${slotRemapDetail(failure)}`;
}

function slotRemapDetail(failure: SlotRemapFailure): string {
  switch (failure.reason) {
    case 'role_conflict':
      return `slot ${failure.slot} is read before any task writes it and written later, so its role is unknown`;
    case 'count_mismatch':
      return `the tasks bind ${failure.outputs} output and ${failure.inputs} input slot(s), the header says dst_count ${failure.dstCount}, src_count ${failure.srcCount}`;
    case 'unbound_tensor':
      return failure.sharedSlot === undefined
        ? `${failure.role} ${failure.name} has no I/O slot in the program descriptor`
        : `${failure.role} ${failure.name} shares slot ${failure.sharedSlot} with another tensor`;
    case 'unknown_slot':
      return `task ${failure.task} binds slot ${failure.slot}, which holds no input or output`;
    case 'shape_mismatch':
      return `${failure.role} ${failure.name ?? ''} has shape [${failure.shape.join(', ')}] but the header's slot ${failure.slot} is [${failure.header.join(', ')}]`;
    case 'tbase_in_use':
      return `task ${failure.task} W8 TBase names slot ${failure.slot}`;
    case 'slot_out_of_range':
      return `slot ${failure.slot} does not fit W8`;
    default:
      return unreachable(failure);
  }
}

function unreachable(failure: never): never {
  throw new Error(`unworded tool failure: ${String(failure)}`);
}
