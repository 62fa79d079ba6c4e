import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Diagnostic, TraceRequest } from '../../trace/types';
import type { PanelTransport } from '../connection';
import { compileFilter } from '../store/filter';
import type { PanelStore } from '../store/panel-store';
import { summarizeEpisode } from '../summary/episode-summary';
import { buildLayout } from '../timeline/layout';
import { Timeline } from '../timeline/Timeline';
import { useStore } from '../use-store';
import { Details } from './Details';
import { DiagnosticsList } from './DiagnosticsList';
import { EmptyState } from './EmptyState';
import { EpisodeStrip } from './EpisodeStrip';
import { ImportNotice } from './ImportButton';
import { TraceIO } from '../io/trace-io';
import { RequestList } from './RequestList';
import { Toolbar } from './Toolbar';
import { requestName } from './format';
import { LossNotice } from './LossNotice';
import { SiteAccess } from './SiteAccess';
import type { SiteAccessModel } from '../site-access';

interface Props {
  site?: SiteAccessModel;
  store: PanelStore;
  transport: PanelTransport | undefined;
  theme: string;
  /** Shown instead of the default empty state (the viewer has no tab to record). */
  empty?: ComponentChildren;
}

function requestLabel(r: TraceRequest | undefined, id: string): string {
  return r ? requestName(r.method, r.url) : id;
}

// While recording, the view is re-analysed this often even when nothing
// arrives, so a request that never settles turns from pending to stranded.
const TICK_MS = 2000;

export function App({ store, transport, site, theme, empty }: Props) {
  const state = useStore(store);
  const io = useMemo(() => new TraceIO(store, transport !== undefined), [store]);
  const [, setTick] = useState(0);
  const [showDiagnostics, setShowDiagnostics] = useState(true);
  const [fit, setFit] = useState<{ from: number; to: number; n: number } | undefined>();
  // Delivery gaps and site access change outside the store: re-render on either.
  const [, setOutside] = useState(0);
  useEffect(() => {
    const bump = () => setOutside((n) => n + 1);
    const offs = [transport?.delivery?.subscribe(bump), site?.subscribe(bump)];
    return () => offs.forEach((off) => off?.());
  }, [transport, site]);
  useEffect(() => {
    if (!state.recording) return;
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [state.recording]);

  const result = store.result(state.recording && transport ? Date.now() : undefined);
  const byId = useMemo(() => new Map(result.requests.map((r) => [r.id, r])), [result.version]);
  const filter = useMemo(() => compileFilter(state.filter), [state.filter]);
  const layout = useMemo(() => buildLayout(result, filter), [result.version, filter]);
  const summaries = useMemo(() => result.episodes.map((e) => ({ id: e.id, summary: summarizeEpisode(e, byId) })), [result.version]);
  const labels = useMemo(() => new Map(summaries.map((s) => [s.id, s.summary])), [summaries]);
  const origin = result.recordingStart ?? layout.start;
  const selected = state.selected ? byId.get(state.selected) : undefined;
  const shown = useMemo(() => result.requests.filter(filter), [result.version, filter]);

  const select = (id: string | undefined) => store.update({ selected: id });
  const fitTo = (from: number, to: number) => setFit((f) => ({ from, to, n: (f?.n ?? 0) + 1 }));
  const reveal = (d: Diagnostic) => {
    const involved = d.requests.map((id) => byId.get(id)).filter((r) => r !== undefined);
    if (involved.length === 0) return;
    select(involved[0].id);
    fitTo(Math.min(...involved.map((r) => r.start)), Math.max(...involved.map((r) => r.end ?? r.responded ?? r.start)));
  };
  const fitEpisode = (id: string) => {
    const e = result.episodes.find((x) => x.id === id);
    if (e) fitTo(e.start, e.end ?? result.recordingEnd ?? e.start + 1000);
  };

  return (
    <div class="app" data-testid="panel">
      <Toolbar
        recording={state.recording}
        preserveLog={state.preserveLog}
        requestCount={result.requests.length}
        eventCount={state.eventCount}
        stats={state.stats}
        filter={state.filter}
        view={state.view}
        instances={result.instances}
        diagnostics={result.diagnostics}
        showDiagnostics={showDiagnostics}
        onToggleRecording={() => store.update({ recording: !state.recording })}
        onClear={() => {
          transport?.clear();
          store.clear();
        }}
        onPreserveLog={(preserveLog) => store.update({ preserveLog })}
        onFilter={(f) => store.update({ filter: f })}
        onView={(view) => store.update({ view })}
        onToggleDiagnostics={() => setShowDiagnostics((s) => !s)}
        io={io}
        live={transport !== undefined && !state.extensionGone}
      />
      {site && !state.extensionGone && <SiteAccess state={site.state} onEnable={() => void site.enable()} onDisable={() => void site.disable()} onReload={() => site.reload()} />}
      {state.problem && <div class="problem" role="alert">{state.problem}</div>}
      {transport?.delivery && <LossNotice gaps={transport.delivery.list} origin={result.recordingStart ?? 0} />}
      <ImportNotice io={io} />
      <EpisodeStrip summaries={summaries} onFit={fitEpisode} />
      <div class="main">
        <div class="center">
          {result.requests.length === 0 ? (
            empty ?? <EmptyState connected={transport !== undefined} />
          ) : state.view === 'timeline' ? (
            <Timeline layout={layout} origin={origin} selected={state.selected} onSelect={select} fit={fit} episodeLabels={labels} theme={theme} />
          ) : (
            <RequestList requests={shown} sessions={result.sessions} origin={origin} selected={state.selected} onSelect={select} />
          )}
        </div>
        {selected && (
          <Details
            request={selected}
            result={result}
            headers={store.headers.get(selected.axiosId ? `${selected.session}:${selected.axiosId}` : `${selected.session}:${selected.transportId}`) ?? store.headers.get(`${selected.session}:${selected.transportId}`)}
            origin={origin}
            onSelect={select}
            onClose={() => select(undefined)}
          />
        )}
      </div>
      {showDiagnostics && result.requests.length > 0 && <DiagnosticsList diagnostics={result.diagnostics} onReveal={reveal} onSelect={select} label={(id) => requestLabel(byId.get(id), id)} />}
    </div>
  );
}
