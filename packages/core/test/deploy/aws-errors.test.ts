import { describe, expect, it } from 'vitest';
import { fromAwsError } from '../../src/deploy/aws-errors.js';
import { MlshipError } from '../../src/index.js';

function sdkError(name: string, message: string, fault: 'client' | 'server' = 'client') {
  return Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: 400, requestId: 'r-1' },
  });
}

describe('fromAwsError', () => {
  it('missing credentials or region are user errors (exit 2) with a hint', () => {
    const creds = fromAwsError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      'sagemaker',
    );
    expect(creds).toMatchObject({ code: 'AWS_CREDENTIALS', exitCode: 2 });
    expect((creds as MlshipError).hint).toContain('AWS_PROFILE');
    expect(fromAwsError(new Error('Region is missing'), 'sagemaker')).toMatchObject({
      code: 'AWS_CREDENTIALS',
    });
  });

  it('a wrong secret key or key id is a credentials problem (exit 2), not a failed deploy', () => {
    for (const name of ['InvalidSignatureException', 'InvalidClientTokenId', 'UnrecognizedClientException']) {
      expect(
        fromAwsError(sdkError(name, 'The request signature we calculated does not match'), 'ecr'),
      ).toMatchObject({ code: 'AWS_CREDENTIALS', exitCode: 2 });
    }
  });

  it('service errors become failed deploys (exit 1) naming the target and AWS code', () => {
    const denied = fromAwsError(
      sdkError('AccessDeniedException', 'not authorized to perform sagemaker:CreateModel'),
      'sagemaker',
    );
    expect(denied).toMatchObject({
      code: 'AWS_AccessDeniedException',
      exitCode: 1,
      details: { requestId: 'r-1' },
    });
    expect((denied as MlshipError).message).toBe(
      'sagemaker: AccessDeniedException: not authorized to perform sagemaker:CreateModel',
    );
    expect((denied as MlshipError).hint).toContain('IAM policy');
  });

  it('leaves MlshipErrors and programming errors alone', () => {
    const own = new MlshipError('X', 'x');
    expect(fromAwsError(own, 't')).toBe(own);
    const bug = new TypeError('undefined is not a function');
    expect(fromAwsError(bug, 't')).toBe(bug);
  });
});
