/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian
 * header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the raw little-endian data. Written here because it is that
 * small; PyTorch reads it with `safetensors.torch.load_file`, or with the
 * few lines in the exported model.py where that package is missing.
 */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The file's bytes: tensors in the order given, float32, the header padded with spaces to 8 bytes as the reference writer does. */
export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const seen = new Set<string>();
  for (const t of tensors) {
    if (seen.has(t.name)) throw new Error(`safetensors: the name ${t.name} is used twice`);
    seen.add(t.name);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length)
      throw new Error(
        `safetensors: ${t.name} has ${t.data.length} values, its shape ${t.shape.join('×')} needs ${size}`,
      );
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length)
    json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    // Float32Array is in the platform's byte order; every platform a browser runs on is little-endian, but write it explicitly.
    for (let i = 0; i < t.data.length; i++) view.setFloat32(at + 4 * i, t.data[i] as number, true);
    at += t.data.byteLength;
  }
  return out;
}

/** Reads a file written by encodeSafetensors (tests, and a round trip of exported weights). */
export function decodeSafetensors(bytes: Uint8Array): { tensors: NamedTensor[]; metadata: Record<string, string> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<string, unknown>;
  const start = 8 + length;
  const tensors: NamedTensor[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new Error(`safetensors: ${name} is ${dtype}; only F32 is read here`);
    const data = new Float32Array((data_offsets[1] - data_offsets[0]) / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(start + data_offsets[0] + 4 * i, true);
    tensors.push({ name, shape, data });
  }
  return { tensors, metadata };
}
