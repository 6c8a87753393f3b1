import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CoreProcess } from '../../src/main/core/process/core-process';
import { DEMO_STAFF } from '../../src/main/features/demo/seed';
import { createPairingCode } from '../../src/store-server/features/pairing';
import type { StoreServer } from '../../src/store-server/app';
import type { Result } from '../../src/shared/errors';
import { repoRoot } from './cli';
import { migrationsFolder, tempDir } from './temp-db';

/**
 * A register of a store as its own operating-system process (issue #20's
 * rig): the real core process (`entries/core-process/main.ts`, as the
 * headless host and the app run it) on its own SQLite file and key, with
 * its sync engine and store link running, driven through the same `invoke`
 * channel the window uses. `kill()` is a real SIGKILL; the host starts the
 * core again on the same file, as the app does.
 */
export interface RegisterProcess {
  readonly name: string;
  readonly core: CoreProcess;
  readonly databasePath: string;
  /** A read-only connection to the register's file, for the test's checks (never written through). */
  readonly file: Database.Database;
  /** Writes to the register's file from outside, as set-up (never while it sells). */
  write(statement: string): void;
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Invokes, and throws with the register's own message when refused. */
  ok<T>(name: string, input: unknown): Promise<T>;
  signIn(role: (typeof DEMO_STAFF)[number]['role']): Promise<void>;
  kill(): void;
  close(): Promise<void>;
}

export async function startRegisterProcess(store: StoreServer, options: { name: string; keyByte: number; address: string }): Promise<RegisterProcess> {
  const dir = tempDir('greentill-register-process-');
  const databasePath = join(dir.path, 'register.sqlite');
  const core = await CoreProcess.start({
    entry: join(repoRoot, 'src/main/entries/core-process/main.ts'),
    execArgv: ['--import', 'tsx'],
    start: {
      databasePath,
      migrationsFolder,
      key: { kind: 'bytes', base64: Buffer.alloc(32, options.keyByte).toString('base64') },
      demo: true,
      startSync: true,
      openDevices: false,
    },
    restartDelayMs: 50,
    waitForCoreMs: 30_000,
  });
  const file = new Database(databasePath, { readonly: true });
  const invoke = (name: string, input: unknown) => core.invoke(name, input) as Promise<Result<unknown>>;
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await invoke(name, input);
    if (!result.ok) throw new Error(`${options.name} ${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const signIn = async (role: (typeof DEMO_STAFF)[number]['role']) => {
    const person = DEMO_STAFF.find((s) => s.role === role);
    if (person === undefined) throw new Error(role);
    await ok('session-sign-in', { staffId: person.id, pin: person.pin });
  };
  // An admin pairs it through the real exchange; a manager opens the drawer and sells.
  await signIn('admin');
  const { code } = await createPairingCode(store.database.db, new Date());
  await ok('store-link-pair', { address: options.address, code, name: options.name });
  await signIn('manager');
  await ok('drawer-open', { count: { '2000': 50 } });
  return {
    name: options.name,
    core,
    databasePath,
    file,
    write: (statement) => {
      const writer = new Database(databasePath);
      try {
        writer.pragma('busy_timeout = 5000');
        writer.prepare(statement).run();
      } finally {
        writer.close();
      }
    },
    invoke,
    ok,
    signIn,
    kill: () => {
      if (core.pid !== null) process.kill(core.pid, 'SIGKILL');
    },
    close: async () => {
      file.close();
      await core.stop();
      dir.cleanup();
    },
  };
}
