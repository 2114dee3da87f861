import type { ModelSpec } from '../model/mtlModel';

/** A small three-task model (two taggers, one classifier, a two-layer CNN) for unit tests; `overrides` replace any field. */
export const testModelSpec = (overrides: Partial<ModelSpec> = {}): ModelSpec => ({
  sharing: 'hard',
  encoder: 'cnn',
  vocabSize: 30,
  embeddingDim: 6,
  hiddenSize: 8,
  encoderLayers: 2,
  sharedLayers: 0,
  headLayers: 1,
  kernelSize: 3,
  attentionHeads: 2,
  tasks: [
    { name: 'a', kind: 'tagging', numLabels: 5 },
    { name: 'b', kind: 'classification', numLabels: 2 },
    { name: 'c', kind: 'tagging', numLabels: 3 },
  ],
  ...overrides,
});
