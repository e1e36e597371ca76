import { withLines } from './fixtures.js';

export interface MalformedCase {
  name: string;
  text: string;
  env?: string;
  /** Every error, as `LINE:COL path [env]: message (hint)`. */
  errors: string[];
}

const longName = 'a'.repeat(50);

export const MALFORMED: MalformedCase[] = [
  {
    name: 'broken YAML (unclosed flow mapping)',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: 2' }),
    errors: [
      '7:3 : YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  },
  {
    name: 'tab-indented YAML',
    text: withLines({ 7: '\texecutionRoleArn: arn:aws:iam::123456789012:role/x' }),
    errors: [
      '7:1 : YAML syntax error: Tabs are not allowed as indentation',
      '9:1 : YAML syntax error: All mapping items must start at the same column',
    ],
  },
  {
    name: 'duplicate key',
    text: withLines({ 14: 'tags: { team: a }\ntags: { team: b }' }),
    errors: ['15:1 tags: duplicate key (first defined on line 14) (remove one of them)'],
  },
  {
    name: 'duplicate nested key',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: 2, count: 3 }' }),
    errors: ['6:45 sagemaker.instance.count: duplicate key (first defined on line 6) (remove one of them)'],
  },
  {
    name: 'string where a number belongs',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: two }' }),
    errors: ['6:42 sagemaker.instance.count: expected a whole number from 1 to 100, got "two"'],
  },
  {
    name: 'scalar where a mapping belongs',
    text: withLines({ 10: 'cache: yes' }),
    errors: ['10:8 cache: expected a mapping, got "yes"'],
  },
  {
    name: 'list where a string belongs',
    text: withLines({ 3: 'region: [eu-central-1]' }),
    errors: ['3:9 region: expected an AWS region such as eu-central-1, got a list of 1 item'],
  },
  {
    name: 'a Cognito domain prefix Cognito would refuse',
    text: withLines({ 12: '  apigateway: { domainPrefix: my-aws-Models }' }),
    errors: [
      '12:31 api.apigateway.domainPrefix: expected a Cognito domain prefix: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, got "my-aws-Models"',
      '12:31 api.apigateway.domainPrefix: expected a prefix without aws, amazon or cognito (Cognito reserves them)',
    ],
  },
  {
    name: 'a name whose derived Cognito domain prefix holds a reserved word',
    text: withLines({ 1: 'name: amazon-reviews' }),
    errors: [
      '1:7 name [dev]: the Cognito domain prefix derived from name and environment is not allowed: "amazon-reviews-dev" contains "amazon", which Cognito reserves in domain prefixes (set api.apigateway.domainPrefix)',
    ],
  },
  {
    name: 'unknown key',
    text: withLines({ 9: '  deployment: { strategy: all-at-once }\n  gpu: true' }),
    errors: [
      '10:3 sagemaker.gpu: unknown key "gpu" (allowed keys: instance, executionRoleArn, variantName, containerStartupTimeoutSeconds, environment, autoscaling, deployment, dataCapture, keepVersions, waitTimeoutMinutes)',
    ],
  },
  {
    name: 'misspelled key',
    text: withLines({ 8: '  autoscalling: { enabled: true, minInstances: 1, maxInstances: 4 }' }),
    errors: ['8:3 sagemaker.autoscalling: unknown key "autoscalling" (did you mean autoscaling?)'],
  },
  {
    name: 'misspelled top-level key',
    text: withLines({ 14: 'tag: { team: insight-engine }' }),
    errors: ['14:1 tag: unknown key "tag" (did you mean tags?)'],
  },
  {
    name: 'bad enum',
    text: withLines({ 2: 'model: { framework: tensorflow }' }),
    errors: ['2:21 model.framework: expected one of onnx, custom, got "tensorflow"'],
  },
  {
    name: 'bad enum with a suggestion, in an overlay',
    text: withLines({ 17: '    front: apigatway' }),
    errors: [
      '17:12 environments.dev.front: expected one of apigateway, apigee, none, got "apigatway" (did you mean apigateway?)',
    ],
  },
  {
    name: 'out-of-range integer',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: 2, volumeSizeInGB: 1000 }' }),
    errors: ['6:61 sagemaker.instance.volumeSizeInGB: expected a whole number from 1 to 512, got 1000'],
  },
  {
    name: 'out-of-range number',
    text: withLines({ 2: 'model: { framework: onnx, timeoutSeconds: 0 }' }),
    errors: ['2:43 model.timeoutSeconds: expected a number greater than 0 and at most 60, got 0'],
  },
  {
    name: 'fraction where a whole number belongs',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: 1.5 }' }),
    errors: ['6:42 sagemaker.instance.count: expected a whole number from 1 to 100, got 1.5'],
  },
  {
    name: 'bad name',
    text: withLines({ 1: 'name: 1-sentiment_classifier' }),
    errors: [
      '1:7 name: expected a name of letters, digits and hyphens, starting with a letter, got "1-sentiment_classifier"',
    ],
  },
  {
    name: 'name too long for the derived resource names',
    text: withLines({ 1: `name: ${longName}` }),
    errors: [
      '1:7 name [prod]: expected at most 49 characters for environment prod, got 50: versioned names aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-prod-<8-char hash> must fit 63 characters (shorten name to 49 characters)',
    ],
  },
  {
    name: 'bad region',
    text: withLines({ 3: 'region: eu-central1' }),
    errors: [
      '3:9 region: expected an AWS region such as eu-central-1, got "eu-central1" (did you mean eu-central-1?)',
    ],
  },
  {
    name: 'bad role ARN',
    text: withLines({ 7: '  executionRoleArn: arn:aws:iam::1234:user/deployer' }),
    errors: [
      '7:21 sagemaker.executionRoleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/sagemaker-exec, got "arn:aws:iam::1234:user/deployer"',
    ],
  },
  {
    name: 'role ARN in the wrong partition',
    text: withLines({ 3: 'region: cn-north-1' }),
    errors: [
      '7:21 sagemaker.executionRoleArn: expected a role in partition aws-cn (region cn-north-1), got arn:aws (the ARN should start with arn:aws-cn:iam::)',
    ],
  },
  {
    name: 'autoscaling min above max',
    text: withLines({ 8: '  autoscaling: { enabled: true, minInstances: 5, maxInstances: 4 }' }),
    errors: ['8:47 sagemaker.autoscaling.minInstances: minInstances (5) must not exceed maxInstances (4)'],
  },
  {
    name: 'instance count outside the autoscaling range',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarge, count: 6 }' }),
    errors: [
      '6:42 sagemaker.instance.count [dev]: expected a count within the autoscaling range 1 to 4, got 6 (Application Auto Scaling keeps the instance count between minInstances and maxInstances)',
    ],
  },
  {
    name: 'canary block without the canary strategy',
    text: withLines({ 9: '  deployment: { strategy: all-at-once, canary: { percent: 10 } }' }),
    errors: [
      '9:48 sagemaker.deployment.canary: a canary block needs strategy: canary (strategy is all-at-once) (remove the block or set strategy: canary)',
    ],
  },
  {
    name: 'canary larger than half the fleet',
    text: withLines({
      9: '  deployment: { strategy: canary, canary: { percent: 60 }, rollbackAlarms: [x] }',
    }),
    errors: [
      '9:54 sagemaker.deployment.canary.percent: expected a percentage from 1 to 50, got 60 (SageMaker lets a canary take at most half of the new fleet)',
    ],
  },
  {
    name: 'linear step outside 10-50%',
    text: withLines({
      9: '  deployment: { strategy: linear, linear: { stepPercent: 5 }, rollbackAlarms: [x] }',
    }),
    errors: [
      '9:58 sagemaker.deployment.linear.stepPercent: expected a percentage from 10 to 50, got 5 (SageMaker shifts 10-50% of the new fleet per linear step)',
    ],
  },
  {
    name: 'traffic shifting with one instance',
    text: withLines({
      6: '  instance: { type: ml.m5.xlarge, count: 1 }',
      9: '  deployment: { strategy: linear, rollbackAlarms: [x] }',
      20: '',
    }),
    errors: [
      '6:42 sagemaker.instance.count: linear deployments need at least 2 instances (each step shifts 10-50% of the fleet), got 1 (raise instance.count or use strategy: all-at-once)',
    ],
  },
  {
    name: 'front door not configured',
    text: withLines({ 13: '' }),
    errors: [
      '18:12 front [prod]: front is apigee but api.apigee is not configured (add api.apigee with organization, environment and auth)',
    ],
  },
  {
    name: 'cache without redisUrl or provision',
    text: withLines({ 10: 'cache: { enabled: true }' }),
    errors: [
      '10:19 cache.enabled: an enabled cache needs redisUrl or provision: true (or set enabled: false)',
    ],
  },
  {
    name: 'cache with both redisUrl and provision',
    text: withLines({ 10: "cache: { redisUrl: 'redis://r:6379', provision: true }" }),
    errors: [
      '10:49 cache.provision: set either redisUrl or provision: true, not both (keep redisUrl to use an existing Redis)',
    ],
  },
  {
    name: 'provisioned cache without a VPC',
    text: withLines({ 10: 'cache: { provision: true }' }),
    errors: [
      '10:21 cache.provision: provision: true needs cache.vpc (subnetIds and securityGroupIds): ElastiCache runs in a VPC',
    ],
  },
  {
    name: 'instance type typo',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarg, count: 2 }' }),
    errors: [
      '6:21 sagemaker.instance.type: unknown instance type "ml.m5.xlarg" (did you mean ml.m5.xlarge?)',
    ],
  },
  {
    name: 'instance type typo reported together with a schema error in the same environment',
    text: withLines({ 6: '  instance: { type: ml.m5.xlarg, count: 0 }' }),
    errors: [
      '6:21 sagemaker.instance.type: unknown instance type "ml.m5.xlarg" (did you mean ml.m5.xlarge?)',
      '6:41 sagemaker.instance.count: expected a whole number from 1 to 100, got 0',
    ],
  },
  {
    name: 'not an instance type',
    text: withLines({ 6: '  instance: { type: m5-large, count: 2 }' }),
    errors: [
      '6:21 sagemaker.instance.type: unknown instance type "m5-large" (expected a SageMaker instance type such as ml.m5.large)',
    ],
  },
  {
    name: 'error inside an environment overlay',
    text: withLines({ 20: '    sagemaker: { instance: { count: 0 } }' }),
    errors: [
      '20:37 environments.prod.sagemaker.instance.count: expected a whole number from 1 to 100, got 0',
    ],
  },
  {
    name: 'invalid environment name',
    text: withLines({ 18: '  Production:' }),
    errors: [
      '18:3 environments.Production: expected an environment name of 1 to 10 lowercase letters and digits, starting with a letter, got key "Production"',
    ],
  },
  {
    name: 'no environments',
    text: withLines({ 15: 'environments: {}', 16: '', 17: '', 18: '', 19: '', 20: '' }),
    errors: ['15:15 environments: expected at least one environment, such as dev'],
  },
  {
    name: 'missing required key',
    text: withLines({ 7: '' }),
    errors: [
      '5:1 sagemaker.executionRoleArn: missing required key "executionRoleArn", expected an IAM role ARN such as arn:aws:iam::123456789012:role/sagemaker-exec (IAM role SageMaker assumes to pull the image and model)',
    ],
  },
  {
    name: 'name set in an overlay',
    text: withLines({ 17: '    front: apigateway\n    name: other' }),
    errors: [
      '18:5 environments.dev.name: unknown key "name" (name is the same in every environment; set it once at the top of the file)',
    ],
  },
  {
    name: 'unknown auth type',
    text: withLines({ 13: '  apigee: { organization: my-org, environment: prod, auth: { type: saml } }' }),
    errors: ['13:68 api.apigee.auth.type: expected one of jwt, oauth, got "saml"'],
  },
  {
    name: 'overlay switches auth type without its fields',
    text: withLines({}, ['    api: { apigee: { auth: { type: jwt } } }']),
    errors: [
      '21:22 api.apigee.auth.audience [prod]: missing required key "audience", expected a non-empty string',
      '21:22 api.apigee.auth.issuer [prod]: missing required key "issuer", expected a non-empty string',
      '21:22 api.apigee.auth.jwksUri [prod]: missing required key "jwksUri", expected an https:// URL',
    ],
  },
  {
    name: 'top level is a list',
    text: '- name: x\n- region: y\n',
    errors: ['1:1 : expected a mapping of settings at the top level, got a list'],
  },
  {
    name: 'empty file',
    text: '\n# nothing here\n',
    errors: [
      '1:1 : the file is empty; expected a mapping with name, model, region, image, sagemaker and environments',
    ],
  },
  {
    name: 'several documents',
    text: `${withLines({})}---\nname: other\n`,
    errors: ['21:1 : YAML syntax error: Source contains multiple documents'],
  },
];
