import { describe, expect, it } from 'vitest';
import type { GreentillBridge } from '../../src/shared/bridge';
import type { AppErrorValue, Result } from '../../src/shared/errors';
import { httpBridge } from '../../src/renderer/http-bridge';
import { reconnectingSend, retryDelayMs, type ConnectionReports } from '../../src/renderer/reconnecting-send';

/**
 * The page's side of a core restart (issue #19): reads the page needs are
 * sent again until the core answers; writes never are, and one cut short
 * is reported for the banner.
 */
const RESTARTED: Result<unknown> = { ok: false, error: { code: 'CORE_RESTARTED', message: 'The register restarted while doing this.' } };
const UNAVAILABLE: Result<unknown> = { ok: false, error: { code: 'CORE_UNAVAILABLE', message: 'The register is reconnecting.' } };
const UNREACHABLE: Result<unknown> = { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'The register host is not answering.' } };

/** A bridge answering from a script, one answer per call, recording the names called. */
function scripted(answers: Result<unknown>[]): { bridge: GreentillBridge; calls: string[] } {
  const calls: string[] = [];
  const invoke = async (name: string): Promise<Result<unknown>> => {
    calls.push(name);
    const next = answers.shift();
    if (next === undefined) throw new Error(`No scripted answer left for ${name}`);
    return next;
  };
  return { bridge: { invoke } as GreentillBridge, calls };
}

function recorder(): { reports: ConnectionReports; events: string[]; interrupted: AppErrorValue[] } {
  const events: string[] = [];
  const interrupted: AppErrorValue[] = [];
  return {
    events,
    interrupted,
    reports: {
      lost: () => events.push('lost'),
      answered: () => events.push('answered'),
      writeInterrupted: (error) => interrupted.push(error),
    },
  };
}

describe('reconnectingSend', () => {
  it('sends a read again, waiting longer each time, until the core answers', async () => {
    const { bridge, calls } = scripted([RESTARTED, UNAVAILABLE, UNREACHABLE, { ok: true, value: { staff: null } }]);
    const { reports, events, interrupted } = recorder();
    const waits: number[] = [];
    const send = reconnectingSend(
      bridge,
      () => reports,
      async (ms) => void waits.push(ms),
    );
    const result = await send('session-get', {});
    expect(result).toEqual({ ok: true, value: { staff: null } });
    expect(calls).toEqual(['session-get', 'session-get', 'session-get', 'session-get']);
    expect(waits).toEqual([250, 500, 1000]);
    expect(events).toEqual(['lost', 'lost', 'lost', 'answered']);
    expect(interrupted).toEqual([]);
  });

  it('never sends a write again: it answers CORE_RESTARTED and reports it as cut short', async () => {
    const { bridge, calls } = scripted([RESTARTED]);
    const { reports, events, interrupted } = recorder();
    const send = reconnectingSend(
      bridge,
      () => reports,
      async () => {
        throw new Error('a write must not wait to be sent again');
      },
    );
    const result = await send('cart-scan', { cartId: 'c1', code: '850000010007' });
    expect(result).toEqual(RESTARTED);
    expect(calls).toEqual(['cart-scan']);
    expect(events).toEqual(['lost']);
    expect(interrupted).toEqual([RESTARTED.ok ? null : RESTARTED.error]);
  });

  it('reports a write refused while the core was away (CORE_UNAVAILABLE: not done) as lost, not as cut short', async () => {
    const { bridge } = scripted([UNAVAILABLE]);
    const { reports, events, interrupted } = recorder();
    const result = await reconnectingSend(bridge, () => reports)('sale-complete', { cartId: 'c1', tenders: [{ tender: 'cash', tenderedCents: 10_000 }] });
    expect(result).toEqual(UNAVAILABLE);
    expect(events).toEqual(['lost']);
    expect(interrupted).toEqual([]);
  });

  it('does not report a background read (the scanner long poll) cut short as a write, nor send it again itself', async () => {
    const { bridge, calls } = scripted([RESTARTED]);
    const { reports, interrupted } = recorder();
    expect(await reconnectingSend(bridge, () => reports)('scanner-next', {})).toEqual(RESTARTED);
    expect(calls).toEqual(['scanner-next']);
    expect(interrupted).toEqual([]);
  });

  it('passes an ordinary refusal through as an answer from the core', async () => {
    const refused: Result<unknown> = { ok: false, error: { code: 'SIGNED_OUT', message: 'Sign in with your PIN first.' } };
    const { bridge } = scripted([refused]);
    const { reports, events } = recorder();
    expect(await reconnectingSend(bridge, () => reports)('sync-status', {})).toEqual(refused);
    expect(events).toEqual(['answered']);
  });

  it('waits at most two seconds between attempts', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });
});

describe('httpBridge: the core generation header', () => {
  it('hands each answer’s core generation to the page, and nothing when the answer has none', async () => {
    const seen: number[] = [];
    const answers = [
      new Response(JSON.stringify({ ok: true, value: {} }), { headers: { 'x-greentill-core-generation': '2' } }),
      new Response(JSON.stringify({ ok: true, value: {} })),
    ];
    const fetchImpl = (async () => {
      const next = answers.shift();
      if (next === undefined) throw new Error('No scripted response left');
      return next;
    }) as typeof fetch;
    const bridge = httpBridge('token', { fetchImpl, onCoreGeneration: (generation) => seen.push(generation) });
    await bridge.invoke('store-get', {});
    await bridge.invoke('store-get', {});
    expect(seen).toEqual([2]);
  });
});
