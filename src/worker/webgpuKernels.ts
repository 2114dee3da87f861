import * as tf from '../tf';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { FUSED_KERNELS } from '../model/fusedFlag';
import { POOL_PADDING_PENALTY } from '../model/fusedKernels';
import { LAYER_NORM_EPSILON, unfoldReach } from '../model/ops';

/**
 * The WGSL programs behind src/train/fusedKernels.ts, registered for tfjs's
 * `webgpu` backend. Each is one dispatch. They follow tfjs's program
 * conventions: inputs are storage buffers named after `variableNames`,
 * shapes arrive as uniforms (`uniforms.<name>Shape`), the program's own
 * uniforms follow in the order of `uniforms`, and `main(index)` is called
 * once per invocation with its flat global index.
 */

type Uniform = { type: 'int32' | 'float32'; data: number[] };

const REDUCE_THREADS = 256;

/** A one-workgroup tree reduction of `partial` (REDUCE_THREADS values) into partial[0]. */
const reduceSnippet = `
  workgroupBarrier();
  for (var width = ${REDUCE_THREADS / 2}; width > 0; width = width / 2) {
    if (tid < width) { partial[tid] = partial[tid] + partial[tid + width]; }
    workgroupBarrier();
  }`;

/** Σ_n w_n·(logsumexp(row n) − logits[n, t_n]) in one workgroup; a target outside [0, C) adds nothing. */
class WeightedNllProgram implements WebGPUProgram {
  variableNames = ['logits', 'targets', 'weights'];
  outputShape = [1];
  shaderKey = 'mtlWeightedNll';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  workgroupSize: [number, number, number] = [REDUCE_THREADS, 1, 1];

  getUserCode(): string {
    return `
  var<workgroup> partial : array<f32, ${REDUCE_THREADS}>;
  fn main(index : i32) {
    let tid = i32(localId.x);
    let rows = uniforms.logitsShape[0];
    let cols = uniforms.logitsShape[1];
    var total = 0.0;
    for (var r = tid; r < rows; r = r + ${REDUCE_THREADS}) {
      let t = targets[r];
      if (t < 0 || t >= cols) { continue; }
      let base = r * cols;
      var top = logits[base];
      for (var c = 1; c < cols; c = c + 1) { top = max(top, logits[base + c]); }
      var sum = 0.0;
      for (var c = 0; c < cols; c = c + 1) { sum = sum + exp(logits[base + c] - top); }
      total = total + weights[r] * (top + log(sum) - logits[base + t]);
    }
    partial[tid] = total;
    ${reduceSnippet}
    if (tid == 0) { setOutputAtIndex(0, partial[0]); }
  }`;
  }
}

