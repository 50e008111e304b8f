// Numbers of the .anec format and of upstream anecc's converter.
import { SLOT_COUNT } from '../hwx/index.js';

/** The packed header is zero-padded to this many bytes; the payload follows. */
export const ANEC_HEADER_SIZE_IN_BYTES = 0x1000;
/** Fields per nchw row: N, C, H, W, plane stride, row stride. */
export const NCHW_FIELD_COUNT = 6;
export const NCHW_VALUE_COUNT = SLOT_COUNT * NCHW_FIELD_COUNT;
/** Slot of the first output in the header; inputs follow the outputs (libane's convention). */
export const FIRST_IO_SLOT = 4;
/** Slot of the intermediate buffer. */
export const INTERMEDIATE_SLOT = 3;
/** Upstream stops looking for I/O buffers after this many. */
export const MAX_BUFFER_COUNT = SLOT_COUNT;
/** Upstream refuses buffers of this many tiles or more. */
export const MAX_BUFFER_TILES = 0x10000;
/** Upstream refuses a task count of this or more. */
export const MAX_TASK_COUNT = 0xffff;
/** Upstream keeps only printable runs at least this long when looking for tensor stabs. */
export const MIN_STAB_RUN_LENGTH = 50;
/** The word upstream takes for the program descriptor's task-count marker. */
export const UPSTREAM_TD_MARKER = 0x9c;
