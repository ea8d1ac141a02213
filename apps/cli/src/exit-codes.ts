/** The CLI's exit statuses; scripts rely on them, so they only ever gain members. */
export const ExitCode = {
  /** The command did what it was asked. */
  OK: 0,
  /** The gateway refused the operation, or the watched sweep ended other than COMPLETED. */
  FAILED: 1,
  /** Unknown command or flag, missing or invalid argument, unreadable spec file. */
  USAGE: 2,
  /** No gateway answers at the URL. */
  UNREACHABLE: 3,
  /** The sweep does not exist for this API key, or the key is missing or refused. */
  REFUSED: 4,
} as const;

/** One of the documented exit statuses. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit codes as the program's `--help` lists them. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the operation failed, or the sweep ended other than COMPLETED
  2  usage error (unknown command or flag, missing or invalid argument, unreadable spec file)
  3  gateway unreachable
  4  sweep not found, or API key missing or refused`;
