import { useEffect, useRef } from 'react';
import { formatCents, formatMilligrams } from '../../shared/money';
import type { CatalogItem } from '../../shared/contract/catalog';
import { useRegister } from '../state/register-store';

const categoryLabels: Readonly<Record<CatalogItem['category'], string>> = {
  flower: 'Flower',
  preroll: 'Pre-roll',
  infused_preroll: 'Infused pre-roll',
  concentrate: 'Concentrate',
  vape: 'Vape',
  edible: 'Edible',
  beverage: 'Beverage',
  tincture: 'Tincture',
  topical: 'Topical',
  immature_plant: 'Clone',
  seed: 'Seeds',
  accessory: 'Accessory',
};

export function CatalogScreen() {
  const { catalog, catalogTotal, searchText, search } = useRegister();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void search('');
    input.current?.focus();
  }, [search]);

  return (
    <section className="catalog" aria-label="Catalog">
      <label className="search">
        <span className="visually-hidden">Search products</span>
        <input
          ref={input}
          type="search"
          placeholder="Scan or search by name, brand, strain, SKU or UPC"
          value={searchText}
          onChange={(event) => void search(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <p className="catalog-count" data-testid="catalog-count">
        {catalogTotal} products
      </p>
      <table className="catalog-table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Category</th>
            <th scope="col">THC</th>
            <th scope="col" className="num">
              In stock
            </th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {catalog.map((item) => (
            <tr key={item.productId} data-testid="catalog-row">
              <td>
                <div className="product-name">{item.name}</div>
                <div className="product-brand">
                  {item.brand}
                  {item.strain === null ? '' : ` · ${item.strain}`} · {item.sku}
                </div>
              </td>
              <td>
                <span className={`category category-${item.category}`}>{categoryLabels[item.category]}</span>
              </td>
              <td>{item.thcPercentBp === null ? '—' : `${(item.thcPercentBp / 100).toFixed(2)} %`}</td>
              <td className="num">{item.sellingMode === 'weight' ? formatMilligrams(item.available) : item.available}</td>
              <td className="num">
                {formatCents(item.priceCents)}
                {item.sellingMode === 'weight' ? ' / g' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
