import { createCore, type Core } from '../../src/main/core/create-core';
import { signIn, type DemoRole } from './session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from './temp-db';

/** A register at the counter: the demo store on a real SQLite file, the core, someone signed in, optionally a drawer open. */
export interface Counter {
  readonly database: TempDatabase;
  readonly core: Core;
  /** The register's clock: tests move it. */
  readonly clock: { now: Date };
  readonly dispose: () => void;
}

export interface CounterOptions {
  /** Who is signed in (default: a manager). */
  readonly role?: DemoRole;
  /** Open a drawer with this many $20 notes (default none). */
  readonly drawerTwenties?: number;
  /** The store's state and IANA zone, when not the demo's California. */
  readonly state?: { readonly code: string; readonly timeZone: string };
  /** Default: 10:00 in Los Angeles on 24 November 2026. */
  readonly at?: Date;
}

export async function registerAtTheCounter(options: CounterOptions = {}): Promise<Counter> {
  const database = openTempDatabase({ demo: true });
  if (options.state !== undefined) database.sqlite.prepare('UPDATE stores SET state = ?, time_zone = ?').run(options.state.code, options.state.timeZone);
  const clock = { now: options.at ?? new Date('2026-11-24T18:00:00Z') };
  // A day-long idle lock: tests that move the clock by hours sign in again when they mean to.
  const core = createCore({ piiKeys: testPiiKeys, database, now: () => clock.now, idleLockMs: 86_400_000 });
  await signIn(core, options.role ?? 'manager');
  if (options.drawerTwenties !== undefined) {
    const drawer = await core.send('drawer-open', { count: { '2000': options.drawerTwenties } });
    if (!drawer.ok) throw new Error(`${drawer.error.code}: ${drawer.error.message}`);
  }
  return { database, core, clock, dispose: () => database.dispose() };
}
