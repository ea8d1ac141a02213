import { Option } from 'commander';
import { ExitCode } from '../exit-codes';

/** The `--json` flag of a command that prints data. */
export const jsonOption = (description = 'print machine-readable JSON instead of a table'): Option =>
  new Option('--json', description);

/** Exit status of a command that waited for a sweep to close: success only when it COMPLETED. */
export const sweepExitCode = (status: string): ExitCode =>
  status === 'COMPLETED' ? ExitCode.OK : ExitCode.FAILED;
