import { createHash } from 'node:crypto';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { iamOperations } from './operations.js';
import { grants, MANAGED_POLICIES, type PolicyDocument, parsePolicy, trusts } from './policy.js';
import { principalPolicies, simulateOperations } from './simulate-principal.js';

export interface Tag {
  Key: string;
  Value: string;
}

export interface RoleRecord {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  Description?: string;
  MaxSessionDuration: number;
  trustText: string;
  trust: PolicyDocument;
  inline: Map<string, { text: string; doc: PolicyDocument }>;
  attached: string[];
  tags: Tag[];
  /** Lambda assume checks this role still refuses (IAM propagation). */
  refusalsLeft: number;
}

const noSuchRole = (name: string) =>
  new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

/** Stateful fake of the IAM role calls mlship makes (query protocol). Behaviour: FAKES.md. */
export class FakeIam {
  readonly roles = new Map<string, RoleRecord>();
  /** Lambda refuses a freshly created role this many times before it can assume it (IAM eventual consistency). */
  propagationRefusals = 0;

  /** Identity policies of principals other than the fake's roles (SimulatePrincipalPolicy), by ARN. */
  readonly principals = new Map<string, PolicyDocument[]>();
  /** Operations that answer AccessDenied (the caller lacks the permission) until reset(). */
  readonly denied = new Set<string>();

  constructor(readonly accountId: string) {
    this.reset();
  }

  reset(): void {
    this.roles.clear();
    this.propagationRefusals = 0;
    this.denied.clear();
    this.principals.clear();
    // The fake STS identity may do anything unless a test says otherwise.
    this.principals.set(`arn:aws:iam::${this.accountId}:user/mlship-fake`, [
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    ]);
  }

  /** The identity policies SimulatePrincipalPolicy evaluates for a user or role made outside the role fake. */
  setPrincipalPolicies(principalArn: string, ...documents: PolicyDocument[]): void {
    this.principals.set(principalArn, documents);
  }

  /** Each named operation answers `AccessDenied` (403) for the fake caller until reset(). */
  denyAccess(...operations: string[]): void {
    for (const operation of operations) this.denied.add(operation);
  }

  /** The identity policies (inline and attached) of a role. */
  rolePolicies(role: RoleRecord): PolicyDocument[] {
    return [
      ...[...role.inline.values()].map((p) => p.doc),
      ...role.attached.map((arn) => MANAGED_POLICIES[arn]).filter((d) => d !== undefined),
    ];
  }

  /** A role made outside mlship (no call recorded), trusted by lambda.amazonaws.com unless `trust` says otherwise. */
  seedRole(
    name: string,
    options: { trustService?: string; policies?: Record<string, PolicyDocument> } = {},
  ): RoleRecord {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow' as const,
          Principal: { Service: options.trustService ?? 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    };
    const role = this.create(name, '/', JSON.stringify(trust), undefined, []);
    role.refusalsLeft = 0;
    for (const [policy, doc] of Object.entries(options.policies ?? {})) {
      role.inline.set(policy, { text: JSON.stringify(doc), doc });
    }
    return role;
  }

  /** For the Lambda fake: why Lambda cannot assume the role, or undefined. */
  assumable(roleArn: string): string | undefined {
    const role = [...this.roles.values()].find((r) => r.Arn === roleArn);
    if (!role) return 'no such role';
    if (!trusts(role.trust, 'lambda.amazonaws.com')) return 'not trusted by lambda.amazonaws.com';
    if (role.refusalsLeft > 0) {
      role.refusalsLeft -= 1;
      return 'not yet propagated';
    }
    return undefined;
  }

  allows(roleArn: string, action: string): boolean {
    const role = [...this.roles.values()].find((r) => r.Arn === roleArn);
    if (!role) return false;
    return grants(this.rolePolicies(role), action);
  }

  create(
    name: string,
    path: string,
    trustText: string,
    description: string | undefined,
    tags: Tag[],
  ): RoleRecord {
    if (this.roles.has(name.toLowerCase())) {
      throw new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
    }
    const role: RoleRecord = {
      RoleName: name,
      RoleId: `AROA${createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase()}`,
      Arn: `arn:aws:iam::${this.accountId}:role${path}${name}`,
      Path: path,
      CreateDate: new Date(),
      ...(description ? { Description: description } : {}),
      MaxSessionDuration: 3600,
      trustText,
      trust: parsePolicy(trustText, 'trust'),
      inline: new Map(),
      attached: [],
      tags: [...tags],
      refusalsLeft: this.propagationRefusals,
    };
    this.roles.set(name.toLowerCase(), role);
    return role;
  }

  require(name: string): RoleRecord {
    const role = this.roles.get(name.toLowerCase());
    if (!role) throw noSuchRole(name);
    return role;
  }

  view(role: RoleRecord) {
    return {
      Path: role.Path,
      RoleName: role.RoleName,
      RoleId: role.RoleId,
      Arn: role.Arn,
      CreateDate: role.CreateDate,
      // IAM returns policy documents URL-encoded.
      AssumeRolePolicyDocument: encodeURIComponent(role.trustText),
      ...(role.Description ? { Description: role.Description } : {}),
      MaxSessionDuration: role.MaxSessionDuration,
      ...(role.tags.length > 0 ? { Tags: role.tags.map((t) => ({ ...t })) } : {}),
    };
  }

  operations(): Record<string, Handler> {
    const all = { ...iamOperations(this), ...simulateOperations((arn) => principalPolicies(this, arn)) };
    return Object.fromEntries(
      Object.entries(all).map(([name, handler]) => [
        name,
        (input: Record<string, unknown>) => {
          if (this.denied.has(name)) {
            throw new AwsError(
              'AccessDenied',
              `User: arn:aws:iam::${this.accountId}:user/mlship-fake is not authorized to perform: iam:${name} on resource: ${String(input.RoleName ?? input.PolicySourceArn ?? '*')}`,
              403,
            );
          }
          return handler(input);
        },
      ]),
    );
  }
}
