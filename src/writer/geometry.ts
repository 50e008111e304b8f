// Tensor strides and sizes, derived from [N, C, H, W] the way the compiler does for fp16 data.

import {
  FP16_SIZE_IN_BYTES,
  STRIDE_ALIGNMENT_IN_BYTES,
  TILE_SIZE_IN_BYTES,
  SEGMENT_ALIGNMENT_IN_BYTES,
  KERNEL_ALIGNMENT_IN_BYTES,
} from '../hwx/index.js';
import type { TensorShape } from './types.js';

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

export interface TensorGeometry {
  readonly rowStride: number;
  readonly planeStride: number;
  /** Bytes from one N to the next: C planes. */
  readonly batchStride: number;
  /** N batches: the section size. */
  readonly byteSize: number;
  /** Bytes from the first element to just past the last one. */
  readonly extent: number;
  /** The buffer: whole tiles. */
  readonly bufferSize: number;
}

export function tensorGeometry(shape: TensorShape): TensorGeometry {
  const rowStride = alignUp(shape.w * FP16_SIZE_IN_BYTES, STRIDE_ALIGNMENT_IN_BYTES);
  const planeStride = alignUp(rowStride * shape.h, STRIDE_ALIGNMENT_IN_BYTES);
  const batchStride = shape.c * planeStride;
  const byteSize = shape.n * batchStride;
  const extent =
    (shape.n - 1) * batchStride +
    (shape.c - 1) * planeStride +
    (shape.h - 1) * rowStride +
    (shape.w - 1) * FP16_SIZE_IN_BYTES +
    FP16_SIZE_IN_BYTES;
  return { rowStride, planeStride, batchStride, byteSize, extent, bufferSize: alignUp(byteSize, TILE_SIZE_IN_BYTES) };
}

/** `__TEXT` holds the tasks, then the kernel at a 16-byte boundary, in whole segments. */
export function textSegmentSize(taskBytes: number, kernelSize: number): number {
  return alignUp(alignUp(taskBytes, KERNEL_ALIGNMENT_IN_BYTES) + kernelSize, SEGMENT_ALIGNMENT_IN_BYTES);
}
