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
 * Debian's Chromium by default; CHROMIUM_PATH points at another build (for
 * example a browser Playwright downloaded itself, where downloads work).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const fromEnv = process.env.CHROMIUM_PATH;
  const executablePath = fromEnv ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return { headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
}
