import type { IncomingMessage } from 'node:http';
import { AwsError } from '../aws-error.js';
import { decodeJson, encodeJson } from '../json-codec.js';
import type { HttpReply, Route } from '../router.js';
import { type CallHooks, invoke, resolveError, type ServiceDefinition } from '../service.js';

/** awsJson1_0 / awsJson1_1: `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`, JSON in and out. */
export function awsJsonRoute(service: ServiceDefinition, hooks: CallHooks): Route {
  const { model } = service;
  const prefix = `${model.metadata.targetPrefix}.`;
  const contentType = `application/x-amz-json-${model.metadata.jsonVersion ?? '1.1'}`;
  const fail = (error: AwsError) => jsonError(service, error, contentType);
  return {
    matches: (req: IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(prefix),
    handle: async (req: IncomingMessage, body: Buffer): Promise<HttpReply> => {
      const operation = String(req.headers['x-amz-target']).slice(prefix.length);
      const op = model.operations[operation];
      if (!op || !service.operations[operation]) {
        return fail(new AwsError('UnknownOperationException', `${operation} is not faked`));
      }
      let wire: unknown;
      try {
        wire = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return fail(new AwsError('SerializationException', 'Malformed JSON body'));
      }
      const result = await invoke(
        service,
        operation,
        () => (op.input ? decodeJson(model, op.input, wire) : {}) as Record<string, unknown>,
        hooks,
      );
      if ('error' in result) return fail(result.error);
      const out = op.output ? encodeJson(model, op.output, result.output) : {};
      return { status: 200, headers: { 'Content-Type': contentType }, body: JSON.stringify(out) };
    },
  };
}

/**
 * `{"__type": code, "message"|"Message": text, ...fields}` plus `x-amzn-ErrorType`; awsQueryCompatible services
 * (CloudWatch) also send `x-amzn-query-error: <Code>;<Sender|Receiver>`, from which the SDK takes the code.
 */
export function jsonError(service: ServiceDefinition, error: AwsError, contentType: string): HttpReply {
  const { model } = service;
  const resolved = resolveError(model, error);
  const fields = resolved.shape
    ? (encodeJson(model, resolved.type, error.fields) as Record<string, unknown>)
    : error.fields;
  const headers: Record<string, string> = { 'Content-Type': contentType, 'x-amzn-ErrorType': resolved.type };
  if (model.metadata.awsQueryCompatible) {
    headers['x-amzn-query-error'] = `${resolved.code};${resolved.sender ? 'Sender' : 'Receiver'}`;
  }
  return {
    status: resolved.status,
    headers,
    body: JSON.stringify({ __type: resolved.type, [resolved.messageKey]: error.message, ...fields }),
  };
}
