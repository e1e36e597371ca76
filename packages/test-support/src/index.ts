export { FakeApiGateway } from './apigateway/fake-apigateway.js';
export {
  type InvokeGateway,
  type InvokeGatewayOptions,
  type ProxyHandler,
  startInvokeGateway,
} from './apigateway/invoke-gateway.js';
export type { ApigeeCall, ApigeeUpload, FakeApigee, FakeApigeeOptions } from './apigee/fake-apigee.js';
export { startFakeApigee } from './apigee/fake-apigee.js';
export type { ApigeeOrg } from './apigee/state.js';
export type { ScalableTarget } from './autoscaling.js';
export { FakeAutoScaling } from './autoscaling.js';
export { FakeCognito } from './cognito/fake-cognito.js';
export { type Jwk, verifyJwt } from './cognito/jwt.js';
export type { EcrImage } from './ecr.js';
export { FakeEcr } from './ecr.js';
export {
  FakeElastiCache,
  type ServerlessCacheRecord,
  type ServerlessCacheStatus,
} from './elasticache/fake-elasticache.js';
export type {
  FakeAws,
  FakeAwsOptions,
  Handler,
  InjectedError,
  RecordedCall,
  ResponseViolation,
  ServiceName,
} from './fake-aws.js';
export { startFakeAws } from './fake-aws.js';
export { type CapturedStream, captureStream } from './fixtures/capture-stream.js';
export { type RedisServer, startRedisServer } from './fixtures/redis-server.js';
export { sdkCommandsIn } from './fixtures/sdk-commands.js';
export { type TempDir, tempDir } from './fixtures/temp-dir.js';
export { FakeIam, type RoleRecord } from './iam/fake-iam.js';
export type { PolicyDocument } from './iam/policy.js';
export { FakeLambda, type RoleChecker } from './lambda/fake-lambda.js';
export { handlersFromEnvironment } from './lambda/function-handlers.js';
export type {
  AliasRecord,
  FunctionConfig,
  FunctionRecord,
  PolicyStatement,
  UrlConfig,
} from './lambda/state.js';
export { FakeLogs } from './logs/fake-logs.js';
export type { LogGroupRecord } from './logs/state.js';
export { type BucketRecord, FakeS3, type S3Object } from './s3/fake-s3.js';
export type { SageMakerLimits } from './sagemaker/fake-sagemaker.js';
export { FakeSageMaker } from './sagemaker/fake-sagemaker.js';
export type { SeedEndpoint, SeedEndpointConfig, SeedModel } from './sagemaker/seed.js';
export type {
  EndpointConfigRecord,
  EndpointRecord,
  EndpointStatus,
  ModelRecord,
  Tag,
  VariantState,
} from './sagemaker/state.js';
export type { Invocation, ModelHandler, ModelReply } from './sagemaker-runtime/runtime.js';
export { FakeSageMakerRuntime } from './sagemaker-runtime/runtime.js';
export { AwsError } from './server/aws-error.js';
