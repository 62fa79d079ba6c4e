/**
 * Which axios instances show that the app checks `exp` before sending: they
 * held requests while a refresh ran, then sent them. Counted per episode so that dropping and
 * re-adding a window's episodes keeps the tally right without a recount.
 */
import type { EpisodeWork } from './episode-work';

export class ProactiveVotes {
  private byInstance = new Map<string, number>();
  private proactiveEpisodes = 0;
  // What each episode voted when added: its records may have changed by the time it is removed.
  private cast = new Map<EpisodeWork, { proactive: boolean; instances: string[] }>();

  get anyProactive(): boolean {
    return this.proactiveEpisodes > 0;
  }

  add(ep: EpisodeWork): void {
    const instances: string[] = [];
    // Held and then sent: a request still held may yet turn out to be something else, and
    // counting it would flip the vote back and forth while a refresh is in flight.
    for (const r of ep.queued) if (r.dispatchT !== undefined && r.instanceId !== undefined) instances.push(`${r.session}:${r.instanceId}`);
    const vote = { proactive: ep.trigger === 'proactive', instances };
    this.cast.set(ep, vote);
    this.count(vote, 1);
  }

  remove(ep: EpisodeWork): void {
    const vote = this.cast.get(ep);
    if (!vote) return;
    this.cast.delete(ep);
    this.count(vote, -1);
  }

  instances(): Set<string> {
    const out = new Set<string>();
    for (const [k, n] of this.byInstance) if (n > 0) out.add(k);
    return out;
  }

  private count(vote: { proactive: boolean; instances: string[] }, delta: number): void {
    if (vote.proactive) this.proactiveEpisodes += delta;
    for (const k of vote.instances) this.byInstance.set(k, (this.byInstance.get(k) ?? 0) + delta);
  }
}
