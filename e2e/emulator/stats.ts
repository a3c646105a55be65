/**
 * What tests and benchmarks read back from a running emulator. Every counter counts requests the
 * emulator answered successfully: a refused token request (bad code, reused refresh token, wrong
 * secret) is not a grant, and a revocation without valid client credentials revoked nothing.
 * Introspection answers `{active:false}` with 200, so those calls count too.
 */
export interface EmulatorStats {
  /** successful token responses by `grant_type`, e.g. authorization_code, refresh_token */
  grants: Record<string, number>;
  revocations: number;
  introspections: number;
  userinfo: number;
}

export class StatsRecorder {
  private current: EmulatorStats = StatsRecorder.empty();

  private static empty(): EmulatorStats {
    return { grants: {}, revocations: 0, introspections: 0, userinfo: 0 };
  }

  recordGrant(grantType: string): void {
    this.current.grants[grantType] = (this.current.grants[grantType] ?? 0) + 1;
  }

  recordRevocation(): void {
    this.current.revocations += 1;
  }

  recordIntrospection(): void {
    this.current.introspections += 1;
  }

  recordUserinfo(): void {
    this.current.userinfo += 1;
  }

  /** A copy, so a caller holding it sees a snapshot rather than later requests. */
  snapshot(): EmulatorStats {
    return { ...this.current, grants: { ...this.current.grants } };
  }

  reset(): void {
    this.current = StatsRecorder.empty();
  }
}
