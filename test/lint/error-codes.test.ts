import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

/**
 * The error-code catalogue (docs/support/error-codes.md, issue #14) lists,
 * per feature, every code the register raises. Support finds a code from the
 * screen or the log there, so a code raised but not listed under its feature
 * is a defect this test names.
 */
const RAISED = /AppError\(\s*'([A-Z][A-Z0-9_]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The catalogue's section for a source file: `features/checkout`, `platform/db`, `shared/domain/taxes`… */
function areaOf(file: string): string {
  const parts = relative(join(repoRoot, 'src'), file).split('/');
  const strip = (name: string) => name.replace(/\.tsx?$/, '');
  if (parts[0] === 'shared') return parts[1] === 'domain' ? `shared/domain/${strip(parts[2] ?? '')}` : `shared/${strip(parts[1] ?? '')}`;
  if (parts[0] === 'main' && ['features', 'platform', 'entries'].includes(parts[1] ?? '')) return `${parts[1]}/${strip(parts[2] ?? '')}`;
  return parts[0] === 'main' ? strip(parts[1] ?? '') : strip(parts[0] ?? '');
}

function catalogue(): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  let current: Set<string> | null = null;
  for (const line of readFileSync(join(repoRoot, 'docs/support/error-codes.md'), 'utf8').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading !== null) sections.set(heading[1] ?? '', (current = new Set()));
    const row = /^\| `([A-Z0-9_]+)` \|/.exec(line);
    if (row !== null && current !== null) current.add(row[1] ?? '');
  }
  return sections;
}

describe('the error-code catalogue', () => {
  it('lists every code the source raises, under the feature that raises it', () => {
    const listed = catalogue();
    const missing: string[] = [];
    let raised = 0;
    for (const file of sourceFiles(join(repoRoot, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(RAISED)) {
        raised += 1;
        const area = areaOf(file);
        if (listed.get(area)?.has(match[1] ?? '') !== true) missing.push(`${match[1]} (${relative(repoRoot, file)}) under "## ${area}"`);
      }
    }
    expect(raised).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
