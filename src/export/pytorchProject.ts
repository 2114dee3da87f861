import type { ModelArtifacts } from '../train/predictor';
import type { ModelSpec } from '../model/spec';
import { encodeSafetensors, type NamedTensor } from './safetensors';

/** The Python sources of the project (src/export/python/), read by the caller: Node reads the files, the page imports them. */
export interface PythonSources {
  readonly 'model.py': string;
  readonly 'data.py': string;
  readonly 'predict.py': string;
  readonly 'train.py': string;
  readonly 'browser_random.py': string;
}

export const PYTHON_FILES = ['model.py', 'data.py', 'predict.py', 'train.py', 'browser_random.py'] as const;

/** Where train.py reads a task's files: paths (relative to the project) or URLs, by split. */
export interface TaskSources {
  readonly format: string;
  readonly train?: string;
  readonly dev?: string;
  readonly test?: string;
  /** At most this many training examples, as in the browser's run. */
  readonly maxTrain?: number;
}

/** The encoders model.py builds. */
const EXPORTED_ENCODERS: readonly string[] = ['cnn', 'bigru', 'transformer'];
/** The weighting methods train.py trains with (train.py's EXPORTED_METHODS). */
export const EXPORTED_WEIGHTING: readonly string[] = ['manual', 'equal', 'uncertainty', 'dwa', 'pcgrad'];

/**
 * What this export cannot express, each with its reason (model.py and
 * train.py say the same). Checked before anything is written: an export
 * never writes a silently different experiment.
 */
export function unexportable(spec: Pick<ModelSpec, 'encoder'>, weighting = 'manual'): string[] {
  const reasons: string[] = [];
  if (!EXPORTED_ENCODERS.includes(spec.encoder)) reasons.push(`the ${spec.encoder} encoder is not exported`);
  if (!EXPORTED_WEIGHTING.includes(weighting))
    reasons.push(
      `the weighting method ${weighting} is not exported yet (train.py trains with ${EXPORTED_WEIGHTING.join(', ')})`,
    );
  return reasons;
}

/** The experiment's weighting method, from an eval config or the page's { experiment, link }. */
function weightingOf(config: unknown): string {
  const c = config as { weighting?: unknown; experiment?: { weighting?: unknown } } | null;
  const w = c?.experiment?.weighting ?? c?.weighting;
  return typeof w === 'string' ? w : 'manual';
}

/** unexportable() for a trained model and its experiment (an eval config, or the page's { experiment, link }). */
export function unexportableFor(artifacts: ModelArtifacts, config: unknown): string[] {
  return unexportable(artifacts.modelJson.spec, weightingOf(config));
}

/** The exported weights (TensorFlow.js's weights manifest and buffer) as named float32 tensors, in the browser's names. */
export function weightTensors(artifacts: ModelArtifacts, buffer: ArrayBuffer = artifacts.weights): NamedTensor[] {
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const entry of artifacts.modelJson.weightsManifest.flatMap((g) => g.weights)) {
    if (entry.dtype !== 'float32')
      throw new Error(`the weight ${entry.name} is ${entry.dtype}; only float32 is exported`);
    const size = entry.shape.reduce((a, b) => a * b, 1);
    out.push({
      name: entry.name,
      shape: entry.shape,
      data: new Float32Array(buffer.slice(offset, offset + size * 4)),
    });
    offset += size * 4;
  }
  if (offset !== buffer.byteLength)
    throw new Error(`the weights hold ${buffer.byteLength} bytes; their manifest describes ${offset}`);
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

Continue training from the browser's weights (on CPU or CUDA), then evaluate:

    python3 train.py --steps 500
    python3 train.py --evaluate

Or train the experiment again from where the browser's run started (\`initial.safetensors\`):

    python3 train.py --fresh

It draws the browser's batches and word dropout from the same seeds, and its first step's dropout
masks as TensorFlow.js drew them, so the loss curve starts where the browser's did (the first loss
agrees to 1e-3 on the CPU). Later steps draw PyTorch's own dropout masks (\`--browser-dropout-steps N\`
replays more, slowly), so the curves then agree in expectation, not step for step.

On several GPUs or machines, with PyTorch's DistributedDataParallel:

    torchrun --nproc_per_node=2 train.py --steps 500

