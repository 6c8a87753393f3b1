import { hasConsent, isStopped, type ConsentEntry, type ConsentKind } from './consent';
import { platformAllowsCustomerTexts } from './platforms';
import { capAllows, quietHoursRule, sendingWindow, type Recipient } from './quiet-hours';

export interface OutgoingText {
  readonly to: string;
  readonly kind: ConsentKind;
  /** The marketplace of the order it is about; null for the store's own (a counter sale, loyalty). */
  readonly orderPlatform: string | null;
  readonly recipient: Recipient;
  /** A reply to the number's own HELP: it asked, so no consent on file is needed (CTIA); STOP, hours and the cap still apply. */
  readonly answersKeyword?: 'help' | null;
}

export type SendDecision =
  | { readonly send: true }
  /** Later: outside the recipient's hours, or over the 24 h cap; try again at `retryAt`. */
  | { readonly send: false; readonly later: true; readonly retryAt: Date; readonly reason: string }
  /** Never: the number said STOP, there is no consent, or the platform forbids partner texts. */
  | { readonly send: false; readonly later: false; readonly reason: string };

/**
 * Whether one customer text may go now, in this order: the platform's rule
 * (Leafly: never), STOP, consent for the kind (not for a HELP answer), the recipient's hours, the
 * state's 24 h cap (counting every text sent to the number).
 */
export function decideSend(text: OutgoingText, ledger: readonly ConsentEntry[], sentToNumber: readonly Date[], at: Date): SendDecision {
  if (!platformAllowsCustomerTexts(text.orderPlatform))
    return { send: false, later: false, reason: `${text.orderPlatform ?? ''} does not allow the store to text its customers` };
  if (isStopped(ledger, text.to)) return { send: false, later: false, reason: 'the number replied STOP' };
  if (text.answersKeyword !== 'help' && !hasConsent(ledger, text.to, text.kind))
    return { send: false, later: false, reason: `no ${text.kind} consent on file` };
  const window = sendingWindow(text.recipient, at);
  if (!window.open)
    return { send: false, later: true, retryAt: window.opensAt, reason: `outside ${window.rule.startHour}:00–${window.rule.endHour}:00 for the recipient` };
  const cap = capAllows(quietHoursRule(text.recipient.state), sentToNumber, at);
  if (!cap.allowed) return { send: false, later: true, retryAt: cap.retryAt, reason: 'at the state’s 24-hour message cap' };
  return { send: true };
}
