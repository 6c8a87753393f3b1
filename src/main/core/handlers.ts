import { catalogHandlers } from '../catalog/handlers';
import { cartHandlers } from '../checkout/cart-handlers';
import { customerHandlers } from '../customers/handlers';
import { storeHandlers } from '../store/handlers';
import { combineHandlers } from './registry';
import type { HandlerMap } from './handler';

/** Every feature's handlers; a missing or duplicate command fails at start-up. */
export function allHandlers(): HandlerMap {
  return combineHandlers(storeHandlers, catalogHandlers, customerHandlers, cartHandlers);
}