(Debian's PyTorch 1.13 on Python 3.11 needs \`torchrun --redirects 1 --tee 1 …\`: it misreads its own
default of 0 there. Each process draws its own batches; the weights stay identical; the first
process logs and writes \`trained.safetensors\`.)

\`train.py\` reads each task's files from \`data.json\` (paths or the corpora's pinned URLs);
give others with \`--data TASK=TRAIN[,DEV[,TEST]]\`. It trains as the browser does:
J = Σ wᵢ·Jᵢ (plus λ times the distance between the task encoders under soft sharing), with the
weights set by hand, equal, by uncertainty weighting, by DWA, or PCGrad (a language-model helper trains
on its source task's sentences, as in the browser); Adam with the
gradient's norm clipped, warm-up and cosine decay, dropout, early stopping on the validation metric,
and the average of the weights when the experiment keeps one (\`weightAverage\`). A fine-tuned run that
kept its encoder frozen lists the frozen groups under \`frozen\` in \`config.json\`, and train.py leaves
them as they are, as the browser did.

## Files

- \`model.py\`: the architecture in \`torch.nn\`, with the browser's parameter names and layouts
  (a dense kernel is [inputs, outputs]); \`model.load(".")\` builds it and loads the weights.
  A weight whose name or shape does not fit fails to load, naming the tensor.
- \`data.py\`: the browser's tokenizer, vocabulary and hashed token features, and its padding.
- \`weights.safetensors\`: the trained weights (float32, the safetensors format); \`initial.safetensors\`: the weights
  the browser's run started from.
- \`browser_random.py\`: the browser's seeded random streams (its shuffles, batches and dropout masks).
- \`train.py\`: the training loop; \`data.json\`: where each task's files are.
- \`spec.json\`: the model's architecture; \`config.json\`: the experiment as the page's link holds it.
- \`vocab.json\`, \`labels.json\`: the word list (ids are positions) and each task's labels;
  \`decoding.json\`: the tasks whose entity tags are decoded as well-formed IOB2 sequences (Viterbi), as in the browser.

## Not in this version

- Weighting methods: \`train.py\` trains with manual and equal weights, uncertainty weighting, DWA
  and PCGrad. GradNorm and FAMO are not exported yet (their balancing state is not written out):
  the export refuses an experiment that uses one, before writing anything.
- PCGrad takes one gradient per task on the shared encoder, which one DistributedDataParallel
  backward cannot give: under torchrun its gradients are averaged with \`all_reduce\` instead.
- Step-for-step equality ends after the replayed steps: from then on PyTorch draws its own dropout masks.
  Validation during training scores the same seeded sample of each dev set as the browser's; at the end
  \`train.py\` reports the test sets (\`--evaluate\` scores the whole dev and test sets).
`;
}

/** config.json: the run's experiment, plus the groups a fine-tuned run kept frozen, which train.py then leaves as they are. */
function withFrozen(config: unknown, frozen: readonly string[] | undefined): unknown {
  if (!frozen?.length || typeof config !== 'object' || config === null) return config;
  const outer = config as Record<string, unknown>;
  // The page writes { experiment, link }; eval scripts and tests the experiment itself.
  const inner = outer.experiment;
  if (typeof inner === 'object' && inner !== null) return { ...outer, experiment: { ...inner, frozen } };
  return { ...outer, frozen };
}

/**
 * The files of the exported project, by name. Refuses (throws, naming each
 * reason) an experiment it cannot express, before producing anything.
 */
export function pytorchProject(
  artifacts: ModelArtifacts,
  config: unknown,
  sources: PythonSources,
  /** Each task's data, for train.py; a task left out (a user's file not kept) must be given with --data. */
  data: Readonly<Record<string, TaskSources>> = {},
): Map<string, string | Uint8Array> {
  const { spec, vocabulary, tasks } = artifacts.modelJson;
  const reasons = unexportableFor(artifacts, config);
  if (reasons.length > 0) throw new Error(`this experiment cannot be exported to PyTorch yet: ${reasons.join('; ')}`);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files = new Map<string, string | Uint8Array>();
  for (const name of PYTHON_FILES) files.set(name, sources[name]);
  files.set('spec.json', json(spec));
  files.set('config.json', json(withFrozen(config, artifacts.frozen)));
  files.set('vocab.json', json({ tokens: vocabulary.tokens, lowercase: vocabulary.lowercase }));
  files.set('labels.json', json(Object.fromEntries(tasks.map((t) => [t.name, t.labels]))));
  files.set(
    'decoding.json',
    json(Object.fromEntries(tasks.flatMap((t) => (t.decoding ? [[t.name, t.decoding]] : [])))),
  );
  files.set('data.json', json(data));
  const metadata = { format: 'pt', generatedBy: artifacts.modelJson.generatedBy };
  files.set('weights.safetensors', encodeSafetensors(weightTensors(artifacts), metadata));
  if (artifacts.initialWeights)
    files.set('initial.safetensors', encodeSafetensors(weightTensors(artifacts, artifacts.initialWeights), metadata));
  files.set('README.md', readme(spec));
  return files;
}
