import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

describe('safetensors', () => {
  it('writes the header length, an 8-byte aligned JSON header and little-endian float32 data, byte for byte', () => {
    const bytes = encodeSafetensors([{ name: 'a', shape: [2], data: Float32Array.of(1, -2) }]);
    const view = new DataView(bytes.buffer);
    const length = Number(view.getBigUint64(0, true));
    expect(length % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + length));
    expect(JSON.parse(header)).toEqual({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect(header.trimEnd()).toBe('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}');
    expect([...bytes.subarray(8 + length)]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
  });

  it('round trips several tensors and the metadata; refuses a shape that does not fit the data, and a repeated name', () => {
    const tensors = [
      { name: 'trunk:shared/embedding', shape: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
      { name: 'head:ner/output/bias', shape: [1], data: Float32Array.of(0.5) },
    ];
    const back = decodeSafetensors(encodeSafetensors(tensors, { format: 'pt' }));
    expect(back.metadata).toEqual({ format: 'pt' });
    expect(back.tensors.map((t) => [t.name, t.shape, [...t.data]])).toEqual(
      tensors.map((t) => [t.name, t.shape, [...t.data]]),
    );
    expect(() => encodeSafetensors([{ name: 'x', shape: [2, 2], data: new Float32Array(3) }])).toThrow(
      /x has 3 values, its shape 2×2 needs 4/,
    );
    expect(() => encodeSafetensors([tensors[1]!, tensors[1]!])).toThrow(/used twice/);
  });
});
