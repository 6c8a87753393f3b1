import type { ProductCategory } from '../shared/contract/values';

/** What the counter calls each category: shown in the catalog and searched by. */
export const categoryLabels: Readonly<Record<ProductCategory, string>> = {
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
