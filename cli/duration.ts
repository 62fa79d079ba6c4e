/**
 * Durations on the command line: `1500` and `1500ms` are milliseconds, `1.5s`
 * seconds. Undefined for anything else, including zero and negative values
 * (every duration the CLI takes is a wait that must be positive).
 */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw.trim());
  if (!m) return undefined;
  const value = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}
