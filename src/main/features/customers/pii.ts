import { decryptField, encryptField, lookupHash, type PiiKeys } from '../../platform/security/pii-crypto';

/**
 * The customer columns held encrypted at rest, by table-qualified name (the
 * name is the cipher's associated data: a value moved to another column
 * will not decrypt). Each searchable one has a keyed-hash `*_lookup` twin.
 */
export const PII_COLUMNS = {
  medicalRegistration: 'customers.medical_registration',
  phone: 'customers.phone',
  email: 'customers.email',
  preferences: 'customers.preferences',
} as const;

/** Encrypts a medical registration number and computes its lookup hash. */
export function sealMedicalRegistration(keys: PiiKeys, registration: string): { medicalRegistration: string; medicalRegistrationLookup: string } {
  return {
    medicalRegistration: encryptField(keys.encryption, PII_COLUMNS.medicalRegistration, registration),
    medicalRegistrationLookup: lookupHash(keys.lookup, PII_COLUMNS.medicalRegistration, registration),
  };
}

export function openMedicalRegistration(keys: PiiKeys, sealed: string): string {
  return decryptField(keys.encryption, PII_COLUMNS.medicalRegistration, sealed);
}

export function medicalRegistrationLookup(keys: PiiKeys, registration: string): string {
  return lookupHash(keys.lookup, PII_COLUMNS.medicalRegistration, registration);
}
