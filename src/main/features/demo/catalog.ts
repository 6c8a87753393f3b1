import type { ProductCategory } from '../../../shared/contract/values';

/**
 * The demo store's menu: realistic names, prices and potencies across the
 * categories a California dispensary carries. Fictional brands.
 */
export interface DemoProduct {
  readonly name: string;
  readonly brand: string;
  readonly strain: string | null;
  readonly category: ProductCategory;
  readonly sellingMode: 'each' | 'weight';
  readonly priceCents: number;
  /** Cannabis net weight per unit (per gram for bulk flower: 1000). */
  readonly netWeightMg: number;
  readonly thcMg: number;
  readonly thcPercentBp: number | null;
  /** Pieces in one pack (gummies, mints, cans), for the dose per piece. */
  readonly piecesPerUnit?: number;
  /** The colour of its demo picture, for the few products that have one. */
  readonly picture?: readonly [number, number, number];
}

const flower = (name: string, brand: string, strain: string, netWeightMg: number, priceCents: number, thcBp: number): DemoProduct => ({
  name,
  brand,
  strain,
  category: 'flower',
  sellingMode: 'each',
  priceCents,
  netWeightMg,
  thcMg: Math.floor((netWeightMg * thcBp) / 10_000),
  thcPercentBp: thcBp,
});

const infused = (
  category: ProductCategory,
  name: string,
  brand: string,
  strain: string | null,
  netWeightMg: number,
  thcMg: number,
  priceCents: number,
  thcBp: number | null = null,
): DemoProduct => ({
  name,
  brand,
  strain,
  category,
  sellingMode: 'each',
  priceCents,
  netWeightMg,
  thcMg,
  thcPercentBp: thcBp,
});

