/**
 * TensorFlow.js as the engine uses it: tfjs-core's API (so the compiler
 * keeps the engine to core ops), with core's gradients, chained ops and the
 * CPU and WebGL backends registered (WebGPU is registered in
 * src/worker/backend.ts; the Node scripts add WASM).
 *
 * The import below registers those in Node, through the union package's
 * Node bundle, which shares tfjs-core's Node build with the export. In the
 * browser build, vite.config.ts swaps it for src/tfBrowserSetup.ts, which
 * registers the same from tfjs-core's ES modules and leaves out layers,
 * converter and data: the training worker does not use them.
 */
// eslint-disable-next-line no-restricted-imports -- the one place it is imported (see above)
import '@tensorflow/tfjs';

export * from '@tensorflow/tfjs-core';
