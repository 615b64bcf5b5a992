import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { config } from '../config.js';
import { CLAIM_ROLE, CLAIM_TENANT } from './claims.js';

/**
 * Staff tokens are Cognito ID tokens (they carry the tenant as an immutable custom attribute and the app client as
 * audience). aws-jwt-verify checks signature (JWKS of the configured issuer), issuer, expiry, token use and client.
 * The issuer is configuration: Cognito's regional URL in AWS, cognito-local's on the local stack.
 */
export interface StaffClaims {
  sub: string;
  email: string;
  tenantId: string;
  role: string;
  /** Epoch seconds of the sign-in the token descends from (Cognito keeps it across refreshes). */
  authTime: number;
  /** The token's own id (`jti`), by which one session can be signed out. */
  tokenId?: string;
  /** Epoch seconds. */
  expiresAt: number;
  raw: Record<string, unknown>;
}

// The library's default fetcher speaks only https; the platform fetch serves https in AWS and http locally.
const jwksCache = new SimpleJwksCache({
  fetcher: {
    fetch: async (uri: string) => {
      const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new Error(`JWKS request to ${uri} answered ${response.status}`);
      return response.arrayBuffer();
    },
  },
});

let verifier: ReturnType<typeof createVerifier> | undefined;
let verifierIssuer: string | undefined;

function createVerifier(issuer: string, clientId: string) {
  return JwtVerifier.create(
    {
      issuer,
      audience: null,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'id', clientId }),
    },
    { jwksCache },
  );
}

/** Verifies a staff ID token; throws when it is not one (any reason). */
export async function verifyStaffToken(token: string): Promise<StaffClaims> {
  const issuer = config.tokenIssuer();
  if (!verifier || verifierIssuer !== issuer) {
    verifier = createVerifier(issuer, config.userPoolClientId());
    verifierIssuer = issuer;
  }
  const payload = (await verifier.verify(token)) as Record<string, unknown>;
  const tenantId = payload[CLAIM_TENANT];
  if (typeof tenantId !== 'string' || typeof payload.sub !== 'string') throw new Error('token carries no tenant');
  return {
    sub: payload.sub,
    email: String(payload.email ?? ''),
    tenantId,
    role: String(payload[CLAIM_ROLE] ?? ''),
    authTime: Number(payload.auth_time ?? payload.iat ?? 0),
    tokenId: typeof payload.jti === 'string' && payload.jti.length <= 128 ? payload.jti : undefined,
    expiresAt: Number(payload.exp ?? 0),
    raw: payload,
  };
}
