import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

/**
 * The layering rule is only worth having if it fires: lint sample sources as
 * if they sat in each layer and check the verdicts.
 */
const eslint = new ESLint({ cwd: repoRoot });
/** The first lint of a layer builds that layer's typed program (the renderer's is a second one): a minute or more on a busy 2-core machine. */
const LINT_TIMEOUT_MS = 240_000;

async function restrictedImportErrors(filePath: string, source: string): Promise<string[]> {
  // Lint as an existing file of that layer so the typed project service knows it.
  const [result] = await eslint.lintText(source, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering: renderer → shared ← main', () => {
  it.each([
    ['src/shared/money.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/shared/money.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['src/shared/money.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['src/shared/money.ts', "import { logger } from '../main/platform/logging/logger';\nexport const x = logger;\n"],
    ['src/shared/money.ts', "import { send } from '../renderer/transport';\nexport const x = send;\n"],
    ['src/shared/money.ts', 'export const x = process.env;\n'],
    ['src/renderer/transport.ts', "import { openDatabase } from '../main/platform/db/open';\nexport const x = openDatabase;\n"],
    ['src/renderer/transport.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/renderer/transport.ts', "import { SerialPort } from 'serialport';\nexport const x = SerialPort;\n"],
    ['src/main/platform/logging/logger.ts', "import { send } from '../../../renderer/transport';\nexport const x = send;\n"],
    // The core reads licences; the screen forwards the raw scan.
    ['src/renderer/transport.ts', "import { parseAamva } from '../shared/id/aamva';\nexport const x = parseAamva;\n"],
    // Metrc's client (issue #20) serves the register and the store server: it uses neither.
    ['src/metrc/http.ts', "import { logger } from '../main/platform/logging/logger';\nexport const x = logger;\n"],
    ['src/metrc/http.ts', "import { readStoreSettings } from '../store-server/features/store-settings';\nexport const x = readStoreSettings;\n"],
  ])(
    'refuses in %s: %j',
    async (file, source) => {
      expect(await restrictedImportErrors(file, source)).not.toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );

  it.each([
    ['src/renderer/transport.ts', "import { formatCents } from '../shared/money';\nexport const x = formatCents;\n"],
    [
      'src/main/platform/logging/logger.ts',
      "import { formatCents } from '../../../shared/money';\nimport { readFileSync } from 'node:fs';\nexport const x = [formatCents, readFileSync];\n",
    ],
    ['src/shared/money.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['src/renderer/transport.ts', "import { looksLikeAamva } from '../shared/id/aamva';\nexport const x = looksLikeAamva;\n"],
    ['src/store-server/app.ts', "import { MetrcHttp } from '../metrc/http';\nexport const x = MetrcHttp;\n"],
    ['src/metrc/http.ts', "import { DestinationUnavailable } from '../shared/sync/lane';\nexport const x = DestinationUnavailable;\n"],
  ])(
    'allows in %s: %j',
    async (file, source) => {
      expect(await restrictedImportErrors(file, source)).toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );
});
