/**
 * The consent ledger (issue #21): every grant and revocation of consent to
 * text a number, append-only, with where it came from, when, and the proof
 * (the signed form's id, the inbound message's id). Marketing needs prior
 * express written consent; transactional texts prior express consent.
 * STOP (by any of its words) revokes everything for that number, and only
 * the person texting START again reopens it: no form, import or staff
 * action overrides a STOP.
 */
export const consentKinds = ['transactional', 'marketing'] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentSources = ['counter', 'web_form', 'sms_keyword', 'import'] as const;
export type ConsentSource = (typeof consentSources)[number];

export type ConsentEntry =
  | {
      readonly action: 'grant';
      readonly phone: string;
      readonly kind: ConsentKind;
      /** Marketing consent must be written (a signed form, a web form with the disclosure). */
      readonly written: boolean;
      readonly source: ConsentSource;
      readonly at: Date;
      readonly proof: string;
    }
  | { readonly action: 'revoke'; readonly phone: string; readonly kind: ConsentKind; readonly source: ConsentSource; readonly at: Date; readonly proof: string }
  | { readonly action: 'stop'; readonly phone: string; readonly source: 'sms_keyword'; readonly at: Date; readonly proof: string }
  | { readonly action: 'start'; readonly phone: string; readonly source: 'sms_keyword'; readonly at: Date; readonly proof: string };

/** CTIA's standard opt-out words, plus plain-language ones (a revocation "by any reasonable means"). ⚠ verify the current FCC list. */
export const STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT'] as const;
export const START_WORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_WORDS = ['HELP', 'INFO'] as const;

export type InboundMeaning = 'stop' | 'start' | 'help' | 'other';

/** What an inbound text means: a keyword alone on the message (any case, surrounding spaces or punctuation ignored). */
export function interpretInbound(text: string): InboundMeaning {
  const word = text
    .trim()
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if ((STOP_WORDS as readonly string[]).includes(word)) return 'stop';
  if ((START_WORDS as readonly string[]).includes(word)) return 'start';
  if ((HELP_WORDS as readonly string[]).includes(word)) return 'help';
  return 'other';
}

/** The one reply to HELP: who is texting and how to stop. */
export function helpReply(storeName: string, supportPhone: string): string {
  return `${storeName}: order updates. Msg & data rates may apply. Reply STOP to opt out. Help: ${supportPhone}.`;
}

/** The reply confirming a STOP (the one message a STOP'd number may get, sent at once). */
export function stopReply(storeName: string): string {
  return `${storeName}: you are unsubscribed and will get no more texts. Reply START to opt back in.`;
}

export const normalisePhone = (phone: string): string => phone.replace(/[^\d+]/g, '');

/** Whether `phone` may be texted `kind` messages now, from its ledger entries (any order). */
export function hasConsent(ledger: readonly ConsentEntry[], phone: string, kind: ConsentKind): boolean {
  const mine = ledger.filter((e) => normalisePhone(e.phone) === normalisePhone(phone)).sort((a, b) => a.at.getTime() - b.at.getTime());
  let stopped = false;
  let granted = false;
  for (const entry of mine) {
    if (entry.action === 'stop' || entry.action === 'start') {
      stopped = entry.action === 'stop';
      if (stopped) granted = false;
      continue;
    }
    if (entry.kind !== kind) continue;
    if (entry.action === 'revoke') granted = false;
    // A grant while stopped is recorded but does not reopen the number; marketing needs it in writing.
    else if (!stopped && (kind === 'transactional' || entry.written)) granted = true;
  }
  return !stopped && granted;
}

/** Whether the number's latest keyword is STOP (for the "never send" guard, before anything else is asked). */
export function isStopped(ledger: readonly ConsentEntry[], phone: string): boolean {
  const keywords = ledger
    .filter((e) => (e.action === 'stop' || e.action === 'start') && normalisePhone(e.phone) === normalisePhone(phone))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return keywords.at(-1)?.action === 'stop';
}
