import { createHash } from 'node:crypto';
import type { FakeLambda } from './fake-lambda.js';
import { checkEnvironment, checkRange, type FunctionConfig, invalidParameter } from './state.js';

const ROLE_NOT_ASSUMABLE = 'The role defined for the function cannot be assumed by Lambda.';
const NO_ENI_PERMISSION =
  'The provided execution role does not have permissions to call CreateNetworkInterface on EC2';

export function checkRole(lambda: FakeLambda, role: string, vpc: unknown): void {
  if (!lambda.roles) return;
  const why = lambda.roles.assumable(role);
  if (why) throw invalidParameter(ROLE_NOT_ASSUMABLE);
  if (vpc && !lambda.roles.allows(role, 'ec2:CreateNetworkInterface'))
    throw invalidParameter(NO_ENI_PERMISSION);
}

// biome-ignore lint/suspicious/noExplicitAny: the model-validated request
export function vpcConfig(input: any): FunctionConfig['VpcConfig'] | undefined {
  const subnets: string[] = input?.SubnetIds ?? [];
  const groups: string[] = input?.SecurityGroupIds ?? [];
  if (subnets.length === 0 && groups.length === 0) return undefined;
  if (subnets.length === 0 || groups.length === 0) {
    throw invalidParameter('SubnetIds and SecurityGroupIds must coexist or be both empty list.');
  }
  const vpcId = `vpc-${createHash('sha256')
    .update(subnets[0] ?? '')
    .digest('hex')
    .slice(0, 17)}`;
  return { SubnetIds: [...subnets], SecurityGroupIds: [...groups], VpcId: vpcId };
}

// biome-ignore lint/suspicious/noExplicitAny: the model-validated request
export function checkSettings(input: any): void {
  checkRange('timeout', input.Timeout, 900);
  checkRange('memorySize', input.MemorySize, 10240);
  if (input.Environment) checkEnvironment(input.Environment);
  if (input.Architectures && input.Architectures.length !== 1) {
    throw invalidParameter('Architectures must contain exactly one value.');
  }
}
