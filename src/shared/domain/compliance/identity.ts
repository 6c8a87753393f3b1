import type { CustomerType } from '../../contract/values';
import { ageOn } from './age';
import type { StateRulePack } from './limit-rule';
import type { Violation } from './violation';

/**
 * Who may buy, as one set of rules for every path to the counter (check-in,
 * the sale gate, an online order's handover): the sale type offered in the
 * state, age on the store-local day by sale type, the ID's dates, the
 * medical card, and for a caregiver both people — the caregiver's own age
 * and card, and the patient's card. Pure.
 */
export interface IdentityFacts {
  readonly saleType: CustomerType;
  /** The store-local day of the sale. */
  readonly day: string;
  /**
   * The ID presented today (the buyer's own). Absent: it was checked and
   * accepted at check-in earlier this store day. `expiry` null: the card
   * carries none that could be read, and nobody typed it from the card face.
   */
  readonly id?: { readonly dateOfBirth: string; readonly expiry: string | null };
  /** The buyer's own medical card expiry (a patient's, or a caregiver's caregiver card); null: none on file. */
  readonly card?: { readonly expiry: string | null };
  /** A caregiver's patient: their card decides too. */
  readonly patient?: { readonly cardExpiry: string | null };
}

export function identityViolations(pack: StateRulePack, facts: IdentityFacts): Violation[] {
  const out: Violation[] = [];
  const refuse = (
    code: Violation['code'],
    category: string,
    rule: string,
    message: string,
    figures: { limit?: number; attempted?: number; unit?: string } = {},
  ) => out.push({ code, category, limit: figures.limit ?? 0, attempted: figures.attempted ?? 0, unit: figures.unit ?? 'n/a', rule, message });
  if (facts.saleType === 'adult' && !pack.adultUse) {
    refuse('SALE_TYPE_NOT_OFFERED', 'sale_type', pack.version, `${pack.state} has no adult-use sales: only registered patients (or their caregivers) may buy.`);
  }
  if (facts.id !== undefined) {
    const { dateOfBirth, expiry } = facts.id;
    if (dateOfBirth >= facts.day)
      refuse('ID_DATES_INVALID', 'age', pack.version, `The birth date ${dateOfBirth} cannot be right: check the ID.`, { unit: 'years' });
    const ageRule = pack.ages.find((a) => a.customerType === facts.saleType);
    const age = ageOn(dateOfBirth, facts.day);
    if (ageRule !== undefined && age < ageRule.minimumAge) {
      const who = facts.saleType === 'caregiver' ? 'The caregiver is' : 'The customer is';
      refuse('UNDERAGE', 'age', ageRule.citation, `${who} ${age}: ${ageRule.minimumAge} is the minimum for this sale (${ageRule.citation}).`, {
        limit: ageRule.minimumAge,
        attempted: age,
        unit: 'years',
      });
    }
    if (expiry === null)
      refuse('ID_EXPIRY_MISSING', 'id', pack.version, 'This ID’s barcode carries no expiry date: type the expiry printed on the front of the card.', {
        unit: 'date',
      });
    else if (expiry < facts.day)
      refuse('ID_EXPIRED', 'id', pack.version, `This ID expired on ${expiry}: it cannot be accepted. Ask for a valid ID.`, { unit: 'date' });
  }
  if (facts.saleType === 'medical') {
    const expiry = facts.card?.expiry ?? null;
    if (expiry === null || expiry < facts.day) {
      refuse(
        'MEDICAL_EXPIRED',
        'medical',
        'state medical program',
        `The medical card ${expiry === null ? 'is missing' : `expired on ${expiry}`}: the customer must renew through the state portal. They may buy as adult-use if eligible.`,
        { unit: 'date' },
      );
    }
  }
  if (facts.saleType === 'caregiver') {
    const own = facts.card?.expiry ?? null;
    if (own === null || own < facts.day) {
      refuse(
        'CAREGIVER_CARD_EXPIRED',
        'medical',
        'state medical program',
        `The caregiver’s own card ${own === null ? 'is missing' : `expired on ${own}`}: the caregiver must renew it before buying for a patient.`,
        { unit: 'date' },
      );
    }
    const patient = facts.patient?.cardExpiry ?? null;
    if (patient === null || patient < facts.day) {
      refuse(
        'MEDICAL_EXPIRED',
        'medical',
        'state medical program',
        `The patient’s medical card ${patient === null ? 'is missing' : `expired on ${patient}`}: the patient must renew through the state portal before a caregiver can buy for them.`,
        { unit: 'date' },
      );
    }
  }
  return out;
}
