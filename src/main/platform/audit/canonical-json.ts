/**
 * JSON with object keys sorted at every level, so the same entry always
 * hashes the same whatever order its fields were built in. Written out
 * directly rather than by copying into key-sorted objects for
 * `JSON.stringify`: every sale hashes its entry and seals its rows through
 * here (issue #18). The text is the same as `JSON.stringify` of the sorted
 * copy (test/main/platform/audit/canonical-json.test.ts holds them equal).
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify answers undefined (not a string) for a bare undefined or function; so did the sorted copy.
  return written(value) as string;
}

function written(value: unknown): string | undefined {
  // The common leaves without a JSON.stringify call each (a sale's row and entry hold dozens).
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // As JSON.stringify: NaN and ±Infinity are null, -0 is 0 (String(-0) is "0").
      return Number.isFinite(value) ? String(value) : 'null';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  // A Date writes itself (its toJSON); every other object is written by its own enumerable keys.
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) {
    // Every index, holes included: JSON.stringify writes null for a hole, as for undefined.
    const items: string[] = [];
    for (let i = 0; i < value.length; i += 1) items.push(written(value[i]) ?? 'null');
    return `[${items.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of canonicalKeyOrder(Object.keys(record))) {
    const text = written(record[key]);
    if (text !== undefined) parts.push(`${quotedKey(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The order the key-sorted copy had: keys sorted, except that JavaScript
 * objects put integer-like keys ("0", "17") first in numeric order whatever
 * order they were added in. `Object.keys` already lists those first, in
 * that order; the rest are sorted.
 */
function canonicalKeyOrder(keys: string[]): string[] {
  let integers = 0;
  while (integers < keys.length && isArrayIndex(keys[integers] as string)) integers += 1;
  return integers === 0 ? keys.sort() : [...keys.slice(0, integers), ...keys.slice(integers).sort()];
}

function isArrayIndex(key: string): boolean {
  const n = Number(key);
  return n >>> 0 === n && n !== 4_294_967_295 && String(n) === key;
}

/** A key as JSON writes it, remembered: the same few dozen column and field names recur in every entry. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Keys are names from the code, not data; the bound only guards against a caller hashing maps of ids.
    if (quotedKeys.size < 4_096) quotedKeys.set(key, quoted);
  }
  return quoted;
}
