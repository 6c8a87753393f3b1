import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo, spawnCli } from '../../../support/cli';
import { tempDir } from '../../../support/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());

const issueCase = {
  state: 'CA',
  customerType: 'adult',
  resident: true,
  saleTime: '2026-06-15T19:00:00Z',
  timeZone: 'America/Los_Angeles',
  dateOfBirth: '2000-01-01',
  idExpiry: '2030-01-01',
  medicalExpiry: null,
  priorPurchases: [{ time: '2026-06-15T17:00:00Z', category: 'flower', netWeightMg: 20000, thcMg: 0, quantity: 1 }],
  cart: [{ category: 'vape', netWeightMg: 1000, thcMg: 850, quantity: 2 }],
};
const write = (name: string, content: unknown) => {
  const path = join(dir.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('check-limits', () => {
  it('evaluates the case from the issue (allowed) and prints one JSON line, end to end', () => {
    const result = spawnCli(['check-limits', write('case.json', issueCase)]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ allowed: true, violations: [] });
  });

  it('names the bucket, limit, attempted amount and rule when blocked (exit 0)', async () => {
    const io = captureIo();
    const over = { ...issueCase, cart: [{ category: 'flower', netWeightMg: 9000, thcMg: 0, quantity: 1 }] };
    expect(await runCli(['check-limits', write('over.json', over)], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      allowed: false,
      violations: [{ code: 'LIMIT_EXCEEDED', category: 'flower', limit: 28500, attempted: 29000, unit: 'mg', rule: 'CA-AU-NONCONC (4 CCR §15409(a)(1))' }],
    });
  });

  it('reports age, ID and medical refusals with their codes', async () => {
    const io = captureIo();
    const refused = { ...issueCase, customerType: 'medical', dateOfBirth: '2010-01-01', idExpiry: '2026-06-01', medicalExpiry: '2026-01-01' };
    await runCli(['check-limits', write('refused.json', refused)], io);
    expect((JSON.parse(io.out()) as { violations: Array<{ code: string }> }).violations.map((v) => v.code).sort()).toEqual([
      'ID_EXPIRED',
      'MEDICAL_EXPIRED',
      'UNDERAGE',
    ]);
  });

  it.each([
    ['not JSON', '{oops', 'CASE_UNREADABLE'],
    ['a missing field', JSON.stringify({ ...issueCase, cart: undefined }), 'CASE_INVALID'],
    ['an unknown category', JSON.stringify({ ...issueCase, cart: [{ category: 'gummies', netWeightMg: 0, thcMg: 0, quantity: 1 }] }), 'CASE_INVALID'],
    ['an unknown state', JSON.stringify({ ...issueCase, state: 'ZZ' }), 'RULES_MISSING'],
    ['an unknown time zone', JSON.stringify({ ...issueCase, timeZone: 'Mars/Base' }), 'CASE_INVALID'],
  ])('refuses a malformed case (%s) with exit 1', async (_label, content, code) => {
    const io = captureIo();
    expect(await runCli(['check-limits', write(`bad-${code}.json`, content)], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code } });
  });
});
