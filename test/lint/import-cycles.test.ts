import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

/**
 * The import-cycle rule (issue #14) is only worth having if it fires: lint
 * sample sources as if they sat in the tree and check the verdicts —
 * type-only imports count too.
 */
const eslint = new ESLint({ cwd: repoRoot });

async function cycleErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'greentill/no-import-cycle').map((m) => m.message);
}

describe('no import cycles', () => {
  it('refuses a value import that closes a cycle, naming the path', async () => {
    const errors = await cycleErrors('src/main/platform/db/transaction.ts', "import { appendAudit } from '../audit/log';\nexport const x = appendAudit;\n");
    expect(errors).toEqual([
      expect.stringContaining('src/main/platform/db/transaction.ts → src/main/platform/audit/log.ts → src/main/platform/db/transaction.ts'),
    ]);
  });

  it('refuses a type-only import that closes a cycle', async () => {
    const errors = await cycleErrors('src/shared/sync/lane.ts', "import type { MetrcHttp } from '../../metrc/http';\nexport type X = MetrcHttp;\n");
    expect(errors).toEqual([expect.stringContaining('src/shared/sync/lane.ts → src/metrc/http.ts → src/shared/sync/lane.ts')]);
  });

  it('allows imports that lead nowhere back', async () => {
    expect(await cycleErrors('src/shared/sync/lane.ts', "import { formatCents } from '../money';\nexport const x = formatCents;\n")).toEqual([]);
  });
});
