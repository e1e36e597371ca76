/** The parts of the Apigee v1 resources mlship reads and writes (names as in the REST reference). */
export interface Attribute {
  name: string;
  value: string;
}

export interface ApiProxy {
  name: string;
  revision?: string[];
  latestRevisionId?: string;
}

export interface ApiProxyRevision {
  name?: string;
  revision?: string;
  description?: string;
  basepaths?: string[];
  createdAt?: string;
}

export interface Deployment {
  environment?: string;
  apiProxy?: string;
  revision?: string;
  state?: 'RUNTIME_STATE_UNSPECIFIED' | 'READY' | 'PROGRESSING' | 'ERROR';
  errors?: Array<{ code?: number; message?: string }>;
  deployStartTime?: string;
}

export interface ListDeployments {
  deployments?: Deployment[];
}

export interface TargetServer {
  name: string;
  host: string;
  port: number;
  isEnabled?: boolean;
  description?: string;
  sSLInfo?: { enabled: boolean; enforce?: boolean; ignoreValidationErrors?: boolean };
}

export interface KeyValueEntry {
  name: string;
  value: string;
}

export interface ApiProduct {
  name: string;
  displayName?: string;
  description?: string;
  approvalType?: string;
  environments?: string[];
  proxies?: string[];
  scopes?: string[];
  quota?: string;
  quotaInterval?: string;
  quotaTimeUnit?: string;
  attributes?: Attribute[];
}

export interface Developer {
  email: string;
  firstName: string;
  lastName: string;
  userName: string;
  attributes?: Attribute[];
  apps?: string[];
}

export interface DeveloperApp {
  name: string;
  apiProducts?: string[];
  attributes?: Attribute[];
  credentials?: Array<{ consumerKey?: string; consumerSecret?: string }>;
}
