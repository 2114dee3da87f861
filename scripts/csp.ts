import type { Plugin } from 'vite';
import { CORPUS_ORIGINS } from '../src/data/corpora';

/**
 * The Content-Security-Policy of the built app: scripts, workers and data
 * only from the page's own origin, network reads only from it and the
 * corpus hosts (src/data/corpora.ts), no inline script. Inline styles stay allowed:
 * recharts positions its tooltip and legend with style attributes. Only the
 * build gets it: Vite's dev server injects an inline script for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  `connect-src 'self' ${CORPUS_ORIGINS.join(' ')}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'mtl-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
