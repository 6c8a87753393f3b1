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

/** Search results: a row per product, with stock and price; Add puts it in the cart by SKU. */
export function CatalogList({ onAdd }: { readonly onAdd: (sku: string) => void }) {
  const { catalog, catalogTotal } = useRegister();

  return (
    <>
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
            <th scope="col">
              <span className="visually-hidden">Add</span>
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
              <td>
                <button type="button" onClick={() => onAdd(item.sku)} disabled={item.available === 0} aria-label={`Add ${item.name}`}>
                  Add
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
