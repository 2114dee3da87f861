import { describe, expect, it } from 'vitest';
import { PRESETS } from '../link/presets';
import { measuredClaim } from '../link/MeasuredClaim';
import { LESSONS, presetOfStep, stepCount } from './lessons';

describe('lessons', () => {
  it('each lesson runs existing presets, and its answer is a measured claim against an earlier run of the lesson', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(3);
    for (const lesson of LESSONS) {
      for (let step = 1; step < stepCount(lesson); step++) expect(presetOfStep(lesson, step)).not.toBeNull();
      expect(presetOfStep(lesson, stepCount(lesson))).toBeNull();
      const answer = PRESETS.find((p) => p.id === lesson.answer);
      expect(answer?.claim, lesson.id).toBeDefined();
      expect(lesson.runs).toContain(lesson.answer);
      expect(lesson.runs).toContain(answer?.claim?.baseline);
    }
  });

  it("each lesson states an answer measured over seeds by eval:presets, against the lesson's own baseline run", () => {
    for (const lesson of LESSONS) {
      const claim = measuredClaim(lesson.answer);
      expect(claim, `${lesson.id}: no measured answer in app/link/presetResults.json`).toBeDefined();
      expect(claim?.seeds.length).toBeGreaterThanOrEqual(5);
      expect(claim?.baseline).toBe(PRESETS.find((p) => p.id === lesson.answer)?.claim?.baseline);
      expect(['gain', 'loss', 'within seed noise']).toContain(claim?.verdict);
    }
  });

  it('every preset that makes a claim shows it measured over five seeds, against its own baseline', () => {
    const claimed = PRESETS.filter((p) => p.claim);
    expect(claimed.length).toBeGreaterThanOrEqual(3);
    for (const preset of claimed) {
      const claim = measuredClaim(preset.id);
      expect(claim, `${preset.id}: no measured claim in app/link/presetResults.json`).toBeDefined();
      expect(claim?.seeds, preset.id).toEqual([1, 2, 3, 4, 5]);
      expect(claim?.task).toBe(preset.claim?.task);
      expect(claim?.baseline).toBe(preset.claim?.baseline);
    }
  });
});
