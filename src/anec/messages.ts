// The one place that names and words the native converter's failures. Each failure is a value with
// a snake_case `code` and the facts it needs; `upstreamType` says which Python exception upstream
// raises for it, so the two engines compare by kind, and `conversionMessage` turns it into text.
import { hex } from './python-semantics.js';

/** The exceptions the native engine reproduces (upstream's, plus construct's FormatFieldError). */
export const upstreamExceptionTypes = ['StopIteration', 'AssertionError', 'IndexError', 'ValueError', 'RuntimeError', 'FormatFieldError'] as const;
export type KnownUpstreamExceptionType = (typeof upstreamExceptionTypes)[number];
/** A Python exception type name; the Python engine may report others (OSError, construct errors...). */
export type UpstreamExceptionType = KnownUpstreamExceptionType | (string & {});

type Size = number | bigint;

/** Why a conversion fails, with the facts that say where. */
export type ConversionFailure =
  | { readonly code: 'unaligned_size'; readonly length: number }
  | { readonly code: 'word_not_found'; readonly value: number; readonly what: string }
  | { readonly code: 'word_out_of_range'; readonly index: number; readonly what: string; readonly wordCount: number }
  | { readonly code: 'task_size_small'; readonly tskSize: Size; readonly tdSize: number }
  | { readonly code: 'text_outside_file' }
  | { readonly code: 'kernel_address' }
  | { readonly code: 'kernel_size'; readonly krnSize: Size }
  | { readonly code: 'kernel_outside_file' }
  | { readonly code: 'task_size_large'; readonly tdSize: number }
  | { readonly code: 'td_marker' }
  | { readonly code: 'td_address' }
  | { readonly code: 'task_count'; readonly tdCount: number }
  /** `buffer` names the buffer: its address (word scan) or its segment (load commands). */
  | { readonly code: 'buffer_size'; readonly buffer: string; readonly size: Size }
  | { readonly code: 'buffer_kind'; readonly buffer: string }
  | { readonly code: 'buffer_count'; readonly inputs: number; readonly outputs: number; readonly intermediates: number }
  | { readonly code: 'too_many_buffers'; readonly ioCount: number; readonly slotCount: number }
  /** `where` says how tasks were found: by their first packet word, or inside __text. */
  | { readonly code: 'task_count_mismatch'; readonly found: number; readonly expected: number; readonly where: string }
  | { readonly code: 'task_span'; readonly tskSize: number; readonly tdSize: number }
  | { readonly code: 'stab_count_low'; readonly found: number }
  | { readonly code: 'stab_count_mismatch'; readonly found: number; readonly ioCount: number }
  | { readonly code: 'stab_field_count'; readonly found: number }
  | { readonly code: 'stab_field_order'; readonly field: number; readonly dimension: string }
  | { readonly code: 'stab_field_empty'; readonly what: string }
  | { readonly code: 'stab_field_short'; readonly what: string; readonly separator: string; readonly index: number }
  | { readonly code: 'stab_no_stride'; readonly what: string }
  | { readonly code: 'stab_plane_stride'; readonly expected: bigint }
  | { readonly code: 'stab_row_stride'; readonly expected: bigint }
  | { readonly code: 'cpu_layer'; readonly name: string; readonly inputCount: number }
  | { readonly code: 'bad_integer'; readonly what: string; readonly text: string }
  | { readonly code: 'integer_too_long'; readonly what: string; readonly digits: number; readonly limit: number }
  /** A header value that does not fit its field (upstream's `construct` refuses it when packing). */
  | { readonly code: 'header_value_out_of_range'; readonly field: string; readonly value: Size; readonly width: 'u32' | 'u64' | 'count' };

export type ConversionFailureCode = ConversionFailure['code'];

