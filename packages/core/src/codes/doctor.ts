import type { CodeTable } from './types.js';

/** `mlship doctor` and the deploy preflight (@mlship/doctor): identity, quotas, roles, permissions, front door. */
export const DOCTOR_CODES = {
  PREFLIGHT_FAILED: {
    kind: 'user',
    exit: 2,
    meaning:
      'a preflight check failed after planning (quota, execution role, permissions); nothing was changed',
    fix: 'fix each ✖ row as its fix says (`mlship doctor --env <env>` shows the same table), then deploy again',
  },
  PREFLIGHT_SKIPPED: {
    kind: 'notice',
    meaning:
      '--skip-preflight: quotas, the execution role and the planned calls’ permissions were not checked',
    fix: 'run `mlship doctor --env <env>` with a principal that may call iam:SimulatePrincipalPolicy',
  },
  PREFLIGHT_UNAVAILABLE: {
    kind: 'notice',
    meaning: '@mlship/doctor is not installed in the project, so the deploy ran without its preflight',
    fix: 'install it next to the deployers: npm install --save-dev @mlship/doctor (`mlship init` adds it)',
  },
  DOCTOR_MISSING: {
    kind: 'user',
    exit: 2,
    meaning: '`mlship doctor` needs @mlship/doctor, which is installed in the project like the deployers',
    fix: 'npm install --save-dev @mlship/doctor (or pnpm add -D)',
  },
  PREFLIGHT_PASSED: {
    kind: 'notice',
    meaning: 'the preflight checks passed (the table is printed under --debug)',
  },
  DOCTOR_REPORT: {
    kind: 'notice',
    meaning: 'the table of doctor checks, each ✔/✖/⚠ with what it saw and the fix',
  },
  PERMISSIONS_UNDECLARED: {
    kind: 'notice',
    meaning:
      'a target’s deployer does not declare the IAM actions of its calls: its permissions are neither checked nor printed',
    fix: 'update the deployer package (deployers declare `permissions(ctx, plan)`, see docs/before-first-deploy.md)',
  },
  QUOTA_EXCEEDED: {
    kind: 'deploy',
    exit: 1,
    meaning:
      'SageMaker refused CreateEndpoint: the instance quota is too small (it changed after the preflight); what this deploy had created is removed again',
    fix: 'request an increase (the message prints the `aws service-quotas request-service-quota-increase` command) or pick another instance type',
  },
  QUOTA_INCREASE_REQUESTED: {
    kind: 'notice',
    meaning: '`mlship doctor --request-increase` filed a Service Quotas increase request',
    fix: 'wait for approval (`aws service-quotas list-requested-service-quota-change-history --service-code sagemaker`)',
  },
  QUOTA_INCREASE_FAILED: {
    kind: 'notice',
    meaning: 'Service Quotas refused the increase request (pending already, not adjustable, or not allowed)',
    fix: 'follow the message; the AWS console’s Service Quotas page shows pending requests',
  },
} satisfies CodeTable;
