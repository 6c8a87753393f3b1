import type { StaffRole } from '../shared/permissions';

/** Each role as the store calls it, on the Staff and Settings screens. */
export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  budtender: 'Budtender',
  lead: 'Shift lead',
  manager: 'Manager',
  compliance_officer: 'Compliance officer',
  admin: 'Admin',
};
