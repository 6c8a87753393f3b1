import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../../src/shared/contract/it-incidents';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';

let counter: Counter;

beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'budtender' });
});
afterEach(() => counter.dispose());

async function report(input: Parameters<Counter['core']['send']>[1] & object): Promise<IncidentView> {
  const result = await counter.core.send('incident-report', input as never);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as IncidentView;
}

const at = '2026-11-24T17:59:00.000Z';

describe('the IT incident log', () => {
  it('attaches the context itself: screen, errors shown, devices, sync, version, terminal', async () => {
    const incident = await report({
      summary: 'Receipt printer prints blank receipts',
      description: 'Since the paper change this morning',
      screen: 'checkout',
      recentErrors: [{ code: 'PRINTER_OFFLINE', message: 'The receipt printer did not answer.', at }],
    });
    expect(incident).toMatchObject({ number: 1, status: 'open', reportedBy: 'Bailey Budtender', summary: 'Receipt printer prints blank receipts' });
    expect(incident.context.screen).toBe('checkout');
    expect(incident.context.recentErrors).toEqual([{ code: 'PRINTER_OFFLINE', message: 'The receipt printer did not answer.', at }]);
    expect(incident.context.devices.map((d) => d.role)).toEqual(expect.arrayContaining(['receipt_printer', 'cash_drawer']));
    expect(incident.context.sync.lanes.map((l) => l.destination)).toContain('metrc');
    expect(incident.context.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(incident.context.terminalId).toBe(counter.core.terminalId);
    expect(incident.context.terminalName).toBe('Counter 1');
    const second = await report({ summary: 'Scanner beeps twice', screen: 'drawer' });
    expect(second.number).toBe(2);
  });

  it('keeps customer names, ID numbers, birth dates and e-mail addresses out of everything it stores', async () => {
    const incident = await report({
      summary: "Jordan Rivera's licence D1234567 will not scan",
      description: 'Born 1990-04-12, emailed jordan.r@example.com; the scan box froze',
      screen: 'checkout',
      recentErrors: [{ code: 'ID_UNREADABLE', message: 'RIVERA JORDAN D1234567 1990-04-12: the barcode is damaged.', at }],
    });
    const comment = await counter.core.send('incident-comment', { incidentId: incident.id, text: 'Asked rivera to come back tomorrow' });
    expect(comment.ok).toBe(true);
    const stored = JSON.stringify(
      counter.database.sqlite.prepare('SELECT i.*, c.text AS comment FROM it_incidents i LEFT JOIN it_incident_comments c ON c.incident_id = i.id').all(),
    );
    const audited = JSON.stringify(counter.database.sqlite.prepare("SELECT after FROM audit_log WHERE action LIKE 'it_incident.%'").all());
    for (const text of [stored, audited]) {
      for (const pii of ['Jordan', 'JORDAN', 'Rivera', 'RIVERA', 'rivera', 'D1234567', '1990-04-12', 'jordan.r@example.com']) expect(text).not.toContain(pii);
    }
    // Ordinary words stay readable.
    expect(stored).toContain('will not scan');
    expect(stored).toContain('the scan box froze');
    expect(stored).toContain('the barcode is damaged');
    expect(stored).toContain('[name]');
    expect(stored).toContain('[number]');
  });

  it('is listed, commented on and closed by a manager (audited), not by a budtender', async () => {
    const incident = await report({ summary: 'Drawer does not open', screen: 'drawer' });
    const commented = await counter.core.send('incident-comment', { incidentId: incident.id, text: 'Cable was loose' });
    expect(commented.ok && commented.value.comments).toEqual([{ by: 'Bailey Budtender', at: expect.any(String), text: 'Cable was loose' }]);
    const refused = await counter.core.send('incident-close', { incidentId: incident.id, resolution: 'Cable replaced' });
    expect(refused.ok).toBe(false);
    await signIn(counter.core, 'manager');
    const closed = await counter.core.send('incident-close', { incidentId: incident.id, resolution: 'Cable replaced' });
    expect(closed.ok && closed.value).toMatchObject({ status: 'closed', closedBy: 'Morgan Manager', resolution: 'Cable replaced' });
    const again = await counter.core.send('incident-close', { incidentId: incident.id, resolution: 'Twice' });
    expect(!again.ok && again.error.code).toBe('INCIDENT_ALREADY_CLOSED');
    const open = await counter.core.send('incident-list', {});
    expect(open.ok && open.value.items).toEqual([]);
    const all = await counter.core.send('incident-list', { status: 'all' });
    expect(all.ok && all.value.items.map((i) => i.status)).toEqual(['closed']);
    const actions = counter.database.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'it_incident.%' ORDER BY seq").all();
    expect(actions).toEqual([{ action: 'it_incident.report' }, { action: 'it_incident.comment' }, { action: 'it_incident.close' }]);
    const missing = await counter.core.send('incident-comment', { incidentId: 'nope', text: 'x' });
    expect(!missing.ok && missing.error.code).toBe('INCIDENT_NOT_FOUND');
  });

  it('exports as JSON and CSV through the support command', async () => {
    await report({ summary: 'Scale reads "=SUM(A1)" on screen', screen: 'checkout' });
    await report({ summary: 'Sync says offline', screen: 'sync' });
    const json = captureIo();
    expect(await runCli(['incidents-export', '--db', counter.database.path], json)).toBe(0);
    const listed = JSON.parse(json.out()) as { incidents: IncidentView[] };
    expect(listed.incidents.map((i) => i.number)).toEqual([2, 1]);
    const csvIo = captureIo();
    const file = join(counter.database.dir, 'incidents.csv');
    expect(await runCli(['incidents-export', '--db', counter.database.path, '--format', 'csv', '--out', file], csvIo)).toBe(0);
    expect(JSON.parse(csvIo.out())).toEqual({ file, incidents: 2 });
    const csv = readFileSync(file, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^number,status,reportedAt/);
    expect(csv).toHaveLength(4);
    expect(csv[2]).toContain('"Scale reads ""=SUM(A1)"" on screen"');
    const bad = captureIo();
    expect(await runCli(['incidents-export', '--db', counter.database.path, '--format', 'csv'], bad)).toBe(1);
  });
});
