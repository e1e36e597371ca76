import { AwsError } from './aws-error.js';
import { outputViolations } from './check-output.js';
import type { ApiModel, ServiceName, Shape } from './model.js';
import { assertValidInput } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: handlers receive the decoded, model-validated input
export type Handler = (input: any) => unknown;

/** A faked service: its model (which also names its wire protocol) and a handler per faked operation. */
export interface ServiceDefinition {
  name: ServiceName;
  model: ApiModel;
  operations: Record<string, Handler>;
}

export interface RecordedCall {
  service: string;
  operation: string;
  /** The decoded input: plain objects keyed by the model's member names (Dates, Buffers for blobs). */
  input: unknown;
  /** The error code the call was answered with, if any. */
  error?: string;
  errorMessage?: string;
}

/** A fake answer that did not fit the operation's output shape (the call was answered 500 InternalFailure). */
export interface ResponseViolation {
  service: string;
  operation: string;
  message: string;
}

export interface CallHooks {
  record(call: RecordedCall): void;
  /** Called before validation; throws an AwsError to inject a failure. */
  inject(service: ServiceName, operation: string): void;
  violation(violation: ResponseViolation): void;
}

/**
 * The protocol-independent part of every call: record it, inject scheduled failures, decode (type errors),
 * validate against the model, run the handler, check its answer against the output shape.
 */
export async function invoke(
  service: ServiceDefinition,
  operation: string,
  decode: () => Record<string, unknown>,
  hooks: CallHooks,
): Promise<{ output: Record<string, unknown> } | { error: AwsError }> {
  const call: RecordedCall = { service: service.name, operation, input: undefined };
  hooks.record(call);
  try {
    let input: Record<string, unknown> = {};
    let decodeError: unknown;
    try {
      input = decode();
      call.input = structuredClone(input);
    } catch (error) {
      decodeError = error;
    }
    hooks.inject(service.name, operation);
    if (decodeError) throw decodeError;
    assertValidInput(service.model, operation, input, validationCode(service.model));
    const handler = service.operations[operation] as Handler;
    const output = ((await handler(input)) ?? {}) as Record<string, unknown>;
    const problems = outputViolations(service.model, service.model.operations[operation]?.output, output);
    if (problems.length > 0) {
      const message = `fake response for ${operation} does not match its output shape: ${problems.join('; ')}`;
      hooks.violation({ service: service.name, operation, message });
      throw new AwsError('InternalFailure', message, 500);
    }
    return { output };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    call.error = error.code;
    call.errorMessage = error.message;
    return { error };
  }
}

export interface ResolvedError {
  /** The error shape's name (JSON protocols' `__type`), or the code as thrown when the model has no such shape. */
  type: string;
  /** The query protocols' `<Code>` (the shape's `error.code`, e.g. `NoSuchEntity`). */
  code: string;
  status: number;
  sender: boolean;
  shape?: Shape;
  /** The member the shape keeps its message in (`message` or `Message`). */
  messageKey: string;
}

/** Finds the thrown error's shape in the model (by name or wire code) for its status, code and message key. */
export function resolveError(model: ApiModel, error: AwsError): ResolvedError {
  const found = Object.entries(model.shapes).find(
    ([name, shape]) => shape.exception && (name === error.code || shape.error?.code === error.code),
  );
  const [type, shape] = found ?? [error.code, undefined];
  const status = error.status ?? shape?.error?.httpStatusCode ?? 400;
  const reference = shape ?? Object.values(model.shapes).find((s) => s.exception);
  const members = Object.keys(reference?.members ?? {});
  return {
    type,
    code: shape?.error?.code ?? type,
    status,
    sender: status < 500,
    shape,
    messageKey: members.includes('Message') ? 'Message' : 'message',
  };
}

/** The code a service answers constraint violations with: its modelled validation error, else the protocol's. */
function validationCode(model: ApiModel): string {
  if (model.shapes.ValidationException?.exception) return 'ValidationException';
  if (model.shapes.ValidationError?.exception) return 'ValidationError';
  return model.metadata.protocol === 'query' ? 'ValidationError' : 'ValidationException';
}
