import { describe, expect, it } from 'vitest';
import { denialOf } from '../../infra/local/iam.js';
import { capabilityGrants, stringLike } from '../../infra/stacks/capabilities.js';
import { AWS_CONNECTION_TIMEOUT_MS, AWS_MAX_ATTEMPTS, AWS_REQUEST_TIMEOUT_MS, awsClientConfig, describeCall } from '../../shared/aws.js';
import { TIMEOUT_EARLY_MS } from '../../functions/middleware/http.js';

const T = 'T#01JD0000000000000000000000#';

describe('describeCall: what IAM authorizes for an SDK command', () => {
  it('a transaction is each contained item as its own action, with its partition', () => {
    const call = describeCall('DynamoDBClient', 'TransactWriteItemsCommand', {
      TransactItems: [
        { Put: { TableName: 't', Item: { PK: `${T}FIRM`, SK: 'PROFILE' } } },
        { Update: { TableName: 't', Key: { PK: `${T}LINK`, SK: 'h' } } },
        { Delete: { TableName: 't', Key: { PK: { S: `${T}AUDIT` }, SK: { S: 'x' } } } },
        { ConditionCheck: { TableName: 't', Key: { PK: `${T}FIRM`, SK: 'STAFF#u' } } },
      ],
    });
    expect(call).toEqual({
      service: 'dynamodb',
      command: 'TransactWriteItems',
      actions: [
        { action: 'dynamodb:PutItem', partitions: [`${T}FIRM`] },
        { action: 'dynamodb:UpdateItem', partitions: [`${T}LINK`] },
        { action: 'dynamodb:DeleteItem', partitions: [`${T}AUDIT`] },
        { action: 'dynamodb:ConditionCheckItem', partitions: [`${T}FIRM`] },
      ],
    });
  });

  it('batch reads name every partition; queries their partition and index', () => {
    expect(describeCall('DynamoDBClient', 'BatchGetItemCommand', { RequestItems: { t: { Keys: [{ PK: `${T}FIRM`, SK: 'PROFILE' }, { PK: 'SLUG#a', SK: 'SLUG' }] } } }).actions).toEqual([
      { action: 'dynamodb:BatchGetItem', partitions: [`${T}FIRM`, 'SLUG#a'] },
    ]);
    expect(
      describeCall('DynamoDBClient', 'QueryCommand', { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :s)', ExpressionAttributeValues: { ':pk': `${T}OUTBOX`, ':s': '2' } }).actions,
    ).toEqual([{ action: 'dynamodb:Query', partitions: [`${T}OUTBOX`], index: 'GSI1' }]);
  });

  it('names the IAM service of every client the code uses', () => {
    expect(describeCall('SESClient', 'SendEmailCommand', {}).actions).toEqual([{ action: 'ses:SendEmail' }]);
    expect(describeCall('SESClient', 'SendRawEmailCommand', {}).actions).toEqual([{ action: 'ses:SendRawEmail' }]);
    expect(describeCall('SESv2Client', 'GetAccountCommand', {}).actions).toEqual([{ action: 'ses:GetAccount' }]);
    expect(describeCall('CognitoIdentityProviderClient', 'AdminCreateUserCommand', {}).actions).toEqual([{ action: 'cognito-idp:AdminCreateUser' }]);
    expect(describeCall('DynamoDBClient', 'DescribeTableCommand', {}).actions).toEqual([{ action: 'dynamodb:DescribeTable' }]);
  });
});

describe('local IAM decisions', () => {
  it('allows only granted actions, on the table or on an index as granted', () => {
    expect(denialOf(['table:get'], { action: 'dynamodb:GetItem' })).toBeUndefined();
    expect(denialOf(['table:get'], { action: 'dynamodb:BatchGetItem' })).toMatch(/no identity-based policy allows the dynamodb:BatchGetItem/);
    expect(denialOf(['table:query'], { action: 'dynamodb:Query', index: 'GSI1' })).toMatch(/on index GSI1/);
    expect(denialOf(['table:query-index'], { action: 'dynamodb:Query' })).toBeDefined();
    expect(denialOf(['identity:sign-in'], { action: 'cognito-idp:InitiateAuth' })).toBeUndefined();
  });

  it('denies changing or deleting an audit item whatever else is granted; appending is fine', () => {
    const all = Object.keys(capabilityGrants) as (keyof typeof capabilityGrants)[];
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem']) {
      expect(denialOf(all, { action, partitions: [`${T}AUDIT`] }), action).toMatch(/explicit deny/);
      expect(denialOf(all, { action, partitions: [`${T}FIRM`] }), action).toBeUndefined();
    }
    expect(denialOf(all, { action: 'dynamodb:PutItem', partitions: [`${T}AUDIT`] })).toBeUndefined();
  });

  it("reads IAM's StringLike like IAM does", () => {
    const audit = stringLike('T#*#AUDIT');
    expect(audit(`${T}AUDIT`)).toBe(true);
    expect(audit(`${T}AUDITS`)).toBe(false);
    expect(audit('SLUG#AUDIT')).toBe(false);
    expect(stringLike('a.b?')('a.bc')).toBe(true);
    expect(stringLike('a.b?')('axbc')).toBe(false);
  });
});

describe('AWS client timeouts', () => {
  it('make the SDK throw on a stalled answer, and fit two stalled calls inside an HTTP function', () => {
    const config = awsClientConfig();
    expect(config.requestHandler).toEqual({ connectionTimeout: AWS_CONNECTION_TIMEOUT_MS, requestTimeout: AWS_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true });
    const worstCall = AWS_MAX_ATTEMPTS * (AWS_CONNECTION_TIMEOUT_MS + AWS_REQUEST_TIMEOUT_MS);
    // Route functions get 10 s (infra/stacks); the early-timeout reply comes TIMEOUT_EARLY_MS before that.
    expect(2 * AWS_MAX_ATTEMPTS * AWS_REQUEST_TIMEOUT_MS).toBeLessThan(10_000 - TIMEOUT_EARLY_MS);
    expect(worstCall).toBeLessThan(10_000 - TIMEOUT_EARLY_MS);
  });
});