/** d/dlogits of the sum above times dy: w_n·dy·(softmax(row n) − onehot(t_n)), a row per invocation. */
class WeightedNllGradProgram implements WebGPUProgram {
  variableNames = ['logits', 'targets', 'weights', 'dy'];
  outputShape: number[];
  shaderKey = 'mtlWeightedNllGrad';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];

  constructor(shape: readonly number[]) {
    this.outputShape = [...shape];
    this.dispatch = [Math.ceil((shape[0] as number) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let rows = uniforms.logitsShape[0];
    let cols = uniforms.logitsShape[1];
    if (index >= rows) { return; }
    let base = index * cols;
    let t = targets[index];
    if (t < 0 || t >= cols) {
      for (var c = 0; c < cols; c = c + 1) { setOutputAtIndex(base + c, 0.0); }
      return;
    }
    var top = logits[base];
    for (var c = 1; c < cols; c = c + 1) { top = max(top, logits[base + c]); }
    var sum = 0.0;
    for (var c = 0; c < cols; c = c + 1) { sum = sum + exp(logits[base + c] - top); }
    let scale = weights[index] * dy[0];
    for (var c = 0; c < cols; c = c + 1) {
      var g = exp(logits[base + c] - top) / sum;
      if (c == t) { g = g - 1.0; }
      setOutputAtIndex(base + c, scale * g);
    }
  }`;
  }
}

/** clip / max(√Σ x², clip) in one workgroup. */
class ClipScaleProgram implements WebGPUProgram {
  variableNames = ['x'];
  outputShape = [1];
  shaderKey = 'mtlClipScale';
  uniforms = 'clip : f32,';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  workgroupSize: [number, number, number] = [REDUCE_THREADS, 1, 1];

  getUserCode(): string {
    return `
  var<workgroup> partial : array<f32, ${REDUCE_THREADS}>;
  fn main(index : i32) {
    let tid = i32(localId.x);
    var total = 0.0;
    for (var i = tid; i < uniforms.xShape; i = i + ${REDUCE_THREADS}) { total = total + x[i] * x[i]; }
    partial[tid] = total;
    ${reduceSnippet}
    if (tid == 0) { setOutputAtIndex(0, uniforms.clip / max(sqrt(partial[0]), uniforms.clip)); }
  }`;
  }
}

/** Element-wise over the output (any shape), one value per invocation. */
abstract class ElementwiseProgram implements WebGPUProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  abstract uniforms: string;
  outputShape: number[];
  size = true;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];

  constructor(shape: readonly number[]) {
    this.outputShape = [...shape];
    this.dispatchLayout = { x: this.outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(shape.reduce((n, d) => n * d, 1) / 64), 1, 1];
  }

  abstract getUserCode(): string;
}

/** [m; v] → [m'; v'] for one group, reading its gradient at `offset` in the flat vector of all groups. */
class AdamMomentProgram extends ElementwiseProgram {
  variableNames = ['grad', 'moments', 'scale'];
  uniforms = 'offset : i32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32,';
  shaderKey = 'mtlAdamMoments';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let stateSize = uniforms.size / 2;
    if (index < stateSize) {
      let g = grad[uniforms.offset + index] * scale[0];
      setOutputAtIndex(index, moments[index] * uniforms.beta1 + g * uniforms.oneMinusBeta1);
    } else if (index < uniforms.size) {
      let g = grad[uniforms.offset + index - stateSize] * scale[0];
      setOutputAtIndex(index, moments[index] * uniforms.beta2 + g * g * uniforms.oneMinusBeta2);
    }
  }`;
  }
}

class AdamParamProgram extends ElementwiseProgram {
  variableNames = ['param', 'moments'];
  uniforms = 'offset : i32, firstScale : f32, secondScale : f32, epsilon : f32,';
  shaderKey = 'mtlAdamParam';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index < uniforms.size) {
      let at = uniforms.offset + index;
      let m = moments[at];
      let v = moments[uniforms.momentsShape / 2 + at];
      let step = m / (sqrt(v) * uniforms.secondScale + uniforms.epsilon) * uniforms.firstScale;
      setOutputAtIndex(index, param[index] - step);
    }
  }`;
  }
}

/** A row (or a feature) per invocation over `rows` of `cols`: the shape of x [N, D] comes from the first input. */
abstract class RowProgram implements WebGPUProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];

  constructor(outputShape: readonly number[], invocations: number) {
    this.outputShape = [...outputShape];
    this.dispatchLayout = { x: this.outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(invocations / 64), 1, 1];
  }

  abstract getUserCode(): string;
}

/** The row's mean and 1/σ, as tf.moments and the ops path compute them. */
const rowStatsSnippet = `
    let cols = uniforms.xShape[1];
    let base = index * cols;
    var mean = 0.0;
    for (var c = 0; c < cols; c = c + 1) { mean = mean + x[base + c]; }
    mean = mean / f32(cols);
    var variance = 0.0;
    for (var c = 0; c < cols; c = c + 1) { let d = x[base + c] - mean; variance = variance + d * d; }
    variance = variance / f32(cols);
    let rstd = 1.0 / sqrt(variance + ${LAYER_NORM_EPSILON});`;

class LayerNormProgram extends RowProgram {
  variableNames = ['x', 'gamma', 'beta', 'mask'];
  shaderKey = 'mtlLayerNorm';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index >= uniforms.xShape[0]) { return; }
    ${rowStatsSnippet}
    let m = mask[index];
    for (var c = 0; c < cols; c = c + 1) {
      setOutputAtIndex(base + c, ((x[base + c] - mean) * rstd * gamma[c] + beta[c]) * m);
    }
  }`;
  }
}

