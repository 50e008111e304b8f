// Numbers that define the HWX container. The H13 task-stream numbers below are the H13 profile's
// (src/hwx/generations/h13.ts), re-exported under their long-standing names.

import {
  H13_COMPACT_SECOND_PACKET,
  H13_COMPACT_TASK,
  H13_FULL_TASK,
  H13_KERNEL_DMA_ADDRESS,
  H13_TASK_HEADER_SIZE_IN_BYTES,
} from './generations/h13.js';

/** Mach-O magic of every HWX file seen; some tools also accept the plain 64-bit Mach-O magic. */
export const HWX_MAGIC = 0xbeefface;
export const MACHO_MAGIC_64 = 0xfeedfacf;
/** Mach-O cputype of the ANE. */
export const ANE_CPU_TYPE = 0x80;
export const MH_EXECUTE = 2;
export const HWX_HEADER_FLAGS = 0x200000;

/** Load command numbers met in HWX files. */
export const LC_SYMTAB = 0x2;
export const LC_THREAD = 0x4;
export const LC_LOADFVMLIB = 0x6;
export const LC_IDENT = 0x8;
export const LC_SEGMENT_64 = 0x19;
export const LC_NOTE = 0x31;
/** The buffer-naming command of compiler v7 and later (takes the place of LC_LOADFVMLIB). */
export const LC_ANE_BUFFER_NAME = 0x40;

/** LC_THREAD flavors. */
export const THREAD_FLAVOR_PROGRAM = 1;
export const THREAD_FLAVOR_TENSOR = 3;
/** The segment state of H14/H15 files (AlexAltea/ane e397b69 src/libane/hwx.h HWX_ANE_SEG_STATE). */
export const THREAD_FLAVOR_SEGMENT = 4;

/** Where the ANE's address space starts; up to compiler v7 `__TEXT` sits exactly here. */
export const ANE_BASE_ADDRESS = 0x30000000;
/** I/O buffers are allocated in tiles of this many bytes. */
export const TILE_SIZE_IN_BYTES = 0x4000;
/** The kernel (`__TEXT,__const`) follows `__text` at this alignment. */
export const KERNEL_ALIGNMENT_IN_BYTES = 16;
/** Number of buffer slots in the program descriptor and in the .anec header. */
export const SLOT_COUNT = 32;

/** Byte address of the KernelDMA block: every task's first packet writes here. */
export const KERNEL_DMA_ADDRESS = H13_KERNEL_DMA_ADDRESS;
/** Packet header word: `(count - 1) << 26 | byte address`. */
export const PACKET_ADDRESS_MASK = 0x03ffffff;
export const PACKET_COUNT_SHIFT = 26;

/** The full H13 task: 0x274 bytes, first packet writes 62 words at KernelDMA. */
export const FULL_TASK_SIZE_IN_BYTES = H13_FULL_TASK.sizeInBytes;
export const FULL_TASK_FIRST_PACKET = H13_FULL_TASK.firstPacket;
/** The compact task of compiler v9: 0x1f8 bytes, first packet writes 18 words at KernelDMA. */
export const COMPACT_TASK_SIZE_IN_BYTES = H13_COMPACT_TASK.sizeInBytes;
export const COMPACT_TASK_FIRST_PACKET = H13_COMPACT_TASK.firstPacket;
/** Byte offset of the first packet inside a task (after the header words W0..W9). */
export const TASK_HEADER_SIZE_IN_BYTES = H13_TASK_HEADER_SIZE_IN_BYTES;

/** Program-descriptor marker: first task's word count minus one, per task kind. */
export const FULL_TASK_WORD_MARKER = FULL_TASK_SIZE_IN_BYTES / 4 - 1; // 0x9c

/** Segments start on this boundary in the file and in the address space; the load-command area is padded to it. */
export const SEGMENT_ALIGNMENT_IN_BYTES = 0x4000;
/** Tasks after the first start on this boundary (tinygrad/concat.hwx: second task at __text + 0x300). */
export const TASK_ALIGNMENT_IN_BYTES = 0x100;
/** The second packet of the compact task: 12 words at KernelDMA + 0xc8. */
export const COMPACT_TASK_SECOND_PACKET = H13_COMPACT_SECOND_PACKET;
/** Program-descriptor slots: 0 `__text`, 1 `__const`, 3 `__bss`, I/O buffers from 4. */
export const PROGRAM_SLOT_TEXT = 0;
export const PROGRAM_SLOT_KERNEL = 1;
export const PROGRAM_SLOT_INTERMEDIATE = 3;
export const PROGRAM_SLOT_FIRST_IO = 4;
/** Row and plane strides of a tensor are rounded up to this many bytes. */
export const STRIDE_ALIGNMENT_IN_BYTES = 64;
/** Tensor element type code of float16 (`float16:t5` in the stabs) and its size. */
export const FP16_ELEMENT_TYPE = 5;
export const FP16_SIZE_IN_BYTES = 2;

/** Segment protections (maxprot = initprot) that mark an I/O buffer section's role. */
export const ANE_BUFFER_PROT_INPUT = 1;
export const ANE_BUFFER_PROT_OUTPUT = 2;
export const ANE_BUFFER_PROT_INTERMEDIATE = 3;
/** Segment flags of the buffers: SG_NORELOC for the scratch buffer, SG_FVMLIB | SG_NORELOC for I/O. */
export const SG_NORELOC = 0x4;
export const SG_FVMLIB_NORELOC = 0x6;

