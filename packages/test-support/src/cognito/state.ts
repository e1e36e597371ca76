import { randomBytes } from 'node:crypto';
import { AwsError } from '../server/aws-error.js';

export interface ResourceServerRecord {
  Identifier: string;
  Name: string;
  Scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
}

export interface ClientRecord {
  ClientId: string;
  ClientName: string;
  ClientSecret?: string;
  CreationDate: Date;
  LastModifiedDate: Date;
  /** Every other setting exactly as the last Create/UpdateUserPoolClient sent it. */
  settings: Record<string, unknown>;
}

export interface UserPoolRecord {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: Date;
  LastModifiedDate: Date;
  DeletionProtection: 'ACTIVE' | 'INACTIVE';
  tags: Record<string, string>;
  /** The prefix domain (`<prefix>.auth.<region>.amazoncognito.com`), once created. */
  Domain?: string;
  resourceServers: Map<string, ResourceServerRecord>;
  clients: Map<string, ClientRecord>;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** Looks a user pool up by id, as every operation that takes a UserPoolId does. */
export function requirePool(pools: Map<string, UserPoolRecord>, id: string): UserPoolRecord {
  const pool = pools.get(id);
  if (!pool) throw notFound(`User pool ${id} does not exist.`);
  return pool;
}
