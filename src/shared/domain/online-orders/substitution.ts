/**
 * How the customer agreed to a substituted product: in person, by phone,
 * through the platform's own messages, or by replying to a text (never for
 * a Leafly order, whose customers the store does not text).
 */
export const substitutionAgreements = ['in_person', 'phone', 'platform_message', 'text_reply'] as const;
export type SubstitutionAgreement = (typeof substitutionAgreements)[number];
