/**
 * Measures each keystroke in the scan box from the key press to the next
 * frame painted, split into what the page spent and what it waited:
 *
 *   keydown ──inputDelay── handler ──processing── committed
 *     ──frameWait── next animation frame ──render── frame painted
 *
 * `processing` is the JavaScript run for the keystroke (the input handler,
 * the search, React rendering and committing); `render` is style, layout
 * and paint of that frame. Their sum, `busy`, is the main thread's work
 * before the key's frame: under one frame (16.7 ms) the keystroke paints in
 * the first frame after it. `frameWait` is the wait for the display's next
 * frame, which no code can shorten; `keystrokeToPaint` is the whole span.
 *
 * Most keystrokes' results are in that frame (`resultsInFirstFrame`). A
 * search that needs more than its slice (SEARCH_SLICE_MS) finishes in the
 * tasks after it, and `resultsToPaint` runs to the frame that shows them.
 */
export interface KeystrokeSample {
  readonly key: string;
  /** The scan box's text after the keystroke. */
  readonly query: string;
  readonly inputDelay: number;
  readonly processing: number;
  readonly frameWait: number;
  readonly render: number;
  readonly busy: number;
  readonly keystrokeToPaint: number;
  /** The key's own frame showed its results. */
  readonly resultsInFirstFrame: boolean;
  /** Key press to the frame showing its results. */
  readonly resultsToPaint: number;
}

/** A slow event as Chromium's Event Timing saw it (reported only at 16 ms or more). */
export interface SlowEvent {
  readonly name: string;
  readonly duration: number;
  readonly processing: number;
}

export interface Harness {
  /** The catalog index has loaded: searches run on the page. */
  ready: boolean;
  readonly samples: KeystrokeSample[];
  readonly slowEvents: SlowEvent[];
  reset(): void;
  /** Resolves once more than `count` samples are in: one call to wait on, instead of polling the page while it works. */
  sampled(count: number): Promise<void>;
  /**
   * The search alone, without React or the browser: replays these queries,
   * in order, on a fresh copy of the index (so narrowing works as it does
   * while typing) and answers the milliseconds each took.
   */
  replaySearch(queries: readonly string[]): number[];
  /** Builds the index of the whole generated catalog the way a load does (pages, slices) and times it. */
  timeBuild(): Promise<IndexBuildTiming>;
}

/** The background build of the index: its work in all, and the longest the page was kept from input. */
export interface IndexBuildTiming {
  readonly workMs: number;
  readonly slices: number;
  readonly longestSliceMs: number;
}
