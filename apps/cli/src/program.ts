import { Command, CommanderError, Option } from 'commander';
import { CliContext, type CliIo } from './cli-context';
import { DEFAULT_GATEWAY_URL } from './connection';
import { CliError } from './errors';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes';
import { packageVersion } from './package-info';
import { registerCompare } from './commands/compare';
import { registerControls } from './commands/controls';
import { registerReport } from './commands/report';
import { registerResults } from './commands/results';
import { registerSubmit } from './commands/submit';
import { registerSweeps } from './commands/sweeps';
import { registerTrials } from './commands/trials';
import { registerVerdict } from './commands/verdict';
import { registerWatch } from './commands/watch';

/**
 * The `kernel-sweep` program: global options, every command, and commander set to throw (not
 * exit) so `runCli` owns the exit status. Subcommands inherit these settings, so they must be
 * made before the commands are added.
 */
export function buildProgram(ctx: CliContext, io: Pick<CliIo, 'stdout' | 'stderr'>): Command {
  const program = new Command('kernel-sweep')
    .description('Submit, follow, steer and read kernel-sweep experiments through the GraphQL gateway.')
    .version(packageVersion(ctx.root), '-V, --version', 'print the version')
    .addOption(
      new Option(
        '--gateway <url>',
        `gateway GraphQL URL (default: $KS_GATEWAY_URL, else ${DEFAULT_GATEWAY_URL})`,
      ),
    )
    .addOption(
      new Option('--api-key <key>', "API key (default: $KS_API_KEY, else the local stack's .stack/api-key)"),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);
  registerSubmit(program, ctx);
  registerWatch(program, ctx);
  registerSweeps(program, ctx);
  registerControls(program, ctx);
  registerTrials(program, ctx);
  registerCompare(program, ctx);
  registerResults(program, ctx);
  registerReport(program, ctx);
  registerVerdict(program, ctx);
  return program;
}

/** Runs the CLI on `argv` (the arguments after the program name) and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const ctx = new CliContext(io);
  try {
    await buildProgram(ctx, io).parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    // Commander has already printed its message (or the help / version it was asked for).
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof CliError ? err.exitCode : ExitCode.FAILED;
  }
}
