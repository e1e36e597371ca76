import { createHash } from 'node:crypto';
import type { Handler } from '../server/service.js';
import type { FakeLambda } from './fake-lambda.js';
import { conflict, type FunctionRecord, invalidParameter, notFound, type UrlConfig } from './state.js';

const now = () => new Date().toISOString();

function urlQualifier(lambda: FakeLambda, record: FunctionRecord, qualifier: string | undefined): string {
  if (!qualifier || qualifier === '$LATEST') return '';
  if (/^\d+$/.test(qualifier))
    throw invalidParameter('Function URLs cannot be configured on a function version.');
  if (!record.aliases.has(qualifier)) {
    throw notFound(`Function not found: ${lambda.functionArn(record.latest.FunctionName, qualifier)}`);
  }
  return qualifier;
}

function requireUrl(record: FunctionRecord, qualifier: string): UrlConfig {
  const url = record.urls.get(qualifier);
  if (!url) throw notFound('The resource you requested does not exist.');
  return url;
}

/** Function URL configs, tags, reserved concurrency. */
export function urlAndTagOperations(lambda: FakeLambda): Record<string, Handler> {
  const taggable = (resource: string): FunctionRecord => {
    const { record, qualifier } = lambda.lookup(resource);
    if (qualifier) throw invalidParameter('Tags are not supported on function versions or aliases.');
    return record;
  };
  return {
    CreateFunctionUrlConfig: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = urlQualifier(lambda, record, input.Qualifier ?? fromArn);
      const arn = lambda.functionArn(record.latest.FunctionName, qualifier || undefined);
      if (record.urls.has(qualifier)) {
        throw conflict(
          `Failed to create function url config for [functionArn = ${arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
        );
      }
      const id = createHash('sha256').update(arn).digest('hex').slice(0, 32);
      const config: UrlConfig = {
        FunctionUrl: `https://${id}.lambda-url.${lambda.region}.on.aws/`,
        FunctionArn: arn,
        AuthType: input.AuthType,
        ...(input.Cors ? { Cors: input.Cors } : {}),
        InvokeMode: input.InvokeMode ?? 'BUFFERED',
        CreationTime: now(),
        LastModifiedTime: now(),
      };
      record.urls.set(qualifier, config);
      const { LastModifiedTime: _, ...created } = config;
      return created;
    },
    GetFunctionUrlConfig: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      return { ...requireUrl(record, urlQualifier(lambda, record, input.Qualifier ?? fromArn)) };
    },
    UpdateFunctionUrlConfig: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const url = requireUrl(record, urlQualifier(lambda, record, input.Qualifier ?? fromArn));
      if (input.AuthType) url.AuthType = input.AuthType;
      if (input.Cors) url.Cors = input.Cors;
      if (input.InvokeMode) url.InvokeMode = input.InvokeMode;
      url.LastModifiedTime = now();
      return { ...url };
    },
    DeleteFunctionUrlConfig: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = urlQualifier(lambda, record, input.Qualifier ?? fromArn);
      requireUrl(record, qualifier);
      record.urls.delete(qualifier);
      return {};
    },
    TagResource: (input) => {
      const record = taggable(input.Resource);
      const tags = { ...record.tags, ...input.Tags };
      if (Object.keys(tags).length > 50) throw invalidParameter('Number of tags exceeds resource tag limit.');
      record.tags = tags;
      return {};
    },
    UntagResource: (input) => {
      const record = taggable(input.Resource);
      for (const key of input.TagKeys as string[]) delete record.tags[key];
      return {};
    },
    ListTags: (input) => ({ Tags: { ...taggable(input.Resource).tags } }),
    PutFunctionConcurrency: (input) => {
      const record = lambda.require(input.FunctionName);
      record.reservedConcurrency = input.ReservedConcurrentExecutions;
      return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
    },
    GetFunctionConcurrency: (input) => {
      const record = lambda.require(input.FunctionName);
      return record.reservedConcurrency === undefined
        ? {}
        : { ReservedConcurrentExecutions: record.reservedConcurrency };
    },
    DeleteFunctionConcurrency: (input) => {
      delete lambda.require(input.FunctionName).reservedConcurrency;
      return {};
    },
  };
}
