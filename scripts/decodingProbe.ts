import { prepareData } from '../src/data/prepare';
import { decodingScheme } from '../src/metrics/iobDecoding';
import { evaluateTask } from '../src/train/evaluate';
import { TrainingSession } from '../src/train/session';
import { useWasmBackend } from './wasmNode';
import { loadEvalSetup, parseOverrides, readTaskFiles } from './evalConfig';

/**
 * One trained model's test scores with both decodings of its entity tags:
 * each token's most likely tag, and the most likely well-formed IOB2
 * sequence (src/metrics/iobDecoding.ts, what evaluation and Try it use), so
 * the decoding's own effect is measured on the same weights.
 *
 * `npm run eval:decoding -- eval/ner-dev.json steps=600 evalEvery=100` (tfjs's WASM backend in Node).
 */
async function main(): Promise<void> {
  const [configPath, ...sets] = process.argv.slice(2);
  const setup = loadEvalSetup(configPath as string, parseOverrides(sets));
  const { config } = setup; // validated once, by loadEvalSetup
  await useWasmBackend();
  const data = prepareData(config, readTaskFiles(setup));
  const session = new TrainingSession(config, data, () => {});
  await session.run();
  for (const task of data.tasks) {
    // A language-model helper is scored by its own loss, not as a tagger.
    if (task.kind !== 'tagging' || task.spec.languageModelOf !== undefined) continue;
    const base = { name: task.spec.name, kind: task.kind, labels: task.labels };
    const scheme = decodingScheme(
      task.labels,
      task.gold.train.map((g) => ('tags' in g ? g.tags : [])),
    );
    const plain = await evaluateTask(session.model, base, task.splits.test, task.gold.test);
    const decoded = await evaluateTask(session.model, { ...base, scheme }, task.splits.test, task.gold.test);
    process.stdout.write(
      `${JSON.stringify({ task: task.spec.name, scheme: scheme !== null, plain: plain.metrics, decoded: decoded.metrics })}\n`,
    );
  }
  session.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
