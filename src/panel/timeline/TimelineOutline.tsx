import type { Bar, TimelineLayout } from './layout-types';

const MAX_ITEMS = 2000;

/** What the bar's colour and label say of its outcome, in words. */
function statusOf(bar: Bar): string {
  const { status, error, stranded } = bar.request;
  if (status === undefined) return bar.open ? ', pending' : '';
  const outcome = status === 0 ? `, failed: ${error ?? 'no response'}` : `, status ${status}`;
  return bar.waiting ? `${outcome}, caller ${stranded ? 'stranded' : 'still waiting'}` : outcome;
}

/**
 * The timeline's structure as an ordered list, hidden from sight but not from
 * screen readers (a canvas says nothing to them) nor from tests, which read
 * roles, replay numbers and arrows here instead of from pixels.
 */
export function TimelineOutline({ layout }: { layout: TimelineLayout }) {
  let budget = MAX_ITEMS;
  return (
    <div class="sr-only" data-testid="timeline-outline">
      <ol aria-label="Timeline lanes">
        {layout.lanes.map((lane, i) => {
          if (budget <= 0 || lane.kind === 'tokens') return null;
          budget -= 1 + lane.bars.length;
          return (
            <li key={i} data-testid="timeline-lane" data-kind={lane.kind} data-episode={lane.episode ?? ''}>
              {lane.label}
              <ol>
                {lane.bars.slice(0, Math.max(0, budget + lane.bars.length)).map((bar) => (
                  <li
                    key={bar.request.id}
                    data-testid="timeline-bar"
                    data-request={bar.request.id}
                    data-role={bar.role}
                    data-replay-number={bar.replayNumber ?? ''}
                    data-original-number={bar.originalNumber ?? ''}
                    data-status={bar.request.status ?? ''}
                  >
                    {bar.request.method} {bar.request.url} {bar.role}
                    {bar.replayNumber !== undefined ? ` replay #${bar.replayNumber} of #${bar.originalNumber}` : ''}
                    {statusOf(bar)}
                  </li>
                ))}
              </ol>
            </li>
          );
        })}
      </ol>
      <ul aria-label="Arrows">
        {layout.arrows.slice(0, MAX_ITEMS).map((a, i) => (
          <li key={i} data-testid="timeline-arrow" data-kind={a.kind} data-from={a.from.request.id} data-to={a.to.request.id}>
            {a.kind === 'refresh-replay' ? 'refresh' : 'expired request'} {a.from.request.id} leads to replay {a.to.request.id}
          </li>
        ))}
      </ul>
    </div>
  );
}
