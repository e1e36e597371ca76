import type { IncomingMessage } from 'node:http';
import { AwsError } from './aws-error.js';
import type { ApiModel } from './model.js';
import { type HttpReply, jsonReply, type Route } from './router.js';
import { assertValidInput } from './validate.js';

export type ServiceName = 'sagemaker' | 'ecr' | 'autoscaling' | 'cognito';

// biome-ignore lint/suspicious/noExplicitAny: handlers receive the parsed, model-validated JSON input
export type Handler = (input: any) => unknown;

/** A service spoken over awsJson1_1: `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`, JSON in and out. */
export interface JsonService {
  name: ServiceName;
  model: ApiModel;
  /** The member name the service's error shapes use for the message (ECR: `message`, others: `Message`). */
  messageKey: 'message' | 'Message';
  operations: Record<string, Handler>;
}

export interface RecordedCall {
  service: string;
  operation: string;
  input: unknown;
  /** The error code the call was answered with, if any. */
  error?: string;
  errorMessage?: string;
}

export interface CallHooks {
  record(call: RecordedCall): void;
  /** Called before validation; throws an AwsError to inject a failure. */
  inject(service: ServiceName, operation: string): void;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function awsJsonRoute(service: JsonService, hooks: CallHooks): Route {
  const prefix = `${service.model.metadata.targetPrefix}.`;
  return {
    matches: (req: IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(prefix),
    handle: async (req: IncomingMessage, body: string): Promise<HttpReply> => {
      const operation = String(req.headers['x-amz-target']).slice(prefix.length);
      let input: unknown;
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        return errorReply(service, new AwsError('SerializationException', 'Malformed JSON body'));
      }
      const handler = service.operations[operation];
      if (!handler) {
        return errorReply(service, new AwsError('UnknownOperationException', `${operation} is not faked`));
      }
      const call: RecordedCall = { service: service.name, operation, input: structuredClone(input) };
      hooks.record(call);
      try {
        hooks.inject(service.name, operation);
        assertValidInput(service.model, operation, input);
        const output = (await handler(input)) ?? {};
        return jsonReply(200, output, CONTENT_TYPE);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        call.error = error.code;
        call.errorMessage = error.message;
        return errorReply(service, error);
      }
    },
  };
}

function errorReply(service: JsonService, error: AwsError): HttpReply {
  const reply = jsonReply(
    error.status,
    { __type: error.code, [service.messageKey]: error.message },
    CONTENT_TYPE,
  );
  reply.headers['x-amzn-ErrorType'] = error.code;
  return reply;
}
