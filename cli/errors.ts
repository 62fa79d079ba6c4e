/**
 * Exit statuses are part of the SPEC's contract ("Command line"): users' CI
 * scripts branch on them, so they live in one place.
 */
export const EXIT = {
  /** No error-severity diagnostic fired. */
  ok: 0,
  /** At least one error-severity diagnostic fired. */
  diagnostics: 1,
  /** Bad usage, or an input (file, URL, browser, extension) that cannot be used. */
  unusable: 2,
} as const;

/**
 * A problem the user can fix: its message is printed as is (no stack) and the
 * command exits with status 2.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Bad usage: printed with a pointer to --help. */
export class UsageError extends CliError {}
