import type { Handlers } from '../../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { catalogIndexPage, searchCatalog } from './search';

export const catalogHandlers: Handlers<'catalog-search' | 'catalog-index'> = {
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
};
