import { describe, expect, it } from 'vitest';
import { conflictShare } from './gradientConflict';

describe('conflictShare', () => {
  it('reports the share of measured steps with a negative cosine', () => {
    expect(conflictShare([0.5, -0.2, 0.1, -0.5])).toEqual({ share: 0.5, n: 4 });
    expect(conflictShare([-0.1, undefined, Number.NaN, 0.3])).toEqual({ share: 0.5, n: 2 });
    expect(conflictShare([])).toEqual({ share: 0, n: 0 });
  });
});
