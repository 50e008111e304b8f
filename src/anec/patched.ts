// The `patched` profile: upstream plus the patches in patches/. Until the patch semantics land,
// it is upstream's conversion.
import { convertUpstream, type Conversion, type ConvertContext } from './upstream.js';

export function convertPatched(bytes: Uint8Array, context: ConvertContext): Conversion {
  return convertUpstream(bytes, context);
}
