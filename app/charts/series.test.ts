import { describe, expect, it } from 'vitest';
import { expectClose } from '../../src/testing/close';
import { downsample, mergeSeries, smooth } from './series';

describe('chart series', () => {
  it('smooths like TensorBoard (debiased EMA)', () => {
    // w = 0.5: 1, (0.5·0.5+0.5·3)/(0.75) = 2.333…, then (0.875+1.5·… ) by hand below
    const s = smooth([1, 3, 3], 0.5);
    expectClose(s, [1, 1.75 / 0.75, (0.875 + 1.5) / 0.875], 1e-12);
    expect(smooth([1, 3], 0)).toEqual([1, 3]);
    expect(smooth([NaN, 2], 0.9)[0]).toBeNaN();
  });

  it('merges series on x with raw values kept', () => {
    const rows = mergeSeries(
      [
        {
          id: 'a',
          name: 'A',
          colour: '#000',
          points: [
            { x: 1, y: 2 },
            { x: 2, y: 4 },
          ],
        },
        { id: 'b', name: 'B', colour: '#000', points: [{ x: 2, y: 1 }] },
      ],
      0,
    );
    expect(rows).toEqual([
      { x: 1, a: 2, 'a:raw': 2 },
      { x: 2, a: 4, 'a:raw': 4, b: 1, 'b:raw': 1 },
    ]);
  });

  it('downsamples long series but keeps the ends', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => i);
    const drawn = downsample(rows, 100);
    expect(drawn.length).toBeLessThanOrEqual(102);
    expect(drawn[0]).toBe(0);
    expect(drawn.at(-1)).toBe(1000);
  });
});
