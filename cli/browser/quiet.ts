/**
 * When a recording may stop: the page's network has been quiet for `idleMs`
 * (nothing in flight, no request started or ended, no request event from
 * the extension), and no episode is still undecided. An episode whose requests
 * wait in a queue is `pending` until the stranded timeout has passed; stopping
 * earlier would report it as pending and miss request-stranded, so the
 * recording goes on until the model's verdict is final.
 */
export interface QuietState {
  now: number;
  inFlight: number;
  /** Last network change or request event from the extension, whichever is later. */
  lastActivity: number;
  idleMs: number;
  /** Episodes the model still calls `pending` as of `now`. */
  pendingEpisodes: number;
}

export function isQuiet(s: QuietState): boolean {
  return s.inFlight === 0 && s.now - s.lastActivity >= s.idleMs && s.pendingEpisodes === 0;
}
