import { describe, expect, it } from 'vitest';
import { contactEmail, contactPhone, maskedEmail, maskedPhone } from '../../../../src/shared/domain/customers/contact-details';

describe('a customer’s phone number', () => {
  it('is normalised to E.164 however it was written', () => {
    for (const written of ['212-555-0142', '(212) 555-0142', '212.555.0142', '1 212 555 0142', '+1 (212) 555-0142', '２１２５５５０１４２'])
      expect(contactPhone(written)).toBe('+12125550142');
    expect(contactPhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('refuses a US number without exactly 10 digits, a bad area code, or letters, with a typed error', () => {
    for (const bad of ['555-0142', '212-555-01423', '+1 212 555 014', '+1 212 555 01423', '112-555-0142', '012-555-0142', '212-CALL-NOW', '', '+0 123 4567'])
      expect(() => contactPhone(bad), bad).toThrow(expect.objectContaining({ code: 'CUSTOMER_PHONE_INVALID' }));
  });
});

describe('a customer’s email address', () => {
  it('is trimmed with its domain lower-cased', () => {
    expect(contactEmail('  Rosa.Parkes@Example.COM ')).toBe('Rosa.Parkes@example.com');
  });

  it('refuses what is not an address, with a typed error', () => {
    for (const bad of [
      'rosa',
      'rosa@',
      '@example.com',
      'rosa@example',
      'ro sa@example.com',
      'rosa@exa_mple.com',
      'rosa@@example.com',
      `${'r'.repeat(65)}@example.com`,
    ])
      expect(() => contactEmail(bad), bad).toThrow(expect.objectContaining({ code: 'CUSTOMER_EMAIL_INVALID' }));
  });

  it('is shown masked on the card, as is the phone', () => {
    expect(maskedEmail('Rosa.Parkes@example.com')).toBe('R•••@example.com');
    expect(maskedPhone('+12125550142')).toBe('••• ••• 0142');
  });
});
