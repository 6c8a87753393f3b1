import { PUSH_STREAM_PATH } from '../shared/contract/pushes';

export interface PushStreamOptions {
  readonly fetchImpl?: typeof fetch;
  /** Waits before reconnecting a dropped stream (doubling up to 5 s while it keeps failing). */
  readonly retryMs?: number;
}

/**
 * The headless host's push stream as the page reads it (issue #19): the
 * Server-Sent Events on `/events`, read through `fetch` rather than
 * EventSource so the token travels in the Authorization header as for the
 * commands, never in a URL. A dropped stream is opened again; the host
 * starts each with `hello`, after which the page reads what it shows again
 * (a fresh snapshot). Each event's data is handed over unparsed-as-trusted:
 * the caller validates it.
 */
export function pushStream(
  token: string,
  listener: (event: unknown) => void,
  onStream: (up: boolean) => void,
  { fetchImpl = fetch, retryMs = 500 }: PushStreamOptions = {},
): () => void {
  let stopped = false;
  let aborter: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });

  /** 'served': the stream ran, then ended; 'refused': try again later; 'absent': this host has no pushes (204; 404 from an older host). */
  const readOnce = async (): Promise<'served' | 'refused' | 'absent'> => {
    aborter = new AbortController();
    const response = await fetchImpl(PUSH_STREAM_PATH, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: aborter.signal,
    });
    if (response.status === 204 || response.status === 404) return 'absent';
    if (!response.ok || response.body === null) return 'refused';
    onStream(true);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'served';
      buffered += decoder.decode(value, { stream: true });
      // One event per blank-line-separated block; comment lines (keep-alives) carry no data.
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data !== '') {
          try {
            listener(JSON.parse(data) as unknown);
          } catch {
            // Not JSON: nothing the page can act on; the next event may be.
          }
        }
        end = buffered.indexOf('\n\n');
      }
    }
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      let outcome: 'served' | 'refused' | 'absent' = 'refused';
      try {
        outcome = await readOnce();
      } catch {
        // The host went away (or the stream was stopped): reconnect below unless stopped.
      }
      if (stopped) return;
      onStream(false);
      // A host without pushes will not grow them: the page keeps polling, and stops asking.
      if (outcome === 'absent') return;
      failures = outcome === 'served' ? 0 : failures + 1;
      await pause(Math.min(5_000, retryMs * 2 ** failures));
    }
  };
  void loop();
  return () => {
    stopped = true;
    aborter?.abort();
    if (timer !== null) clearTimeout(timer);
  };
}
