/**
 * The renderer's Content-Security-Policy, used by the Electron shell and the
 * headless host alike: only our own scripts and styles, no eval, no remote
 * connections (the core is reached through IPC or the same origin).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
