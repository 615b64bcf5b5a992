/**
 * The single DynamoDB table: keys, indexes and TTL. CDK and the local stack both create the table from this.
 * Key shapes live in shared/db/keys.ts; the access patterns are charted in README.md.
 */
export interface IndexDef {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes the item some time after it passes (link tokens, invitations). */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** Overloaded, sparse, tenant-prefixed: the outbox of unsent emails now; coach -> clients and more later. */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  timeToLiveAttribute: string;
  globalSecondaryIndexes: readonly IndexDef[];
};
