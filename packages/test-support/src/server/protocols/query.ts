import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../aws-error.js';
import { decodeQuery } from '../query-codec.js';
import { type HttpReply, type Route, signedFor } from '../router.js';
import { type CallHooks, invoke, resolveError, type ServiceDefinition } from '../service.js';
import { escapeXml, xmlMembers } from '../xml-codec.js';

/**
 * AWS query (IAM, STS, ElastiCache): `POST /` with a form body (`Action`, `Version`, members flattened as
 * `Name.member.N` / `Name.entry.N.key`); XML answers `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`,
 * errors `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>`.
 */
export function queryRoute(service: ServiceDefinition, hooks: CallHooks): Route {
  const { model } = service;
  const xmlns = model.metadata.xmlNamespace ?? '';
  return {
    matches: (req: IncomingMessage, body: Buffer) =>
      req.method === 'POST' &&
      String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') &&
      signedFor(req, model) &&
      new URLSearchParams(body.toString('utf8')).get('Version') === model.metadata.apiVersion,
    handle: async (_req: IncomingMessage, body: Buffer): Promise<HttpReply> => {
      const requestId = randomUUID();
      const params = new URLSearchParams(body.toString('utf8'));
      const operation = params.get('Action') ?? '';
      const op = model.operations[operation];
      if (!op || !service.operations[operation]) {
        return queryError(service, new AwsError('InvalidAction', `${operation} is not faked`), requestId);
      }
      const result = await invoke(
        service,
        operation,
        () => (op.input ? decodeQuery(model, op.input, params) : {}),
        hooks,
      );
      if ('error' in result) return queryError(service, result.error, requestId);
      const inner =
        op.output && op.resultWrapper
          ? `<${op.resultWrapper}>${xmlMembers(model, op.output, result.output)}</${op.resultWrapper}>`
          : '';
      return {
        status: 200,
        headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
        body:
          `<${operation}Response xmlns="${xmlns}">${inner}` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
      };
    },
  };
}

function queryError(service: ServiceDefinition, error: AwsError, requestId: string): HttpReply {
  const resolved = resolveError(service.model, error);
  const fields = resolved.shape ? xmlMembers(service.model, resolved.type, error.fields) : '';
  return {
    status: resolved.status,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
    body:
      `<ErrorResponse xmlns="${service.model.metadata.xmlNamespace ?? ''}"><Error>` +
      `<Type>${resolved.sender ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(resolved.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message>${fields}</Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
