/** Page sessions, axios instances and the time span of the recording. */
import type { TabEvent } from '../../protocol';
import { insertSorted } from '../sorted';
import type { InstanceInfo, SessionInfo } from '../types';
import { ms, type Ms } from '../units';
import type { TraceHandler } from './handler';

export class SessionsHandler implements TraceHandler {
  readonly sessions: SessionInfo[] = [];
  readonly instances: InstanceInfo[] = [];
  first?: Ms;
  last?: Ms;
  private known = new Set<string>();

  reset(): void {
    this.sessions.length = 0;
    this.instances.length = 0;
    this.first = undefined;
    this.last = undefined;
    this.known.clear();
  }

  handleEvent(e: TabEvent): void {
    const t = ms(e.t);
    if (this.first === undefined || t < this.first) this.first = t;
    if (this.last === undefined || t > this.last) this.last = t;
    if (e.type === 'page-start' && !this.known.has(`s:${e.session}`)) {
      this.known.add(`s:${e.session}`);
      insertSorted(this.sessions, { session: e.session, url: e.url, start: t }, (a, b) => a.start - b.start);
    } else if (e.type === 'axios-instance' && !this.known.has(`i:${e.session}:${e.instanceId}`)) {
      this.known.add(`i:${e.session}:${e.instanceId}`);
      const info: InstanceInfo = { session: e.session, instanceId: e.instanceId, via: e.via, version: e.version, label: e.label };
      insertSorted(this.instances, info, (a, b) => (a.session + a.instanceId < b.session + b.instanceId ? -1 : 1));
    }
  }
}
