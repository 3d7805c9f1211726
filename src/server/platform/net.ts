import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Ports below Linux's default range for outgoing connections (32768-60999). A port the kernel
 * picked with `listen(0)` is in that range, so once the server on it stopped, any client's
 * connection could take it as its own end, and a server started again on the same port (a restart
 * after a crash) would find it in use. Ports from here are never handed out that way.
 */
const LOW = 20_000;
const HIGH = 32_767;

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** A TCP port on the loopback interface that nothing listens on right now, outside the range of outgoing connections. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await tryListen(randomInt(LOW, HIGH + 1));
    if (port !== undefined) return port;
  }
  // Every try taken: any free port the kernel gives.
  const port = await tryListen(0);
  if (port === undefined) throw new Error('no free port on 127.0.0.1');
  return port;
}
