import { BRIDGE_GLOBAL, type GreentillBridge } from '../../shared/bridge';
import type { CatalogIndexItem } from '../../shared/contract/catalog';
import type { Result } from '../../shared/errors';
import { generatedCatalog } from './generated-catalog';

/**
 * Stands in for the core, for the keystroke-to-paint harness only: answers
 * the few commands the checkout screen sends from a generated catalog (size
 * from `?products=`, 50,000 by default). Imported before anything reaches
 * the transport, which takes the bridge it finds on `window`.
 */
const count = Number(new URLSearchParams(window.location.search).get('products') ?? 50_000);
export const harnessCatalog: readonly CatalogIndexItem[] = generatedCatalog(count);

const answer = (value: unknown): Promise<Result<unknown>> => Promise.resolve({ ok: true, value });

async function invoke(name: string, input: unknown): Promise<Result<unknown>> {
  const args = (input ?? {}) as { offset?: number; limit?: number; text?: string; productIds?: string[] };
  switch (name) {
    case 'catalog-index': {
      const chosen = args.productIds === undefined ? harnessCatalog : harnessCatalog.filter((item) => args.productIds?.includes(item.productId));
      const offset = args.offset ?? 0;
      return answer({ total: chosen.length, items: chosen.slice(offset, offset + (args.limit ?? 5000)) });
    }
    case 'catalog-search': {
      // Before the index has loaded: a plain substring search, as the core's would be.
      const text = (args.text ?? '').toLowerCase();
      const found = harnessCatalog.filter((item) => item.name.toLowerCase().includes(text));
      return answer({ total: found.length, more: false, items: found.slice(0, args.limit ?? 50) });
    }
    case 'cart-list-parked':
      return answer({ items: [] });
    default:
      return { ok: false, error: { code: 'NOT_IN_HARNESS', message: `The performance harness does not answer "${name}".` } };
  }
}

(window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] = { invoke } as GreentillBridge;
