import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkedCore } from '../../../../src/main/core/process/core-channel';
import { repoRoot } from '../../../support/cli';

/**
 * A message sent to a core that has just died (SIGKILLed, its end of the
 * channel gone, the host not yet told) must not take the host down: Node
 * reports the failed write as an 'error' on the child process, which with
 * nobody listening is an uncaught exception in the host — the window's own
 * process. The register's commands in flight answer CORE_RESTARTED when the
 * exit is seen (core-process.ts).
 */
describe('the channel to the core’s process', () => {
  it('swallows a send to a core that died a moment ago, and still reports its exit', async () => {
    const channel = forkedCore(join(repoRoot, 'test/support/idle-child.cjs'))();
    await new Promise<void>((resolve) => channel.onMessage(() => resolve()));
    const exited = new Promise<string | null>((resolve) => channel.onExit((_code, signal) => resolve(signal)));
    process.kill(channel.pid ?? 0, 'SIGKILL');
    // Hold the event loop while the kernel closes the dead child's end: the host has not heard of the exit yet.
    const until = Date.now() + 200;
    while (Date.now() < until) {
      /* the host is busy */
    }
    expect(() => channel.send({ kind: 'invoke', id: 1 })).not.toThrow();
    channel.send({ kind: 'invoke', id: 2 });
    expect(await exited).toBe('SIGKILL');
    // Give a failed write's error its turn: an unheard one would fail this file as an unhandled error.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(channel.alive()).toBe(false);
  });
});
