/** Enumerations and name patterns of release.yaml, shared by the schema, the rules and the naming helpers. */

export const FRAMEWORKS = ['onnx', 'custom'] as const;
export const FRONT_DOORS = ['apigateway', 'apigee', 'none'] as const;
export const DEPLOYMENT_STRATEGIES = ['all-at-once', 'canary', 'linear'] as const;
export const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
export const APIGEE_TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month'] as const;

/** Resource-name pattern shared by SageMaker, Lambda and API Gateway names that mlship derives from `name`. */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z](-*[a-zA-Z0-9])*$/;
export const ENV_NAME_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const ECR_REPOSITORY_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
/** API Gateway REST APIs stop waiting for an integration after 29 seconds by default. */
export const API_GATEWAY_TIMEOUT_SECONDS = 29;
