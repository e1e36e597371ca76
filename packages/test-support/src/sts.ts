import type { Handler } from './server/service.js';

export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

/** STS GetCallerIdentity: who the (dummy) credentials belong to. Behaviour: FAKES.md. */
export class FakeSts {
  identity: CallerIdentity;

  constructor(private readonly accountId: string) {
    this.identity = this.defaultIdentity();
  }

  /** Answers GetCallerIdentity with this identity (e.g. an assumed role) until reset(). */
  setIdentity(identity: Partial<CallerIdentity>): void {
    this.identity = { ...this.identity, ...identity };
  }

  reset(): void {
    this.identity = this.defaultIdentity();
  }

  operations(): Record<string, Handler> {
    return { GetCallerIdentity: () => ({ ...this.identity }) };
  }

  private defaultIdentity(): CallerIdentity {
    return {
      UserId: 'AIDAMLSHIPFAKEUSER01',
      Account: this.accountId,
      Arn: `arn:aws:iam::${this.accountId}:user/mlship-fake`,
    };
  }
}
