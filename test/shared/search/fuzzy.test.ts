import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, SearchIndex, SearchIndexBuilder, tokenize, type SearchFields, type SearchOptions } from '../../../src/shared/search/fuzzy';

interface Product {
  readonly id: string;
  readonly name: string;
  readonly brand: string;
  readonly strain: string | null;
  readonly category: string;
  readonly sku: string;
  readonly upc: string | null;
  readonly tags: readonly string[];
}

const fields = (p: Product): SearchFields => ({ title: p.name, keywords: [p.brand, p.strain, p.category], codes: [p.sku, p.upc, ...p.tags] });
const options: SearchOptions<Product> = { key: (p) => p.id, fields };

let serial = 0;
function product(name: string, more: Partial<Product> = {}): Product {
  serial += 1;
  return { id: `p${serial}`, name, brand: 'House', strain: null, category: 'Flower', sku: `SKU-${serial}`, upc: null, tags: [], ...more };
}

const names = (index: SearchIndex<Product>, query: string) => index.search(query).items.map((p) => p.name);

const menu = [
  product('Blue Dream 3.5g', { brand: 'Coastline Farms', strain: 'Blue Dream', upc: '850000010005', tags: ['1A4000312660000000012345'] }),
  product('OG Kush 3.5g', { brand: 'Redwood Roots', strain: 'OG Kush' }),
  product('Gelato #33 3.5g', { brand: 'Sunset Collective', strain: 'Gelato' }),
  product('Granddaddy Purple 14g', { brand: 'Redwood Roots', strain: 'Granddaddy Purple' }),
  product('Sour Watermelon Gummies 10x10mg', { brand: 'Sweet Leaf Kitchen', category: 'Edible' }),
  product('Blueberry Gummies 20x5mg', { brand: 'Sweet Leaf Kitchen', category: 'Edible' }),
  product('Crème Brûlée Bar 100mg', { brand: 'Cocoa Canna Co', category: 'Edible' }),
  product('Diamond Infused Pre-Roll 1g', { brand: 'Stardust Extracts', strain: 'Gelato', category: 'Infused pre-roll' }),
  product('Straßenbahn Tincture', { brand: 'Quiet Hours', category: 'Tincture' }),
];
const catalog = SearchIndex.build(menu, options);

