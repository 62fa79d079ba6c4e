// Per-session demo data. Keyed by the session id (`sid` claim) so that runs,
// tabs and tests never see each other's orders or settings.
export interface Order {
  id: number;
  item: number;
  quantity: number;
  createdAt: number;
}

export interface SessionData {
  settings: { theme: string };
  orders: Order[];
  nextOrderId: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionData>();

  get(sid: string): SessionData {
    let data = this.sessions.get(sid);
    if (!data) {
      data = { settings: { theme: 'system' }, orders: [], nextOrderId: 1 };
      this.sessions.set(sid, data);
    }
    return data;
  }
}

const ITEM_NAMES = ['Keyboard', 'Mouse', 'Monitor', 'Headset', 'Webcam', 'Desk lamp', 'USB hub', 'Chair', 'Cable', 'Stand'];

export function item(id: number): { id: number; name: string; price: number } {
  return { id, name: ITEM_NAMES[(id - 1) % ITEM_NAMES.length] ?? 'Item', price: 10 + ((id * 7) % 90) };
}
