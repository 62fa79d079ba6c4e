import type { TypedPort } from './ports';

type Sender = TypedPort<unknown, unknown>['sender'];

/**
 * Who may open which port. Chrome fills in `sender`; nothing in it comes from
 * the message. A bridge is a content script in a tab; a panel is one of our
 * own extension pages, so a content script (or a page that compromised its
 * renderer) can never subscribe to another tab's events.
 */
export function bridgeSender(sender: Sender, extensionOrigin: string): { tabId: number; frameId: number } | undefined {
  const tabId = sender?.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return undefined;
  if (isExtensionUrl(sender?.url, extensionOrigin)) return undefined;
  return { tabId, frameId: typeof sender?.frameId === 'number' ? sender.frameId : 0 };
}

export function isPanelSender(sender: Sender, extensionOrigin: string): boolean {
  return isExtensionUrl(sender?.url, extensionOrigin) && (sender?.origin === undefined || sender.origin === extensionOrigin);
}

function isExtensionUrl(url: string | undefined, extensionOrigin: string): boolean {
  return typeof url === 'string' && url.startsWith(`${extensionOrigin}/`);
}
