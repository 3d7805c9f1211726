import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/**
 * `npm run dev`: the API server with reload on change (tsx watch, on PORT, 3000 by default) and
 * the web app from Vite with hot reload on WEB_PORT (5173), which forwards /api to the server.
 * Open the Vite address; the server does not build the web app in this mode (WEB_BUILD=off).
 */
const apiPort = process.env.PORT ?? '3000';
const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
const server = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', 'src/server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort, WEB_BUILD: 'off' },
});

process.env.API_PORT = apiPort;
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
vite.printUrls();
process.stdout.write(
  `  The API runs on http://localhost:${apiPort}; open the address above for the app.\n\n`,
);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  await vite.close();
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
server.on('exit', (code) => {
  if (!stopping) process.stderr.write(`The API server stopped (exit code ${code}).\n`);
  void vite.close().then(() => process.exit(code ?? 0));
});
