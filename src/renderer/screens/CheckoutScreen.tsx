import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { looksLikeAamva } from '../../shared/id/aamva';
import { useCart } from '../state/cart-store';
import { useRegister } from '../state/register-store';
import { CartPanel } from './CartPanel';
import { SaleDone } from './SaleDone';
import { CatalogList } from './CatalogList';
import { gramsToMilligrams } from '../money-input';

/**
 * Scanner first: the scan box keeps focus, so a barcode gun's keystrokes
 * always land in it; Enter adds what was scanned or typed (UPC, tag, SKU).
 * Typing a name searches the catalog below.
 */
export function CheckoutScreen() {
  const { search } = useRegister();
  const { scan, error, clearError, completed, nextCustomer } = useCart();
  const [code, setCode] = useState('');
  const [grams, setGrams] = useState('');
  const [licence, setLicence] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const quiet = useRef<ReturnType<typeof setTimeout> | null>(null);

  /**
   * A licence barcode arrives through a wedge scanner as keystrokes with
   * Enters inside it. Told apart by content (it starts with "@" or carries
   * "ANSI "), its Enters are kept as line breaks and, once the keys go quiet,
   * it opens check-in instead of being read as a product code.
   */
  const onScanKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    const licenceSoFar = text.startsWith('@') || /ANSI |AAMVA/i.test(text);
    if (!licenceSoFar) return;
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

  useEffect(() => {
    void search('');
  }, [search]);

  // Focus is never lost: back from a completed sale, the scan box takes it again so the next scan lands.
  useEffect(() => {
    if (completed === null) input.current?.focus();
  }, [completed]);

  // A scan (or typing) that starts while nothing editable has focus — after a click on a button or a
  // closed dialog — is sent to the scan box instead of being lost.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const active = document.activeElement;
      const editing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
      if (editing || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('[role="dialog"]') !== null) return;
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = code.trim();
    if (text === '') return;
    const weightMg = gramsToMilligrams(grams);
    const ok = await scan(text, weightMg === null ? {} : { weightMg });
    if (ok) {
      setCode('');
      setGrams('');
      void search('');
    }
    input.current?.focus();
  };

  const addBySku = async (sku: string) => {
    const weightMg = gramsToMilligrams(grams);
    if (await scan(sku, weightMg === null ? {} : { weightMg })) setGrams('');
    input.current?.focus();
  };

  if (completed !== null) {
    return (
      <SaleDone
        sale={completed}
        onNext={nextCustomer}
      />
    );
  }

  return (
    <div className="checkout">
      <section className="catalog" aria-label="Catalog">
        <form className="scan-form" onSubmit={(event) => void submit(event)}>
          <label className="search">
            <span className="visually-hidden">Scan or search</span>
            <input
              ref={input}
              type="search"
              placeholder="Scan or search by name, brand, strain, SKU or UPC"
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                clearError();
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
        <CatalogList onAdd={(sku) => void addBySku(sku)} />
      </section>
      <CartPanel scannedLicence={licence} onLicenceHandled={() => setLicence(null)} />
    </div>
  );
}
