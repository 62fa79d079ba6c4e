/**
 * Which axios instances show that the app checks `exp` before sending: they
 * held requests while a refresh ran. Counted per episode so that dropping and
 * re-adding a window's episodes keeps the tally right without a recount.
 */
import type { EpisodeWork } from './episode-work';

export class ProactiveVotes {
  private byInstance = new Map<string, number>();
  private proactiveEpisodes = 0;

  get anyProactive(): boolean {
    return this.proactiveEpisodes > 0;
  }

  add(ep: EpisodeWork): void {
    this.count(ep, 1);
  }

  remove(ep: EpisodeWork): void {
    this.count(ep, -1);
  }

  instances(): Set<string> {
    const out = new Set<string>();
    for (const [k, n] of this.byInstance) if (n > 0) out.add(k);
    return out;
  }

  private count(ep: EpisodeWork, delta: number): void {
    if (ep.trigger === 'proactive') this.proactiveEpisodes += delta;
    for (const r of ep.queued) {
      if (!r.axiosView || r.instanceId === undefined) continue;
      const k = `${r.session}:${r.instanceId}`;
      this.byInstance.set(k, (this.byInstance.get(k) ?? 0) + delta);
    }
  }
}
