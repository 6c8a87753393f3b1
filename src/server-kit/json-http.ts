import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { AppError } from '../shared/errors';

/**
 * The JSON-over-HTTP plumbing the store server and the relay share: a body
 * read under a size cap (the raw bytes: the relay verifies webhook
 * signatures over them), parsed as JSON, answered as JSON, and every error
 * as a typed value `{ code, message }` with a status the caller chose.
 */

/** Requests larger than this are refused before they are read in full. */
export const MAX_BODY_BYTES = 1_000_000;

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('INVALID_INPUT', 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8') || 'null');
  } catch {
    throw new AppError('INVALID_INPUT', 'The request is not valid JSON.');
  }
}

/**
 * An error as its answer: a typed error with the status the server gives
 * its code (422 otherwise), a payload that failed its schema as 400 naming
 * the field, and anything else — PostgreSQL down or restarting — as 503
 * with the server's own words, so the caller retries and never reads it
 * as a refusal.
 */
export function errorAnswer(
  error: unknown,
  statusByCode: Readonly<Record<string, number>>,
  unavailable: { readonly code: string; readonly message: string },
): [number, { code: string; message: string }] {
  if (error instanceof AppError) return [statusByCode[error.code] ?? 422, { code: error.code, message: error.message }];
  if (error instanceof ZodError) {
    const first = error.issues[0];
    return [400, { code: 'INVALID_INPUT', message: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}` }];
  }
  return [503, { ...unavailable }];
}
