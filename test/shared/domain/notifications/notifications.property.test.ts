import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capAllows,
  DAY_MS,
  quietHoursRule,
  sendingWindow,
  STATE_QUIET_HOURS,
  FEDERAL_QUIET_HOURS,
} from '../../../../src/shared/domain/notifications/quiet-hours';
import { decideSend, type OutgoingText } from '../../../../src/shared/domain/notifications/decide';
import { hasConsent, interpretInbound, isStopped, type ConsentEntry } from '../../../../src/shared/domain/notifications/consent';
import { PARTNER_MESSAGING, platformAllowsCustomerTexts } from '../../../../src/shared/domain/notifications/platforms';

/**
 * The notification layer's pure rules (issue #21), by property: quiet hours
 * in the recipient's zone across zones and DST changes (checked against
 * Intl's own clock, not luxon's), the 24-hour cap, STOP, and Leafly.
 */

const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
const STATES = [null, 'CA', 'NY', 'FL', 'OK', 'CO', 'MI'];

/** The oracle: the local hour by Intl, independent of the code under test. */
function localHour(at: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at);
  return Number(hour);
}

// Instants across 2026–2027, weighted towards the DST changes (second Sunday of March, first of November) and the window edges.
const dstEdges = [Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 10, 1, 0), Date.UTC(2027, 2, 14, 0), Date.UTC(2027, 10, 7, 0)];
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((t) => new Date(t)),
  fc.tuple(fc.constantFrom(...dstEdges), fc.integer({ min: -36 * 3600_000, max: 36 * 3600_000 })).map(([edge, offset]) => new Date(edge + offset)),
);
const recipient = fc.record({ timeZone: fc.constantFrom(...ZONES), state: fc.constantFrom(...STATES) });

