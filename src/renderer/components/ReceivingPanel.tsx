import { useCallback, useEffect, useState } from 'react';
import type { CatalogItem } from '../../shared/contract/catalog';
import type { IncomingManifestView, IncomingPackageView } from '../../shared/contract/receiving';
import { productCategories, type ProductCategory } from '../../shared/contract/values';
import type { AppErrorValue } from '../../shared/errors';
import { formatMilligrams } from '../../shared/money';
import { categoryLabels } from '../category-labels';
import { dollarsToCents, gramsToMilligrams } from '../money-input';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

/**
 * Receiving deliveries from Metrc: download the incoming manifests, map each
 * item to a product (or create one), then receive each package in full or in
 * part, or reject it with a reason.
 */
export function ReceivingPanel() {
  const [manifests, setManifests] = useState<IncomingManifestView[]>([]);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const result = await send('receiving-list', { status: 'open' });
    if (result.ok) setManifests(result.value.manifests);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const download = async () => {
    setBusy(true);
    const result = await send('receiving-download', {});
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setNote(`Metrc lists ${result.value.manifestsSeen} manifest(s), ${result.value.packagesSeen} package(s); ${result.value.manifestsAdded} manifest(s) new.`);
    await load();
  };
  const act = async (work: () => Promise<{ ok: true } | { ok: false; error: AppErrorValue }>) => {
    const result = await work();
    if (!result.ok) setError(result.error);
    else setError(null);
    await load();
  };
  return (
    <section className="receiving-panel" aria-label="Receiving">
      <h3>Receiving from Metrc</h3>
      <ErrorBanner error={error} />
      <button type="button" className="primary" disabled={busy} onClick={() => void download()}>
        {busy ? 'Downloading…' : 'Download deliveries from Metrc'}
      </button>
      {note === null ? null : (
        <p className="muted" data-testid="receiving-note">
          {note}
        </p>
      )}
      {manifests.length === 0 ? <p className="muted">No delivery waiting to be received.</p> : null}
      {manifests.map((m) => (
        <article key={m.id} className="manifest" data-testid="manifest">
          <h4>
            Manifest {m.manifestNumber} <span className="muted">from {m.shipperName ?? m.shipperLicense ?? 'unknown shipper'}</span>
          </h4>
          <table className="figures">
            <thead>
              <tr>
                <th>Tag</th>
                <th>Item</th>
                <th>Shipped</th>
                <th>Lab</th>
                <th>Product</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {m.packages.map((p) => (
                <PackageRow key={p.id} pkg={p} onAct={(work) => void act(work)} />
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}

type Act = (work: () => Promise<{ ok: true } | { ok: false; error: AppErrorValue }>) => void;

function PackageRow({ pkg, onAct }: { readonly pkg: IncomingPackageView; readonly onAct: Act }) {
  const [mapping, setMapping] = useState(false);
  const [partial, setPartial] = useState('');
  const [reason, setReason] = useState('');
  const shipped = `${pkg.shippedQuantity} ${pkg.unitOfMeasure}`;
  const partialQuantity = pkg.shipped === null || partial.trim() === '' ? undefined : pkg.shipped.unit === 'mg' ? gramsToMilligrams(partial) : Number(partial);
  return (
    <tr data-testid="incoming-package" data-tag={pkg.tag}>
      <td className="tag">{pkg.tag}</td>
      <td>
        {pkg.itemName}
        {pkg.itemCategory === null ? null : <span className="muted"> · {pkg.itemCategory}</span>}
      </td>
      <td>{shipped}</td>
      <td>{pkg.labTestingState ?? '—'}</td>
      <td>
        {pkg.productName ?? <span className="muted">not mapped</span>}{' '}
        {pkg.status === 'pending' ? (
          <button type="button" className="ghost" onClick={() => setMapping(!mapping)}>
            {pkg.productId === null ? 'Map…' : 'Change…'}
          </button>
        ) : null}
        {mapping ? <ProductMapper pkg={pkg} onDone={() => setMapping(false)} onAct={onAct} /> : null}
      </td>
      <td>
        {pkg.status !== 'pending' ? (
          <span>
            {pkg.status === 'received'
              ? `Received ${pkg.shipped?.unit === 'mg' ? formatMilligrams(pkg.receivedQuantity ?? 0) : String(pkg.receivedQuantity)}`
              : `Rejected: ${pkg.rejectionReason ?? ''}`}
          </span>
        ) : (
          <div className="receiving-actions">
            <button type="button" disabled={pkg.productId === null} onClick={() => onAct(() => send('receiving-receive', { incomingPackageId: pkg.id }))}>
              Receive all
            </button>
            <input
              aria-label={`Partial quantity for ${pkg.tag} (${pkg.shipped?.unit === 'mg' ? 'grams' : 'units'})`}
              value={partial}
              size={6}
              onChange={(e) => setPartial(e.target.value)}
            />
            <button
              type="button"
              disabled={pkg.productId === null || partialQuantity === undefined || partialQuantity === null || !Number.isSafeInteger(partialQuantity)}
              onClick={() => onAct(() => send('receiving-receive', { incomingPackageId: pkg.id, quantity: partialQuantity ?? 0 }))}
            >
              Receive part
            </button>
            <input aria-label={`Rejection reason for ${pkg.tag}`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
            <button type="button" disabled={reason.trim() === ''} onClick={() => onAct(() => send('receiving-reject', { incomingPackageId: pkg.id, reason }))}>
              Reject
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** Find a product to map to, or create one with the guided form (category, unit, net weight, THC, price). */
function ProductMapper({ pkg, onDone, onAct }: { readonly pkg: IncomingPackageView; readonly onDone: () => void; readonly onAct: Act }) {
  const [text, setText] = useState(pkg.itemName.split(/\s+/)[0] ?? '');
  const [found, setFound] = useState<CatalogItem[]>([]);
  const [creating, setCreating] = useState(false);
  const byWeight = pkg.shipped?.unit === 'mg';
  useEffect(() => {
    let current = true;
    void send('catalog-search', { text, limit: 8 }).then((r) => {
      if (current && r.ok) setFound(r.value.items.filter((i) => (i.sellingMode === 'weight') === byWeight));
    });
    return () => {
      current = false;
    };
  }, [text, byWeight]);
  if (creating) return <NewProductForm pkg={pkg} onDone={onDone} onAct={onAct} />;
  return (
    <div className="product-mapper">
      <input aria-label={`Find a product for ${pkg.tag}`} value={text} onChange={(e) => setText(e.target.value)} />
      {found.map((p) => (
        <button
          key={p.productId}
          type="button"
          onClick={() => {
            onAct(() => send('receiving-map', { incomingPackageId: pkg.id, productId: p.productId }));
            onDone();
          }}
        >
          {p.name}
        </button>
      ))}
      <button type="button" onClick={() => setCreating(true)}>
        New product…
      </button>
    </div>
  );
}

function NewProductForm({ pkg, onDone, onAct }: { readonly pkg: IncomingPackageView; readonly onDone: () => void; readonly onAct: Act }) {
  const byWeight = pkg.shipped?.unit === 'mg';
  const [name, setName] = useState(pkg.itemName);
  const [brand, setBrand] = useState('');
  const [category, setCategory] = useState<ProductCategory>(byWeight ? 'flower' : 'edible');
  const [price, setPrice] = useState('');
  const [netWeight, setNetWeight] = useState(byWeight ? '1' : '');
  const [thc, setThc] = useState('');
  const priceCents = dollarsToCents(price);
  const netWeightMg = gramsToMilligrams(netWeight);
  const thcMg = /^\d{1,6}$/.test(thc.trim()) ? Number(thc) : null;
  const ready = name.trim() !== '' && brand.trim() !== '' && priceCents !== null && priceCents > 0 && netWeightMg !== null && thcMg !== null;
  return (
    <form
      className="new-product"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onAct(() =>
          send('receiving-create-product', {
            incomingPackageId: pkg.id,
            name,
            brand,
            category,
            sellingMode: byWeight ? 'weight' : 'each',
            priceCents: priceCents ?? 0,
            netWeightMg: netWeightMg ?? 0,
            thcMg: thcMg ?? 0,
          }),
        );
        onDone();
      }}
    >
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Brand <input value={brand} onChange={(e) => setBrand(e.target.value)} />
      </label>
      <label>
        Category{' '}
        <select value={category} onChange={(e) => setCategory(e.target.value as ProductCategory)}>
          {productCategories.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c]}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        Sold {byWeight ? 'by weight (price per gram)' : 'per unit'}, as Metrc ships it ({pkg.unitOfMeasure}).
      </p>
      <label>
        Price ($) <input value={price} inputMode="decimal" onChange={(e) => setPrice(e.target.value)} />
      </label>
      <label>
        Net cannabis weight per {byWeight ? 'gram' : 'unit'} (g) <input value={netWeight} inputMode="decimal" onChange={(e) => setNetWeight(e.target.value)} />
      </label>
      <label>
        THC per {byWeight ? 'gram' : 'unit'} (mg) <input value={thc} inputMode="numeric" onChange={(e) => setThc(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!ready}>
        Create and map
      </button>
    </form>
  );
}