export const demoProducts: readonly DemoProduct[] = [
  flower('Blue Dream 3.5g', 'Coastline Farms', 'Blue Dream', 3500, 3500, 2240),
  flower('Blue Dream 7g', 'Coastline Farms', 'Blue Dream', 7000, 6000, 2240),
  flower('OG Kush 3.5g', 'Redwood Roots', 'OG Kush', 3500, 4000, 2510),
  flower('Gelato #33 3.5g', 'Sunset Collective', 'Gelato', 3500, 4500, 2780),
  flower('Sour Diesel 3.5g', 'Coastline Farms', 'Sour Diesel', 3500, 3800, 2190),
  flower('Wedding Cake 3.5g', 'Golden State Growers', 'Wedding Cake', 3500, 4200, 2650),
  flower('Granddaddy Purple 14g', 'Redwood Roots', 'Granddaddy Purple', 14000, 11000, 2010),
  flower('Jack Herer 3.5g', 'Sunset Collective', 'Jack Herer', 3500, 3600, 2050),
  flower('Zkittlez 28g', 'Golden State Growers', 'Zkittlez', 28000, 18000, 2320),
  flower('Pineapple Express 3.5g', 'Coastline Farms', 'Pineapple Express', 3500, 3400, 1980),
  {
    name: 'House Flower (by the gram)',
    brand: 'Greentill Select',
    strain: 'Mixed Sativa',
    category: 'flower',
    sellingMode: 'weight',
    priceCents: 900,
    netWeightMg: 1000,
    thcMg: 190,
    thcPercentBp: 1900,
  },
  infused('preroll', 'Blue Dream Pre-Roll 1g', 'Coastline Farms', 'Blue Dream', 1000, 224, 1200, 2240),
  infused('preroll', 'OG Kush Pre-Roll 5-Pack', 'Redwood Roots', 'OG Kush', 2500, 627, 3000, 2510),
  infused('preroll', 'Gelato Mini Pre-Rolls 10x0.35g', 'Sunset Collective', 'Gelato', 3500, 973, 3500, 2780),
  infused('preroll', 'Sativa Dogwalkers 3-Pack', 'Golden State Growers', 'Sour Diesel', 1500, 330, 2000, 2200),
  infused('infused_preroll', 'Diamond Infused Pre-Roll 1g', 'Stardust Extracts', 'Gelato', 1000, 400, 2200, 4000),
  infused('infused_preroll', 'Kief Coated Pre-Roll 1.5g', 'Stardust Extracts', 'OG Kush', 1500, 525, 2500, 3500),
  infused('vape', 'Blue Dream Vape Cartridge 0.5g', 'Cloud Nine Labs', 'Blue Dream', 500, 425, 3000, 8500),
  infused('vape', 'Sour Diesel Vape Cartridge 1g', 'Cloud Nine Labs', 'Sour Diesel', 1000, 860, 5000, 8600),
  infused('vape', 'Live Resin Disposable 1g', 'Stardust Extracts', 'Wedding Cake', 1000, 820, 5500, 8200),
  infused('vape', 'Strawberry Cough All-in-One 0.3g', 'Cloud Nine Labs', 'Strawberry Cough', 300, 255, 2500, 8500),
  infused('vape', 'Solventless Rosin Cart 0.5g', 'Mountain Press', 'Zkittlez', 500, 380, 6000, 7600),
  infused('vape', 'Pineapple Express Cart 1g', 'Cloud Nine Labs', 'Pineapple Express', 1000, 880, 4800, 8800),
  infused('concentrate', 'Gelato Live Resin 1g', 'Stardust Extracts', 'Gelato', 1000, 780, 4500, 7800),
  infused('concentrate', 'OG Kush Shatter 1g', 'Mountain Press', 'OG Kush', 1000, 820, 3500, 8200),
  infused('concentrate', 'Wedding Cake Badder 1g', 'Stardust Extracts', 'Wedding Cake', 1000, 760, 4000, 7600),
  infused('concentrate', 'Hash Rosin 1g', 'Mountain Press', 'Zkittlez', 1000, 720, 7000, 7200),
  infused('concentrate', 'THCa Diamonds 1g', 'Stardust Extracts', 'Jack Herer', 1000, 920, 6500, 9200),
  infused('concentrate', 'Bubble Hash 2g', 'Mountain Press', 'Granddaddy Purple', 2000, 1100, 5000, 5500),
  { ...infused('edible', 'Sour Watermelon Gummies 10x10mg', 'Sweet Leaf Kitchen', null, 0, 100, 2000), piecesPerUnit: 10, picture: [226, 62, 87] },
  infused('edible', 'Dark Chocolate Bar 100mg', 'Cocoa Canna Co', null, 0, 100, 2200),
  { ...infused('edible', 'Blueberry Gummies 20x5mg', 'Sweet Leaf Kitchen', null, 0, 100, 1800), piecesPerUnit: 20, picture: [70, 90, 200] },
  { ...infused('edible', 'Peach Rings 10x10mg', 'Sweet Leaf Kitchen', null, 0, 100, 2000), piecesPerUnit: 10, picture: [250, 170, 90] },
  { ...infused('edible', 'Sea Salt Caramels 10x10mg', 'Cocoa Canna Co', null, 0, 100, 2400), piecesPerUnit: 10 },
  { ...infused('edible', 'CBD:THC 1:1 Mints 20x5mg', 'Quiet Hours', null, 0, 100, 2500), piecesPerUnit: 20 },
  { ...infused('edible', 'Milk Chocolate Minis 10x5mg', 'Cocoa Canna Co', null, 0, 50, 1500), piecesPerUnit: 10 },
  { ...infused('edible', 'Sleepy Berry Gummies 10x10mg', 'Quiet Hours', null, 0, 100, 2200), piecesPerUnit: 10 },
  infused('beverage', 'Sparkling Lemonade 10mg', 'Fizz Botanicals', null, 0, 10, 700),
  infused('beverage', 'Iced Tea Shot 100mg', 'Fizz Botanicals', null, 0, 100, 1500),
  { ...infused('beverage', 'Grapefruit Seltzer 5mg 4-Pack', 'Fizz Botanicals', null, 0, 20, 1800), piecesPerUnit: 4 },
  infused('tincture', 'THC Tincture 1000mg 30ml', 'Quiet Hours', null, 0, 1000, 5500),
  infused('tincture', 'CBD:THC 2:1 Tincture 600mg', 'Quiet Hours', null, 0, 200, 4500),
  infused('topical', 'Cooling Relief Balm 500mg', 'Verdant Apothecary', null, 0, 250, 3500),
  infused('topical', 'Body Lotion 200mg', 'Verdant Apothecary', null, 0, 100, 2800),
  infused('topical', 'Transdermal Patch 20mg', 'Verdant Apothecary', null, 0, 20, 1200),
  infused('topical', 'Bath Soak 100mg', 'Verdant Apothecary', null, 0, 50, 1600),
  infused('immature_plant', 'Clone: Blue Dream', 'Coastline Farms', 'Blue Dream', 0, 0, 1500),
  infused('seed', 'Feminized Seeds 5-Pack: Gelato', 'Sunset Collective', 'Gelato', 0, 0, 4000),
  infused('accessory', 'Glass Hand Pipe', 'Greentill Select', null, 0, 0, 1800),
  infused('accessory', 'Hemp Rolling Papers', 'Greentill Select', null, 0, 0, 300),
  infused('accessory', '510 Battery', 'Cloud Nine Labs', null, 0, 0, 2000),
];
