import { describe, expect, it } from 'vitest';
import { readBlobText } from './readBlob';

describe('readBlobText', () => {
  it('reads the same text as Blob.text(), multi-byte characters across chunk edges included, and drops a BOM', async () => {
    const text = 'naïve café – 東京\n'.repeat(5000);
    const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]);
    expect(await readBlobText(blob)).toBe(await blob.text());
    expect((await readBlobText(blob)).startsWith('naïve')).toBe(true);
  });

  it('reports progress in steps and ends at the full size', async () => {
    const blob = new Blob(['x'.repeat(300_000)]);
    const reports: number[] = [];
    await readBlobText(
      blob,
      (loaded, total) => {
        expect(total).toBe(300_000);
        reports.push(loaded);
      },
      50_000,
    );
    expect(reports.at(-1)).toBe(300_000);
    expect(reports.length).toBeGreaterThan(1);
    expect([...reports].sort((a, b) => a - b)).toEqual(reports);
  });
});
