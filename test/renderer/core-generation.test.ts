import { describe, expect, it, vi } from 'vitest';
import { coreGenerationWatcher } from '../../src/renderer/core-generation';

describe('the core generation watcher', () => {
  it('a first count is the baseline; a different one on an answer or a hello is a restart, the same one is not', () => {
    const restartSeen = vi.fn();
    const watcher = coreGenerationWatcher(restartSeen);
    watcher.seen(0);
    watcher.seen(0);
    expect(restartSeen).not.toHaveBeenCalled();
    watcher.seen(1);
    expect(restartSeen).toHaveBeenCalledTimes(1);
  });

  it('the host’s core-restarted push is a restart even before any answer gave a count (nothing was in flight)', () => {
    const restartSeen = vi.fn();
    coreGenerationWatcher(restartSeen).restarted(1);
    expect(restartSeen).toHaveBeenCalledTimes(1);
  });

  it('a restart already seen on an answer is not counted again when its push arrives, nor the push again on the next answer', () => {
    const restartSeen = vi.fn();
    const watcher = coreGenerationWatcher(restartSeen);
    watcher.seen(0);
    watcher.seen(1);
    watcher.restarted(1);
    watcher.seen(1);
    expect(restartSeen).toHaveBeenCalledTimes(1);
    watcher.restarted(2);
    watcher.seen(2);
    expect(restartSeen).toHaveBeenCalledTimes(2);
  });
});
