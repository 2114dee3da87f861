import type { ModelArtifacts } from '../train/predictor';
import type { ModelSpec } from '../model/spec';
import { encodeSafetensors, type NamedTensor } from './safetensors';

/** The Python sources of the project (src/export/python/), read by the caller: Node reads the files, the page imports them. */
export interface PythonSources {
  readonly 'model.py': string;
  readonly 'data.py': string;
  readonly 'predict.py': string;
}

export const PYTHON_FILES = ['model.py', 'data.py', 'predict.py'] as const;

/** The encoders model.py builds. */
const EXPORTED_ENCODERS: readonly string[] = ['cnn', 'bigru', 'transformer'];

/**
 * What this export cannot express, each with its reason (model.py's
 * unsupported_reasons says the same). Checked before anything is written:
 * an export never writes a silently different model.
 */
export function unexportable(spec: Pick<ModelSpec, 'encoder'>): string[] {
  return EXPORTED_ENCODERS.includes(spec.encoder) ? [] : [`the ${spec.encoder} encoder is not exported`];
}

/** The exported weights (TensorFlow.js's weights manifest and buffer) as named float32 tensors, in the browser's names. */
export function weightTensors(artifacts: ModelArtifacts): NamedTensor[] {
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const entry of artifacts.modelJson.weightsManifest.flatMap((g) => g.weights)) {
    if (entry.dtype !== 'float32')
      throw new Error(`the weight ${entry.name} is ${entry.dtype}; only float32 is exported`);
    const size = entry.shape.reduce((a, b) => a * b, 1);
    out.push({
      name: entry.name,
      shape: entry.shape,
      data: new Float32Array(artifacts.weights.slice(offset, offset + size * 4)),
    });
    offset += size * 4;
  }
  if (offset !== artifacts.weights.byteLength)
    throw new Error(`the weights hold ${artifacts.weights.byteLength} bytes; their manifest describes ${offset}`);
  return out;
}

function readme(spec: ModelSpec): string {
  const tasks = spec.tasks.map((t) => `${t.name} (${t.kind})`).join(', ');
  return `# An MTL Playground model in PyTorch

Exported from MTL Playground with the weights the browser trained.
Tasks: ${tasks}. Sharing: ${spec.sharing}; encoder: ${spec.encoder}, ${spec.encoderLayers} × ${spec.hiddenSize};
token representation: ${spec.representation ?? 'word'}.

Needs Python 3 and PyTorch (1.13 or 2.x): \`pip install torch\` or Debian's \`python3-torch\`.

Predict every task for a sentence with the browser's weights:

    python3 predict.py "Maria Lopez didn't like Lisbon."

## Files

- \`model.py\`: the architecture in \`torch.nn\`, with the browser's parameter names and layouts
  (a dense kernel is [inputs, outputs]); \`model.load(".")\` builds it and loads the weights.
  A weight whose name or shape does not fit fails to load, naming the tensor.
- \`data.py\`: the browser's tokenizer, vocabulary and hashed token features, and its padding.
- \`weights.safetensors\`: the trained weights (float32, the safetensors format).
- \`spec.json\`: the model's architecture; \`config.json\`: the experiment as the page's link holds it.
- \`vocab.json\`, \`labels.json\`: the word list (ids are positions) and each task's labels.

## Not in this version

Training outside the browser (\`train.py\`, with the weighting methods and \`torchrun\`) is not
exported yet: this version predicts with the browser's weights.
`;
}

/**
 * The files of the exported project, by name. Refuses (throws, naming each
 * reason) an experiment it cannot express, before producing anything.
 */
export function pytorchProject(
  artifacts: ModelArtifacts,
  config: unknown,
  sources: PythonSources,
): Map<string, string | Uint8Array> {
  const { spec, vocabulary, tasks } = artifacts.modelJson;
  const reasons = unexportable(spec);
  if (reasons.length > 0) throw new Error(`this experiment cannot be exported to PyTorch yet: ${reasons.join('; ')}`);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files = new Map<string, string | Uint8Array>();
  for (const name of PYTHON_FILES) files.set(name, sources[name]);
  files.set('spec.json', json(spec));
  files.set('config.json', json(config));
  files.set('vocab.json', json({ tokens: vocabulary.tokens, lowercase: vocabulary.lowercase }));
  files.set('labels.json', json(Object.fromEntries(tasks.map((t) => [t.name, t.labels]))));
  files.set(
    'weights.safetensors',
    encodeSafetensors(weightTensors(artifacts), { format: 'pt', generatedBy: artifacts.modelJson.generatedBy }),
  );
  files.set('README.md', readme(spec));
  return files;
}
