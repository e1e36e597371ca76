import type { ParsedBundle } from './bundle-reader.js';

export interface Revision {
  revision: number;
  createdAt: number;
  bundle: ParsedBundle;
  zip: Uint8Array;
}

export interface ProxyRecord {
  name: string;
  createdAt: number;
  revisions: Map<number, Revision>;
  nextRevision: number;
}

export type DeploymentState = 'PROGRESSING' | 'READY' | 'ERROR';

export interface Deployment {
  environment: string;
  proxy: string;
  revision: number;
  state: DeploymentState;
  startedAt: number;
  /** Status reads left before PROGRESSING turns into `outcome`. */
  pollsLeft: number;
  outcome: 'READY' | 'ERROR';
  errors: Array<{ code: number; message: string }>;
}

export interface TargetServer {
  name: string;
  host: string;
  port: number;
  isEnabled?: boolean;
  description?: string;
  protocol?: string;
  sSLInfo?: Record<string, unknown>;
}

export interface KeyValueMap {
  name: string;
  encrypted: boolean;
  entries: Map<string, string>;
}

export interface Developer {
  email: string;
  firstName: string;
  lastName: string;
  userName: string;
  developerId: string;
  createdAt: number;
  attributes?: Array<{ name: string; value: string }>;
  apps: Map<string, DeveloperApp>;
}

export interface DeveloperApp {
  name: string;
  appId: string;
  apiProducts: string[];
  createdAt: number;
  attributes?: Array<{ name: string; value: string }>;
  consumerKey: string;
  consumerSecret: string;
}

/** One Apigee organization: its proxies, products and developers, and per environment its deployments and config. */
export class ApigeeOrg {
  readonly proxies = new Map<string, ProxyRecord>();
  readonly deployments: Deployment[] = [];
  readonly targetServers = new Map<string, Map<string, TargetServer>>();
  readonly kvms = new Map<string, Map<string, KeyValueMap>>();
  readonly products = new Map<string, Record<string, unknown>>();
  readonly developers = new Map<string, Developer>();

  constructor(
    readonly name: string,
    readonly environments: readonly string[],
  ) {
    for (const env of environments) {
      this.targetServers.set(env, new Map());
      this.kvms.set(env, new Map());
    }
  }

  deploymentsOf(environment: string, proxy: string): Deployment[] {
    return this.deployments.filter((d) => d.environment === environment && d.proxy === proxy);
  }

  isDeployed(proxy: string, revision?: number): string | undefined {
    return this.deployments.find(
      (d) => d.proxy === proxy && (revision === undefined || d.revision === revision),
    )?.environment;
  }
}
