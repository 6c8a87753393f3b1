import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditMac } from '../../../../src/main/platform/audit/audit-key';
import { macMessage } from '../../../../src/main/platform/audit/log';
import type { SaleSeal } from '../../../../src/main/platform/audit/sale-seal';
import { supportAuditKey } from '../../../../src/main/entries/cli/key-option';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';
import { keyedDemoFile, tempDir } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('export-audit', () => {
  it('writes a verified JSON Lines export whose hashes the recipient can re-check', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = await keyedDemoFile(dir.path);
    const out = join(dir.path, 'audit.jsonl');
    const io = captureIo();
    expect(await runCli(['export-audit', '--db', path, '--out', out], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ file: out, entries: 2, verification: { ok: true } });
    const [header, ...rows] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({ kind: 'greentill-audit-export', verification: { ok: true, entries: 2 } });
    type Row = {
      seq: number;
      prevHash: string;
      hash: string;
      at: string;
      staffId: string | null;
      terminalId: string | null;
      action: string;
      entityType: string;
      entityId: string;
      before: unknown;
      after: unknown;
      seal: SaleSeal | null;
    };
    const [keying, seeded] = rows as Row[];
    // Anyone can check the links; with the register's key, each MAC.
    expect(seeded?.prevHash).toBe(keying?.hash);
    const auditKey = await supportAuditKey(path);
    for (const entry of [keying, seeded]) {
      if (entry === undefined || auditKey === undefined) throw new Error('missing');
      expect(auditMac(auditKey, macMessage(entry.seq, entry.prevHash, { ...entry, at: new Date(entry.at) }, entry.seal))).toBe(entry.hash);
    }
  });

  it('asks for --out', async () => {
    const io = captureIo();
    expect(await runCli(['export-audit'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
  });
});
