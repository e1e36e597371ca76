/**
 * An error a fake answers with. `code` is the error shape's name (`ResourceNotFoundException`) or its wire code
 * (`NoSuchEntity`); the protocol layer finds the shape in the model and takes the HTTP status from its
 * `error.httpStatusCode` unless `status` is given (else 400). `fields` are further members of the error shape
 * (e.g. SageMaker Runtime's `OriginalStatusCode`).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}
