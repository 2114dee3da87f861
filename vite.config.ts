import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from './scripts/csp';

// Module workers keep code-splitting working inside the training worker
// (the default 'iife' format does not).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
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
});
