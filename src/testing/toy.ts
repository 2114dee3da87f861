import * as tf from '../tf';
import type { ExperimentConfig } from '../config/experiment';
import { validateExperiment } from '../config/validate';
import { prepareData, type PreparedData, type TaskFiles } from '../data/prepare';
import { sampleCorpus } from '../data/samples';
import { registerFastCpuKernels } from '../model/cpuKernels';

/** tfjs's pure-JS CPU backend, as the Node unit tests use it. */
export async function useCpuBackend(): Promise<void> {
  registerFastCpuKernels();
  await tf.setBackend('cpu');
  await tf.ready();
}

const corpus = sampleCorpus();

export const SAMPLE_FILES: Record<string, TaskFiles> = {
  pos: {
    train: { name: 'pos-train', text: corpus.pos.train },
    dev: { name: 'pos-dev', text: corpus.pos.dev },
    test: { name: 'pos-test', text: corpus.pos.test },
  },
  ner: {
    train: { name: 'ner-train', text: corpus.ner.train },
    dev: { name: 'ner-dev', text: corpus.ner.dev },
    test: { name: 'ner-test', text: corpus.ner.test },
  },
  sentiment: {
    train: { name: 'sentiment-train', text: corpus.sentiment.train },
    dev: { name: 'sentiment-dev', text: corpus.sentiment.dev },
    test: { name: 'sentiment-test', text: corpus.sentiment.test },
  },
};

export const SAMPLE_TASKS = [
  { name: 'sentiment', kind: 'classification', format: 'tsv' },
  { name: 'ner', kind: 'tagging', format: 'iob2' },
  { name: 'pos', kind: 'tagging', format: 'conllu' },
] as const;

/** A tiny three-task experiment on the built-in samples; `overrides` replace any field. */
export function tinyExperiment(overrides: Record<string, unknown> = {}): ExperimentConfig {
  return validateExperiment({
    tasks: SAMPLE_TASKS,
    embeddingDim: 8,
    hiddenSize: 8,
    encoderLayers: 1,
    batchSize: 8,
    steps: 20,
    learningRate: 0.01,
    emitEvery: 5,
    evalEvery: 10,
    patience: 0,
    ...overrides,
  });
}

export function tinyData(config: ExperimentConfig): PreparedData {
  return prepareData(config, SAMPLE_FILES);
}
