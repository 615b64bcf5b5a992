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
    /** Overloaded, sparse, tenant-prefixed: the outbox, pending invitations per sender, a coach's clients and programs. */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Overloaded, sparse, tenant-prefixed: the firm's clients by status, a client's programs, open actions by due date. */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Tenant-prefixed: the firm's programs by status. */
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  timeToLiveAttribute: string;
  globalSecondaryIndexes: readonly IndexDef[];
};
