/** The single DynamoDB table, built from its definition in shared/contracts/table.ts. */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDefinition } from '../../shared/contracts/table.js';

export interface DataProps {
  readonly prod: boolean;
  readonly removalPolicy: RemovalPolicy;
  /** Only the first N indexes (DynamoDB adds one per update to an existing table). */
  readonly indexes?: number;
}

export class Data extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.prod,
      removalPolicy: props.removalPolicy,
    });
    // The logical id from before the stack was split into constructs: a new id would replace the table and its data.
    (this.table.node.defaultChild as CfnTable).overrideLogicalId('TableCD117FA1');
    for (const index of tableDefinition.globalSecondaryIndexes.slice(0, props.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
