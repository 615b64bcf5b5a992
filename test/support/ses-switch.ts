import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, inject } from 'vitest';

/**
 * SES that can go down and come back: a TCP relay in front of local SES. Down, it drops every connection, as an
 * unreachable endpoint does; up, it passes bytes through untouched. The SES client reads its endpoint once, when
 * it is created, so a file that uses this must call it at the top, before anything sends an email (every test file
 * runs in its own process).
 */
export function useSesSwitch() {
  let down = false;
  let server: Server;
  const sockets = new Set<Socket>();
  const target = new URL(inject('sesUrl'));
  beforeAll(async () => {
    server = createServer((client) => {
      if (down) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port for the SES switch');
    process.env.AWS_ENDPOINT_URL_SES = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    /** SES refuses every connection from now on (kept-alive ones are cut too). */
    down() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      down = false;
    },
  };
}
