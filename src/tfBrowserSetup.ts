/**
 * What src/tf.ts registers, for the browser build (see vite.config.ts):
 * tfjs-core's gradients and chained ops, and the CPU and WebGL backends,
 * without the union package's layers, converter and data.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
