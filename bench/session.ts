import type { Core } from '../src/main/core/create-core';
import { DEMO_STAFF } from '../src/main/features/demo/seed';

/** Benchmarks run as the demo budtender, through the real sign-in. */
export async function signInBudtender(core: Core): Promise<void> {
  const budtender = DEMO_STAFF.find((s) => s.role === 'budtender');
  if (budtender === undefined) throw new Error('no demo budtender');
  const result = await core.send('session-sign-in', { staffId: budtender.id, pin: budtender.pin });
  if (!result.ok) throw new Error(result.error.message);
}
