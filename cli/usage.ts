import { DEFAULT_IDLE_MS, DEFAULT_TIMEOUT_MS } from './args';

export const USAGE = `Usage:
  refresh-lens record <url> [options]   open <url> in Chromium with Refresh Lens loaded, record until
                                        the page is quiet, print the refresh episodes and diagnostics
  refresh-lens analyze <file> [options] the same report for a Refresh Lens trace or a HAR file

Options:
  --json                 print the report as JSON (stdout); progress always goes to stderr
  --stranded-after MS    a waiting request counts as stranded after this long with nothing
                         happening in its episode (default 5000)
record only:
  --out FILE             write the recorded trace (Refresh Lens native format) to FILE
  --idle MS              stop once the page's network has been quiet this long (default ${DEFAULT_IDLE_MS});
                         recording goes on while an episode is still undecided
  --timeout MS           give up waiting for quiet after this long in all (default ${DEFAULT_TIMEOUT_MS})
  --steps FILE           an ES module run after the page loads: export default async (page) => {...}
                         receives the Playwright Page (log in, click a button, ...)
  --headed               show the browser window (needs a display)
Durations take 1500, 1500ms or 1.5s.

Environment:
  CHROME_PATH            the Chromium or Chrome binary (default /usr/bin/chromium)

Exit status: 0 no error diagnostic, 1 at least one error diagnostic, 2 bad usage or unusable input.
`;
