import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../src/main/entries/headless/host';
import { CATALOG_ROW_HEIGHT } from '../../src/renderer/screens/catalog-layout';
import type { IndexBuildTiming, KeystrokeSample } from '../../src/renderer/perf-harness/keystroke-sample';
import { perfHarnessConfig } from '../../vite.perf.config';
import { openRegisterPage } from '../support/browser';
import { repoRoot } from '../support/cli';

/**
 * Acceptance ("Checkout UI"): keystroke-to-paint in the product search stays
 * under one frame with 50,000 products, shown at the component level in
 * real Chromium. The harness is the real checkout screen (scan box, windowed
 * catalog, cart) over a generated catalog with no core behind it; this test
 * builds it, serves it from the headless host's static server (same CSP as
 * the app) and types realistic searches one key at a time.
 *
 * Speed targets otherwise live in the benchmarks (bench/); the one figure
 * asserted here is the acceptance's own: one frame, 1000/60 ms. What is held
 * to it is the main thread's work per keystroke before its frame (`busy`:
 * the handler, the search's first slice, React's render and commit, then
 * style, layout and paint): under a frame, every keystroke paints in the
 * first frame after the key. The wait for that frame's vsync (up to a
 * frame, whatever the code does) is measured and reported, not asserted.
 *
 * Most keystrokes show their results in that same frame. A search that
 * needs more than its slice (SEARCH_SLICE_MS: a first letter or a run of a
 * tag's zeros matches most of the 50,000) lets the frame paint the typed
 * character over the previous results and finishes between the next frames;
 * how many did, and how long their results took to paint, is reported.
 *
 * Asserted: the median and the 95th percentile of `busy` under one frame.
 * On a CI machine shared with other work a keystroke can be descheduled, so
 * the maximum and every sample go to test-artifacts/search-keystroke.json
 * for the record rather than failing the build. The file runs in vitest's
 * `perf` group, alone, after the rest.
 */
const PRODUCTS = 50_000;
const ONE_FRAME_MS = 1000 / 60;
const artifacts = join(repoRoot, 'test-artifacts');
/** What a budtender types: names, brands, abbreviations, sizes, the end of a tag. */
const QUERIES = ['blue dream', 'gelato 3.5', 'coastline farms', 'gdp', 'sour diesel pre', 'gummies 10x', 'runtz cart', '00012'];

let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

/**
 * A production build, as the register runs: under vitest NODE_ENV is "test",
 * and Vite would bundle React's development build (several times slower).
 */
