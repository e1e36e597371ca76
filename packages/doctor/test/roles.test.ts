import { describe, expect, it } from 'vitest';
import { ACCOUNT, EXECUTION_POLICY, ROLE_NAME, resolved, runDoctor, useFakeAws } from './harness.js';

const h = useFakeAws();
const USER = `arn:aws:iam::${ACCOUNT}:user/mlship-fake`;

function row(report: Awaited<ReturnType<typeof runDoctor>>, check: string) {
  return report.rows.find((r) => r.check === check)!;
}

describe('execution role and deploying principal', () => {
  it('a role that trusts another service → ✖ with the update-assume-role-policy fix', async () => {
    h.aws.iam.roles.clear();
    h.aws.iam.seedRole(ROLE_NAME, {
      trustService: 'lambda.amazonaws.com',
      policies: { e: EXECUTION_POLICY },
    });
    const role = row(await runDoctor(resolved(h.dir.path)), 'role');
    expect(role.status).toBe('fail');
    expect(role.fact).toBe(
      `${ROLE_NAME} trusts lambda.amazonaws.com, not sagemaker.amazonaws.com: SageMaker cannot assume it`,
    );
    expect(role.fix).toContain(`aws iam update-assume-role-policy --role-name ${ROLE_NAME}`);
    expect(role.fix).toContain('"Service":"sagemaker.amazonaws.com"');
  });

  it('a role that cannot pull the image → ✖ naming the ECR actions, with a put-role-policy fix', async () => {
    h.aws.iam.roles.clear();
    h.aws.iam.seedRole(ROLE_NAME, {
      trustService: 'sagemaker.amazonaws.com',
      policies: {
        logs: { Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] },
      },
    });
    const role = row(await runDoctor(resolved(h.dir.path)), 'role');
    expect(role.status).toBe('fail');
    expect(role.fact).toContain(
      'may not: ecr:BatchGetImage on arn:aws:ecr:us-east-1:123456789012:repository/iris-classifier',
    );
    expect(role.fact).toContain('ecr:GetDownloadUrlForLayer');
    expect(role.fact).toContain('ecr:GetAuthorizationToken on *');
    expect(role.fact).not.toContain('logs:');
    expect(role.fix).toContain(`aws iam put-role-policy --role-name ${ROLE_NAME}`);
  });

  it('model.dataUrl set: the role must read it', async () => {
    const config = resolved(h.dir.path, {
      model: { framework: 'onnx', dataUrl: 's3://models/iris/model.tar.gz' },
    });
    const role = row(await runDoctor(config), 'role');
    expect(role.status).toBe('fail');
    expect(role.fact).toContain('s3:GetObject on arn:aws:s3:::models/iris/model.tar.gz');
    h.aws.iam.require(ROLE_NAME).inline.set('s3', {
      text: '',
      doc: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::models/*' }] },
    });
    expect(row(await runDoctor(config), 'role').status).toBe('ok');
  });

  it('a role that does not exist → ✖; a role the caller may not read → ⚠ naming iam:GetRole', async () => {
    h.aws.iam.roles.clear();
    const missing = row(await runDoctor(resolved(h.dir.path)), 'role');
    expect(missing).toMatchObject({
      status: 'fail',
      fact: `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME} does not exist`,
    });

    h.aws.iam.denyAccess('GetRole');
    const hidden = row(await runDoctor(resolved(h.dir.path)), 'role');
    expect(hidden.status).toBe('warn');
    expect(hidden.fix).toBe('Allow iam:GetRole on the role.');
  });

  it('a principal without sagemaker:CreateEndpoint → ✖ listing it, and --print-policy as the fix', async () => {
    h.aws.iam.setPrincipalPolicies(USER, {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'sagemaker:CreateEndpoint', Resource: '*' },
      ],
    });
    const principal = row(await runDoctor(resolved(h.dir.path)), 'principal');
    expect(principal.status).toBe('fail');
    expect(principal.fact).toBe(
      `${USER} may not: sagemaker:CreateEndpoint on arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/iris-*`,
    );
    expect(principal.fix).toBe('Attach the least-privilege policy: mlship doctor --env dev --print-policy');
  });

  it('conditions are simulated with the values the calls carry (tag-scoped policy passes, a wrong app fails)', async () => {
    const { printPolicy } = await import('../src/index.js');
    const { options } = await import('./harness.js');
    const policy = JSON.parse((await printPolicy(options(resolved(h.dir.path)))).policy);
    h.aws.iam.setPrincipalPolicies(USER, policy);
    expect(row(await runDoctor(resolved(h.dir.path)), 'principal').status).toBe('ok');
    const other = JSON.parse(JSON.stringify(policy).replaceAll('"iris"', '"churn"'));
    h.aws.iam.setPrincipalPolicies(USER, other);
    const principal = row(await runDoctor(resolved(h.dir.path)), 'principal');
    expect(principal.status).toBe('fail');
    expect(principal.fact).toContain('sagemaker:CreateModel');
    expect(principal.fact).not.toContain('sagemaker:DescribeEndpoint');
  });

  it('an assumed-role caller is simulated as its role (path from GetRole)', async () => {
    const deployer = h.aws.iam.seedRole('ci-deployer', {
      trustService: 'ec2.amazonaws.com',
      policies: { all: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    });
    h.aws.sts.setIdentity({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-deployer/build-42` });
    const principal = row(await runDoctor(resolved(h.dir.path)), 'principal');
    expect(principal).toMatchObject({ status: 'ok' });
    expect(principal.fact).toContain(deployer.Arn);
  });

  it('a caller that may not simulate → ⚠ naming iam:SimulatePrincipalPolicy', async () => {
    h.aws.iam.denyAccess('SimulatePrincipalPolicy');
    const report = await runDoctor(resolved(h.dir.path));
    expect(row(report, 'principal').status).toBe('warn');
    expect(row(report, 'principal').fix).toContain('iam:SimulatePrincipalPolicy');
    expect(report.summary.fail).toBe(0);
  });
});
