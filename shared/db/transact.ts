import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Thrown when a transaction's condition failed; `failed` holds the indexes of the items whose condition failed. */
export class ConditionFailed extends Error {
  constructor(readonly failed: number[]) {
    super(`transaction condition failed at item ${failed.join(', ')}`);
    this.name = 'ConditionFailed';
  }
}

/** Attempts of a transaction that only collided with another on a shared item (a busy counter). */
const CONFLICT_ATTEMPTS = 3;

/**
 * Writes items all together or not at all. A transaction cancelled only because another one wrote the same item at
 * the same moment (two invitations of one firm share its rate counter) is tried again after a short random pause.
 */
export async function transact(items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if ((error as Error).name !== 'TransactionCanceledException' || !reasons) throw error;
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new ConditionFailed(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      }
      const onlyConflicts = reasons.every((r) => r.Code === 'None' || r.Code === 'TransactionConflict');
      if (!onlyConflicts || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
}

/** Removes key attributes so only the record itself leaves the data layer. */
export function withoutKeys<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  // digestTo belongs to a due-index entry (the copy of its digest's recipient), not to the record it rides on.
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, GSI2PK: _g3, GSI2SK: _g4, GSI3PK: _g5, GSI3SK: _g6, type: _type, digestTo: _digestTo, ...rest } = item;
  return rest as T;
}

/** `SET #f0 = :v0, ...` for a record of fields, with its name and value maps. */
export function setFields(fields: Record<string, unknown>) {
  const entries = Object.entries(fields);
  return {
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
    values: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
  };
}
