import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PricedSale, SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import type { SaleSubject } from '../compliance/sale-subject';

/** Prices a cart: promotions, manual discounts, taxes. Pure: reads nothing but what it is given and the transaction. */
export type PriceSale = (tx: RegisterDb | RegisterTx, lines: readonly SaleLineInput[], subject: SaleSubject & { readonly cartId: string }) => PricedSale;
