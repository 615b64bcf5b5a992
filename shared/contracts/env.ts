/**
 * Names of the configuration variables that CDK sets on every function and the local stack sets in-process.
 * Endpoints are not here: the AWS SDK reads AWS_ENDPOINT_URL_<SERVICE> itself.
 */
export const envNames = {
  tableName: 'WAYMARK_TABLE_NAME',
  userPoolId: 'WAYMARK_USER_POOL_ID',
  userPoolClientId: 'WAYMARK_USER_POOL_CLIENT_ID',
  /** Token issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>` in AWS. */
  tokenIssuer: 'WAYMARK_TOKEN_ISSUER',
  senderAddress: 'WAYMARK_SENDER_ADDRESS',
  /** Public base URL of the web app and API, used in links inside emails. */
  appUrl: 'WAYMARK_APP_URL',
  stage: 'WAYMARK_STAGE',
  /** The URL of the tenant-sweep queue (shared/contracts/queues.ts), where the tick's dispatcher sends. */
  tenantSweepQueueUrl: 'WAYMARK_TENANT_SWEEP_QUEUE_URL',
  version: 'WAYMARK_VERSION',
  /** The SES configuration set whose event destination feeds bounces and complaints to the suppression list. */
  sesConfigurationSet: 'WAYMARK_SES_CONFIGURATION_SET',
} as const;

export type EnvName = (typeof envNames)[keyof typeof envNames];
