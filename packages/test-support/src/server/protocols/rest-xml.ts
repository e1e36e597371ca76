import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../aws-error.js';
import { decodeBindings, encodeBindings, matchOperation } from '../http-bindings.js';
import { shapeOf } from '../model.js';
import { type HttpReply, type Route, signedFor } from '../router.js';
import { type CallHooks, invoke, resolveError, type ServiceDefinition } from '../service.js';
import { blobBytes } from '../wire-values.js';
import { escapeXml, xmlMembers } from '../xml-codec.js';
import { decodeXmlBody, malformedXml } from '../xml-decode.js';

/**
 * restXml (S3): HTTP bindings as restJson1; bodies are XML — the `payload` member's shape under its
 * `locationName`, or the output's body members under the output shape's name; errors
 * `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>` (no body for HEAD).
 */
export function restXmlRoute(service: ServiceDefinition, hooks: CallHooks): Route {
  const { model } = service;
  return {
    matches: (req: IncomingMessage) =>
      !req.headers['x-amz-target'] && signedFor(req, model) && matchOperation(model, req) !== undefined,
    handle: async (req: IncomingMessage, body: Buffer): Promise<HttpReply> => {
      const requestId = randomUUID();
      const fail = (error: AwsError) => xmlError(service, error, requestId, req.method === 'HEAD');
      const matched = matchOperation(model, req);
      const operation = matched?.operation ?? '';
      const op = model.operations[operation];
      if (!matched || !op || !service.operations[operation]) {
        return fail(new AwsError('NotImplemented', `${operation} is not faked`, 501));
      }
      const decode = () => {
        if (!op.input) return {};
        const shape = shapeOf(model, op.input);
        const input: Record<string, unknown> = {};
        const payload = shape.payload ? shape.members?.[shape.payload] : undefined;
        if (payload && shape.payload && body.length > 0) {
          const type = shapeOf(model, payload.shape).type;
          input[shape.payload] =
            type === 'blob'
              ? body
              : type === 'string'
                ? body.toString('utf8')
                : decodeXmlBody(model, payload, body);
        } else if (
          !payload &&
          body.length > 0 &&
          Object.values(shape.members ?? {}).some((m) => !m.location)
        ) {
          throw malformedXml();
        }
        decodeBindings(model, shape, req, matched, input);
        return input;
      };
      const result = await invoke(service, operation, decode, hooks);
      if ('error' in result) return fail(result.error);
      const headers: Record<string, string> = { 'x-amz-request-id': requestId };
      let status = op.http.responseCode ?? 200;
      if (!op.output) return { status, headers, body: '' };
      const shape = shapeOf(model, op.output);
      status = encodeBindings(model, shape, result.output, headers) ?? status;
      const payload = shape.payload ? shape.members?.[shape.payload] : undefined;
      const ns = ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`;
      let out: string | Buffer = '';
      if (payload && shape.payload) {
        const value = result.output[shape.payload];
        const type = shapeOf(model, payload.shape).type;
        if (value !== undefined && (type === 'blob' || type === 'string')) out = blobBytes(value);
        else if (value !== undefined) {
          const root = payload.locationName ?? payload.shape;
          out = `<${root}${ns}>${xmlMembers(model, payload.shape, value as Record<string, unknown>)}</${root}>`;
        }
      } else if (Object.values(shape.members ?? {}).some((m) => !m.location)) {
        const root = shape.locationName ?? op.output;
        out = `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${xmlMembers(model, op.output, result.output)}</${root}>`;
      }
      if (out.length > 0) headers['Content-Type'] ??= 'application/xml';
      return { status, headers, body: req.method === 'HEAD' ? '' : out };
    },
  };
}

function xmlError(service: ServiceDefinition, error: AwsError, requestId: string, head: boolean): HttpReply {
  const resolved = resolveError(service.model, error);
  return {
    status: resolved.status,
    headers: { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId },
    body: head
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(resolved.code)}</Code>` +
        `<Message>${escapeXml(error.message)}</Message>${Object.entries(error.fields)
          .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
          .join('')}<RequestId>${requestId}</RequestId></Error>`,
  };
}
