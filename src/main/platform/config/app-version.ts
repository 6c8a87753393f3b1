import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * This build's version, from the register's package.json found by walking up
 * from this module (the source tree under tsx, the bundle in out/main, or the
 * packaged app). "unknown" rather than a throw: it is context, not a check.
 */
export function appVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  if (cached !== null) return cached;
  let dir = from;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (parsed.name === 'greentill' && typeof parsed.version === 'string') return (cached = parsed.version);
      } catch {
        // Not ours, or unreadable: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = 'unknown');
    dir = parent;
  }
}