/** The Python exception upstream raises for each failure. */
export const upstreamType: { readonly [C in ConversionFailureCode]: KnownUpstreamExceptionType } = {
  unaligned_size: 'AssertionError',
  word_not_found: 'StopIteration',
  word_out_of_range: 'IndexError',
  task_size_small: 'AssertionError',
  text_outside_file: 'AssertionError',
  kernel_address: 'AssertionError',
  kernel_size: 'AssertionError',
  kernel_outside_file: 'AssertionError',
  task_size_large: 'AssertionError',
  td_marker: 'AssertionError',
  td_address: 'AssertionError',
  task_count: 'AssertionError',
  buffer_size: 'AssertionError',
  buffer_kind: 'ValueError',
  buffer_count: 'AssertionError',
  too_many_buffers: 'IndexError',
  task_count_mismatch: 'AssertionError',
  task_span: 'AssertionError',
  stab_count_low: 'AssertionError',
  stab_count_mismatch: 'AssertionError',
  stab_field_count: 'AssertionError',
  stab_field_order: 'AssertionError',
  stab_field_empty: 'IndexError',
  stab_field_short: 'IndexError',
  stab_no_stride: 'IndexError',
  stab_plane_stride: 'AssertionError',
  stab_row_stride: 'AssertionError',
  cpu_layer: 'RuntimeError',
  bad_integer: 'ValueError',
  integer_too_long: 'ValueError',
  header_value_out_of_range: 'FormatFieldError',
};

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}...` : text);

/** One line, in our words; the CLI adds the file and the Python exception type. */
export function conversionMessage(failure: ConversionFailure): string {
  switch (failure.code) {
    case 'unaligned_size':
      return `file size ${failure.length} is not a multiple of 4`;
    case 'word_not_found':
      return `no word ${hex(failure.value)} (${failure.what}) in the file`;
    case 'word_out_of_range':
      return `${failure.what} would be word ${failure.index}, past the end of the file (${failure.wordCount} words)`;
    case 'task_size_small':
      return `__text size ${hex(failure.tskSize)} is below one task (${hex(failure.tdSize)})`;
    case 'text_outside_file':
      return '__TEXT,__text runs past the end of the file';
    case 'kernel_address':
      return '__TEXT,__const does not follow __text at a 16-byte boundary';
    case 'kernel_size':
      return `kernel size ${hex(failure.krnSize)} is not a nonzero multiple of 16`;
    case 'kernel_outside_file':
      return '__TEXT,__const runs past the end of the file';
    case 'task_size_large':
      return `task size ${hex(failure.tdSize)} from the program descriptor is too large`;
    case 'td_marker':
      return 'the first word 0x9c is not preceded by the program descriptor address';
    case 'td_address':
      return 'the program descriptor does not point at __TEXT,__text';
    case 'task_count':
      return `task count ${failure.tdCount} is out of range`;
    case 'buffer_size':
      return `buffer ${failure.buffer} has size ${hex(failure.size)}, not a nonzero multiple of 0x4000 below 0x40000000`;
    case 'buffer_kind':
      return `buffer ${failure.buffer} is neither input, output nor intermediate`;
    case 'buffer_count':
      return (
        `found ${failure.inputs} inputs, ${failure.outputs} outputs and ${failure.intermediates} intermediates; ` +
        'need at least one input and one output, at most one intermediate'
      );
    case 'too_many_buffers':
      return `${failure.ioCount} I/O buffers do not fit the ${failure.slotCount} slots`;
    case 'task_count_mismatch':
      return `found ${failure.found} tasks ${failure.where}, the program descriptor says ${failure.expected}`;
    case 'task_span':
      return `__text size ${hex(failure.tskSize)} does not end one task (${hex(failure.tdSize)}) after the last task`;
    case 'stab_count_low':
      return `found ${failure.found} tensor stabs, need at least 2`;
    case 'stab_count_mismatch':
      return `found ${failure.found} tensor stabs for ${failure.ioCount} I/O buffers`;
    case 'stab_field_count':
      return `tensor stab has ${failure.found} dimension fields, expected 4`;
    case 'stab_field_order':
      return `tensor stab field ${failure.field} does not end in "${failure.dimension}"`;
    case 'stab_field_empty':
      return `${failure.what} field is empty`;
    case 'stab_field_short':
      return `${failure.what} has no part ${failure.index} after splitting on "${failure.separator}"`;
    case 'stab_no_stride':
      return `${failure.what} field has no "=s" stride`;
    case 'stab_plane_stride':
      return `tensor stab plane stride is not ${failure.expected}`;
    case 'stab_row_stride':
      return `tensor stab row stride is not ${failure.expected}`;
    case 'cpu_layer':
      return `tensor ${failure.name} looks like an unresolved CPU layer; did you really mean ${failure.inputCount} inputs? Use -f to bypass`;
    case 'bad_integer':
      return `${failure.what}: ${JSON.stringify(clip(failure.text))} is not a decimal integer`;
    case 'integer_too_long':
      return `${failure.what}: integer has ${failure.digits} digits, over Python's limit of ${failure.limit}`;
    case 'header_value_out_of_range':
      return `header field ${failure.field} = ${failure.value} does not fit its ${failure.width}`;
    default:
      return unreachable(failure);
  }
}

function unreachable(failure: never): never {
  throw new Error(`unworded conversion failure: ${JSON.stringify(failure)}`);
}

/** The patched profile's warning when no stab order fits the buffers (ConversionWarning stab_sizes_unmatched). */
export const stabSizesUnmatchedMessage =
  'no order of the tensor stabs matches the I/O buffer sizes, so the shapes in the header are a guess (upstream writes them anyway; so do we)';
