import type { Handlers } from '../../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { productImage } from './images';
import { catalogIndexPage, searchCatalog } from './search';

export const catalogHandlers: Handlers<'catalog-search' | 'catalog-index' | 'catalog-product-image'> = {
  'catalog-search': (input, ctx) =>
    searchCatalog(ctx.db, {
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
      text: input.text,
      category: input.category,
      limit: input.limit,
      offset: input.offset,
    }),
  'catalog-index': (input, ctx) =>
    catalogIndexPage(ctx.db, {
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
      offset: input.offset,
      limit: input.limit,
      productIds: input.productIds,
    }),
  'catalog-product-image': (input, ctx) => productImage(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.imageId),
};
