/**
 * AAMVA dates: CCYYMMDD (version 1, and Canada) or MMDDCCYY (US, version
 * 2+) — but real cards break the rule, so: a value starting 19/20 that is a
 * valid CCYYMMDD date is one; otherwise MMDDCCYY; an impossible date is null.
 */
export function parseAamvaDate(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length !== 8) return null;
  if (/^(19|20)/.test(digits)) {
    const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
    if (isRealDate(iso)) return iso;
  }
  const iso = `${digits.slice(4, 8)}-${digits.slice(0, 2)}-${digits.slice(2, 4)}`;
  return isRealDate(iso) ? iso : null;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (y < 1900 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
