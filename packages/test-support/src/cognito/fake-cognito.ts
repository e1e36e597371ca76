import type { Handler } from '../server/service.js';
import { clientOperations } from './clients.js';
import { domainOperations } from './domains.js';
import { poolOperations } from './pools.js';
import { resourceServerOperations } from './resource-servers.js';
import type { UserPoolRecord } from './state.js';

/** Stateful fake of the Cognito user-pool operations mlship uses (awsJson1_1). Behaviour: FAKES.md. */
export class FakeCognito {
  readonly pools = new Map<string, UserPoolRecord>();
  /** Test control: domain prefixes another AWS account already holds in this region. */
  readonly takenDomains = new Set<string>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  /** The pool that owns a prefix domain, as the hosted UI resolves `<prefix>.auth.<region>.amazoncognito.com`. */
  poolByDomain(domain: string): UserPoolRecord | undefined {
    return [...this.pools.values()].find((p) => p.Domain === domain);
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens. */
  issuer(poolId: string): string {
    return `https://cognito-idp.${this.region}.amazonaws.com/${poolId}`;
  }

  reset(): void {
    this.pools.clear();
    this.takenDomains.clear();
  }

  operations(): Record<string, Handler> {
    return {
      ...poolOperations(this),
      ...resourceServerOperations(this),
      ...clientOperations(this),
      ...domainOperations(this),
    };
  }
}
