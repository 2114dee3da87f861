import { describe, expect, it } from 'vitest';
import { METHOD_INFO, SCHEDULES, WEIGHTING_METHODS } from './methods';

describe('weighting methods', () => {
  it('lists seven methods and four schedules', () => {
    expect(WEIGHTING_METHODS).toEqual(['manual', 'equal', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'famo']);
    expect(SCHEDULES).toEqual(['all', 'roundrobin', 'proportional', 'temperature']);
  });

  it('describes every method; only GradNorm and PCGrad need per-task gradients', () => {
    for (const method of WEIGHTING_METHODS) {
      const info = METHOD_INFO[method];
      expect(info.title.length).toBeGreaterThan(0);
      expect(info.summary.length).toBeGreaterThan(20);
    }
    expect(WEIGHTING_METHODS.filter((m) => METHOD_INFO[m].needsTaskGradients)).toEqual(['gradnorm', 'pcgrad']);
    expect(METHOD_INFO.famo.citation).toContain('2023');
    expect(METHOD_INFO.famo.summary).toContain('O(1)');
  });

  it('declares what each method needs from the experiment', () => {
    const having = (rule: 'needsAllTasks' | 'needsHardSharing' | 'usesManualWeights') =>
      WEIGHTING_METHODS.filter((m) => METHOD_INFO[m][rule]);
    expect(having('needsAllTasks')).toEqual(['uncertainty', 'gradnorm', 'pcgrad', 'famo']);
    expect(having('needsHardSharing')).toEqual(['gradnorm', 'pcgrad']);
    expect(having('usesManualWeights')).toEqual(['manual', 'pcgrad']);
  });
});