class LayerNormStatsProgram extends RowProgram {
  variableNames = ['x'];
  shaderKey = 'mtlLayerNormStats';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index >= uniforms.xShape[0]) { return; }
    ${rowStatsSnippet}
    setOutputAtIndex(index * 2, mean);
    setOutputAtIndex(index * 2 + 1, rstd);
  }`;
  }
}

/** dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂)) with g = mask·dy·γ, a row per invocation. */
class LayerNormGradXProgram extends RowProgram {
  variableNames = ['x', 'mask', 'dy', 'stats', 'gamma'];
  shaderKey = 'mtlLayerNormGradX';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index >= uniforms.xShape[0]) { return; }
    let cols = uniforms.xShape[1];
    let base = index * cols;
    let mean = stats[index * 2];
    let rstd = stats[index * 2 + 1];
    let m = mask[index];
    var sumG = 0.0;
    var sumGX = 0.0;
    for (var c = 0; c < cols; c = c + 1) {
      let g = m * dy[base + c] * gamma[c];
      sumG = sumG + g;
      sumGX = sumGX + g * (x[base + c] - mean) * rstd;
    }
    let n = f32(cols);
    for (var c = 0; c < cols; c = c + 1) {
      let g = m * dy[base + c] * gamma[c];
      let xhat = (x[base + c] - mean) * rstd;
      setOutputAtIndex(base + c, rstd * (g - sumG / n - xhat * sumGX / n));
    }
  }`;
  }
}

/**
 * dγ_c = Σ_rows mask·dy·x̂ (or dβ_c = Σ_rows mask·dy), a feature per
 * invocation. dβ binds only what it reads: a bound buffer the shader does
 * not use is a validation error that voids the whole command buffer.
 */
class LayerNormGradScaleProgram extends RowProgram {
  variableNames: string[];
  shaderKey: string;

  constructor(
    cols: number,
    private readonly gamma: boolean,
  ) {
    super([cols], cols);
    this.variableNames = gamma ? ['dy', 'mask', 'x', 'stats'] : ['dy', 'mask'];
    this.shaderKey = `mtlLayerNormGrad${gamma ? 'Gamma' : 'Beta'}`;
  }

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let rows = uniforms.dyShape[0];
    let cols = uniforms.dyShape[1];
    if (index >= cols) { return; }
    var total = 0.0;
    for (var r = 0; r < rows; r = r + 1) {
      let g = mask[r] * dy[r * cols + index];
      total = total + ${this.gamma ? 'g * (x[r * cols + index] - stats[r * 2]) * stats[r * 2 + 1]' : 'g'};
    }
    setOutputAtIndex(index, total);
  }`;
  }
}

/** Σ_l m·x / max(Σ_l m, 1) for out[b, j < H], max_l (x + (m − 1)·penalty) for out[b, H + j]: an output per invocation. */
class MaskedPoolProgram extends RowProgram {
  variableNames = ['x', 'mask'];
  shaderKey = 'mtlMaskedPool';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let length = uniforms.xShape[1];
    let width = uniforms.xShape[2];
    if (index >= uniforms.xShape[0] * width * 2) { return; }
    let b = index / (width * 2);
    let j = index % (width * 2);
    let h = j % width;
    let base = b * length * width + h;
    if (j < width) {
      var total = 0.0;
      var count = 0.0;
      for (var l = 0; l < length; l = l + 1) {
        let m = mask[b * length + l];
        total = total + x[base + l * width] * m;
        count = count + m;
      }
      setOutputAtIndex(index, total / max(count, 1.0));
    } else {
      var top = -3.402823e+38;
      for (var l = 0; l < length; l = l + 1) {
        top = max(top, x[base + l * width] + (mask[b * length + l] - 1.0) * ${POOL_PADDING_PENALTY.toExponential()});
      }
      setOutputAtIndex(index, top);
    }
  }`;
  }
}

