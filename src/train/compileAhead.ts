import * as tf from '../tf';

/**
 * A tfjs flag: compile a run's WebGPU kernels ahead of its first step. Off:
 * on this project's 2-core machine (SwiftShader) it made the first loss
 * come later, not sooner (12.8 against 12.0 s, medians of three fresh
 * browsers each; eval/results/2026-12-01-compile/first-step.json), as the
 * 44 pipelines took as long to compile side by side as one by one. Not yet
 * measured on a GPU, where Chromium compiles on more threads:
 * `npm run bench -- --flags '{"MTL_COMPILE_AHEAD":true}'` there, against the
 * same bench without it.
 */
export const COMPILE_AHEAD_FLAG = 'MTL_COMPILE_AHEAD';
tf.env().registerFlag(COMPILE_AHEAD_FLAG, () => false);

/** tfjs's WebGPU flag: kernels only create their pipelines, asynchronously, and dispatch nothing. */
const COMPILE_ONLY_FLAG = 'WEBGPU_ENGINE_COMPILE_ONLY';

/** The parts of tfjs's WebGPUBackend (4.22) this uses. */
interface PipelineCompiler {
  pipelineCache: Record<string, unknown>;
  checkCompileCompletionAsync(): Promise<void>;
}

function compilerOf(backend: unknown): PipelineCompiler | null {
  const b = backend as Partial<PipelineCompiler>;
  return typeof b.checkCompileCompletionAsync === 'function' && typeof b.pipelineCache === 'object'
    ? (b as PipelineCompiler)
    : null;
}

/**
 * Runs `work` (a step's passes, nothing applied) on the WebGPU backend with
 * compilation only: each kernel it meets creates its pipeline with
 * createComputePipelineAsync, so the browser compiles them side by side
 * instead of one after another inside the first step, and nothing is
 * dispatched. Returns how many pipelines it started; 0 off WebGPU, with
 * the flag off (the default), or when every pipeline was compiled already. Never fails a
 * run: a pipeline whose compilation failed is dropped from tfjs's cache, so
 * the first step compiles it the usual way (and reports any error there).
 */
export async function compileAhead(work: () => void): Promise<number> {
  if (tf.getBackend() !== 'webgpu' || !tf.env().getBool(COMPILE_AHEAD_FLAG)) return 0;
  const compiler = compilerOf(tf.backend());
  if (!compiler) return 0;
  const before = new Set(Object.keys(compiler.pipelineCache));
  tf.env().set(COMPILE_ONLY_FLAG, true);
  try {
    work();
  } catch {
    // A kernel that cannot run without its inputs' values: what started still compiles.
  } finally {
    tf.env().set(COMPILE_ONLY_FLAG, false);
  }
  // Pipelines still compiling: those this call started asynchronously.
  const started = Object.entries(compiler.pipelineCache).filter(
    ([key, pipeline]) => !before.has(key) && pipeline instanceof Promise,
  );
  try {
    await compiler.checkCompileCompletionAsync();
  } catch {
    for (const [key, pipeline] of Object.entries(compiler.pipelineCache))
      if (pipeline instanceof Promise) delete compiler.pipelineCache[key];
  }
  return started.length;
}
