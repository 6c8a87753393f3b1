import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { cartLines, carts, onlineOrders } from '../../platform/db/schema';
import { limitMeter, stateAllotmentMeter } from '../compliance/limit-meter';
import { stateCheckForCart } from '../compliance/state-check';
import { saleSubject } from '../compliance/sale-subject';
import { saleLineInputs } from './sale-lines';
import { storeCreditBalance } from './store-credit';
import { writeTransaction } from '../../platform/db/transaction';
import { currentCartId, releaseCart, releaseIdleCarts } from './held-carts';
import { heldCarts } from '../cash-drawer/carts-at-till';
import type { HandlerContext, Handlers } from '../../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { addScanToCart, attachCustomer, openCart, parkCart, removeLine, requireOpenCart, resumeCart, setLineQuantity } from './cart';
import { cartView, parkedCarts } from './cart-view';
import { addManualDiscount } from './manual-discount';
import { signedIn } from '../../core/signed-in';

type CartCommand =
  | 'cart-open'
  | 'cart-current'
  | 'cart-get'
  | 'cart-limits'
  | 'cart-state-allotment'
  | 'cart-scan'
  | 'cart-set-quantity'
  | 'cart-remove-line'
  | 'cart-park'
  | 'cart-resume'
  | 'cart-list-parked'
  | 'cart-attach-customer'
  | 'cart-manual-discount'
  | 'carts-held'
  | 'cart-release'
  | 'cart-store-credit';

/** Cart commands: each change is one IMMEDIATE transaction, so stock holds are checked under the write lock. */
export const cartHandlers: Handlers<CartCommand> = {
  'carts-held': (_input, ctx) => {
    releaseIdleCarts(ctx.db, ctx.now(), ctx.terminalId);
    return { items: heldCarts(ctx.db, ctx.terminalId) };
  },

  'cart-release': async (input, ctx) => {
    releaseCart(ctx.db, { ...input, terminalId: ctx.terminalId, staffId: signedIn(ctx), now: ctx.now() });
    // Limits held for it at the store server go back now (unreachable: they lapse with the hold's time limit).
    await ctx.storeLink.release(input.cartId).catch(() => undefined);
    return { cartId: input.cartId };
  },

  'cart-open': (_input, ctx) => {
    // A new customer is a good moment to let go of carts nobody came back to.
    releaseIdleCarts(ctx.db, ctx.now(), ctx.terminalId);
    return writeTransaction(ctx.db, (tx) => cartView(tx, openCart(tx, ctx.terminalId, ctx.staffId, ctx.now()), ctx.terminalId, ctx.now()));
  },

  'cart-current': (_input, ctx) => {
    const staffId = signedIn(ctx);
    releaseIdleCarts(ctx.db, ctx.now(), ctx.terminalId);
    const cartId = currentCartId(ctx.db, ctx.terminalId, staffId);
    return { cart: cartId === null ? null : cartView(ctx.db, cartId, ctx.terminalId, ctx.now()) };
  },

  'cart-get': (input, ctx) => cartView(ctx.db, input.cartId, ctx.terminalId, ctx.now()),

  'cart-limits': (input, ctx) => {
    const cart = cartAtThisTerminal(ctx, input.cartId);
    const subject = {
      ...saleSubject(ctx.db, ctx.terminalId, cart.customerId, cart.customerType, ctx.now()),
      idVerificationId: cart.idVerificationId,
      cartId: cart.id,
    };
    return limitMeter(ctx.db, ctx.piiKeys, saleLineInputs(ctx.db, cart.id), subject);
  },

  'cart-state-allotment': async (input, ctx) => {
    const cart = cartAtThisTerminal(ctx, input.cartId);
    // The sale gate's own question to the state (cached a minute by the sync engine; offline, the last answer).
    const check = await stateCheckForCart(ctx.db, ctx.piiKeys, ctx.sync, { cartId: cart.id, terminalId: ctx.terminalId, now: ctx.now() });
    if (check === null) return { allotment: null };
    const subject = {
      ...saleSubject(ctx.db, ctx.terminalId, cart.customerId, cart.customerType, ctx.now()),
      idVerificationId: cart.idVerificationId,
      cartId: cart.id,
    };
    return { allotment: stateAllotmentMeter(ctx.db, ctx.piiKeys, saleLineInputs(ctx.db, cart.id), subject, check) };
  },

  'cart-scan': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      addScanToCart(tx, {
        storeId: storeIdOfTerminal(tx, ctx.terminalId),
        cartId: input.cartId,
        code: input.code,
        quantity: input.quantity,
        weightMg: input.weightMg,
        now: ctx.now(),
      });
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-set-quantity': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      setLineQuantity(tx, input.cartId, input.lineId, input.quantity, ctx.now());
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-remove-line': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      removeLine(tx, input.cartId, input.lineId, ctx.now());
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-park': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      parkCart(tx, input.cartId, input.label, ctx.now());
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-resume': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      // An online order's cart is picked and handed over on the Orders screen, not resumed half-picked at the counter.
      const order = tx
        .select({ platformOrderId: onlineOrders.platformOrderId, status: onlineOrders.status })
        .from(onlineOrders)
        .where(eq(onlineOrders.cartId, input.cartId))
        .get();
      if (order !== undefined && order.status !== 'ready')
        throw new AppError(
          'CART_IS_ONLINE_ORDER',
          `This cart holds online order ${order.platformOrderId}, which is ${order.status}: pick it and hand it over on the Orders screen (F11).`,
        );
      resumeCart(tx, input.cartId, ctx.terminalId, ctx.now());
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-list-parked': (_input, ctx) => ({
    items: parkedCarts(ctx.db, ctx.terminalId).map((cart) => ({
      cartId: cart.id,
      label: cart.parkedLabel ?? '',
      lines:
        ctx.db
          .select({ n: sql<number>`count(*)` })
          .from(cartLines)
          .where(eq(cartLines.cartId, cart.id))
          .get()?.n ?? 0,
      updatedAt: cart.updatedAt.toISOString(),
    })),
  }),

  'cart-manual-discount': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      const staffId = signedIn(ctx);
      // A lead or manager approves their own discount; anyone else's carries the approving manager.
      addManualDiscount(tx, {
        ...input,
        lineId: input.lineId ?? null,
        staffId,
        approvedBy: ctx.approvedBy ?? staffId,
        terminalId: ctx.terminalId,
        now: ctx.now(),
      });
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),

  'cart-store-credit': (input, ctx) => {
    const cart = cartAtThisTerminal(ctx, input.cartId);
    return { balanceCents: cart.customerId === null ? 0 : storeCreditBalance(ctx.db, cart.customerId) };
  },

  'cart-attach-customer': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      requireOpenCart(tx, input.cartId, ctx.terminalId);
      attachCustomer(tx, input.cartId, input.customerId, ctx.now());
      return cartView(tx, input.cartId, ctx.terminalId, ctx.now());
    }),
};

/** A cart of this terminal (the meters read another terminal's cart as not there). */
function cartAtThisTerminal(ctx: HandlerContext, cartId: string) {
  const cart = ctx.db
    .select()
    .from(carts)
    .where(and(eq(carts.id, cartId), eq(carts.terminalId, ctx.terminalId)))
    .get();
  if (cart === undefined) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  return cart;
}
