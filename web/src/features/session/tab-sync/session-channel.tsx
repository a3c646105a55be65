import { createContext, use, type ReactNode } from 'react';

/**
 * What one tab tells the others of this origin. Just the event: the others ask the BFF themselves,
 * so no user data or token ever travels between tabs.
 */
export type SessionEvent = 'signed-in' | 'signed-out';

const sessionEvents: readonly SessionEvent[] = ['signed-in', 'signed-out'];

export const SESSION_CHANNEL_NAME = 'siwv-session';

export interface SessionChannel {
  announce(event: SessionEvent): void;
  /** Calls `listener` for every event another tab announces; returns the unsubscribe function. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
  close(): void;
}

const silentChannel: SessionChannel = {
  announce() {},
  subscribe: () => () => {},
  close() {},
};

function isSessionEvent(value: unknown): value is SessionEvent {
  return sessionEvents.includes(value as SessionEvent);
}

/**
 * A BroadcastChannel reaches the other tabs of this origin, never the tab that posts. Where the
 * browser has none (or refuses one, as in some sandboxed frames), tabs stay independent and each
 * notices a change on the next focus instead. `scope` is the page's global scope, or a stand-in.
 */
export function createSessionChannel(
  scope: { BroadcastChannel?: typeof BroadcastChannel } = globalThis,
): SessionChannel {
  const Channel = scope.BroadcastChannel;
  if (typeof Channel !== 'function') return silentChannel;
  let channel: BroadcastChannel;
  try {
    channel = new Channel(SESSION_CHANNEL_NAME);
  } catch {
    return silentChannel;
  }
  return {
    announce(event) {
      try {
        channel.postMessage(event);
      } catch {
        // Posting on a closed channel throws; a page being torn down has no one left to tell.
      }
    },
    subscribe(listener) {
      // Any script of this origin may post here, so only the known events are acted on.
      const onMessage = ({ data }: MessageEvent) => {
        if (isSessionEvent(data)) listener(data);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => channel.close(),
  };
}

const SessionChannelContext = createContext<SessionChannel | null>(null);

export function SessionChannelProvider({
  channel,
  children,
}: {
  channel: SessionChannel;
  children: ReactNode;
}) {
  return <SessionChannelContext value={channel}>{children}</SessionChannelContext>;
}

export function useSessionChannel(): SessionChannel {
  const channel = use(SessionChannelContext);
  if (!channel)
    throw new Error('useSessionChannel() must be used inside <SessionChannelProvider>.');
  return channel;
}