describe('quiet hours in the recipient’s time zone', () => {
  it('are open exactly between the rule’s hours by the recipient’s own clock, in every zone and across DST', () => {
    fc.assert(
      fc.property(recipient, instant, (who, at) => {
        const rule = quietHoursRule(who.state);
        const hour = localHour(at, who.timeZone);
        expect(sendingWindow(who, at).open).toBe(hour >= rule.startHour && hour < rule.endHour);
      }),
      { numRuns: 2000 },
    );
  });

  it('when closed, name the next opening: at the rule’s start hour locally, later than now, within a day, with nothing open before it', () => {
    fc.assert(
      fc.property(recipient, instant, (who, at) => {
        const answer = sendingWindow(who, at);
        if (answer.open) return;
        const opens = answer.opensAt;
        expect(opens.getTime()).toBeGreaterThan(at.getTime());
        expect(opens.getTime() - at.getTime()).toBeLessThanOrEqual(DAY_MS);
        expect(localHour(opens, who.timeZone)).toBe(quietHoursRule(who.state).startHour);
        expect(sendingWindow(who, opens).open).toBe(true);
        expect(sendingWindow(who, new Date(opens.getTime() - 60_000)).open).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('are 8 am–9 pm federally, 8 am–8 pm with 3 a day in Florida and Oklahoma, each rule cited and marked for verification', () => {
    expect([FEDERAL_QUIET_HOURS.startHour, FEDERAL_QUIET_HOURS.endHour, FEDERAL_QUIET_HOURS.maxPer24h]).toEqual([8, 21, null]);
    for (const state of ['FL', 'OK']) expect(STATE_QUIET_HOURS[state]).toMatchObject({ startHour: 8, endHour: 20, maxPer24h: 3, verify: true });
    for (const rule of [FEDERAL_QUIET_HOURS, ...Object.values(STATE_QUIET_HOURS)]) expect(rule.citation).toContain('⚠ verify');
    // A Florida customer at 8:30 pm in Miami is closed; a Californian at the same local time is open.
    const at = new Date('2026-07-01T00:30:00Z'); // 20:30 in New York and Miami
    expect(sendingWindow({ timeZone: 'America/New_York', state: 'FL' }, at).open).toBe(false);
    expect(sendingWindow({ timeZone: 'America/New_York', state: 'NY' }, at).open).toBe(true);
  });
});

describe('the 24-hour cap (Florida, Oklahoma)', () => {
  it('never lets a fourth text go in any 24 hours, however the attempts fall', () => {
    fc.assert(
      fc.property(fc.constantFrom('FL', 'OK'), fc.array(fc.integer({ min: 0, max: 4 * DAY_MS }), { minLength: 1, maxLength: 40 }), (state, offsets) => {
        const rule = quietHoursRule(state);
        const start = Date.UTC(2026, 5, 1);
        const sent: Date[] = [];
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const at = new Date(start + offset);
          const answer = capAllows(rule, sent, at);
          if (answer.allowed) sent.push(at);
          else {
            expect(answer.retryAt.getTime()).toBeGreaterThan(at.getTime());
            expect(capAllows(rule, sent, answer.retryAt).allowed).toBe(true);
          }
        }
        for (const first of sent) {
          const within = sent.filter((d) => d.getTime() >= first.getTime() && d.getTime() < first.getTime() + DAY_MS);
          expect(within.length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not cap the other states', () => {
    const sent = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 5, 1, 15, i)));
    expect(capAllows(quietHoursRule('CA'), sent, new Date(Date.UTC(2026, 5, 1, 16))).allowed).toBe(true);
  });
});

const PHONE = '+1 (305) 555-0100';
const ledgerEntry = (at: number): fc.Arbitrary<ConsentEntry> =>
  fc.oneof(
    fc.record({
      action: fc.constant('grant' as const),
      phone: fc.constantFrom(PHONE, '+13055550100', '+13055550199'),
      kind: fc.constantFrom('transactional' as const, 'marketing' as const),
      written: fc.boolean(),
      source: fc.constantFrom('counter' as const, 'web_form' as const, 'import' as const),
      at: fc.integer({ min: at, max: at + DAY_MS }).map((t) => new Date(t)),
      proof: fc.constant('form-1'),
    }),
    fc.record({
      action: fc.constant('revoke' as const),
      phone: fc.constant(PHONE),
      kind: fc.constantFrom('transactional' as const, 'marketing' as const),
      source: fc.constant('counter' as const),
      at: fc.integer({ min: at, max: at + DAY_MS }).map((t) => new Date(t)),
      proof: fc.constant('staff-1'),
    }),
  );

describe('STOP', () => {
  it('means a number is never texted again by any grant, import or staff action, until the person texts START', () => {
    const base = Date.UTC(2026, 5, 1);
    fc.assert(
      fc.property(
        fc.array(ledgerEntry(base - DAY_MS), { maxLength: 8 }),
        fc.array(ledgerEntry(base + 1), { maxLength: 8 }),
        fc.constantFrom('transactional' as const, 'marketing' as const),
        instant,
        recipient,
        (before, after, kind, at, who) => {
          const stop: ConsentEntry = { action: 'stop', phone: '+13055550100', source: 'sms_keyword', at: new Date(base), proof: 'inbound-1' };
          const ledger = [...before, stop, ...after];
          const text: OutgoingText = { to: PHONE, kind, orderPlatform: null, recipient: who };
          expect(isStopped(ledger, PHONE)).toBe(true);
          expect(hasConsent(ledger, PHONE, kind)).toBe(false);
          expect(decideSend(text, ledger, [], at)).toMatchObject({ send: false, later: false });
          // START (from the person) reopens only what is granted after it.
          const start: ConsentEntry = { action: 'start', phone: PHONE, source: 'sms_keyword', at: new Date(base + 2 * DAY_MS), proof: 'inbound-2' };
          expect(isStopped([...ledger, start], PHONE)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is read from the words people use, alone on the message', () => {
    expect(['STOP', 'stop', ' Stop. ', 'unsubscribe', 'Opt out', 'QUIT!'].map(interpretInbound)).toEqual(Array(6).fill('stop'));
    expect(['HELP', 'help?', 'info'].map(interpretInbound)).toEqual(['help', 'help', 'help']);
    expect(['START', 'unstop'].map(interpretInbound)).toEqual(['start', 'start']);
    expect(['Please stop by at 5', 'where is my order'].map(interpretInbound)).toEqual(['other', 'other']);
  });
});

describe('consent', () => {
  it('takes marketing only in writing, and transactional from any express grant', () => {
    const at = new Date('2026-06-01T15:00:00Z');
    const grant = (kind: 'transactional' | 'marketing', written: boolean): ConsentEntry => ({
      action: 'grant',
      phone: PHONE,
      kind,
      written,
      source: 'counter',
      at,
      proof: 'p',
    });
    expect(hasConsent([grant('marketing', false)], PHONE, 'marketing')).toBe(false);
    expect(hasConsent([grant('marketing', true)], PHONE, 'marketing')).toBe(true);
    expect(hasConsent([grant('transactional', false)], PHONE, 'transactional')).toBe(true);
    expect(hasConsent([grant('transactional', false)], PHONE, 'marketing')).toBe(false);
  });
});

describe('marketplaces’ rules on partner texts', () => {
  it('never texts a Leafly customer, whatever the consent, hour or history', () => {
    const everything: ConsentEntry[] = (['transactional', 'marketing'] as const).map((kind) => ({
      action: 'grant',
      phone: PHONE,
      kind,
      written: true,
      source: 'web_form',
      at: new Date(Date.UTC(2026, 0, 1)),
      proof: 'form',
    }));
    fc.assert(
      fc.property(instant, recipient, fc.constantFrom('transactional' as const, 'marketing' as const), (at, who, kind) => {
        expect(decideSend({ to: PHONE, kind, orderPlatform: 'leafly', recipient: who }, everything, [], at).send).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(PARTNER_MESSAGING.leafly?.customerTexts).toBe('never');
    expect(platformAllowsCustomerTexts('some-new-marketplace')).toBe(false);
    expect(platformAllowsCustomerTexts('greentill')).toBe(true);
  });

  it('sends a consented text in hours, and defers one outside them to the opening', () => {
    const ledger: ConsentEntry[] = [
      { action: 'grant', phone: PHONE, kind: 'transactional', written: false, source: 'counter', at: new Date(Date.UTC(2026, 0, 1)), proof: 'p' },
    ];
    const who = { timeZone: 'America/New_York', state: 'FL' };
    expect(decideSend({ to: PHONE, kind: 'transactional', orderPlatform: 'greentill', recipient: who }, ledger, [], new Date('2026-06-01T16:00:00Z'))).toEqual({
      send: true,
    });
    expect(decideSend({ to: PHONE, kind: 'transactional', orderPlatform: null, recipient: who }, ledger, [], new Date('2026-06-02T01:00:00Z'))).toMatchObject({
      send: false,
      later: true,
      retryAt: new Date('2026-06-02T12:00:00Z'),
    });
  });
});
