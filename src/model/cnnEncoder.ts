import * as tf from '@tensorflow/tfjs';
import type { Encoder, EncoderOptions } from './encoder';
import { applyMask, conv1dSame } from './ops';
import type { ParamSet } from './params';

/**
 * Stacked 'same' 1-D convolutions with ReLU; layers after the first are
 * residual and dilated (1, 2, 4, …) so the receptive field grows cheaply.
 * Few kernels per step, which is what a GPU wants.
 */
export class CnnEncoder implements Encoder {
  readonly outputSize: number;

  constructor(
    readonly params: ParamSet,
    private readonly options: EncoderOptions,
  ) {
    const { inputSize, hiddenSize, layers, kernelSize } = options;
    this.outputSize = hiddenSize;
    for (let l = 0; l < layers; l++) {
      const fanIn = (l === 0 ? inputSize : hiddenSize) * kernelSize;
      params.glorot(`conv${l}/kernel`, [fanIn, hiddenSize], fanIn, hiddenSize);
      params.zeros(`conv${l}/bias`, [hiddenSize]);
    }
  }

  encode(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    let h = x;
    for (let l = 0; l < this.options.layers; l++) {
      const kernel = this.params.matrix(`conv${l}/kernel`);
      const bias = this.params.vector(`conv${l}/bias`);
      const dilation = l === 0 ? 1 : 2 ** (l - 1);
      const out = applyMask(tf.relu(conv1dSame(h, kernel, bias, this.options.kernelSize, dilation)), mask);
      h = l === 0 ? out : tf.add(h, out);
    }
    return h;
  }

  dispose(): void {
    this.params.dispose();
  }
}
