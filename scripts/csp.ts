import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app: scripts, workers and data
 * only from the page's own origin (dataset hosts join connect-src when the
 * app downloads corpora), no inline script. Inline styles stay allowed:
 * recharts positions its tooltip and legend with style attributes. Only the
 * build gets it: Vite's dev server injects an inline script for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
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
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
