import http from 'node:http';

/**
 * cognito-local has no AdminUserGlobalSignOut. This small proxy in front of it adds one, with Cognito's effect that
 * matters here: every refresh token the user holds stops working. It passes every other request through unchanged,
 * and learns each user's refresh tokens from the sign-in answers that pass through it, then revokes them with
 * cognito-local's own RevokeToken. Local stand-in only: the handlers call the same API in AWS and here.
 */
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** The parts of Cognito requests and answers the proxy reads. */
interface CognitoRequest {
  ClientId?: string;
  Username?: string;
  AuthParameters?: Record<string, string>;
}
interface CognitoAnswer {
  AuthenticationResult?: { RefreshToken?: string };
}

interface Session {
  clientId: string;
  username: string;
}

export interface SignOutProxy {
  close(): Promise<void>;
}

export async function startSignOutProxy(opts: { port: number; upstream: string }): Promise<SignOutProxy> {
  /** Refresh token -> whose it is and for which client. */
  const sessions = new Map<string, Session>();

  const forward = async (req: http.IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    const response = await fetch(`${opts.upstream}${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };

  const learn = (target: string, request: CognitoRequest, answer: CognitoAnswer) => {
    const refresh = answer.AuthenticationResult?.RefreshToken;
    if (!refresh || (target !== 'InitiateAuth' && target !== 'AdminInitiateAuth')) return;
    const params = request.AuthParameters ?? {};
    const username = params.USERNAME ?? (params.REFRESH_TOKEN ? sessions.get(params.REFRESH_TOKEN)?.username : undefined);
    if (typeof username === 'string') sessions.set(refresh, { clientId: String(request.ClientId), username: username.toLowerCase() });
  };

  const globalSignOut = async (request: CognitoRequest) => {
    const username = String(request.Username ?? '').toLowerCase();
    for (const [token, session] of sessions) {
      if (session.username !== username) continue;
      sessions.delete(token);
      await fetch(opts.upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET_PREFIX}RevokeToken` },
        body: JSON.stringify({ ClientId: session.clientId, Token: token }),
      });
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const target = String(req.headers['x-amz-target'] ?? '').replace(TARGET_PREFIX, '');
        let request: CognitoRequest = {};
        try {
          request = body.length ? (JSON.parse(body.toString('utf8')) as CognitoRequest) : {};
        } catch {
          // not JSON: pass it through for cognito-local to answer
        }
        if (target === 'AdminUserGlobalSignOut') {
          await globalSignOut(request);
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}');
          return;
        }
        const answer = await forward(req, body);
        if (answer.status === 200 && target) {
          try {
            learn(target, request, JSON.parse(answer.body.toString('utf8')) as CognitoAnswer);
          } catch {
            // an answer without JSON carries no tokens
          }
        }
        const headers: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding') headers[name] = value;
        });
        res.writeHead(answer.status, headers).end(answer.body);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}
