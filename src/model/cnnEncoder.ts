import * as tf from '../tf';
import { checkLayer, wholeStack, type Encoder, type EncoderOptions, type LayerRange } from './encoder';
import { applyMask, conv1dSame } from './ops';
import { maskedLayerNorm } from './fusedKernels';
import type { ParamSet } from './params';

/**
 * Stacked 'same' 1-D convolutions with ReLU; layers after the first are
 * residual and dilated (1, 2, 4, …) so the receptive field grows cheaply.
 * With `normalise`, each block's output is layer-normalised (post-norm
 * residual blocks, as in the original Transformer), so 2–4 layers keep
 * their scale and train stably. Few kernels per step, which is what a GPU wants.
 */
export class CnnEncoder implements Encoder {
  readonly outputSize: number;

  constructor(
    readonly params: ParamSet,
    private readonly options: EncoderOptions,
    readonly range: LayerRange = wholeStack(options),
  ) {
    const { inputSize, hiddenSize, kernelSize } = options;
    this.outputSize = hiddenSize;
    for (let l = range.from; l < range.to; l++) {
      const fanIn = (l === 0 ? inputSize : hiddenSize) * kernelSize;
      params.glorot(`conv${l}/kernel`, [fanIn, hiddenSize], fanIn, hiddenSize);
      params.zeros(`conv${l}/bias`, [hiddenSize]);
      if (options.normalise) {
        params.ones(`conv${l}/norm/gamma`, [hiddenSize]);
        params.zeros(`conv${l}/norm/beta`, [hiddenSize]);
      }
    }
  }

  enter(x: tf.Tensor3D): tf.Tensor3D {
    return x;
  }

  layer(l: number, h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    checkLayer(this.range, l);
    const kernel = this.params.matrix(`conv${l}/kernel`);
    const bias = this.params.vector(`conv${l}/bias`);
    const dilation = l === 0 ? 1 : 2 ** (l - 1);
    const conv = conv1dSame(h, kernel, bias, this.options.kernelSize, dilation, 'relu');
    const block = l === 0 ? conv : (tf.add(h, conv) as tf.Tensor3D);
    // Padding is zeroed once, at the block's end (the next layer's windows read it); the layer norm does it itself.
    if (!this.options.normalise) return applyMask(block, mask);
    return maskedLayerNorm(
      block,
      this.params.vector(`conv${l}/norm/gamma`),
      this.params.vector(`conv${l}/norm/beta`),
      mask,
    );
  }

  exit(h: tf.Tensor3D): tf.Tensor3D {
    return h;
  }

  dispose(): void {
    this.params.dispose();
  }
}