describe('normalizing text', () => {
  it.each([
    ['Blue DREAM', 'blue dream'],
    ['Crème Brûlée', 'creme brulee'],
    ['Straße', 'strasse'],
    ['Ærø ﬁzz', 'aero fizz'],
    ['x²', 'x2'],
    ['tab\there\r\n', 'tab here  '],
  ])('%j → %j', (text, normalized) => expect(normalizeText(text)).toBe(normalized));

  it('splits a query into distinct tokens', () => {
    expect(tokenize('  Blue   dream blue\tDREAM ')).toEqual(['blue', 'dream']);
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('matching', () => {
  it('finds by name, brand, strain, category, SKU, UPC and package tag', () => {
    expect(names(catalog, 'dream')).toEqual(['Blue Dream 3.5g']);
    expect(names(catalog, 'redwood')).toEqual(['OG Kush 3.5g', 'Granddaddy Purple 14g']);
    expect(names(catalog, 'gelato')).toEqual(['Gelato #33 3.5g', 'Diamond Infused Pre-Roll 1g']);
    expect(names(catalog, 'tincture')).toEqual(['Straßenbahn Tincture']);
    expect(names(catalog, menu[1]?.sku ?? '')).toEqual(['OG Kush 3.5g']);
    expect(names(catalog, '850000010005')).toEqual(['Blue Dream 3.5g']);
    expect(names(catalog, '0012345')).toEqual(['Blue Dream 3.5g']);
  });

  it('ignores case and accents on both sides', () => {
    expect(names(catalog, 'CREME brulee')).toEqual(['Crème Brûlée Bar 100mg']);
    expect(names(catalog, 'crème')).toEqual(['Crème Brûlée Bar 100mg']);
    expect(names(catalog, 'strasse')).toEqual(['Straßenbahn Tincture']);
  });

  it('needs every token to match, in any field and any order', () => {
    expect(names(catalog, 'gummies sour')).toEqual(['Sour Watermelon Gummies 10x10mg']);
    expect(names(catalog, 'edible leaf')).toEqual(['Sour Watermelon Gummies 10x10mg', 'Blueberry Gummies 20x5mg']);
    expect(names(catalog, 'gummies kush')).toEqual([]);
  });

  it('matches abbreviations and dropped letters as subsequences that follow words', () => {
    expect(names(catalog, 'gdp')).toEqual(['Granddaddy Purple 14g']);
    expect(names(catalog, 'gelao')).toEqual(['Gelato #33 3.5g', 'Diamond Infused Pre-Roll 1g']);
    expect(names(catalog, 'bluedrm')).toEqual(['Blue Dream 3.5g']);
    expect(names(catalog, 'preroll')).toEqual(['Diamond Infused Pre-Roll 1g']);
    // Not letters picked out of the middle of words: "GRanddaddy purpLe" is no match for "grl".
    expect(names(catalog, 'grl')).toEqual([]);
    expect(names(catalog, 'gel')).not.toContain('Granddaddy Purple 14g');
  });

  it('matches codes only literally: digits picked out of a barcode are no match', () => {
    expect(names(catalog, '8505')).toEqual([]);
    expect(names(catalog, '1a4000312660000000012345')).toEqual(['Blue Dream 3.5g']);
  });

  it('answers everything, in index order, for an empty query', () => {
    expect(catalog.search('').items).toEqual(menu);
    expect(catalog.search('   ').total).toBe(menu.length);
  });
});

describe('ranking', () => {
  it('puts a whole word before a word prefix, before a substring, before a subsequence', () => {
    const index = SearchIndex.build([product('Shortcake Haze'), product('Fire Cake'), product('Cakewalk Kush'), product('Chocolate Kiwi Eclair')], options);
    expect(names(index, 'cake')).toEqual(['Fire Cake', 'Cakewalk Kush', 'Shortcake Haze', 'Chocolate Kiwi Eclair']);
    expect(names(index, 'cakew')).toEqual(['Cakewalk Kush']);
  });

  it('ranks a match in the name above the same match in the brand or strain', () => {
    const index = SearchIndex.build(
      [product('Lemon Tart', { brand: 'Haze Farms' }), product('Lemon Haze'), product('Haze Tincture', { strain: 'Lemon' })],
      options,
    );
    expect(names(index, 'haze')).toEqual(['Haze Tincture', 'Lemon Haze', 'Lemon Tart']);
  });

  it('puts the product whose SKU was typed in full first', () => {
    const index = SearchIndex.build([product('Kush 12', { sku: 'K-120' }), product('Mints', { sku: 'K-12' }), product('Gummies', { sku: 'K-1200' })], options);
    expect(names(index, 'k-12')).toEqual(['Mints', 'Kush 12', 'Gummies']);
  });

  it('keeps the index order among equals', () => {
    const index = SearchIndex.build([product('Kush B'), product('Kush A'), product('Kush C')], options);
    expect(names(index, 'kush')).toEqual(['Kush B', 'Kush A', 'Kush C']);
  });

  it('can order the index by name, case- and accent-insensitively', () => {
    const index = SearchIndex.build([product('banana Kush'), product('Éclair'), product('Apple Fritter'), product('Zkittlez')], options, 'title');
    expect(index.all().map((p) => p.name)).toEqual(['Apple Fritter', 'banana Kush', 'Éclair', 'Zkittlez']);
  });
});

describe('typing and updates', () => {
  it('gives the same answers keystroke by keystroke, after Backspace, and from a fresh index', () => {
    const index = SearchIndex.build(menu, options);
    const query = 'sweet gummies 10';
    for (let n = 1; n <= query.length; n += 1) index.search(query.slice(0, n));
    for (let n = query.length; n >= 0; n -= 1) {
      expect(index.search(query.slice(0, n))).toEqual(SearchIndex.build(menu, options).search(query.slice(0, n)));
    }
  });

  it('replaces and removes items without preparing the rest again', () => {
    const blueDream = menu[0] as Product;
    const updated = catalog.update([{ ...blueDream, name: 'Blue Dream 3.5g (staff pick)', tags: ['1A40003126600000000ABCDE'] }], [menu[1]?.id ?? '']);
    expect(names(updated, 'staff')).toEqual(['Blue Dream 3.5g (staff pick)']);
    expect(names(updated, '0012345')).toEqual([]);
    expect(names(updated, 'abcde')).toEqual(['Blue Dream 3.5g (staff pick)']);
    expect(names(updated, 'og kush')).toEqual([]);
    expect(updated.size).toBe(menu.length - 1);
    // The original is untouched.
    expect(names(catalog, 'og kush')).toEqual(['OG Kush 3.5g']);
    expect(catalog.get(blueDream.id)).toBe(blueDream);
  });

  it('searches a slice at a time when asked to stop at a deadline, and remembers the answer once finished', () => {
    const index = SearchIndex.build(menu, options);
    const job = index.begin('gummies');
    // A deadline already past: one look at the clock per slice of documents, so a small index finishes at once,
    // and the answer is what one search in one go gives.
    const found = job.step(Number.NEGATIVE_INFINITY);
    expect(found).toEqual(SearchIndex.build(menu, options).search('gummies'));
    expect(job.step(Number.NEGATIVE_INFINITY)).toBe(found);
    expect(index.begin('gummies').step(Number.NEGATIVE_INFINITY)).toBe(found);
  });

  it('stops at the deadline over a large index and goes on where it stopped', () => {
    const large = Array.from({ length: 20_000 }, (_, i) =>
      product(`${i % 2 === 0 ? 'Blue Dream' : 'Gelato'} ${i}`, { tags: [`1A4000312660000000${String(i).padStart(6, '0')}`] }),
    );
    const index = SearchIndex.build(large, options);
    const job = index.begin('000');
    let steps = 1;
    let found = job.step(Number.NEGATIVE_INFINITY);
    while (found === null) {
      steps += 1;
      found = job.step(Number.NEGATIVE_INFINITY);
    }
    expect(steps).toBeGreaterThan(10);
    expect(found).toEqual(SearchIndex.build(large, options).search('000'));
    expect(found.total).toBe(large.length);
  });

  it('builds page by page, skipping an item that arrives twice', () => {
    const builder = new SearchIndexBuilder(options).add(menu.slice(0, 4)).add(menu.slice(3));
    expect(builder.size).toBe(menu.length);
    expect(builder.build().all()).toEqual(menu);
  });
});

describe('assembling an index in steps', () => {
  /** Pages of a few items each, titles repeating (so ties keep the order added) and arriving out of order. */
  function pagedBuilder(): SearchIndexBuilder<Product> {
    const builder = new SearchIndexBuilder(options);
    const titles = ['Zkittlez 1g', 'Apple Fritter 3.5g', 'Mimosa 7g', 'Apple Fritter 3.5g', 'Biscotti 1g', 'mimosa 7G', 'Runtz 3.5g'];
    for (let page = 0; page < 6; page += 1) builder.add(titles.map((title) => product(title, { tags: [`1A40003126600000${String(page).padStart(8, '0')}`] })));
    return builder;
  }
  const ids = (index: SearchIndex<Product>): string[] => index.all().map((p) => p.id);

  it('a deadline already passed still makes progress, one unit a step, and ends with the index build would give', () => {
    const builder = pagedBuilder();
    const whole = builder.build('title');
    const assembly = builder.finish('title');
    let steps = 0;
    let index: SearchIndex<Product> | null = null;
    while (index === null && steps < 1_000) {
      index = assembly.step(0);
      steps += 1;
    }
    expect(steps).toBeGreaterThan(6 + 1 + 1 + 6);
    expect(index).not.toBeNull();
    const stepped = index as SearchIndex<Product>;
    expect(ids(stepped)).toEqual(ids(whole));
    // Ordered by normalized title; equal titles in the order they were added.
    const titles = stepped.all().map((p) => normalizeText(p.name));
    expect(titles).toEqual([...titles].sort());
    const fritters = stepped
      .all()
      .filter((p) => p.name === 'Apple Fritter 3.5g')
      .map((p) => Number(p.id.slice(1)));
    expect(fritters).toEqual([...fritters].sort((a, b) => a - b));
    for (const query of ['apple', 'mim 7', '1a4 00000003', 'zk', ''])
      expect(stepped.search(query).items.map((p) => p.id)).toEqual(whole.search(query).items.map((p) => p.id));
    // Done is done: more steps answer the same index.
    expect(assembly.step(0)).toBe(stepped);
  });

  it('keeps the order added when asked, and assembles an empty builder', () => {
    const builder = pagedBuilder();
    const added = builder.finish('added').step(Number.POSITIVE_INFINITY);
    expect(added === null ? [] : ids(added)).toEqual(ids(builder.build('added')));
    expect(added?.all()[0]?.name).toBe('Zkittlez 1g');
    expect(new SearchIndexBuilder(options).finish('title').step(Number.POSITIVE_INFINITY)?.size).toBe(0);
  });

  it('items added after finish are not in that assembly', () => {
    const builder = pagedBuilder();
    const assembly = builder.finish('title');
    builder.add([product('Late Arrival 1g')]);
    expect(assembly.step(Number.POSITIVE_INFINITY)?.size).toBe(42);
    expect(builder.build('title').size).toBe(43);
  });
});

describe('properties', () => {
  const word = fc.constantFrom('blue', 'dream', 'kush', 'og', 'gelato', 'cake', 'crème', 'ÉCLAIR', 'haze', 'pre-roll', '3.5g', '10x10mg', 'straße', 'a', 'ab');
  const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
  const doc = fc.record({
    name: phrase,
    brand: phrase,
    strain: fc.option(phrase, { nil: null }),
    category: fc.constantFrom('Flower', 'Edible', 'Pre-roll'),
    sku: fc.stringMatching(/^[A-Z]{1,3}-\d{1,5}$/),
    upc: fc.option(fc.stringMatching(/^\d{12}$/), { nil: null }),
    tags: fc.array(fc.stringMatching(/^1A4[0-9A-F]{6}$/), { maxLength: 2 }),
  });
  const docs = fc.array(doc, { maxLength: 30 }).map((list) => list.map((d, i) => ({ ...d, id: `d${i}` })));
  const query = fc.oneof(
    phrase,
    fc.stringMatching(/^[a-zé0-9 .-]{1,12}$/),
    phrase.chain((p) => fc.subarray([...p]).map((chars) => chars.join(''))),
  );

  /** A token is a subsequence of the text. */
  const subsequence = (token: string, text: string) => {
    let at = 0;
    for (const char of text) if (at < token.length && char === token[at]) at += 1;
    return at === token.length;
  };
  const haystack = (p: Product) => {
    const f = fields(p);
    return normalizeText([f.title, ...f.keywords, ...f.codes].filter((x) => x != null).join(' '));
  };

  it('every result holds every token as a subsequence', () => {
    fc.assert(
      fc.property(docs, query, (list, q) => {
        const tokens = tokenize(q);
        for (const item of SearchIndex.build(list, options).search(q).items) {
          for (const token of tokens) expect(subsequence(token, haystack(item))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every item holding a token as a substring of a field is found', () => {
    fc.assert(
      fc.property(docs, query, (list, q) => {
        const tokens = tokenize(q);
        const found = new Set(
          SearchIndex.build(list, options)
            .search(q)
            .items.map((p) => p.id),
        );
        for (const item of list) {
          const f = fields(item);
          const values = [f.title, ...f.keywords, ...f.codes].filter((x): x is string => x != null).map(normalizeText);
          if (tokens.every((token) => values.some((v) => v.includes(token)))) expect(found.has(item.id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the pair bitmaps reject only what could not match', () => {
    fc.assert(
      fc.property(docs, query, (list, q) => {
        expect(SearchIndex.build(list, options).search(q)).toEqual(SearchIndex.build(list, { ...options, pairFilter: false }).search(q));
      }),
      { numRuns: 500 },
    );
  });

  it('typing narrows: each keystroke answers a subset of the one before, exactly as a fresh index would', () => {
    fc.assert(
      fc.property(docs, query, (list, q) => {
        const typed = SearchIndex.build(list, options);
        let previous: ReadonlySet<string> | null = null;
        for (let n = 1; n <= q.length; n += 1) {
          const result = typed.search(q.slice(0, n));
          expect(result).toEqual(SearchIndex.build(list, options).search(q.slice(0, n)));
          const ids = new Set(result.items.map((p) => p.id));
          if (
            previous !== null &&
            tokenize(q.slice(0, n))
              .join(' ')
              .startsWith(tokenize(q.slice(0, n - 1)).join(' '))
          ) {
            for (const id of ids) expect(previous.has(id)).toBe(true);
          }
          previous = ids;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('any sequence of typing and Backspace answers exactly as a fresh index would', () => {
    const edit = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'k', 'o', ' ', 'g', '1'), minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 4 }),
    );
    fc.assert(
      fc.property(docs, fc.array(edit, { maxLength: 12 }), (list, edits) => {
        const typed = SearchIndex.build(list, options, 'title');
        let text = '';
        for (const step of edits) {
          if (typeof step === 'number') {
            for (let n = 0; n < step && text !== ''; n += 1) {
              text = text.slice(0, -1);
              typed.search(text);
            }
          } else {
            for (const char of step) {
              text += char;
              typed.search(text);
            }
          }
          expect(typed.search(text)).toEqual(SearchIndex.build(list, options, 'title').search(text));
        }
      }),
      { numRuns: 300 },
    );
  });
});
