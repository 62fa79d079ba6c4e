/**
 * The native trace of what the panel shows: its events (redacted unless the
 * user asked otherwise), the recording's end and the drop counts, so that
 * importing it draws the same panel.
 */
import { APP_VERSION } from './app-version';
import { toNativeTrace, type NativeTrace } from './native';
import { redactFullUrl } from './redact';
import { redactEvents } from './redact-events';
import type { ExportInput } from './trace-input';

export function nativeFor(input: ExportInput): NativeTrace {
  const secrets = input.includeSecrets === true;
  const url = input.result.sessions[0]?.url;
  return toNativeTrace(secrets ? input.events : redactEvents(input.events), {
    creator: `${input.creator} ${APP_VERSION}`,
    ...(url ? { url: secrets ? url : redactFullUrl(url) } : {}),
    stats: input.stats,
    redacted: !secrets,
    endTime: input.result.recordingEnd,
  });
}
