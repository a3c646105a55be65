import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

// Models whose records belong to a grant and die with it (revokeByGrantId).
const GRANT_MEMBERS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode']);

/**
 * The emulator's storage: one per running emulator, in memory, never evicting a live record.
 * oidc-provider's bundled adapter is an LRU of 1000 entries, which a benchmark outgrows in seconds
 * (evicted sessions and tokens would look like revocations), and warns on every start.
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grantMembers = new Map<string, Set<string>>();
  private readonly secondary = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  readonly adapterFactory: AdapterFactory = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
        this.entries.set(key(id), { payload, expiresAt });
        if (model === 'Session' && payload.uid) this.secondary.set(`sessionUid:${payload.uid}`, id);
        if (payload.userCode) this.secondary.set(`userCode:${payload.userCode}`, id);
        if (GRANT_MEMBERS.has(model) && payload.grantId) {
          const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          this.grantMembers.set(payload.grantId, members);
        }
      },
      find: async (id) => this.read(key(id)),
      findByUid: async (uid) => {
        const id = this.secondary.get(`sessionUid:${uid}`);
        return id === undefined ? undefined : this.read(key(id));
      },
      findByUserCode: async (userCode) => {
        const id = this.secondary.get(`userCode:${userCode}`);
        return id === undefined ? undefined : this.read(key(id));
      },
      consume: async (id) => {
        const entry = this.entries.get(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.grantMembers.get(grantId) ?? []) this.entries.delete(member);
        this.grantMembers.delete(grantId);
      },
    };
  };

  dispose(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.grantMembers.clear();
    this.secondary.clear();
  }

  private read(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    for (const [grantId, members] of this.grantMembers) {
      for (const member of members) if (!this.entries.has(member)) members.delete(member);
      if (members.size === 0) this.grantMembers.delete(grantId);
    }
    for (const [key, id] of this.secondary) {
      const model = key.startsWith('sessionUid:') ? 'Session' : 'DeviceCode';
      if (!this.entries.has(`${model}:${id}`)) this.secondary.delete(key);
    }
  }
}
