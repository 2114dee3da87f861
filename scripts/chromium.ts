import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Flags that let headless Chromium run WebGPU here and stay off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
];

/**
 * CHROMIUM_EXTRA_ARGS (space-separated) adds flags, e.g. the ones that put
 * WebGPU and WebGL on a real GPU in headless mode (scripts/device/).
 */
function extraArgs(): string[] {
  return (process.env.CHROMIUM_EXTRA_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Debian's Chromium by default; CHROMIUM_PATH points at another build (for
 * example a browser Playwright downloaded itself, where downloads work).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const fromEnv = process.env.CHROMIUM_PATH;
  const executablePath = fromEnv ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return { headless: true, args: [...CHROMIUM_ARGS, ...extraArgs()], ...(executablePath ? { executablePath } : {}) };
}
