import { describe, expect, it } from 'vitest';
import { endpointVariable, networkError, networkErrorCode } from '../../src/aws-network.js';

describe('network errors', () => {
  it('finds the code on the error, inside an AggregateError, in a cause, or a socket TimeoutError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(networkErrorCode(refused)).toBe('ECONNREFUSED');
    expect(networkErrorCode(new AggregateError([new Error('x'), refused]))).toBe('ECONNREFUSED');
    expect(networkErrorCode(new Error('wrapped', { cause: { code: 'EAI_AGAIN' } }))).toBe('EAI_AGAIN');
    expect(networkErrorCode(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }))).toBe(
      'ETIMEDOUT',
    );
    expect(networkErrorCode(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))).toBe(
      undefined,
    );
  });

  it('names the per-service variable by the SDK service id', () => {
    expect(endpointVariable('Application Auto Scaling')).toBe('AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING');
    expect(endpointVariable('SageMaker')).toBe('AWS_ENDPOINT_URL_SAGEMAKER');
  });

  it('without an endpoint variable the hint says how to set one', () => {
    const error = networkError(
      {
        code: 'ENOTFOUND',
        service: 'SageMaker',
        url: 'https://api.sagemaker.eu-west-1.amazonaws.com',
        env: {},
      },
      undefined,
    );
    expect(error).toMatchObject({ code: 'AWS_UNREACHABLE', exitCode: 1 });
    expect(error.hint).toContain('set AWS_ENDPOINT_URL_SAGEMAKER (this service) or AWS_ENDPOINT_URL');
  });
});
