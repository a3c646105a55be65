import type { IdTokenChange } from './id-token';

/** The provider's endpoints a fault can be aimed at, as the relying party calls them. */
export const FAULT_ENDPOINTS = [
  'discovery',
  'jwks',
  'token',
  'userinfo',
  'introspection',
  'revocation',
] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

/** One thing wrong with one response. */
export type Fault =
  /** The request is taken and never answered: only the client's own timeout ends it. */
  | { kind: 'stall' }
  /** This answer instead of the provider's; the request is not forwarded. */
  | { kind: 'replace'; status: number; contentType: string; body: string }
  /** The provider's answer, its JSON body rewritten (return the new body). */
  | { kind: 'json'; edit: (body: Record<string, unknown>) => unknown }
  /** The token endpoint's answer, its `id_token` changed and re-signed. */
  | { kind: 'id-token'; change: IdTokenChange };

export const stall = (): Fault => ({ kind: 'stall' });

export const respond = (status: number, body: string, contentType: string): Fault => ({
  kind: 'replace',
  status,
  contentType,
  body,
});

/** An HTML error page, as a gateway or a crashed server would send. */
export const htmlPage = (status: number): Fault =>
  respond(status, '<!doctype html><title>Oops</title><h1>Something went wrong</h1>', 'text/html');

export const jsonBody = (status: number, body: unknown): Fault =>
  respond(status, JSON.stringify(body), 'application/json');

export const editJson = (edit: (body: Record<string, unknown>) => unknown): Fault => ({
  kind: 'json',
  edit,
});

/** Sets members of the JSON body; a member set to `undefined` is removed. */
export const patchJson = (patch: Record<string, unknown>): Fault =>
  editJson((body) => {
    const result = { ...body };
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) delete result[name];
      else result[name] = value;
    }
    return result;
  });

export const idToken = (change: IdTokenChange): Fault => ({ kind: 'id-token', change });

/** One-shot faults per endpoint, used in the order they were armed. */
export class FaultQueue {
  private readonly queues = new Map<FaultEndpoint, Fault[]>();

  /** Arms `fault` for the next response of `endpoint`; several queue up in order. */
  next(endpoint: FaultEndpoint, fault: Fault): void {
    const queue = this.queues.get(endpoint) ?? [];
    queue.push(fault);
    this.queues.set(endpoint, queue);
  }

  /** The fault for this response, if one is armed; it is used up. */
  take(endpoint: FaultEndpoint): Fault | undefined {
    return this.queues.get(endpoint)?.shift();
  }

  /** How many faults are armed and not yet used, over all endpoints. */
  pending(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  clear(): void {
    this.queues.clear();
  }
}