/** dx[b, l, h]: the mean's share m·dy/count, plus dy of the max where x is the max (every tie, as tfjs's max gradient). */
class MaskedPoolGradProgram extends RowProgram {
  variableNames = ['x', 'mask', 'dy'];
  shaderKey = 'mtlMaskedPoolGrad';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let length = uniforms.xShape[1];
    let width = uniforms.xShape[2];
    if (index >= uniforms.xShape[0] * length * width) { return; }
    let b = index / (length * width);
    let h = index % width;
    let base = b * length * width + h;
    let penalty = ${POOL_PADDING_PENALTY.toExponential()};
    var count = 0.0;
    var top = -3.402823e+38;
    for (var l = 0; l < length; l = l + 1) {
      let m = mask[b * length + l];
      count = count + m;
      top = max(top, x[base + l * width] + (m - 1.0) * penalty);
    }
    let own = index / width % length;
    let m = mask[b * length + own];
    var g = dy[b * width * 2 + h] * m / max(count, 1.0);
    if (x[index] + (m - 1.0) * penalty == top) { g = g + dy[b * width * 2 + width + h]; }
    setOutputAtIndex(index, g);
  }`;
  }
}

/** out[b, l, j·I + i] = x[b, l + j·dilation − left, i], 0 outside the sentence: an output per invocation. */
class UnfoldProgram extends RowProgram {
  variableNames = ['x'];
  uniforms = 'width : i32, dilation : i32, left : i32,';
  shaderKey = 'mtlUnfold';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let length = uniforms.xShape[1];
    let channels = uniforms.xShape[2];
    let windowSize = channels * uniforms.width;
    if (index >= uniforms.xShape[0] * length * windowSize) { return; }
    let b = index / (length * windowSize);
    let l = index / windowSize % length;
    let j = index % windowSize / channels;
    let i = index % channels;
    let source = l + j * uniforms.dilation - uniforms.left;
    var value = 0.0;
    if (source >= 0 && source < length) { value = x[(b * length + source) * channels + i]; }
    setOutputAtIndex(index, value);
  }`;
  }
}

/** dx[b, l, i] = Σ_j dy[b, l − j·dilation + left, j·I + i] over the windows that hold token l. */
class UnfoldGradProgram extends RowProgram {
  variableNames = ['dy'];
  uniforms = 'width : i32, dilation : i32, left : i32,';
  shaderKey = 'mtlUnfoldGrad';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let length = uniforms.dyShape[1];
    let windowSize = uniforms.dyShape[2];
    let channels = windowSize / uniforms.width;
    if (index >= uniforms.dyShape[0] * length * channels) { return; }
    let b = index / (length * channels);
    let l = index / channels % length;
    let i = index % channels;
    var total = 0.0;
    for (var j = 0; j < uniforms.width; j = j + 1) {
      let at = l - j * uniforms.dilation + uniforms.left;
      if (at >= 0 && at < length) { total = total + dy[(b * length + at) * windowSize + j * channels + i]; }
    }
    setOutputAtIndex(index, total);
  }`;
  }
}

class ReluGradProgram extends ElementwiseProgram {
  variableNames = ['dy', 'y'];
  uniforms = '';
  shaderKey = 'mtlReluGrad';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index < uniforms.size) { setOutputAtIndex(index, select(0.0, dy[index], y[index] > 0.0)); }
  }`;
  }
}

/** out[r, w] = Σ dy[order[k], w] for k in [starts[r], ends[r]): an output per invocation, no atomics. */
class PlannedSegmentSumProgram extends RowProgram {
  variableNames = ['dy', 'order', 'starts', 'ends'];
  shaderKey = 'mtlPlannedSegmentSum';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let width = uniforms.dyShape[1];
    if (index >= uniforms.startsShape * width) { return; }
    let r = index / width;
    let w = index % width;
    var total = 0.0;
    for (var k = starts[r]; k < ends[r]; k = k + 1) { total = total + dy[order[k] * width + w]; }
    setOutputAtIndex(index, total);
  }`;
  }
}

/** out[n, e] = max over p of x[n, e·pieces + p]: an output per invocation. */
class MaxoutProgram extends RowProgram {
  variableNames = ['x'];
  uniforms = 'pieces : i32,';
  shaderKey = 'mtlMaxout';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index >= uniforms.xShape[0] * uniforms.xShape[1] / uniforms.pieces) { return; }
    let base = index * uniforms.pieces;
    var top = x[base];
    for (var p = 1; p < uniforms.pieces; p = p + 1) { top = max(top, x[base + p]); }
    setOutputAtIndex(index, top);
  }`;
  }
}

