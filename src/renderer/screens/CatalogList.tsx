import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatCents, formatMilligrams } from '../../shared/money';
import type { CatalogItem } from '../../shared/contract/catalog';
import { categoryLabels } from '../category-labels';
import { ProductPicture } from '../components/ProductPicture';
import { doseText } from '../product-dose';
import { useRegister } from '../state/register-store';
import { useMediaQuery } from '../useMediaQuery';
import { CATALOG_ROW_HEIGHT, NARROW_SCREEN } from './catalog-layout';

/** Rows rendered beyond each edge of the visible ones, so a quick scroll shows no blank. */
const OVERSCAN = 2;
/** Up to this many results all rows are rendered: windowing pays off only for long lists. */
const RENDER_ALL_UP_TO = 20;

interface Viewport {
  /** The first row (partly) visible. */
  readonly first: number;
  /** How many rows fit in the scroll box. */
  readonly rows: number;
}

function viewportOf(box: HTMLElement): Viewport {
  return { first: Math.floor(box.scrollTop / CATALOG_ROW_HEIGHT), rows: Math.ceil(box.clientHeight / CATALOG_ROW_HEIGHT) + 1 };
}

/**
 * Search results, windowed: a scroll box holding a table whose body renders
 * only the rows in view (plus a margin), with spacer rows standing in for
 * the rest, so 50,000 results cost what 30 do. Add puts a product in the
 * cart by SKU.
 */
