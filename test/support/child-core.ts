import { join } from 'node:path';
import type { Core } from '../../src/main/core/create-core';
import { forkedCore } from '../../src/main/core/process/core-channel';
import { CoreProcess } from '../../src/main/core/process/core-process';
import type { CommandInput, CommandName, CommandOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { repoRoot } from './cli';
import type { ChildCoreConfig } from './core-process-entry';
import { migrationsFolder, type TempDatabase } from './temp-db';

export type { ChildCoreConfig } from './core-process-entry';

/**
 * The register's core as its own process on a test's database (issue #19):
 * the product's CoreProcess on the host side, the product's serving loop in
 * the child (core-process-entry.ts), so a browser test goes through the same
 * channel the register does. The test keeps its own connection to the file
 * (WAL: it seeds before the start and reads while the core runs).
 */
export interface ChildCore extends Core {
  readonly process: CoreProcess;
  /** The test's hands on the child's fakes (`clock-set`, `scanner-scan`, `printer-paper`, `drawer-kicks`); throws when refused. */
  control(name: string, input?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** The test key's bytes (temp-db's testPiiKeys and testAuditKey derive from them). */
const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startChildCore(database: TempDatabase, config: ChildCoreConfig = {}): Promise<ChildCore> {
  const child = await CoreProcess.start({
    spawn: forkedCore(join(repoRoot, 'test/support/core-process-entry.ts'), ['--import', 'tsx'], [JSON.stringify(config)]),
    start: {
      databasePath: database.path,
      migrationsFolder,
      key: { kind: 'bytes', base64: TEST_MASTER_KEY },
      demo: false,
      startSync: false,
      openDevices: false,
    },
    restartDelayMs: 50,
  });
  const send = <N extends CommandName>(name: N, input: CommandInput<N>) => child.invoke(name, input) as Promise<Result<CommandOutput<N>>>;
  return {
    process: child,
    invoke: child.invoke,
    send,
    terminalId: child.terminalId,
    control: async (name, input = {}) => {
      const result = await child.invoke(`test:${name}`, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    stop: () => child.stop(),
  };
}
