import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/log';
import { messageTemplates } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { requireNoMedicalClaim } from './claim-rules';

export type TemplateKind = (typeof messageTemplates.$inferSelect)['kind'];

export interface TemplateSave {
  readonly storeId: string;
  readonly kind: TemplateKind;
  readonly name: string;
  readonly body: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

const KIND_LABEL: Record<TemplateKind, string> = { receipt_message: 'The receipt message', sms: 'The SMS template' };

/** Saves (creates or replaces by kind and name) a customer-facing template, after the medical-claim check; audited with before and after. */
export function saveTemplate(tx: RegisterTx, request: TemplateSave): { templateId: string; created: boolean } {
  requireNoMedicalClaim(tx, request.storeId, request.body, `${KIND_LABEL[request.kind]} “${request.name}”`);
  const existing = tx
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.storeId, request.storeId), eq(messageTemplates.kind, request.kind), eq(messageTemplates.name, request.name)))
    .get();
  const templateId = existing?.id ?? randomUUID();
  if (existing === undefined) {
    tx.insert(messageTemplates)
      .values({
        id: templateId,
        storeId: request.storeId,
        kind: request.kind,
        name: request.name,
        body: request.body,
        updatedBy: request.staffId,
        updatedAt: request.now,
      })
      .run();
  } else {
    tx.update(messageTemplates)
      .set({ body: request.body, updatedBy: request.staffId, updatedAt: request.now })
      .where(eq(messageTemplates.id, templateId))
      .run();
  }
  appendAudit(tx, {
    at: request.now,
    staffId: request.staffId,
    terminalId: request.terminalId,
    action: 'template.save',
    entityType: 'message_template',
    entityId: templateId,
    ...(existing === undefined ? {} : { before: { body: existing.body } }),
    after: { kind: request.kind, name: request.name, body: request.body },
  });
  return { templateId, created: existing === undefined };
}

export function listTemplates(db: RegisterDb, storeId: string, kind: TemplateKind | undefined) {
  return db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.storeId, storeId), kind === undefined ? undefined : eq(messageTemplates.kind, kind)))
    .orderBy(asc(messageTemplates.kind), asc(messageTemplates.name))
    .all();
}
