import * as tf from '../../tf';
import type { ExperimentConfig } from '../../config/experiment';
import { ConfigError } from '../../config/validate';
import type { PreparedData } from '../../data/prepare';
import { MtlModel, modelSpecFor, type ModelTask } from '../../model/mtlModel';
import { SHARED_TRUNK } from '../../model/sharing';
import type { Checkpoint, FineTune, TrainingEvent } from '../events';

export function modelTasks(data: PreparedData): ModelTask[] {
  return data.tasks.map((t) => ({
    name: t.spec.name,
    kind: t.kind,
    numLabels: t.labels.length,
    ...(t.spec.readLayer === undefined ? {} : { readLayer: t.spec.readLayer }),
    ...(t.spec.languageModelOf === undefined ? {} : { languageModel: true }),
  }));
}

/**
 * The session's model: the seed's initial weights, or another run's shared
 * encoder (fine-tuning, frozen or not), or a checkpoint of this experiment
 * to continue from.
 */
export function sessionModel(
  config: ExperimentConfig,
  data: PreparedData,
  resumeFrom: Checkpoint | null,
  fineTune: FineTune | null,
): MtlModel {
  const model = new MtlModel(modelSpecFor(config, data.vocabulary.size, modelTasks(data)), config.seed);
  if (fineTune) {
    try {
      loadSharedEncoder(model, fineTune.from);
    } catch (err) {
      model.dispose();
      throw err;
    }
    if (fineTune.freeze) model.freeze(`trunk:${SHARED_TRUNK}`);
  }
  if (resumeFrom) {
    const values = tf.io.decodeWeights(resumeFrom.weights, resumeFrom.specs as tf.io.WeightsManifestEntry[]);
    try {
      model.assignWeights(values);
    } finally {
      Object.values(values).forEach((t) => t.dispose());
    }
  }
  return model;
}

/**
 * Copies a saved run's shared encoder (every `trunk:shared/…` weight) into a
 * new model of the same architecture; its heads keep their fresh weights.
 */
export function loadSharedEncoder(model: MtlModel, from: Checkpoint): void {
  const prefix = `trunk:${SHARED_TRUNK}/`;
  const values = tf.io.decodeWeights(from.weights, from.specs as tf.io.WeightsManifestEntry[]);
  try {
    const targets = [...model.namedWeights()].filter(([name]) => name.startsWith(prefix));
    if (targets.length === 0)
      throw new ConfigError('fine-tuning needs hard sharing: the new run has no shared encoder');
    for (const [name, v] of targets) {
      const value = values[name];
      if (!value)
        throw new ConfigError(
          `the saved run has no ${name.slice(prefix.length)} in its shared encoder: fine-tune with the same encoder settings and hard sharing`,
        );
      if (value.shape.join('×') !== v.shape.join('×')) {
        throw new ConfigError(
          `the saved run's ${name.slice(prefix.length)} is ${value.shape.join('×')}, this run's is ${v.shape.join('×')}: fine-tune with the same encoder settings`,
        );
      }
    }
    for (const [name, v] of targets) v.assign(values[name] as tf.Tensor);
  } finally {
    Object.values(values).forEach((t) => t.dispose());
  }
}

/** The first event of a session: its tasks, split sizes and model size. */
export function preparedEvent(data: PreparedData, model: MtlModel): Extract<TrainingEvent, { type: 'prepared' }> {
  return {
    type: 'prepared',
    tasks: data.tasks.map((t) => ({
      name: t.spec.name,
      kind: t.kind,
      labels: t.labels,
      train: t.splits.train.length,
      valid: t.splits.valid.length,
      test: t.splits.test.length,
    })),
    vocabularySize: data.vocabulary.size,
    parameterCount: model.parameterCount,
    encoders: model.trunks.size,
  };
}
