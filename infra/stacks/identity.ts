/** Staff identity: the Cognito user pool (tenant and role as custom attributes) and the web client. */
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool, type CfnUserPool, type CfnUserPoolClient, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge, nagReasons } from './nag.js';

export interface IdentityProps {
  readonly prod: boolean;
  readonly removalPolicy: RemovalPolicy;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The issuer of the pool's tokens, as the JWT authorizer and the handlers check it. */
  readonly tokenIssuer: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'StaffUserPool', {
      selfSignUpEnabled: false, // Waymark creates staff with AdminCreateUser
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        tenantId: new StringAttribute({ mutable: false }),
        role: new StringAttribute({ mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: props.prod,
      removalPolicy: props.removalPolicy,
    });
    acknowledge(this.userPool, 'AwsSolutions-COG1', nagReasons.passwordPolicy);
    acknowledge(this.userPool, 'AwsSolutions-COG2', nagReasons.mfaOptional);
    acknowledge(this.userPool, 'AwsSolutions-COG8', nagReasons.plusFeaturePlan);
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true, // no hosted UI: no implicit grant, no placeholder callback URL
      preventUserExistenceErrors: true,
      // Users may edit their name and email only; tenant and role are written by Waymark with admin APIs.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, email: true }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes('tenantId', 'role'),
    });
    // Logical ids from before the stack was split into constructs: new ones would replace the pool (every login
    // gone) and the client (a new client id).
    (this.userPool.node.defaultChild as CfnUserPool).overrideLogicalId('StaffUserPool2EF92F57');
    (this.userPoolClient.node.defaultChild as CfnUserPoolClient).overrideLogicalId('StaffUserPoolWebClientFCB65C48');
    this.tokenIssuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
