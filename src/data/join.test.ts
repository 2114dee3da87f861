import { describe, expect, it } from 'vitest';
import { SHARED, hasSharedData, readShared } from '../testing/sharedData';
import { parseConllu } from './conllu';
import { joinOnSentenceId } from './join';
import { parseTokenPerLine } from './tokenPerLine';

describe('joinOnSentenceId', () => {
  it('joins equal sentences and reports differing ones', () => {
    const left = [
      { id: 'a', tokens: ['x', 'y'], tags: ['N', 'V'], line: 1 },
      { id: 'b', tokens: ['don', "'t"], tags: ['A', 'P'], line: 3 },
      { id: 'c', tokens: ['z'], tags: ['N'], line: 5 },
    ];
    const right = [
      { id: 'a', tokens: ['x', 'y'], tags: ['B-PER', 'O'], line: 1 },
      { id: 'b', tokens: ["don't"], tags: ['O'], line: 3 },
    ];
    const result = joinOnSentenceId(left, right);
    expect(result.joined).toEqual([{ id: 'a', tokens: ['x', 'y'], left: ['N', 'V'], right: ['B-PER', 'O'] }]);
    expect(result.mismatched).toEqual(['b']);
    expect(result.onlyLeft).toBe(1);
  });

  it.runIf(hasSharedData())('UD and UNER EWT dev: 1,998 joined, 3 differ; test: 2,074 joined, 3 differ', () => {
    const dev = joinOnSentenceId(parseConllu(readShared(SHARED.udDev)), parseTokenPerLine(readShared(SHARED.unerDev)));
    expect(dev.joined).toHaveLength(1998);
    expect(dev.mismatched).toHaveLength(3);
    const test = joinOnSentenceId(
      parseConllu(readShared(SHARED.udTest)),
      parseTokenPerLine(readShared(SHARED.unerTest)),
    );
    expect(test.joined).toHaveLength(2074);
    expect(test.mismatched).toHaveLength(3);
  });
});
