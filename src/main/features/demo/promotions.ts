import type { PromotionDefinition } from '../../../shared/domain/promotions/promotion';

/** The demo store's promotions: data, as a manager would enter them. */
export const demoPromotions: ReadonlyArray<{
  readonly id: string;
  readonly name: string;
  readonly definition: Partial<PromotionDefinition> & Pick<PromotionDefinition, 'kind'>;
}> = [
  {
    id: 'promo-demo-edibles-b2g1',
    name: 'Edibles: buy 2, get 1 half price',
    definition: { priority: 10, scope: { categories: ['edible'] }, kind: { type: 'buy_x_get_y', buy: 2, get: 1, bp: 5_000 } },
  },
  {
    id: 'promo-demo-veterans',
    name: 'Veterans 10% off',
    definition: { priority: 5, customerGroups: ['veteran'], kind: { type: 'percent_off', bp: 1_000 } },
  },
  {
    id: 'promo-demo-topical-tuesday',
    name: 'Topical Tuesday 20% off',
    definition: { priority: 5, daysOfWeek: [2], scope: { categories: ['topical'] }, kind: { type: 'percent_off', bp: 2_000 } },
  },
];