export function CatalogList({ onAdd, activeIndex = -1 }: { readonly onAdd: (sku: string) => void; readonly activeIndex?: number }) {
  const catalog = useRegister((s) => s.catalog);
  const catalogTotal = useRegister((s) => s.catalogTotal);
  const catalogMore = useRegister((s) => s.catalogMore);
  const searchText = useRegister((s) => s.searchText);
  const searching = useRegister((s) => s.searching);
  const loading = useRegister((s) => s.loading);
  const box = useRef<HTMLDivElement>(null);
  // On a narrow counter screen the product name keeps the room: category goes under it, THC is left out.
  const narrow = useMediaQuery(NARROW_SCREEN);
  const [viewport, setViewport] = useState<Viewport>(() => ({ first: 0, rows: Math.ceil(window.innerHeight / CATALOG_ROW_HEIGHT) }));

  // Rows are memoized: a stable Add handler lets scrolling re-render only the rows that come into view.
  const latestOnAdd = useRef(onAdd);
  useEffect(() => {
    latestOnAdd.current = onAdd;
  }, [onAdd]);
  const add = useCallback((sku: string) => latestOnAdd.current(sku), []);

  // Where the box is scrolled, as its scroll events last said: read here, not from the box (a forced layout).
  const scrolled = useRef(0);
  const follow = useCallback(() => {
    const element = box.current;
    if (element === null) return;
    scrolled.current = element.scrollTop;
    const next = viewportOf(element);
    setViewport((current) => (current.first === next.first && current.rows === next.rows ? current : next));
  }, []);

  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return;
    follow();
    const resized = new ResizeObserver(follow);
    resized.observe(element);
    return () => resized.disconnect();
  }, [follow]);

  // A new search shows its best results: back to the top.
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null || scrolled.current === 0) return;
    element.scrollTop = 0;
    scrolled.current = 0;
    setViewport((current) => (current.first === 0 ? current : { ...current, first: 0 }));
  }, [searchText]);

  // The result picked with the arrow keys is scrolled into view (below the sticky header).
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null || activeIndex < 0) return;
    const header = element.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const top = header + activeIndex * CATALOG_ROW_HEIGHT;
    if (top - header < element.scrollTop) element.scrollTop = top - header;
    else if (top + CATALOG_ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + CATALOG_ROW_HEIGHT - element.clientHeight;
    else return;
    follow();
  }, [activeIndex, follow]);

  const count = catalog.length;
  const windowed = count > RENDER_ALL_UP_TO;
  const start = windowed ? Math.max(0, Math.min(viewport.first, count - viewport.rows) - OVERSCAN) : 0;
  const end = windowed ? Math.min(count, viewport.first + viewport.rows + OVERSCAN) : count;

  return (
    <>
      <div className="catalog-count-row">
        <p className="catalog-count" data-testid="catalog-count">
          {catalogTotal}
          {catalogMore ? '+' : ''} products
        </p>
        <p className="pick-hint" aria-live="polite">
          {activeIndex >= 0 ? '↑ ↓ to choose, Enter to add' : ''}
        </p>
      </div>
      {/* data-results-for: the search these rows answer (the keystroke probe and tests wait on it). */}
      <div className="catalog-scroll" ref={box} onScroll={follow} data-testid="catalog-scroll" data-results-for={searchText} aria-busy={searching || loading}>
        <table className="catalog-table" aria-rowcount={count + 1}>
          <colgroup>
            <col />
            {narrow ? null : <col className="col-category" />}
            {narrow ? null : <col className="col-thc" />}
            <col className="col-stock" />
            <col className="col-price" />
            <col className="col-add" />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Product</th>
              {narrow ? null : <th scope="col">Category</th>}
              {narrow ? null : <th scope="col">THC</th>}
              <th scope="col" className="num">
                In stock
              </th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col">
                <span className="visually-hidden">Add</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Spacer rows={start} columns={narrow ? 4 : 6} />
            {catalog.slice(start, end).map((item, i) => (
              // Keyed by place, not product: a keystroke refills the same rows instead of replacing them.
              <CatalogRow key={start + i} item={item} rowIndex={start + i + 2} onAdd={add} active={start + i === activeIndex} narrow={narrow} />
            ))}
            <Spacer rows={count - end} columns={narrow ? 4 : 6} />
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Stands in for rows not rendered, keeping the scroll height right. */
function Spacer({ rows, columns }: { readonly rows: number; readonly columns: number }) {
  if (rows <= 0) return null;
  return (
    <tr className="catalog-spacer" aria-hidden="true" style={{ height: rows * CATALOG_ROW_HEIGHT }}>
      <td colSpan={columns} />
    </tr>
  );
}

const CatalogRow = memo(function CatalogRow({
  item,
  rowIndex,
  onAdd,
  active,
  narrow,
}: {
  readonly item: CatalogItem;
  readonly rowIndex: number;
  readonly onAdd: (sku: string) => void;
  readonly active: boolean;
  readonly narrow: boolean;
}) {
  const dose = doseText(item);
  return (
    <tr className={active ? 'catalog-row active' : 'catalog-row'} data-testid="catalog-row" aria-rowindex={rowIndex} aria-selected={active}>
      <td>
        <div className="product-cell">
          <ProductPicture imageId={item.imageId} />
          <div className="product-text">
            <div className="product-name" title={item.name}>
              {item.name}
            </div>
            {dose === null ? null : (
              <div className="product-dose" data-testid="product-dose">
                {dose}
              </div>
            )}
            <div className="product-brand">
              {narrow ? `${categoryLabels[item.category]} · ` : ''}
              {item.brand}
              {item.strain === null ? '' : ` · ${item.strain}`} · {item.sku}
            </div>
          </div>
        </div>
      </td>
      {narrow ? null : (
        <td>
          <span className={`category category-${item.category}`}>{categoryLabels[item.category]}</span>
        </td>
      )}
      {narrow ? null : <td>{item.thcPercentBp === null ? '—' : `${(item.thcPercentBp / 100).toFixed(2)} %`}</td>}
      <td className="num">{item.sellingMode === 'weight' ? formatMilligrams(item.available) : item.available}</td>
      <td className="num">
        {formatCents(item.priceCents)}
        {item.sellingMode === 'weight' ? ' / g' : ''}
      </td>
      <td>
        <button type="button" onClick={() => onAdd(item.sku)} disabled={item.available === 0} aria-label={`Add ${item.name}`}>
          Add
        </button>
      </td>
    </tr>
  );
});
