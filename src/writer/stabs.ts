// Stab strings of the symbol table: the element-type definitions every compiler writes first, then
// one stab per tensor, e.g. `image:t16=ar1;0;1;17=s4096n:ar1;0;64;18=s64c:ar1;0;1;19=s64h:ar1;0;1;20=s2w:5`.

import { FP16_ELEMENT_TYPE, FP16_SIZE_IN_BYTES } from '../hwx/index.js';
import { tensorGeometry } from './geometry.js';
import type { HwxLayout, TensorShape } from './types.js';

/** Element types in definition order; type number = index + 1 (`float16` is 5). */
const elementTypes: readonly (readonly [name: string, range: string])[] = [
  ['void', '1'],
  ['int8', 'r2;0;127'],
  ['uint8', 'r1;0;255'],
  ['int16', 'r1;-32768;32767'],
  ['float16', 'r1;2;0'],
  ['float', 'r1;4;0'],
  ['raw10', 'r1;-512;511'],
  ['lut', ''],
  ['uint4', 'r1;0;15'],
  ['uint6', 'r1;0;63'],
  ['uint1', 'r1;0,1'],
  ['uint2', 'r1;0;3'],
  ['packed10', 'r1;-512;511'],
  ['y10', 'r1;-512;511'],
  ['uint16', 'r1;0;65535'],
  // compiler v9 adds these
  ['e4m3', 'r1;1;0'],
  ['int32', 'r1;-2147483648;2147483647'],
  ['uint32', 'r1;0;4294967295'],
  ['int64', 'r1;-9223372036854775808;9223372036854775807'],
  ['uint64', 'r1;0;18446744073709551615'],
  ['raw12', 'r1;-512;511'],
  ['y12', 'r1;-512;511'],
  ['int4', 'r1;-8;7'],
];

/** How many element types each layout's compiler defines. */
const elementTypeCount: Readonly<Record<HwxLayout, number>> = { v5: 15, v7: 15, v9: elementTypes.length };

/** Type numbers a tensor stab uses: the array and one per dimension. */
export const TYPES_PER_TENSOR_STAB = 5;

export function elementTypeStabs(layout: HwxLayout): readonly string[] {
  return elementTypes.slice(0, elementTypeCount[layout]).map(([name, range], i) => `${name}:t${i + 1}=${range}`);
}

/** First type number free for tensor stabs. */
export function firstTensorTypeNumber(layout: HwxLayout): number {
  return elementTypeCount[layout] + 1;
}

export function tensorStab(name: string, shape: TensorShape, typeNumber: number): string {
  const g = tensorGeometry(shape);
  const t = typeNumber;
  return (
    `${name}:t${t}=ar1;0;${shape.n};${t + 1}=s${g.batchStride}n` +
    `:ar1;0;${shape.c};${t + 2}=s${g.planeStride}c` +
    `:ar1;0;${shape.h};${t + 3}=s${g.rowStride}h` +
    `:ar1;0;${shape.w};${t + 4}=s${FP16_SIZE_IN_BYTES}w:${FP16_ELEMENT_TYPE}`
  );
}
