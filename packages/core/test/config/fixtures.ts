import { type LoadedRelease, MlshipError, type Problem, parseRelease } from '@mlship/core';

/** A valid release.yaml whose line numbers the malformed-file table relies on. */
export const BASE_LINES = [
  /* 1 */ 'name: sentiment-classifier',
  /* 2 */ 'model: { framework: onnx, path: model/model.onnx, timeoutSeconds: 20 }',
  /* 3 */ 'region: eu-central-1',
  /* 4 */ 'image: { repository: sentiment-classifier }',
  /* 5 */ 'sagemaker:',
  /* 6 */ '  instance: { type: ml.m5.xlarge, count: 2, volumeSizeInGB: 50 }',
  /* 7 */ '  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec',
  /* 8 */ '  autoscaling: { enabled: true, minInstances: 1, maxInstances: 4 }',
  /* 9 */ '  deployment: { strategy: all-at-once }',
  /* 10 */ "cache: { enabled: true, ttl: 3600, redisUrl: 'redis://cache.example.com:6379' }",
  /* 11 */ 'api:',
  /* 12 */ '  apigateway: { throttle: { rateLimit: 50, burstLimit: 100 } }',
  /* 13 */ '  apigee: { organization: my-org, environment: prod, auth: { type: oauth } }',
  /* 14 */ 'tags: { team: insight-engine }',
  /* 15 */ 'environments:',
  /* 16 */ '  dev:',
  /* 17 */ '    front: apigateway',
  /* 18 */ '  prod:',
  /* 19 */ '    front: apigee',
  /* 20 */ '    sagemaker: { instance: { count: 3 } }',
] as const;

export const BASE = `${BASE_LINES.join('\n')}\n`;

/** The base file with some lines (1-based) replaced; a replacement may hold several lines or none (''). */
export function withLines(replacements: Record<number, string>, extra: string[] = []): string {
  const lines = BASE_LINES.map((line, index) => replacements[index + 1] ?? line).filter(
    (line) => line !== '',
  );
  return `${[...lines, ...extra].join('\n')}\n`;
}

/** Parses text that must be invalid and returns its problems (errors and warnings), formatted. */
export function problemsOf(
  text: string,
  env?: string,
): { errors: string[]; warnings: string[]; error: MlshipError } {
  try {
    parseRelease(text, 'release.yaml', env === undefined ? {} : { env });
  } catch (error) {
    if (!(error instanceof MlshipError)) throw error;
    const details = (error.details ?? []) as Problem[];
    const format = (problem: Problem) => formatLine(problem);
    return {
      errors: details.filter((problem) => problem.severity === 'error').map(format),
      warnings: details.filter((problem) => problem.severity === 'warning').map(format),
      error,
    };
  }
  throw new Error('expected the file to be invalid');
}

export function valid(text: string, env?: string): LoadedRelease {
  return parseRelease(text, 'release.yaml', env === undefined ? {} : { env });
}

function formatLine(problem: Problem): string {
  const env = problem.env ? ` [${problem.env}]` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${problem.line}:${problem.col} ${problem.path}${env}: ${problem.message}${hint}`;
}
