import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashEntry } from '../../../src/main/audit/log';
import { runCli } from '../../../src/main/cli/index';
import { openDatabase } from '../../../src/main/db/open';
import { seedDemoStore } from '../../../src/main/demo/seed';
import { captureIo } from '../../support/cli';
import { migrationsFolder, tempDir, testPiiKeys } from '../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('export-audit', () => {
  it('writes a verified JSON Lines export whose hashes the recipient can re-check', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = join(dir.path, 'register.sqlite');
    const db = openDatabase({ path, migrationsFolder });
    seedDemoStore(db.db, testPiiKeys, new Date('2026-11-24T17:00:00Z'));
    db.close();
    const out = join(dir.path, 'audit.jsonl');
    const io = captureIo();
    expect(await runCli(['export-audit', '--db', path, '--out', out], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ file: out, entries: 1, verification: { ok: true } });
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({ kind: 'greentill-audit-export', verification: { ok: true, entries: 1 } });
    const entry = rows[0] as { seq: number; prevHash: string; hash: string; at: string; staffId: string | null; terminalId: string | null; action: string; entityType: string; entityId: string; before: unknown; after: unknown };
    expect(hashEntry(entry.seq, entry.prevHash, { ...entry, at: new Date(entry.at) })).toBe(entry.hash);
  });

  it('asks for --out', async () => {
    const io = captureIo();
    expect(await runCli(['export-audit'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
  });
});
