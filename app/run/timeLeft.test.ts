import { describe, expect, it } from 'vitest';
import type { LossPoint, TaskSummary, ValidationPoint } from '../../src/train/events';
import { finalScoringMs, phaseLabel, timeLeftMs } from './timeLeft';

const task = (name: string, valid: number, test: number): TaskSummary => ({
  name,
  kind: 'tagging',
  labels: [],
  train: 1000,
  valid,
  test,
});
const point = (step: number) => ({ step }) as LossPoint;
const validation = (step: number) => ({ step }) as ValidationPoint;

// Two validations by step 100, 300 sampled examples each of two tasks (one with only 200 dev examples).
const run = {
  status: 'training' as const,
  msPerStep: 400,
  validationMsPerStep: 50,
  prepared: [task('ner', 2000, 2000), task('pos', 200, 1000)],
  points: [point(100)],
  validations: [validation(50), validation(100)],
};

describe('the progress line', () => {
  it('names the phase', () => {
    expect(phaseLabel('training')).toBe('training');
    expect(phaseLabel('validating')).toBe('validating on a sample of each dev set');
    expect(phaseLabel('evaluating')).toBe('testing on the whole dev and test sets');
  });

  it('prices the final scoring at what validation cost per example', () => {
    // 50 ms × 100 steps = 5 s for 2 × (300 + 200) examples: 5 ms an example; 5,200 examples at the end.
    expect(finalScoringMs(run, 300)).toBeCloseTo(26_000);
    expect(finalScoringMs({ ...run, validations: [] }, 300)).toBeNull();
  });

  it('counts the steps to go, the validations to come and the final scoring', () => {
    // 400 steps to go × (400 + 50) ms + 26 s.
    expect(timeLeftMs(run, 500, finalScoringMs(run, 300))).toBeCloseTo(180_000 + 26_000);
    expect(timeLeftMs({ ...run, status: 'validating' }, 500, finalScoringMs(run, 300))).toBeCloseTo(206_000);
    expect(timeLeftMs(run, 500, finalScoringMs({ ...run, validations: [] }, 300))).toBeCloseTo(180_000);
    expect(timeLeftMs({ ...run, status: 'paused' }, 500, finalScoringMs(run, 300))).toBeNull();
    expect(timeLeftMs({ ...run, msPerStep: null }, 500, finalScoringMs(run, 300))).toBeNull();
  });
});
