import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import tseslint from 'typescript-eslint';
import { FEATURE_DEPENDENCIES, featureBoundaries } from '../../eslint-rules/feature-boundaries.js';
import { repoRoot } from '../support/cli';

/**
 * The feature-boundary rule (issue #14) is only worth having if it fires:
 * lint sample sources as if they sat in the tree and check the verdicts.
 */
// Only the boundary rule, with the TypeScript parser but no type information: building the whole
// program for type-aware rules made one case take a minute on a loaded machine, for nothing this rule reads.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { greentill: { rules: { 'feature-boundaries': featureBoundaries } } },
      rules: { 'greentill/feature-boundaries': 'error' },
    },
  ],
});

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'greentill/feature-boundaries').map((m) => m.message);
}

describe('feature boundaries', () => {
  it('refuses a feature reaching into a feature it does not declare', async () => {
    const errors = await boundaryErrors(
      'src/main/features/sync/status.ts',
      "import { priceCart } from '../checkout/pricing-service';\nexport const x = priceCart;\n",
    );
    expect(errors).toEqual([expect.stringContaining('The sync feature may not import from the checkout feature')]);
  });

  it('refuses type-only imports across an undeclared boundary too', async () => {
    const errors = await boundaryErrors(
      'src/main/features/compliance/gate.ts',
      "import type { PriceSale } from '../checkout/price-sale';\nexport type X = PriceSale;\n",
    );
    expect(errors).toEqual([expect.stringContaining('The compliance feature may not import from the checkout feature')]);
  });

  it('refuses infrastructure importing a feature, and a feature importing an entry', async () => {
    expect(
      await boundaryErrors(
        'src/main/platform/db/open.ts',
        "import { completeSale } from '../../features/checkout/complete-sale';\nexport const x = completeSale;\n",
      ),
    ).toEqual([expect.stringContaining('src/main/platform may not import from src/main/features')]);
    expect(
      await boundaryErrors('src/main/features/store/settings.ts', "import { startHost } from '../../entries/headless/host';\nexport const x = startHost;\n"),
    ).toEqual([expect.stringContaining('src/main/features may not import from src/main/entries')]);
  });

  it('lets a feature use only the handler kit from core, not the composition', async () => {
    expect(
      await boundaryErrors('src/main/features/catalog/handlers.ts', "import { createCore } from '../../core/create-core';\nexport const x = createCore;\n"),
    ).toEqual([expect.stringContaining('A feature may use only the handler kit from core/')]);
    expect(
      await boundaryErrors('src/main/features/catalog/handlers.ts', "import type { Handlers } from '../../core/handler';\nexport type X = Handlers;\n"),
    ).toEqual([]);
  });

  it('allows declared dependencies, its own folder, the platform and the shared domain', async () => {
    const source = [
      "import { priceCart } from './pricing-service';",
      "import { complianceGate } from '../compliance/gate';",
      "import { writeTransaction } from '../../platform/db/transaction';",
      "import { businessDay } from '../../../shared/domain/store-calendar';",
      'export const x = [priceCart, complianceGate, writeTransaction, businessDay];',
    ].join('\n');
    expect(await boundaryErrors('src/main/features/checkout/complete-sale.ts', `${source}\n`)).toEqual([]);
  });

  it('declares an acyclic feature map (a cycle would make two features one)', () => {
    const graph = FEATURE_DEPENDENCIES;
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (feature: string, path: string[]): void => {
      if (state.get(feature) === 'done') return;
      if (state.get(feature) === 'visiting') {
        cycles.push([...path, feature].join(' → '));
        return;
      }
      state.set(feature, 'visiting');
      for (const next of graph[feature] ?? []) visit(next, [...path, feature]);
      state.set(feature, 'done');
    };
    for (const feature of Object.keys(graph)) visit(feature, []);
    expect(cycles).toEqual([]);
    for (const deps of Object.values(graph)) for (const dep of deps) expect(Object.keys(graph)).toContain(dep);
  });
});
