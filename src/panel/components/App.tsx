import type { PanelTransport } from '../connection';
import type { PanelStore } from '../store/panel-store';
import { useStore } from '../use-store';
import { EmptyState } from './EmptyState';
import { RequestList } from './RequestList';
import { Toolbar } from './Toolbar';

interface Props {
  store: PanelStore;
  transport: PanelTransport | undefined;
}

export function App({ store, transport }: Props) {
  const state = useStore(store);
  const rows = state.rows.rows;
  const origin = rows.length > 0 ? rows[0].start : 0;
  return (
    <div class="app" data-testid="panel">
      <Toolbar
        recording={state.recording}
        preserveLog={state.preserveLog}
        requestCount={state.rows.requestCount}
        eventCount={state.eventCount}
        stats={state.stats}
        onToggleRecording={() => store.setRecording(!state.recording)}
        onClear={() => {
          transport?.clear();
          store.clear();
        }}
        onPreserveLog={(preserve) => store.setPreserveLog(preserve)}
      />
      {state.problem && <div class="problem" role="alert">{state.problem}</div>}
      <div class="table-head" role="row">
        <div>Name</div>
        <div>Method</div>
        <div>Status</div>
        <div>Type</div>
        <div>Token</div>
        <div>Start</div>
        <div>Time</div>
      </div>
      {rows.length === 0 ? <EmptyState connected={transport !== undefined} /> : <RequestList rows={rows} origin={origin} />}
    </div>
  );
}
