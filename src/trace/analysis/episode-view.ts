/** The public, id-based view of an episode. */
import type { Episode } from '../types';
import type { EpisodeWork } from './episode-work';

export function episodeView(ep: EpisodeWork): Episode {
  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
  const instances = new Set<string>();
  for (const r of ep.members()) if (r.instanceId !== undefined) instances.add(`${r.session}:${r.instanceId}`);
  const view: Episode = {
    id: ep.id,
    trigger: ep.trigger,
    oldToken: ep.key,
    newTokens: ep.newTokens,
    start: ep.seedT,
    outcome: ep.outcome,
    expired: ids(ep.expired),
    queued: ids(ep.queued),
    refreshes: ids(ep.refreshes),
    replays: ids(ep.replays),
    instances: [...instances].sort(),
    diagnostics: ep.diagnostics,
    ...(ep.end === undefined ? {} : { end: ep.end }),
  };
  return view;
}