async function buildHarness(): Promise<void> {
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ ...perfHarnessConfig, configFile: false, mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await buildHarness();
  // Static files only: the harness's fake bridge answers the checkout's commands itself.
  host = await startHeadlessHost({
    invoke: () => Promise.resolve({ ok: false, error: { code: 'NOT_IN_HARNESS', message: 'The harness has no core.' } }),
    staticDir: join(repoRoot, 'out', 'perf-harness'),
  });
  ({ browser, page, pageErrors } = await openRegisterPage({ timeoutMs: 30_000 }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Evaluated as page script text: the test's own types have no DOM. */
const inPage = <T>(script: string) => page.evaluate(script) as Promise<T>;
const sampleCount = () => inPage<number>('window.greentillHarness.samples.length');

/**
 * Presses a key and waits for its sample. The wait is one call that the page
 * answers when the sample is in: polling the page meanwhile would put work
 * on the very thread being measured.
 */
async function pressMeasured(press: () => Promise<void>): Promise<void> {
  const before = await sampleCount();
  const sampled = inPage<void>(`window.greentillHarness.sampled(${before})`);
  await press();
  await sampled;
}

async function typeMeasured(text: string): Promise<void> {
  for (const char of text) {
    await pressMeasured(() => page.keyboard.type(char));
    // About the pace of quick typing; lets each keystroke be measured on its own.
    await page.waitForTimeout(40);
  }
}

async function clearMeasured(): Promise<void> {
  await page.keyboard.press('Control+A');
  await pressMeasured(() => page.keyboard.press('Backspace'));
  await page.waitForTimeout(40);
}

function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN);
  return { p50: at(0.5), p95: at(0.95), max: at(1), mean: round(values.reduce((sum, v) => sum + v, 0) / values.length) };
}
const round = (ms: number) => Math.round(ms * 100) / 100;

describe(`product search over ${PRODUCTS.toLocaleString('en-US')} products in Chromium`, () => {
  it('loads the catalog and renders only the rows in view, each exactly one row high', async () => {
    await page.goto(`${host.origin}/?products=${PRODUCTS}`);
    await expect.poll(() => inPage<boolean>('window.greentillHarness?.ready === true'), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe(`${PRODUCTS} products`);
    const rendered = await page.getByTestId('catalog-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    // Rows are placed by arithmetic: CSS must keep every one at the height the list assumes.
    expect(await inPage<number[]>(`[...document.querySelectorAll('[data-testid="catalog-row"]')].map((row) => row.getBoundingClientRect().height)`)).toEqual(
      Array.from({ length: rendered }, () => CATALOG_ROW_HEIGHT),
    );
    const tbodyHeight = await inPage<number>(`document.querySelector('.catalog-table tbody').getBoundingClientRect().height`);
    expect(tbodyHeight).toBe(PRODUCTS * CATALOG_ROW_HEIGHT);
    // The scan box keeps focus, as at the counter.
    expect(await inPage<string | null>('document.activeElement?.getAttribute("placeholder")')).toBe('Scan or search by name, brand, strain, SKU or UPC');
    await page.screenshot({ path: join(artifacts, 'checkout-50k-catalog.png') });

    // Scrolled to the middle, the rows there are rendered, and only they.
    await inPage(`document.querySelector('[data-testid="catalog-scroll"]').scrollTop = ${25_000 * CATALOG_ROW_HEIGHT}`);
    await expect
      .poll(() => inPage<number>(`Number(document.querySelector('[data-testid="catalog-row"]').getAttribute('aria-rowindex'))`))
      .toBeGreaterThan(24_980);
    expect(await page.getByTestId('catalog-row').count()).toBeLessThan(60);
    await inPage(`document.querySelector('[data-testid="catalog-scroll"]').scrollTop = 0`);
    expect(pageErrors).toEqual([]);
  });

  it('finds what is typed: ranked, fuzzy, by name, brand, strain and tag', async () => {
    await typeMeasured('gdp 14');
    await expect.poll(() => page.getByTestId('catalog-row').first().locator('.product-name').textContent()).toBe('Granddaddy Purple 14g');
    await page.screenshot({ path: join(artifacts, 'checkout-50k-search.png') });
    await clearMeasured();
    await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe(`${PRODUCTS} products`);
  });

  it('keeps keystroke-to-paint under one frame', async () => {
    // Warm-up: the first searches compile the search code and fill caches a working register has warm.
    await typeMeasured('wedding cake');
    await clearMeasured();
    await inPage('window.greentillHarness.reset()');

    for (const query of QUERIES) {
      await typeMeasured(query);
      await clearMeasured();
    }
    const samples = await inPage<KeystrokeSample[]>('window.greentillHarness.samples');
    // The same keystrokes' searches alone, replayed on the page: what of `processing` is the filter.
    const searchOnly = await inPage<number[]>(`window.greentillHarness.replaySearch(${JSON.stringify(samples.map((s) => s.query))})`);
    const slowEvents = await inPage<unknown[]>('window.greentillHarness.slowEvents');
    // Once per load (at most every 5 minutes), in the background: preparing the index of all 50,000 products in slices.
    const build = await inPage<IndexBuildTiming>('window.greentillHarness.timeBuild()');
    const indexBuild = { workMs: round(build.workMs), slices: build.slices, longestSliceMs: round(build.longestSliceMs) };
    const measured = {
      products: PRODUCTS,
      keystrokes: samples.length,
      oneFrameMs: round(ONE_FRAME_MS),
      busy: stats(samples.map((s) => s.busy)),
      searchOnly: stats(searchOnly),
      processing: stats(samples.map((s) => s.processing)),
      render: stats(samples.map((s) => s.render)),
      inputDelay: stats(samples.map((s) => s.inputDelay)),
      frameWait: stats(samples.map((s) => s.frameWait)),
      keystrokeToPaint: stats(samples.map((s) => s.keystrokeToPaint)),
      resultsInFirstFrame: samples.filter((s) => s.resultsInFirstFrame).length,
      resultsToPaint: stats(samples.map((s) => s.resultsToPaint)),
      resultsToPaintWhenLater: stats(samples.filter((s) => !s.resultsInFirstFrame).map((s) => s.resultsToPaint)),
      indexBuild,
      keystrokesOverOneFrameBusy: samples.filter((s) => s.busy >= ONE_FRAME_MS).length,
      eventTimingEntriesOver16ms: slowEvents.length,
      machine: { cpus: cpus().length, loadAverage: loadavg().map(round) },
      samples: samples.map((s, i) => ({
        ...s,
        searchOnly: round(searchOnly[i] ?? NaN),
        busy: round(s.busy),
        processing: round(s.processing),
        render: round(s.render),
        frameWait: round(s.frameWait),
        inputDelay: round(s.inputDelay),
        keystrokeToPaint: round(s.keystrokeToPaint),
        resultsToPaint: round(s.resultsToPaint),
      })),
      slowEvents,
    };
    writeFileSync(join(artifacts, 'search-keystroke.json'), `${JSON.stringify(measured, null, 2)}\n`);

    expect(samples.length).toBe(QUERIES.join('').length + QUERIES.length);
    expect(measured.busy.p50).toBeLessThan(ONE_FRAME_MS);
    expect(measured.busy.p95).toBeLessThan(ONE_FRAME_MS);
    // Every keystroke's results were painted, in its own frame or soon after.
    expect(samples.every((s) => Number.isFinite(s.resultsToPaint) && s.resultsToPaint >= s.keystrokeToPaint)).toBe(true);
    // The background build never holds the page for a long task (50 ms): a scan or keystroke meanwhile is handled soon.
    expect(indexBuild.slices).toBeGreaterThan(50);
    expect(indexBuild.longestSliceMs).toBeLessThan(50);
    expect(pageErrors).toEqual([]);
  });
});
