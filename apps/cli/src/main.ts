#!/usr/bin/env node
import { runCli } from './program';
import { packageRoot } from './package-info';

// The command-line client: talks to the gateway over GraphQL, like any user's script.
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  root: packageRoot(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
