import type { ServerResponse } from 'node:http';
import type { PushEvent } from '../../../shared/contract/pushes';

/** Where the host hears the core's pushes (CoreProcess.onPush). */
export interface PushSource {
  onPush(listener: (event: PushEvent) => void): () => void;
}

export interface PushStreams {
  /** Serves one page's stream on `response` until either side closes it. */
  open(response: ServerResponse): void;
  /** How many pages are listening (for tests and diagnostics). */
  readonly listening: () => number;
  close(): void;
}

/** A comment line now and then: a proxy or the page notices a dead connection, and the page reconnects. */
const KEEP_ALIVE_MS = 15_000;

/**
 * The headless host's side of the core's pushes (issue #19): one
 * Server-Sent Events stream per page. Each stream opens with `hello` (the
 * core's restart count): a page that reconnects reads what it shows again —
 * a fresh snapshot rather than a replay, so no event log is kept here.
 */
export function pushStreams(source: PushSource, generation: () => number): PushStreams {
  const open = new Set<ServerResponse>();
  const write = (response: ServerResponse, event: PushEvent): void => {
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  const stopListening = source.onPush((event) => {
    for (const response of open) write(response, event);
  });
  const keepAlive = setInterval(() => {
    for (const response of open) response.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  return {
    open: (response) => {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      open.add(response);
      response.on('close', () => open.delete(response));
      write(response, { kind: 'hello', generation: generation() });
    },
    listening: () => open.size,
    close: () => {
      clearInterval(keepAlive);
      stopListening();
      for (const response of open) response.end();
      open.clear();
    },
  };
}
