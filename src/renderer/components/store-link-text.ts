import type { StoreLinkState } from '../../shared/contract/store-link';

export const MODE_TEXT: Readonly<Record<StoreLinkState['mode'], string>> = {
  single: 'Not part of a store server: this register sells on its own (limits count its own sales).',
  connected: '✓ Connected: limits count every register in the store.',
  isolated: '⚠ Cut off from the store server.',
};

/** The store's isolation policy for each sale type, in a budtender's words. */
export function isolationText(state: StoreLinkState): string {
  const words = (Object.entries(state.isolation) as Array<[keyof StoreLinkState['isolation'], StoreLinkState['isolation']['adult']]>).map(([type, policy]) => {
    const who = type === 'adult' ? 'adult-use' : type;
    if (policy.mode === 'refuse') return `${who}: no limited goods`;
    if (policy.mode === 'designated')
      return `${who}: ${state.designated ? 'this is the designated register (limited goods allowed)' : 'limited goods only at the designated register'}`;
    const amounts = Object.entries(policy.allowance)
      .map(([bucket, amount]) => `${amount >= 1000 ? `${amount / 1000} g` : `${amount} mg`} ${bucket}`)
      .join(', ');
    return `${who}: up to ${amounts === '' ? 'nothing limited' : amounts} per person here`;
  });
  return `${words.join('; ')}. Goods that count toward no limit sell as usual.`;
}