/** dx[n, e·pieces + p] = dy[n, e] where x is its group's largest, else 0: an input value per invocation. */
class MaxoutGradProgram extends RowProgram {
  variableNames = ['x', 'dy'];
  uniforms = 'pieces : i32,';
  shaderKey = 'mtlMaxoutGrad';

  getUserCode(): string {
    return `
  fn main(index : i32) {
    if (index >= uniforms.xShape[0] * uniforms.xShape[1]) { return; }
    let owner = index / uniforms.pieces;
    let base = owner * uniforms.pieces;
    var top = x[base];
    for (var p = 1; p < uniforms.pieces; p = p + 1) { top = max(top, x[base + p]); }
    setOutputAtIndex(index, select(0.0, dy[owner], x[index] == top));
  }`;
  }
}

interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

function input(args: KernelArgs, name: string): tf.TensorInfo {
  const t = args.inputs[name];
  if (!t) throw new Error(`fused kernel: input ${name} is missing`);
  return t;
}

function attr(args: KernelArgs, name: string): number {
  const value = args.attrs?.[name];
  if (typeof value !== 'number') throw new Error(`fused kernel: attribute ${name} is missing`);
  return value;
}

function unfoldUniforms(a: KernelArgs): Uniform[] {
  const width = attr(a, 'width');
  const dilation = attr(a, 'dilation');
  return [
    { type: 'int32', data: [width] },
    { type: 'int32', data: [dilation] },
    { type: 'int32', data: [unfoldReach(width, dilation).left] },
  ];
}

const run = (args: KernelArgs, program: WebGPUProgram, inputs: tf.TensorInfo[], uniforms?: Uniform[]) =>
  (args.backend as WebGPUBackend).runWebGPUProgram(program, inputs, 'float32', uniforms);

