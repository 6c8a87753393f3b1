import type { CatalogIndexItem } from '../../shared/contract/catalog';
import { productCategories } from '../../shared/contract/values';
import { pick, seededRandom } from '../../shared/random';

const strains = [
  'Blue Dream',
  'OG Kush',
  'Gelato',
  'Sour Diesel',
  'Wedding Cake',
  'Granddaddy Purple',
  'Jack Herer',
  'Zkittlez',
  'Pineapple Express',
  'Girl Scout Cookies',
  'Gorilla Glue',
  'Northern Lights',
  'Durban Poison',
  'Green Crack',
  'Purple Haze',
  'Strawberry Cough',
  'Lemon Haze',
  'Runtz',
  'Ice Cream Cake',
  'Mimosa',
  'Sunset Sherbet',
  'Biscotti',
  'Apple Fritter',
  'Tangie',
  'Super Lemon Haze',
  'Chemdawg',
  'Do-Si-Dos',
  'Mac 1',
  'Cereal Milk',
  'Jealousy',
  'Crème Brûlée',
  'Forbidden Fruit',
  'Maui Wowie',
  'Trainwreck',
  'White Widow',
  'AK-47',
  'Bubba Kush',
  'Cherry Pie',
  'Headband',
  'Blueberry Muffin',
];
const brandFirst = [
  'Coastline',
  'Redwood',
  'Sunset',
  'Golden State',
  'Stardust',
  'Cloud Nine',
  'Mountain',
  'Sweet Leaf',
  'Cocoa Canna',
  'Quiet Hours',
  'Fizz',
  'Verdant',
  'Pacific',
  'High Desert',
  'Emerald',
  'Humboldt',
  'Sierra',
  'Mendo',
  'Harbor',
  'Canyon',
];
const brandSecond = [
  'Farms',
  'Roots',
  'Collective',
  'Growers',
  'Extracts',
  'Labs',
  'Press',
  'Kitchen',
  'Co',
  'Botanicals',
  'Gardens',
  'Craft',
  'Reserve',
  'Supply',
  'Naturals',
  'Cultivators',
  'Organics',
  'Brands',
  'Family Farm',
  'Select',
];
const forms: Readonly<Record<(typeof productCategories)[number], readonly string[]>> = {
  flower: ['3.5g', '7g', '14g', '28g', '1g Smalls', '3.5g Indoor'],
  preroll: ['Pre-Roll 1g', 'Pre-Roll 5-Pack', 'Mini Pre-Rolls 10x0.35g', 'Dogwalkers 3-Pack'],
  infused_preroll: ['Diamond Infused Pre-Roll 1g', 'Kief Coated Pre-Roll 1.5g', 'Hash Hole 1.2g'],
  concentrate: ['Live Resin 1g', 'Shatter 1g', 'Badder 1g', 'Hash Rosin 1g', 'Diamonds 1g', 'Sugar 1g'],
  vape: ['Vape Cartridge 0.5g', 'Vape Cartridge 1g', 'Live Resin Disposable 1g', 'All-in-One 0.3g', 'Rosin Cart 0.5g'],
  edible: ['Gummies 10x10mg', 'Gummies 20x5mg', 'Chocolate Bar 100mg', 'Mints 20x5mg', 'Caramels 10x10mg', 'Peach Rings 10x10mg'],
  beverage: ['Sparkling Water 10mg', 'Iced Tea Shot 100mg', 'Seltzer 5mg 4-Pack', 'Lemonade 10mg'],
  tincture: ['Tincture 1000mg 30ml', 'CBD:THC 2:1 Tincture 600mg', 'Sleep Drops 500mg'],
  topical: ['Relief Balm 500mg', 'Body Lotion 200mg', 'Transdermal Patch 20mg', 'Bath Soak 100mg'],
  immature_plant: ['Clone', 'Clone 4-Pack'],
  seed: ['Feminized Seeds 5-Pack', 'Autoflower Seeds 3-Pack'],
  accessory: ['Glass Hand Pipe', 'Rolling Papers', '510 Battery', 'Grinder', 'Lighter'],
};

/** `count` products as a large dispensary's menu might hold them: strains × forms × brands, with SKUs, UPCs and Metrc tags. */
export function generatedCatalog(count: number, seed = 42): CatalogIndexItem[] {
  const next = seededRandom(seed);
  const brands = brandFirst.flatMap((first) => brandSecond.map((second) => `${first} ${second}`));
  const items: CatalogIndexItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const category = pick(next, productCategories);
    const strainLess = category === 'accessory' || category === 'topical' || category === 'beverage';
    const strain = strainLess ? null : pick(next, strains);
    const form = pick(next, forms[category]);
    const brand = pick(next, brands);
    const weight = category === 'flower' && form.startsWith('1g');
    const packages = 1 + Math.floor(next() * 3);
    const tags = Array.from({ length: packages }, (_, p) => `1A40003126600000${String(i * 3 + p).padStart(8, '0')}`);
    const stock = next() < 0.08 ? 0 : 1 + Math.floor(next() * 80);
    items.push({
      productId: `gen-${i}`,
      sku: `${category.slice(0, 3).toUpperCase()}-${String(i).padStart(5, '0')}`,
      upc: next() < 0.7 ? `86${String(100_000_000 + i).padStart(10, '0')}` : null,
      name: strain === null ? `${brand.split(' ')[0] ?? ''} ${form}` : `${strain} ${form}`,
      brand,
      strain,
      category,
      sellingMode: weight ? 'weight' : 'each',
      priceCents: 500 + Math.floor(next() * 95) * 100,
      netWeightMg: weight ? 1000 : 3500,
      thcPercentBp: strain === null ? null : 1500 + Math.floor(next() * 1500),
      thcMg: weight ? 200 : 700,
      piecesPerUnit: null,
      imageId: null,
      available: weight ? stock * 1000 : stock,
      sellablePackages: stock === 0 ? 0 : packages,
      packageTags: stock === 0 ? [] : tags,
    });
  }
  return items;
}
