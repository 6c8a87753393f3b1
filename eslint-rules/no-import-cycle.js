// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * No import cycles, type-only imports included (issue #14): a cycle means
 * two modules are really one concept, or a helper lives in the wrong
 * place. For each relative import of the file being linted, follows the
 * project's relative imports (read from disk, cached for the run) and
 * reports the import when they lead back to this file.
 */
// `[^'";]` takes newlines too: an alternative that also matched "\n" made every newline two ways to
// backtrack, exponential on a long statement with no `from` (90 % of the lint's time before).
const SPECIFIER = /(?:^|[\n;])\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
/** @type {Map<string, string[]>} */
const edges = new Map();

/** @param {string} from @param {string} specifier */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)]) if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return null;
}

/** @param {string} file */
function importsOf(file) {
  const known = edges.get(file);
  if (known !== undefined) return known;
  /** @type {string[]} */
  const found = [];
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(SPECIFIER)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? '');
    if (target !== null) found.push(target);
  }
  edges.set(file, found);
  return found;
}

/** A path of files from `start` back to `target`, or null. @param {string} start @param {string} target */
function pathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    if (file === target) {
      const path = [];
      for (let at = /** @type {string | null} */ (file); at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const next of importsOf(file)) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}. Move what both sides need into a module of its own.' },
  },
  create(context) {
    const file = context.filename;
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveImport(file, specifier);
      if (target === null || target === file) return;
      const back = pathBack(target, file);
      if (back !== null) context.report({ node, messageId: 'cycle', data: { path: [file, ...back].map((f) => f.slice(f.indexOf('/src/') + 1)).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
