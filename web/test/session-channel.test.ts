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
    const here = createSessionChannel(hub.Channel);
    const there = createSessionChannel(hub.Channel);
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
    const unsubscribe = createSessionChannel(hub.Channel).subscribe(listener);
    unsubscribe();

    createSessionChannel(hub.Channel).announce('signed-in');
    await nextTask();

    expect(listener).not.toHaveBeenCalled();
  });

  it('does nothing, and throws nothing, where the browser has no BroadcastChannel', () => {
    const channel = createSessionChannel(undefined);
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
    const channel = createSessionChannel(Refusing);
    expect(() => channel.announce('signed-out')).not.toThrow();
  });

  it('stays quiet instead of throwing once closed, as while a page is torn down', () => {
    const channel = createSessionChannel(createBroadcastHub().Channel);
    channel.close();
    expect(() => channel.announce('signed-out')).not.toThrow();
  });
});
