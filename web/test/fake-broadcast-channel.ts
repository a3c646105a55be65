/**
 * A stand-in for the browser's BroadcastChannel, the boundary between tabs: jsdom has none, and
 * Node's own one would deliver across the whole test process. Each hub is one browser; channels of
 * the same name on it reach each other, never themselves, a task later, as in the browser.
 */
export function createBroadcastHub() {
  const open = new Set<FakeBroadcastChannel>();
  const posted: { name: string; data: unknown }[] = [];

  class FakeBroadcastChannel extends EventTarget {
    onmessage = null;
    onmessageerror = null;
    #closed = false;

    constructor(readonly name: string) {
      super();
      open.add(this);
    }

    postMessage(data: unknown) {
      if (this.#closed) throw new DOMException('The channel is closed.', 'InvalidStateError');
      posted.push({ name: this.name, data });
      for (const other of open) {
        if (other === this || other.name !== this.name) continue;
        setTimeout(() => {
          if (!other.#closed) other.dispatchEvent(new MessageEvent('message', { data }));
        });
      }
    }

    close() {
      this.#closed = true;
      open.delete(this);
    }
  }

  return {
    /** Where the app looks for the BroadcastChannel constructor, as on `globalThis`. */
    scope: { BroadcastChannel: FakeBroadcastChannel as unknown as typeof BroadcastChannel },
    /** Every message posted on this hub, in order. */
    posted,
    /** Posts as a script of the same origin that is not this app would. */
    postFromElsewhere(name: string, data: unknown) {
      const outsider = new FakeBroadcastChannel(name);
      outsider.postMessage(data);
      outsider.close();
    },
  };
}

export type BroadcastHub = ReturnType<typeof createBroadcastHub>;
