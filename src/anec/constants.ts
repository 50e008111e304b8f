// Numbers of the .anec format and of upstream anecc's converter.
import { FULL_TASK_WORD_MARKER, PROGRAM_SLOT_FIRST_IO, PROGRAM_SLOT_INTERMEDIATE, SLOT_COUNT } from '../hwx/index.js';

/** The packed header is zero-padded to this many bytes; the payload follows. */
export const ANEC_HEADER_SIZE_IN_BYTES = 0x1000;
/** Fields per nchw row: N, C, H, W, plane stride, row stride. */
export const NCHW_FIELD_COUNT = 6;
export const NCHW_VALUE_COUNT = SLOT_COUNT * NCHW_FIELD_COUNT;
/**
 * Header slots mirror the program descriptor's: the first I/O slot holds the first output and
 * inputs follow the outputs (libane's convention, whatever order the compiler chose).
 */
export const FIRST_IO_SLOT = PROGRAM_SLOT_FIRST_IO;
export const INTERMEDIATE_SLOT = PROGRAM_SLOT_INTERMEDIATE;
/** Upstream stops looking for I/O buffers after this many. */
export const MAX_BUFFER_COUNT = SLOT_COUNT;
/** Upstream refuses buffers of this many tiles or more. */
export const MAX_BUFFER_TILES = 0x10000;
/** Upstream refuses a task count of this or more. */
export const MAX_TASK_COUNT = 0xffff;
/** Upstream keeps only printable runs at least this long when looking for tensor stabs. */
export const MIN_STAB_RUN_LENGTH = 50;
/** The word upstream takes for the program descriptor's task-count marker (full tasks only). */
export const UPSTREAM_TD_MARKER = FULL_TASK_WORD_MARKER;
