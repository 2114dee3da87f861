import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from './scripts/csp';

/**
 * In the page and its workers, src/tf.ts registers TensorFlow.js's gradients
 * and backends from tfjs-core's ES modules (src/tfBrowserSetup.ts) instead of
 * importing the union package, whose layers, converter and data the engine
 * does not use. Unit tests and Node scripts keep the union package: its Node
 * bundle shares tfjs-core's Node build, which tfjs-core's ES modules would not.
 */
function tfjsWithoutLayers(): Plugin {
  const engineTf = resolve(import.meta.dirname, 'src/tf.ts');
  return {
    name: 'tfjs-without-layers',
    enforce: 'pre',
    // The build only: the dev server pre-bundles dependencies on its own, and there
    // tfjs-core's ES modules and the union package's bundle would be two engines.
    apply: 'build',
    resolveId(source, importer) {
      if (source === '@tensorflow/tfjs' && importer && resolve(importer.split('?')[0] ?? '') === engineTf) {
        return resolve(import.meta.dirname, 'src/tfBrowserSetup.ts');
      }
      return null;
    },
  };
}

// Module workers keep code-splitting working inside the training worker
// (the default 'iife' format does not).
export default defineConfig(({ mode }) => ({
  plugins: [react(), contentSecurityPolicy(), ...(mode === 'test' ? [] : [tfjsWithoutLayers()])],
  // Worker bundles run their own plugins: the training worker is where the swap matters.
  worker: { format: 'es', plugins: () => (mode === 'test' ? [] : [tfjsWithoutLayers()]) },
  // Pre-bundle the heavy dependencies when the dev server starts: discovering
  // them later (inside the worker) makes Vite reload the page mid-run.
  optimizeDeps: {
    entries: [
      'index.html',
      'harness.html',
      'src/worker/mtl.worker.ts',
      'src/worker/mtl.debug.worker.ts',
      'src/worker/data.worker.ts',
    ],
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      'react',
      'react-dom',
      'react-dom/client',
      'recharts',
    ],
  },
  // The browser tests' server does not watch files: an edit made while they run must not reload a page mid-test.
  server: { port: 5173, strictPort: false, watch: process.env.MTL_NO_WATCH ? null : {} },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
}));
