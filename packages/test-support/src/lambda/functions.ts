import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { checkRole, checkSettings, vpcConfig } from './checks.js';
import type { FakeLambda } from './fake-lambda.js';
import {
  base64Sha256,
  blobBytes,
  checkZip,
  conflict,
  type FunctionConfig,
  type FunctionRecord,
  invalidParameter,
  parseFunctionName,
  preconditionFailed,
  revisionId,
} from './state.js';

export function publicConfig(config: FunctionConfig): FunctionConfig {
  return structuredClone(config);
}

function getFunction(lambda: FakeLambda, record: FunctionRecord, qualifier: string | undefined) {
  const config = lambda.resolveQualifier(record, qualifier);
  return {
    Configuration: publicConfig(config),
    Code: {
      RepositoryType: 'S3',
      Location: `https://awslambda-${lambda.region}-tasks.s3.amazonaws.com/snapshots/${lambda.accountId}/${config.FunctionName}`,
    },
    Tags: { ...record.tags },
    ...(record.reservedConcurrency === undefined
      ? {}
      : { Concurrency: { ReservedConcurrentExecutions: record.reservedConcurrency } }),
  };
}

/** CreateFunction, Get*, Update*, DeleteFunction. */
export function functionOperations(lambda: FakeLambda): Record<string, Handler> {
  return {
    CreateFunction: (input) => {
      const { name, qualifier } = parseFunctionName(input.FunctionName);
      if (qualifier) throw invalidParameter('A function name cannot carry a qualifier in CreateFunction.');
      if (name.length > 64) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
        );
      }
      if (lambda.functions.has(name)) throw conflict(`Function already exist: ${name}`);
      if ((input.PackageType ?? 'Zip') !== 'Zip') throw invalidParameter('Only Zip packages are faked.');
      if (!input.Runtime || !input.Handler) {
        throw invalidParameter(
          'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
        );
      }
      const code = blobBytes(input.Code?.ZipFile);
      if (!code) throw invalidParameter('Please provide a source for function code.');
      checkZip(code);
      checkSettings(input);
      const vpc = vpcConfig(input.VpcConfig);
      checkRole(lambda, input.Role, vpc);
      const latest: FunctionConfig = {
        FunctionName: name,
        FunctionArn: lambda.functionArn(name),
        Runtime: input.Runtime,
        Role: input.Role,
        Handler: input.Handler,
        CodeSize: code.length,
        Description: input.Description ?? '',
        Timeout: input.Timeout ?? 3,
        MemorySize: input.MemorySize ?? 128,
        LastModified: '',
        CodeSha256: base64Sha256(code),
        Version: '$LATEST',
        ...(vpc ? { VpcConfig: vpc } : {}),
        ...(input.Environment ? { Environment: { Variables: { ...input.Environment.Variables } } } : {}),
        RevisionId: revisionId(),
        State: 'Pending',
        PackageType: 'Zip',
        Architectures: input.Architectures ?? ['x86_64'],
        EphemeralStorage: input.EphemeralStorage ?? { Size: 512 },
        LoggingConfig: input.LoggingConfig ?? { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
        TracingConfig: input.TracingConfig ?? { Mode: 'PassThrough' },
      };
      const record: FunctionRecord = {
        latest,
        code,
        versions: new Map(),
        nextVersion: 1,
        dirty: true,
        aliases: new Map(),
        policies: new Map(),
        urls: new Map(),
        tags: { ...(input.Tags ?? {}) },
      };
      lambda.functions.set(name, record);
      lambda.beginTransition(record, 'create');
      return publicConfig(latest);
    },
    GetFunction: (input) => {
      const { record, qualifier } = lambda.lookup(input.FunctionName);
      lambda.advance(record);
      return getFunction(lambda, record, input.Qualifier ?? qualifier);
    },
    GetFunctionConfiguration: (input) => {
      const { record, qualifier } = lambda.lookup(input.FunctionName);
      lambda.advance(record);
      return publicConfig(lambda.resolveQualifier(record, input.Qualifier ?? qualifier));
    },
    UpdateFunctionCode: (input) => {
      const record = lambda.require(input.FunctionName);
      const code = blobBytes(input.ZipFile);
      if (!code) throw invalidParameter('Please provide a source for function code.');
      checkZip(code);
      if (input.RevisionId && input.RevisionId !== record.latest.RevisionId) throw preconditionFailed();
      lambda.assertIdle(record);
      if (input.Architectures) checkSettings({ Architectures: input.Architectures });
      if (input.DryRun) return publicConfig(record.latest);
      record.code = code;
      record.latest.CodeSha256 = base64Sha256(code);
      record.latest.CodeSize = code.length;
      if (input.Architectures) record.latest.Architectures = [...input.Architectures];
      record.dirty = true;
      lambda.beginTransition(record, 'update');
      return publicConfig(record.latest);
    },
    UpdateFunctionConfiguration: (input) => {
      const record = lambda.require(input.FunctionName);
      if (input.RevisionId && input.RevisionId !== record.latest.RevisionId) throw preconditionFailed();
      lambda.assertIdle(record);
      checkSettings(input);
      const latest = record.latest;
      const vpc = input.VpcConfig ? vpcConfig(input.VpcConfig) : latest.VpcConfig;
      checkRole(lambda, input.Role ?? latest.Role, input.VpcConfig ? vpc : undefined);
      for (const key of ['Role', 'Handler', 'Description', 'Timeout', 'MemorySize', 'Runtime'] as const) {
        if (input[key] !== undefined) (latest as unknown as Record<string, unknown>)[key] = input[key];
      }
      if (input.Environment) latest.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
      if (input.VpcConfig) {
        if (vpc) latest.VpcConfig = vpc;
        else delete latest.VpcConfig;
      }
      if (input.EphemeralStorage) latest.EphemeralStorage = input.EphemeralStorage;
      if (input.LoggingConfig) latest.LoggingConfig = { ...latest.LoggingConfig, ...input.LoggingConfig };
      record.dirty = true;
      lambda.beginTransition(record, 'update');
      return publicConfig(latest);
    },
    DeleteFunction: (input) => {
      const { record, qualifier: fromArn } = lambda.lookup(input.FunctionName);
      const qualifier = input.Qualifier ?? fromArn;
      const name = record.latest.FunctionName;
      if (!qualifier) {
        lambda.functions.delete(name);
        return {};
      }
      if (qualifier === '$LATEST') {
        throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
      }
      if (!/^\d+$/.test(qualifier)) throw invalidParameter('Deletion of aliases is not supported.');
      lambda.resolveQualifier(record, qualifier);
      const using = [...record.aliases.values()]
        .filter((a) => a.FunctionVersion === qualifier)
        .map((a) => a.Name);
      if (using.length > 0) {
        throw conflict(
          `Unable to delete version because the following aliases reference it: [${using.join(', ')}]`,
        );
      }
      record.versions.delete(qualifier);
      record.policies.delete(qualifier);
      return {};
    },
  };
}
