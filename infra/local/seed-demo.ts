/**
 * `npm run seed:demo`: a demo firm with one owner on the running local stack, and how to sign in as that owner.
 * It signs up through the API like any firm; only the password is set directly in the local user pool.
 */
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LocalStackError } from './processes.js';
import { readState } from './state.js';

export const demo = {
  name: 'Demo Coaching',
  slug: 'demo-coaching',
  ownerEmail: 'owner@demo-coaching.example',
  ownerName: 'Dana Demo',
  timeZone: 'Europe/Zurich',
  password: 'Waymark-demo-2026!',
};

async function main(): Promise<void> {
  const state = readState();
  const { password, ...signup } = demo;
  const response = await fetch(`${state.apiUrl}/v1/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signup),
  });
  const body = (await response.json()) as { tenant?: { tenantId: string }; error?: { message: string } };
  if (response.status === 201) console.log(`Created the demo firm "${demo.name}" (tenant ${body.tenant?.tenantId}).`);
  else if (response.status === 409) console.log(`The demo firm exists already (${body.error?.message}).`);
  else throw new LocalStackError(`Sign-up failed with ${response.status}: ${JSON.stringify(body)}`);

  const cognito = new CognitoIdentityProviderClient({
    endpoint: state.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    region: state.env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId: state.env.WAYMARK_USER_POOL_ID, Username: demo.ownerEmail, Password: password, Permanent: true }),
  );
  const auth = JSON.stringify({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: state.env.WAYMARK_USER_POOL_CLIENT_ID,
    AuthParameters: { USERNAME: demo.ownerEmail, PASSWORD: password },
  });
  console.log(`
Sign in as the owner:  ${demo.ownerEmail} / ${password}

  curl -s ${state.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER} \\
    -H 'Content-Type: application/x-amz-json-1.1' \\
    -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' \\
    -d '${auth}'

The welcome email is in the local inbox: ${state.inboxUrl}
`);
}

main().catch((error: unknown) => {
  console.error(`waymark: ${error instanceof LocalStackError ? error.message : String(error)}`);
  process.exit(1);
});
