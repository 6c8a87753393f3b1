import { memo, useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { looksLikeAamva } from '../../shared/id/aamva';
import { useCart } from '../state/cart-store';
import { useRegister } from '../state/register-store';
import { useScans } from '../state/scan-store';
import { CartPanel } from './CartPanel';
import { StoreLinkNotice } from '../components/StoreServerPanel';
import { SaleDone } from './SaleDone';
import { CatalogList } from './CatalogList';
import { gramsToMilligrams } from '../money-input';
import { ScanBoxBurst } from '../scanning/scan-box-burst';
import { scanBoxEntry } from './scan-box-entry';

/**
 * The catalog held for searching is loaded again when the checkout is shown
 * and it is older than this: stock moved by returns, voids or deliveries
 * shows up within minutes. A sale refreshes its own products at once.
 */
const CATALOG_INDEX_MAX_AGE_MS = 5 * 60_000;

/** The cart follows its own store: a keystroke in the scan box need not render it again. */
const StableCartPanel = memo(CartPanel);

/**
 * Scanner first: the scan box keeps focus, so a barcode gun's keystrokes
 * always land in it; Enter adds what was scanned or typed (UPC, tag, SKU).
 * Typing a name searches the catalog below, on the register itself once the
 * catalog has loaded.
 */
export function CheckoutScreen() {
  const search = useRegister((s) => s.search);
  const loadCatalogIndex = useRegister((s) => s.loadCatalogIndex);
  const refreshStock = useRegister((s) => s.refreshStock);
  const { scan, error, clearError, completed, nextCustomer, cart } = useCart();
  const [code, setCode] = useState('');
  const [grams, setGrams] = useState('');
  const [licence, setLicence] = useState<string | null>(null);
  /** The search result picked with the arrow keys (-1: none); Enter adds it. */
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const quiet = useRef<ReturnType<typeof setTimeout> | null>(null);
  const burst = useRef(new ScanBoxBurst());

  /**
   * A licence barcode arrives through a wedge scanner as keystrokes with
   * Enters inside it. Told apart by content (it starts with "@" or carries
   * "ANSI "), its Enters are kept as line breaks and, once the keys go quiet,
   * it opens check-in instead of being read as a product code.
   */
  const onScanKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    const licenceSoFar = text.startsWith('@') || /ANSI |AAMVA/i.test(text);
    if (!licenceSoFar) {
      onBoxKey(event);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      setCode(`${text}\n`);
    }
    if (quiet.current !== null) clearTimeout(quiet.current);
    quiet.current = setTimeout(() => {
      const scanned = input.current?.value ?? '';
      if (looksLikeAamva(scanned)) {
        setLicence(scanned);
        setCode('');
      }
    }, 150);
  };

  /** Arrows pick among the results; Enter adds the picked one, or what was scanned or typed (the scanner's part only). */
  const onBoxKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      burst.current.character(value, event.timeStamp);
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      burst.current.interrupt();
      const results = useRegister.getState().catalog.length;
      if (results === 0) return;
      event.preventDefault();
      setActive((current) => (event.key === 'ArrowDown' ? Math.min(results - 1, current + 1) : Math.max(0, current - 1)));
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      void enter(burst.current.take(value, event.timeStamp), value);
      return;
    }
    if (event.key !== 'Shift') burst.current.interrupt();
  };

  useEffect(() => {
    void search('');
    void loadCatalogIndex({ maxAgeMs: CATALOG_INDEX_MAX_AGE_MS });
  }, [search, loadCatalogIndex]);

  // The products of the cart being rung, remembered past its completion (which clears the cart)…
  const ringing = useRef<readonly string[]>([]);
  useEffect(() => {
    if (cart !== null) ringing.current = cart.lines.map((line) => line.productId);
  }, [cart]);
  // …so their stock figures are fetched again once the sale is done.
  useEffect(() => {
    if (completed !== null) void refreshStock(ringing.current);
  }, [completed, refreshStock]);

  // Focus is never lost: back from a completed sale, the scan box takes it again so the next scan lands.
  useEffect(() => {
    if (completed === null) input.current?.focus();
  }, [completed]);

  // A scan (or typing) that starts while nothing editable has focus — after a click on a button or a
  // closed dialog — is sent to the scan box instead of being lost.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editingElsewhere(null) || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('[role="dialog"]') !== null || input.current === null) return;
      // This key lands in the box but its own keydown went elsewhere: it starts (or continues) the burst there.
      burst.current.character(input.current.value, event.timeStamp);
      input.current.focus();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  /**
   * After a scan's answer the scan box takes focus back for the next scan —
   * unless the budtender has meanwhile started typing in another field (a
   * customer's name, a quantity), whose keystrokes must not end up here.
   */
  const reclaimFocus = () => {
    if (!editingElsewhere(input.current)) input.current?.focus();
  };

  /** What Enter in the scan box does; a hardware scan takes the same path. */
  const addCode = async (text: string, fromBox: boolean) => {
    const weightMg = gramsToMilligrams(grams);
    const ok = await scan(text, weightMg === null ? {} : { weightMg });
    if (ok) {
      setGrams('');
      if (fromBox) void search('');
    }
    reclaimFocus();
  };

  /**
   * Enter (or Add) with `taken` from a box holding `value`: the picked result, a code for the cart, or — a name —
   * the first result picked, for Enter to add or the arrows to move from.
   */
  const enter = async (taken: string, value: string) => {
    const text = taken.trim();
    const { catalog, catalogIndex } = useRegister.getState();
    const picked = taken === value && active >= 0 ? catalog[active] : undefined;
    if (picked !== undefined) {
      setCode('');
      setActive(-1);
      void search('');
      await addBySku(picked.sku);
      return;
    }
    if (text === '') return;
    const entry = scanBoxEntry(text, catalogIndex?.all() ?? null, catalog.length);
    if (entry.kind === 'search') {
      if (error !== null) clearError();
      setActive(0);
      return;
    }
    // Cleared now, not when the answer comes: the next scan may already be typing into the box
    // (a refused code is named in the error, and the instruction is to rescan).
    setCode('');
    setActive(-1);
    if (taken !== value) void search('');
    await addCode(entry.code, true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enter(code, code);
  };

  // A scan from a background scanner, or a wedge scan caught on another screen: a product goes to the cart,
  // a licence opens check-in, just as if it had been scanned into the box. A sale on screen is done with.
  const pending = useScans((s) => s.pending);
  // The latest handlers, read by the effect below: it runs once per scan, not once per render.
  const handlers = useRef({ addCode, nextCustomer });
  handlers.current = { addCode, nextCustomer };
  useEffect(() => {
    // A receipt's sale number is the Returns screen's to take.
    if (pending === null || pending.kind === 'sale' || pending.kind === 'count' || pending.kind === 'package') return;
    useScans.getState().taken(pending.id);
    if (useCart.getState().completed !== null) handlers.current.nextCustomer();
    if (pending.kind === 'id') setLicence(pending.data);
    else void handlers.current.addCode(pending.data.trim(), false);
  }, [pending]);

  const licenceHandled = useCallback(() => setLicence(null), []);

  const addBySku = async (sku: string) => {
    const weightMg = gramsToMilligrams(grams);
    if (await scan(sku, weightMg === null ? {} : { weightMg })) setGrams('');
    reclaimFocus();
  };

  if (completed !== null) {
    return <SaleDone sale={completed} onNext={nextCustomer} />;
  }

  return (
    <div className="checkout">
      <StoreLinkNotice />
      <section className="catalog" aria-label="Catalog">
        <form className="scan-form" onSubmit={submit}>
          <label className="search">
            <span className="visually-hidden">Scan or search</span>
            <input
              ref={input}
              type="search"
              placeholder="Scan or search by name, brand, strain, SKU or UPC"
              value={code}
              data-shortcuts-when-empty=""
              onChange={(event) => {
                setCode(event.target.value);
                setActive(-1);
                // Only when there is one: clearing sets the cart store, which renders all of the cart again.
                if (error !== null) clearError();
                void search(event.target.value);
              }}
              autoComplete="off"
              spellCheck={false}
              onKeyDown={onScanKey}
              aria-invalid={error !== null}
              aria-describedby="scan-error"
            />
          </label>
          <label className="weight">
            <span>Weight (g)</span>
            <input inputMode="decimal" value={grams} onChange={(e) => setGrams(e.target.value.replace(/[^\d.]/g, ''))} placeholder="for bulk" />
          </label>
          {/* Enter submits only when the form has a submit button (two fields). */}
          <button type="submit" className="primary scan-add">
            Add
          </button>
        </form>
        <p id="scan-error" className="field-error" role="alert" data-testid="scan-error">
          {error === null ? '' : `⚠ ${error.message}`}
        </p>
        <CatalogList onAdd={(sku) => void addBySku(sku)} activeIndex={active} />
      </section>
      <StableCartPanel scannedLicence={licence} onLicenceHandled={licenceHandled} />
    </div>
  );
}

/** Whether a field other than `except` has the keyboard (a text box, a list, a select). */
function editingElsewhere(except: HTMLElement | null): boolean {
  const active = document.activeElement;
  if (active === null || active === except) return false;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
}
