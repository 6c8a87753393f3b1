/**
 * Notices a restarted core (issue #19) from what the page hears: the count
 * of core restarts on each answer (headless host) or on a push stream's
 * `hello`, and the host's `core-restarted` push. The staff session died with
 * the old core, so `restartSeen` makes the page read its session again —
 * even when no command was in flight to see the core go.
 */
export interface CoreGenerationWatcher {
  /** A count carried by an answer or a stream's hello: different from the last one means a restart. */
  readonly seen: (generation: number) => void;
  /** The host says the core was started again: a restart, unless this count was already seen on an answer. */
  readonly restarted: (generation: number) => void;
}

export function coreGenerationWatcher(restartSeen: () => void): CoreGenerationWatcher {
  let last: number | null = null;
  return {
    seen: (generation) => {
      const previous = last;
      last = generation;
      if (previous !== null && previous !== generation) restartSeen();
    },
    restarted: (generation) => {
      const previous = last;
      last = generation;
      if (previous !== generation) restartSeen();
    },
  };
}
