import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../src/main/platform/audit/log';
import { Dispatcher } from '../../../../src/main/features/sync/dispatcher';
import { metrcLane } from '../../../../src/main/features/sync/metrc-lane';
import { repoRoot } from '../../../support/cli';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { testMetrcCredentials } from '../../../support/metrc-lane';

const KILLS = 100;
const credentials = testMetrcCredentials;

let database: TempDatabase;
let metrc: FakeMetrc;
let childScript: string;

beforeAll(async () => {
  // Bundled once so each restart costs a Node start, not a TypeScript compile; node_modules resolve from the repo.
  // Inside this checkout (git-ignored), not node_modules: a worktree sharing node_modules must not run another tree's bundle,
  // and walking up from here finds this checkout's own migrations and packages.
  const outDir = join(repoRoot, '.tmp', 'crash-test');
  mkdirSync(outDir, { recursive: true });
  childScript = join(outDir, 'crash-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'crash-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  database = openTempDatabase({ demo: true });
  // Latency keeps requests in flight long enough for kills to land mid-request.
  metrc = await startFakeMetrc({ ...credentials, latencyMs: 15, faults: { seed: 9, commitThenDrop: 0.05, error500: 0.05 } });
});
afterAll(async () => {
  await metrc.close();
  database.dispose();
});

/** Starts the register, lets it work for a random moment, SIGKILLs it; returns the sales it acknowledged. */
function runAndKill(seed: number, aliveMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, database.path, metrc.url, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GREENTILL_LOG_LEVEL: 'silent' },
    });
    const acknowledged: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), aliveMs);
        else if (line.startsWith('SALE ')) acknowledged.push(line.slice(5));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`the register exited on its own: ${stderr.slice(-2000)}`)),
    );
  });
}

it(`survives ${KILLS} SIGKILLs mid-sale and mid-sync: nothing acknowledged is lost, nothing reaches Metrc twice`, async () => {
  const acknowledged: string[] = [];
  let seed = 1000;
  for (let kill = 0; kill < KILLS; kill += 1) {
    // Deterministic spread of moments: early (during start-up work) to late (many sales and posts in).
    const aliveMs = 50 + ((kill * 53) % 800);
    acknowledged.push(...(await runAndKill((seed += 1), aliveMs)));
  }
  expect(acknowledged.length).toBeGreaterThan(KILLS);
  // Kills landed while receipts were on their way, not only between sales.
  expect(metrc.receipts().length).toBeGreaterThan(0);

  // Bring the register back once more and let it finish delivering.
  const lane = metrcLane({ baseUrl: metrc.url, apiVersion: 'v2', timeoutMs: 2_000, ...credentials }, testPiiKeys);
  metrc.setFaults({});
  const result = await new Dispatcher({ db: database.db, adapters: [lane], retry: { initialDelayMs: 5, maxDelayMs: 100 } }).drain('metrc', 120_000);
  expect(result).toMatchObject({ pending: 0, deadLettered: 0 });

  const inDatabase = new Set((database.sqlite.prepare('SELECT id FROM sales').all() as Array<{ id: string }>).map((r) => r.id));
  expect(acknowledged.filter((id) => !inDatabase.has(id))).toEqual([]);
  const atMetrc = metrc.receipts().map((r) => r.ExternalReceiptNumber);
  expect(atMetrc.length - new Set(atMetrc).size).toBe(0);
  expect(new Set(atMetrc)).toEqual(inDatabase);
  expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyAuditChain(database.db)).toMatchObject({ ok: true });
}, 600_000);
