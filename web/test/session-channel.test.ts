import { describe, expect, it, vi } from 'vitest';
import {
  SESSION_CHANNEL_NAME,
  createSessionChannel,
  type SessionEvent,
} from '../src/features/session/tab-sync/session-channel';
import { createBroadcastHub } from './fake-broadcast-channel';

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

describe('the session channel between tabs', () => {
  it('tells the other tabs an event, and never the tab that announced it', async () => {
    const hub = createBroadcastHub();
    const here = createSessionChannel(hub.scope);
    const there = createSessionChannel(hub.scope);
    const heardHere: SessionEvent[] = [];
    const heardThere: SessionEvent[] = [];
    here.subscribe((event) => heardHere.push(event));
    there.subscribe((event) => heardThere.push(event));

    here.announce('signed-out');
    await nextTask();

    expect(heardThere).toEqual(['signed-out']);
    expect(heardHere).toEqual([]);
    expect(hub.posted).toEqual([{ name: SESSION_CHANNEL_NAME, data: 'signed-out' }]);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const hub = createBroadcastHub();
    const listener = vi.fn();
    const unsubscribe = createSessionChannel(hub.scope).subscribe(listener);
    unsubscribe();

    createSessionChannel(hub.scope).announce('signed-in');
    await nextTask();

    expect(listener).not.toHaveBeenCalled();
  });

  it('does nothing, and throws nothing, where the browser has no BroadcastChannel', () => {
    const channel = createSessionChannel({});
    expect(() => channel.announce('signed-in')).not.toThrow();
    expect(() => channel.subscribe(() => {})()).not.toThrow();
    expect(() => channel.close()).not.toThrow();
  });

  it('does nothing where the browser refuses to open one', () => {
    const Refusing = class {
      constructor() {
        throw new DOMException('Not allowed here.', 'SecurityError');
      }
    } as unknown as typeof BroadcastChannel;
    const channel = createSessionChannel({ BroadcastChannel: Refusing });
    expect(() => channel.announce('signed-out')).not.toThrow();
  });

  it('stays quiet instead of throwing once closed, as while a page is torn down', () => {
    const channel = createSessionChannel(createBroadcastHub().scope);
    channel.close();
    expect(() => channel.announce('signed-out')).not.toThrow();
  });
});
