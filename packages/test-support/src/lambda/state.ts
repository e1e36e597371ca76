import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../server/aws-error.js';

// biome-ignore lint/suspicious/noExplicitAny: API structures are kept as the JSON the SDK sent
type Json = any;

/** FunctionConfiguration as GetFunctionConfiguration returns it (the members mlship and the tests read). */
export interface FunctionConfig {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  VpcConfig?: { SubnetIds: string[]; SecurityGroupIds: string[]; VpcId: string };
  Environment?: { Variables: Record<string, string> };
  RevisionId: string;
  State: 'Pending' | 'Active' | 'Inactive' | 'Failed';
  StateReason?: string;
  StateReasonCode?: string;
  LastUpdateStatus?: 'Successful' | 'Failed' | 'InProgress';
  LastUpdateStatusReason?: string;
  LastUpdateStatusReasonCode?: string;
  PackageType: 'Zip';
  Architectures: string[];
  EphemeralStorage: { Size: number };
  LoggingConfig: Json;
  TracingConfig: { Mode: string };
}

export interface AliasRecord {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RevisionId: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface UrlConfig {
  FunctionUrl: string;
  FunctionArn: string;
  AuthType: string;
  Cors?: Json;
  InvokeMode: string;
  CreationTime: string;
  LastModifiedTime: string;
}

export interface Transition {
  kind: 'create' | 'update';
  pollsLeft: number;
  /** The update or create ends Failed with this reason. */
  failure?: string;
}

export interface FunctionRecord {
  latest: FunctionConfig;
  code: Uint8Array;
  versions: Map<string, FunctionConfig>;
  nextVersion: number;
  /** $LATEST changed since the last PublishVersion (or nothing was published yet). */
  dirty: boolean;
  aliases: Map<string, AliasRecord>;
  /** Resource-based policy statements by qualifier ('' = the unqualified function). */
  policies: Map<string, PolicyStatement[]>;
  /** Function URL configs by qualifier ('' = unqualified). */
  urls: Map<string, UrlConfig>;
  tags: Record<string, string>;
  reservedConcurrency?: number;
  transition?: Transition;
}

/** `name`, `name:qualifier`, `123456789012:function:name[:q]` or the full ARN, split into name and qualifier. */
export function parseFunctionName(value: string): { name: string; qualifier?: string } {
  const match =
    /^(?:arn:[\w-]+:lambda:[\w-]+:\d{12}:function:|\d{12}:function:)?([\w-]+)(?::([\w$-]+))?$/.exec(value);
  if (!match?.[1]) throw invalidParameter(`Invalid function name: ${value}`);
  return match[2] ? { name: match[1], qualifier: match[2] } : { name: match[1] };
}

export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message, 404);
export const conflict = (message: string) => new AwsError('ResourceConflictException', message, 409);
export const invalidParameter = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400);

/** The front-end range check Lambda applies where the model gives no bound (AWS's validation format). */
export function checkRange(member: string, value: number | undefined, max: number): void {
  if (value !== undefined && value > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
}

export const revisionId = () => randomUUID();

export const preconditionFailed = () =>
  new AwsError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
  );

export function base64Sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** The blob as sent: the protocol layer may hand it over decoded or as the base64 text of the JSON body. */
export function blobBytes(value: unknown): Uint8Array | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  throw invalidParameter('ZipFile must be a blob');
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function checkZip(bytes: Uint8Array): void {
  const empty = bytes.length === 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x05;
  if (empty || !ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw invalidParameter(
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  }
  if (bytes.length > 50 * 1024 * 1024) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      'Request must be smaller than 69905067 bytes for the CreateFunction operation',
      413,
    );
  }
}

/** Variables the Lambda runtime sets itself (developer guide, "Defined runtime environment variables"). */
const RESERVED_ENV = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/** Lambda caps the environment at 4 KB, measured as the JSON of the variables map. */
export function checkEnvironment(env: { Variables?: Record<string, string> } | undefined): void {
  const measured = JSON.stringify(env?.Variables ?? {});
  if (Buffer.byteLength(measured) > 4096) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
  for (const key of Object.keys(env?.Variables ?? {})) {
    if (!/^[a-zA-Z]\w+$/.test(key) || RESERVED_ENV.has(key)) {
      throw invalidParameter(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys or invalid names: ${key}`,
      );
    }
  }
}
