import type { Core } from '../../src/main/core/create-core';
import { DEMO_STAFF } from '../../src/main/features/demo/seed';

export type DemoRole = (typeof DEMO_STAFF)[number]['role'];

/** Signs a demo staff member in through the real command (PIN, lockout, audit). */
export async function signIn(core: Core, role: DemoRole = 'budtender'): Promise<string> {
  const member = DEMO_STAFF.find((s) => s.role === role);
  if (member === undefined) throw new Error(`no demo ${role}`);
  const result = await core.send('session-sign-in', { staffId: member.id, pin: member.pin });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return member.id;
}

export function demoApproval(role: DemoRole = 'manager'): { staffId: string; pin: string } {
  const member = DEMO_STAFF.find((s) => s.role === role);
  if (member === undefined) throw new Error(`no demo ${role}`);
  return { staffId: member.id, pin: member.pin };
}

/**
 * A manager's grant for one command and payload, through the real command
 * (`approval-grant`): what the renderer's approval dialog does.
 */
export async function approve(core: Core, command: string, payload: Record<string, unknown>, role: DemoRole = 'manager'): Promise<{ grantId: string }> {
  const result = await core.invoke('approval-grant', { command, payload, approver: demoApproval(role) });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return { grantId: (result.value as { grantId: string }).grantId };
}
