import type { Command } from 'commander';
import { resolveConnection, type CliEnv, type Connection, type ConnectionOptions } from './connection';
import { ExitCode } from './exit-codes';
import { GatewayClient, type GraphqlTransport } from './gateway-client';
import { LineProgressView, ProgressView, type ProgressSink } from './progress-view';

/** What the CLI talks to: its output streams, environment and, for tests, stand-ins. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: CliEnv;
  /** Repository root (for `package.json` and the local stack's `.stack/`). */
  root: string;
  /** The progress `watch` shows (default: cli-progress bars on a terminal's stderr, else one line per change). */
  progress?: () => ProgressSink;
  /** The GraphQL client for a connection (default: HTTP and graphql-ws). */
  transport?: (connection: Connection) => GraphqlTransport;
}

/** Where commands print: whole text, or one line at a time. */
export interface Output {
  print(text: string): void;
  line(text: string): void;
}

/** State shared by the commands of one run: output, the client for the global options, the exit code. */
export class CliContext {
  /** Set by the command that ran. */
  exitCode: ExitCode = ExitCode.OK;
  readonly out: Output;

  constructor(private readonly io: CliIo) {
    this.out = { print: (text) => io.stdout(text), line: (text) => io.stdout(`${text}\n`) };
  }

  get root(): string {
    return this.io.root;
  }

  /** A client for `--gateway` / `--api-key` (or their defaults) as given to `command`. */
  client(command: Command): GraphqlTransport {
    const connection = resolveConnection(
      command.optsWithGlobals<ConnectionOptions>(),
      this.io.env,
      this.io.root,
    );
    return this.io.transport?.(connection) ?? new GatewayClient(connection.url, connection.apiKey);
  }

  /** A fresh progress view: live bars on a terminal; on a pipe or file, a line per change (bars would flood a log). */
  progress(): ProgressSink {
    return this.io.progress?.() ?? (process.stderr.isTTY ? new ProgressView() : new LineProgressView());
  }
}
