import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { awsClient, type DeployContext, type Permission } from '@mlship/core';
import { describeDenied, simulate } from './simulate.js';
import { type CheckRow, errorMessage, errorName, fail, isAccessDenied, ok, warn } from './types.js';

const TITLE = 'Execution role';
const SERVICE = 'sagemaker.amazonaws.com';

interface TrustStatement {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { Service?: string | string[] };
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The services the trust policy lets call sts:AssumeRole. */
export function trustedServices(document: string): string[] {
  const parsed = JSON.parse(decodeURIComponent(document)) as {
    Statement?: TrustStatement | TrustStatement[];
  };
  return list(parsed.Statement)
    .filter((s) => s.Effect === 'Allow')
    .filter((s) => list(s.Action).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*'))
    .flatMap((s) => (typeof s.Principal === 'object' ? list(s.Principal.Service) : []));
}

/** What SageMaker does with the role: pull the image from ECR, read the model artifact, write logs. */
export function rolePermissions(ctx: DeployContext): Permission[] {
  const { config } = ctx.resolved;
  const account = config.sagemaker.executionRoleArn.split(':')[4];
  const repo = `arn:aws:ecr:${config.region}:${account}:repository/${config.image.repository}`;
  const logs = `arn:aws:logs:${config.region}:${account}:log-group:/aws/sagemaker/Endpoints/*`;
  const sid = 'SageMakerExecution';
  const out: Permission[] = [
    { action: 'ecr:BatchGetImage', resource: repo, sid },
    { action: 'ecr:GetDownloadUrlForLayer', resource: repo, sid },
    { action: 'ecr:GetAuthorizationToken', resource: '*', sid },
    { action: 'logs:CreateLogGroup', resource: logs, sid },
    { action: 'logs:CreateLogStream', resource: logs, sid },
    { action: 'logs:PutLogEvents', resource: logs, sid },
  ];
  const dataUrl = config.model.dataUrl;
  if (dataUrl)
    out.push({ action: 's3:GetObject', resource: `arn:aws:s3:::${dataUrl.replace(/^s3:\/\//, '')}`, sid });
  return out;
}

export async function checkRole(ctx: DeployContext): Promise<CheckRow> {
  const arn = ctx.resolved.config.sagemaker.executionRoleArn;
  const name = arn.split('/').pop() ?? arn;
  let trust: string[];
  try {
    const out = await awsClient(ctx, IAMClient).send(new GetRoleCommand({ RoleName: name }));
    trust = trustedServices(out.Role?.AssumeRolePolicyDocument ?? '%7B%7D');
  } catch (error) {
    if (errorName(error) === 'NoSuchEntityException' || errorName(error) === 'NoSuchEntity') {
      return fail(
        'role',
        TITLE,
        `${arn} does not exist`,
        'Create it (trusted by sagemaker.amazonaws.com, allowed to pull the image and write logs) or correct sagemaker.executionRoleArn.',
      );
    }
    if (!isAccessDenied(error)) throw error;
    return warn(
      'role',
      TITLE,
      `Cannot read ${arn}: ${errorMessage(error)}`,
      'Allow iam:GetRole on the role.',
    );
  }
  if (!trust.includes(SERVICE)) {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: SERVICE }, Action: 'sts:AssumeRole' }],
    });
    return fail(
      'role',
      TITLE,
      `${name} trusts ${trust.length > 0 ? trust.join(', ') : 'no service'}, not ${SERVICE}: SageMaker cannot assume it`,
      `aws iam update-assume-role-policy --role-name ${name} --policy-document '${document}'`,
      { trustedServices: trust },
    );
  }
  const needed = rolePermissions(ctx);
  let denied: Awaited<ReturnType<typeof simulate>>;
  try {
    denied = await simulate(ctx, arn, needed);
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    return warn(
      'role',
      TITLE,
      `${name} trusts ${SERVICE}; its policies were not checked: ${errorMessage(error)}`,
      'Allow iam:SimulatePrincipalPolicy on the role to check them.',
    );
  }
  if (denied.length > 0) {
    const missing = needed.filter((p) => denied.some((d) => d.action === p.action));
    const statement = {
      Version: '2012-10-17',
      Statement: [...new Set(missing.map((p) => p.resource))].map((resource) => ({
        Effect: 'Allow',
        Action: missing.filter((p) => p.resource === resource).map((p) => p.action),
        Resource: resource,
      })),
    };
    return fail(
      'role',
      TITLE,
      `${name} trusts ${SERVICE} but may not: ${describeDenied(denied)}`,
      `aws iam put-role-policy --role-name ${name} --policy-name mlship-sagemaker-execution --policy-document '${JSON.stringify(statement)}'`,
      { denied },
    );
  }
  const actions = needed.map((p) => p.action.split(':')[1]).join(', ');
  return ok('role', TITLE, `${name} trusts ${SERVICE} and may ${actions}`);
}
