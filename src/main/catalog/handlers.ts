import type { Handlers } from '../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { searchCatalog } from './search';

export const catalogHandlers: Handlers<'catalog-search'> = {
  'catalog-search': (input, ctx) =>
    searchCatalog(ctx.db, {
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
      text: input.text,
      category: input.category,
      limit: input.limit,
      offset: input.offset,
    }),
};
