/** Formats integer cents as dollars for people: 123456 → "$1,234.56", -325 → "-$3.25". */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be whole cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats milligrams as grams with up to three decimals: 3500 → "3.5 g". */
export function formatMilligrams(mg: number): string {
  if (!Number.isSafeInteger(mg)) throw new RangeError(`Weights must be whole milligrams, got ${mg}`);
  const grams = Math.trunc(mg / 1000);
  const rest = String(Math.abs(mg % 1000))
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${mg < 0 && grams === 0 ? '-' : ''}${grams}${rest === '' ? '' : `.${rest}`} g`;
}
