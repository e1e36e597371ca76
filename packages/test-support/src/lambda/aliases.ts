import type { Handler } from '../server/service.js';
import type { FakeLambda } from './fake-lambda.js';
import { publicConfig } from './functions.js';
import {
  type AliasRecord,
  conflict,
  type FunctionRecord,
  invalidParameter,
  notFound,
  preconditionFailed,
  revisionId,
} from './state.js';

function requireAlias(lambda: FakeLambda, record: FunctionRecord, name: string): AliasRecord {
  const alias = record.aliases.get(name);
  if (!alias) throw notFound(`Alias not found: ${lambda.functionArn(record.latest.FunctionName, name)}`);
  return alias;
}

function requireVersion(lambda: FakeLambda, record: FunctionRecord, version: string): void {
  if (version === '$LATEST') return;
  if (!record.versions.has(version)) {
    throw notFound(`Function not found: ${lambda.functionArn(record.latest.FunctionName, version)}`);
  }
}

const PAGE = 50;

/** PublishVersion, ListVersionsByFunction, and the alias calls. */
export function aliasOperations(lambda: FakeLambda): Record<string, Handler> {
  return {
    PublishVersion: (input) => {
      const record = lambda.require(input.FunctionName);
      const latest = record.latest;
      if (input.RevisionId && input.RevisionId !== latest.RevisionId) {
        throw preconditionFailed();
      }
      lambda.assertIdle(record);
      if (input.CodeSha256 && input.CodeSha256 !== latest.CodeSha256) {
        throw invalidParameter(
          `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the current CodeSHA256.`,
        );
      }
      if (!record.dirty) {
        const last = record.versions.get(String(record.nextVersion - 1));
        if (last) return publicConfig(last);
      }
      const version = String(record.nextVersion++);
      const published = {
        ...structuredClone(latest),
        Version: version,
        FunctionArn: lambda.functionArn(latest.FunctionName, version),
        Description: input.Description ?? latest.Description,
        RevisionId: revisionId(),
      };
      record.versions.set(version, published);
      record.dirty = false;
      return publicConfig(published);
    },
    ListVersionsByFunction: (input) => {
      const record = lambda.require(input.FunctionName);
      const all = [
        record.latest,
        ...[...record.versions.values()].sort((a, b) => Number(a.Version) - Number(b.Version)),
      ];
      const start = input.Marker ? Number(input.Marker) : 0;
      if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid marker');
      const size = Math.min(input.MaxItems ?? PAGE, PAGE);
      const page = all.slice(start, start + size);
      return {
        Versions: page.map(publicConfig),
        ...(start + size < all.length ? { NextMarker: String(start + size) } : {}),
      };
    },
    CreateAlias: (input) => {
      const record = lambda.require(input.FunctionName);
      const arn = lambda.functionArn(record.latest.FunctionName, input.Name);
      if (record.aliases.has(input.Name)) throw conflict(`Alias already exists: ${arn}`);
      requireVersion(lambda, record, input.FunctionVersion);
      const alias: AliasRecord = {
        AliasArn: arn,
        Name: input.Name,
        FunctionVersion: input.FunctionVersion,
        Description: input.Description ?? '',
        RevisionId: revisionId(),
      };
      record.aliases.set(input.Name, alias);
      return { ...alias };
    },
    GetAlias: (input) => {
      const record = lambda.require(input.FunctionName);
      return { ...requireAlias(lambda, record, input.Name) };
    },
    UpdateAlias: (input) => {
      const record = lambda.require(input.FunctionName);
      const alias = requireAlias(lambda, record, input.Name);
      if (input.RevisionId && input.RevisionId !== alias.RevisionId) {
        throw preconditionFailed();
      }
      if (input.FunctionVersion) {
        requireVersion(lambda, record, input.FunctionVersion);
        alias.FunctionVersion = input.FunctionVersion;
      }
      if (input.Description !== undefined) alias.Description = input.Description;
      alias.RevisionId = revisionId();
      return { ...alias };
    },
    DeleteAlias: (input) => {
      const record = lambda.require(input.FunctionName);
      record.aliases.delete(input.Name);
      record.policies.delete(input.Name);
      record.urls.delete(input.Name);
      return {};
    },
    ListAliases: (input) => {
      const record = lambda.require(input.FunctionName);
      const aliases = [...record.aliases.values()].filter(
        (a) => !input.FunctionVersion || a.FunctionVersion === input.FunctionVersion,
      );
      return { Aliases: aliases.map((a) => ({ ...a })) };
    },
  };
}
