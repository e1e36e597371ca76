import type { IncomingMessage } from 'node:http';
import { AwsError } from '../aws-error.js';
import { decodeBindings, encodeBindings, matchOperation } from '../http-bindings.js';
import { decodeJson, encodeJson } from '../json-codec.js';
import { shapeOf } from '../model.js';
import { type HttpReply, type Route, signedFor } from '../router.js';
import { type CallHooks, invoke, type ServiceDefinition } from '../service.js';
import { blobBytes } from '../wire-values.js';
import { jsonError } from './aws-json.js';

/**
 * restJson1: the operation comes from method + requestUri; members bind to the URI, query string, headers and
 * status code; the rest is a JSON body, or the `payload` member (raw bytes for blobs, JSON for structures).
 */
export function restJsonRoute(service: ServiceDefinition, hooks: CallHooks): Route {
  const { model } = service;
  const fail = (error: AwsError) => jsonError(service, error, 'application/json');
  return {
    matches: (req: IncomingMessage) =>
      !req.headers['x-amz-target'] && signedFor(req, model) && matchOperation(model, req) !== undefined,
    handle: async (req: IncomingMessage, body: Buffer): Promise<HttpReply> => {
      const matched = matchOperation(model, req);
      const operation = matched?.operation ?? '';
      const op = model.operations[operation];
      if (!matched || !op || !service.operations[operation]) {
        return fail(new AwsError('UnknownOperationException', `${operation} is not faked`));
      }
      const decode = () => {
        if (!op.input) return {};
        const shape = shapeOf(model, op.input);
        let input: Record<string, unknown> = {};
        const payload = shape.payload ? shape.members?.[shape.payload] : undefined;
        if (payload && shape.payload) {
          const target = shapeOf(model, payload.shape);
          if (target.type === 'blob') input[shape.payload] = body;
          else if (target.type === 'string') input[shape.payload] = body.toString('utf8');
          else if (body.length > 0) input[shape.payload] = decodeJson(model, payload.shape, parseBody(body));
        } else if (body.length > 0) {
          input = decodeJson(model, op.input, parseBody(body)) as Record<string, unknown>;
        }
        decodeBindings(model, shape, req, matched, input);
        return input;
      };
      const result = await invoke(service, operation, decode, hooks);
      if ('error' in result) return fail(result.error);
      return encodeOutput(service, operation, result.output);
    },
  };
}

function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Malformed JSON body');
  }
}

function encodeOutput(
  service: ServiceDefinition,
  operation: string,
  output: Record<string, unknown>,
): HttpReply {
  const { model } = service;
  const op = model.operations[operation];
  const headers: Record<string, string> = {};
  let status = op?.http.responseCode ?? 200;
  if (!op?.output) return { status, headers, body: '' };
  const shape = shapeOf(model, op.output);
  status = encodeBindings(model, shape, output, headers) ?? status;
  const payload = shape.payload ? shape.members?.[shape.payload] : undefined;
  let body: string | Buffer;
  if (payload && shape.payload) {
    const value = output[shape.payload];
    const type = shapeOf(model, payload.shape).type;
    if (type === 'blob' || type === 'string') {
      body = value === undefined ? '' : blobBytes(value);
      headers['Content-Type'] ??= 'application/octet-stream';
    } else {
      body = value === undefined ? '{}' : JSON.stringify(encodeJson(model, payload.shape, value));
      headers['Content-Type'] ??= 'application/json';
    }
  } else {
    body = JSON.stringify(encodeJson(model, op.output, output));
    headers['Content-Type'] = 'application/json';
  }
  return { status, headers, body };
}