const kernels: Record<string, (args: KernelArgs) => tf.TensorInfo> = {
  [FUSED_KERNELS.weightedNll]: (a) =>
    run(a, new WeightedNllProgram(), [input(a, 'logits'), input(a, 'targets'), input(a, 'weights')]),
  [FUSED_KERNELS.weightedNllGrad]: (a) =>
    run(a, new WeightedNllGradProgram(input(a, 'logits').shape), [
      input(a, 'logits'),
      input(a, 'targets'),
      input(a, 'weights'),
      input(a, 'dy'),
    ]),
  [FUSED_KERNELS.clipScale]: (a) =>
    run(a, new ClipScaleProgram(), [input(a, 'x')], [{ type: 'float32', data: [attr(a, 'clip')] }]),
  [FUSED_KERNELS.adamMoment]: (a) => {
    const moments = input(a, 'moments');
    return run(
      a,
      new AdamMomentProgram(moments.shape),
      [input(a, 'grad'), moments, input(a, 'scale')],
      [
        { type: 'int32', data: [attr(a, 'offset')] },
        { type: 'float32', data: [attr(a, 'beta1')] },
        { type: 'float32', data: [attr(a, 'oneMinusBeta1')] },
        { type: 'float32', data: [attr(a, 'beta2')] },
        { type: 'float32', data: [attr(a, 'oneMinusBeta2')] },
      ],
    );
  },
  [FUSED_KERNELS.layerNorm]: (a) => {
    const x = input(a, 'x');
    return run(a, new LayerNormProgram(x.shape, x.shape[0] as number), [
      x,
      input(a, 'gamma'),
      input(a, 'beta'),
      input(a, 'mask'),
    ]);
  },
  [FUSED_KERNELS.layerNormStats]: (a) => {
    const x = input(a, 'x');
    return run(a, new LayerNormStatsProgram([x.shape[0] as number, 2], x.shape[0] as number), [x]);
  },
  [FUSED_KERNELS.layerNormGradX]: (a) => {
    const x = input(a, 'x');
    return run(a, new LayerNormGradXProgram(x.shape, x.shape[0] as number), [
      x,
      input(a, 'mask'),
      input(a, 'dy'),
      input(a, 'stats'),
      input(a, 'gamma'),
    ]);
  },
  [FUSED_KERNELS.layerNormGradScale]: (a) => {
    const dy = input(a, 'dy');
    const gamma = a.attrs?.gamma === true;
    const inputs = [dy, input(a, 'mask'), ...(gamma ? [input(a, 'x'), input(a, 'stats')] : [])];
    return run(a, new LayerNormGradScaleProgram(dy.shape[1] as number, gamma), inputs);
  },
  [FUSED_KERNELS.maskedPool]: (a) => {
    const x = input(a, 'x');
    const [b, , h] = x.shape as [number, number, number];
    return run(a, new MaskedPoolProgram([b, 2 * h], b * 2 * h), [x, input(a, 'mask')]);
  },
  [FUSED_KERNELS.maskedPoolGrad]: (a) => {
    const x = input(a, 'x');
    return run(
      a,
      new MaskedPoolGradProgram(
        x.shape,
        x.shape.reduce((n, d) => n * d, 1),
      ),
      [x, input(a, 'mask'), input(a, 'dy')],
    );
  },
  [FUSED_KERNELS.unfold]: (a) => {
    const x = input(a, 'x');
    const [b, l, i] = x.shape as [number, number, number];
    const width = attr(a, 'width');
    return run(a, new UnfoldProgram([b, l, width * i], b * l * width * i), [x], unfoldUniforms(a));
  },
  [FUSED_KERNELS.unfoldGrad]: (a) => {
    const dy = input(a, 'dy');
    const [b, l, windowSize] = dy.shape as [number, number, number];
    const i = windowSize / attr(a, 'width');
    return run(a, new UnfoldGradProgram([b, l, i], b * l * i), [dy], unfoldUniforms(a));
  },
  [FUSED_KERNELS.reluGrad]: (a) => {
    const dy = input(a, 'dy');
    return run(a, new ReluGradProgram(dy.shape), [dy, input(a, 'y')]);
  },
  [FUSED_KERNELS.plannedSegmentSum]: (a) => {
    const dy = input(a, 'dy');
    const starts = input(a, 'starts');
    const rows = starts.shape[0] as number;
    const width = dy.shape[1] as number;
    return run(a, new PlannedSegmentSumProgram([rows, width], rows * width), [
      dy,
      input(a, 'order'),
      starts,
      input(a, 'ends'),
    ]);
  },
  [FUSED_KERNELS.maxout]: (a) => {
    const x = input(a, 'x');
    const [rows, width] = x.shape as [number, number];
    const pieces = attr(a, 'pieces');
    return run(
      a,
      new MaxoutProgram([rows, width / pieces], (rows * width) / pieces),
      [x],
      [{ type: 'int32', data: [pieces] }],
    );
  },
  [FUSED_KERNELS.maxoutGrad]: (a) => {
    const x = input(a, 'x');
    const [rows, width] = x.shape as [number, number];
    return run(
      a,
      new MaxoutGradProgram([rows, width], rows * width),
      [x, input(a, 'dy')],
      [{ type: 'int32', data: [attr(a, 'pieces')] }],
    );
  },
  [FUSED_KERNELS.adamParam]: (a) => {
    const param = input(a, 'param');
    return run(
      a,
      new AdamParamProgram(param.shape),
      [param, input(a, 'moments')],
      [
        { type: 'int32', data: [attr(a, 'offset')] },
        { type: 'float32', data: [attr(a, 'firstScale')] },
        { type: 'float32', data: [attr(a, 'secondScale')] },
        { type: 'float32', data: [attr(a, 'epsilon')] },
      ],
    );
  },
};

let registered = false;

/** Registers the fused programs for the `webgpu` backend; once per context. */
export function registerWebGpuKernels(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
