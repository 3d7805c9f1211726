import { runOperatorCommand } from './operator-commands.js';

// `npm run cli -- <command>`: the operator commands of operator-commands.ts, on this process's
// settings (its environment) and standard streams. Standard output and error are synchronous on Linux for files,
// pipes and terminals, so leaving at once loses nothing written.
const code = await runOperatorCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exit(code);
