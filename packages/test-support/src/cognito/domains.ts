import type { Handler } from '../server/service.js';
import type { FakeCognito } from './fake-cognito.js';
import { invalidParameter, requirePool } from './state.js';

const RESERVED = ['aws', 'amazon', 'cognito'];

/** Prefix domains (`<prefix>.auth.<region>.amazoncognito.com`); a prefix is unique per region across accounts. */
export function domainOperations(cognito: FakeCognito): Record<string, Handler> {
  const owner = (domain: string) => [...cognito.pools.values()].find((p) => p.Domain === domain);
  return {
    CreateUserPoolDomain: (input) => {
      if (input.CustomDomainConfig) throw invalidParameter('Custom domains are not faked.');
      const pool = requirePool(cognito.pools, input.UserPoolId);
      const word = RESERVED.find((w) => input.Domain.includes(w));
      if (word) throw invalidParameter(`Domain cannot contain reserved word: ${word}`);
      if (owner(input.Domain) || cognito.takenDomains.has(input.Domain)) {
        throw invalidParameter('Domain already associated with another user pool.');
      }
      if (pool.Domain) throw invalidParameter(`User pool ${pool.Id} already has a domain configured.`);
      pool.Domain = input.Domain;
      return { ManagedLoginVersion: 1 };
    },
    DescribeUserPoolDomain: (input) => {
      const pool = owner(input.Domain);
      if (!pool) return { DomainDescription: {} };
      return {
        DomainDescription: {
          UserPoolId: pool.Id,
          AWSAccountId: cognito.accountId,
          Domain: input.Domain,
          CloudFrontDistribution: `${input.Domain}.cloudfront.net`,
          Version: '20261130000000',
          Status: 'ACTIVE',
          ManagedLoginVersion: 1,
        },
      };
    },
    DeleteUserPoolDomain: (input) => {
      const pool = requirePool(cognito.pools, input.UserPoolId);
      if (pool.Domain !== input.Domain) {
        throw invalidParameter(`Domain ${input.Domain} is not associated with user pool ${pool.Id}.`);
      }
      delete pool.Domain;
      return {};
    },
  };
}
