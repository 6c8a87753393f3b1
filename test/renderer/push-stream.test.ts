import { describe, expect, it } from 'vitest';
import { pushStream } from '../../src/renderer/push-stream';

/** A host whose streams the test writes into, chunk by chunk; each fetch opens the next one. */
function fakeHost() {
  const requests: Array<{ url: string; authorization: string | undefined }> = [];
  const streams: Array<ReadableStreamDefaultController<Uint8Array>> = [];
  const encoder = new TextEncoder();
  const fetchImpl = (async (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => {
    requests.push({ url, authorization: init.headers['authorization'] });
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        streams.push(controller);
        init.signal.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as unknown as typeof fetch;
  return {
    fetchImpl,
    requests,
    write: (text: string) => streams.at(-1)?.enqueue(encoder.encode(text)),
    drop: () => streams.at(-1)?.close(),
    opened: () => streams.length,
  };
}

/** The page's stream on a fake host, with what it heard and each time it said the stream was up or down. */
function listen(host: ReturnType<typeof fakeHost>, retryMs?: number) {
  const heard: unknown[] = [];
  const states: boolean[] = [];
  const stop = pushStream(
    'tok',
    (event) => heard.push(event),
    (up) => states.push(up),
    { fetchImpl: host.fetchImpl, ...(retryMs === undefined ? {} : { retryMs }) },
  );
  return { heard, states, stop };
}

describe('the page’s push stream (headless host)', () => {
  it('asks with the token in a header, reads events split across chunks, skips keep-alives and non-JSON', async () => {
    const host = fakeHost();
    const { heard, states, stop } = listen(host);
    await expect.poll(host.opened).toBe(1);
    expect(host.requests).toEqual([{ url: '/events', authorization: 'Bearer tok' }]);
    host.write('data: {"kind":"hello","generation":0}\n\n: keep-alive\n\ndata: {"kind":"scan-');
    host.write('arrived"}\n\ndata: not json\n\ndata: {"kind":"sync-changed"}\n\n');
    await expect.poll(() => heard).toEqual([{ kind: 'hello', generation: 0 }, { kind: 'scan-arrived' }, { kind: 'sync-changed' }]);
    expect(states).toEqual([true]);
    stop();
  });

  it('a dropped stream is said to be down and opened again (whose hello makes the page read everything again)', async () => {
    const host = fakeHost();
    const { heard, states, stop } = listen(host, 10);
    await expect.poll(host.opened).toBe(1);
    host.drop();
    await expect.poll(host.opened).toBe(2);
    host.write('data: {"kind":"hello","generation":1}\n\n');
    await expect.poll(() => heard).toEqual([{ kind: 'hello', generation: 1 }]);
    expect(states).toEqual([true, false, true]);
    stop();
    // Stopped: never opened again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.opened()).toBe(2);
  });

  it.each([204, 404])('a host without pushes (%i) is not asked again: the page keeps polling', async (status) => {
    let asked = 0;
    const fetchImpl = (async () => {
      asked += 1;
      return new Response(null, { status });
    }) as unknown as typeof fetch;
    const states: boolean[] = [];
    const stop = pushStream(
      'tok',
      () => undefined,
      (up) => states.push(up),
      { fetchImpl, retryMs: 5 },
    );
    await expect.poll(() => states).toEqual([false]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(1);
    stop();
  });
});
