import type { FakeSageMaker } from '../sagemaker/fake-sagemaker.js';
import { findByName } from '../sagemaker/state.js';
import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';

/** One InvokeEndpoint as the model container sees it. */
export interface Invocation {
  body: Buffer;
  contentType?: string;
  accept?: string;
  customAttributes?: string;
  targetVariant?: string;
}

/** What a model answers: a non-2xx status becomes SageMaker's ModelError (424). */
export interface ModelReply {
  status?: number;
  body: string | Uint8Array;
  contentType?: string;
  customAttributes?: string;
}

export type ModelHandler = (invocation: Invocation) => ModelReply | Promise<ModelReply>;

/** Statuses in which an endpoint answers invocations (blue/green keeps the old fleet serving while Updating). */
const SERVING = new Set(['InService', 'Updating', 'SystemUpdating', 'RollingBack', 'UpdateRollbackFailed']);

/** Fake of SageMaker Runtime's InvokeEndpoint in front of the SageMaker fake's endpoints. Behaviour: FAKES.md. */
export class FakeSageMakerRuntime {
  private readonly handlers = new Map<string, ModelHandler>();
  private readonly recorded = new Map<string, Invocation[]>();

  constructor(private readonly sagemaker: FakeSageMaker) {}

  /** Answers invocations of this endpoint with `handler` (the model container). */
  setHandler(endpointName: string, handler: ModelHandler): void {
    this.handlers.set(endpointName, handler);
  }

  /** Forwards invocations of this endpoint to a real HTTP server (e.g. `http://127.0.0.1:8080/invocations`). */
  forwardTo(endpointName: string, url: string): void {
    this.handlers.set(endpointName, (invocation) => forward(url, invocation));
  }

  /** The invocations an endpoint received, in order (only those that reached the model). */
  invocations(endpointName: string): Invocation[] {
    return this.recorded.get(endpointName) ?? [];
  }

  reset(): void {
    this.handlers.clear();
    this.recorded.clear();
  }

  operations(): Record<string, Handler> {
    return { InvokeEndpoint: (input) => this.invoke(input) };
  }

  private async invoke(input: {
    EndpointName: string;
    Body: Buffer;
    ContentType?: string;
    Accept?: string;
    CustomAttributes?: string;
    TargetVariant?: string;
  }) {
    const { accountId, region } = this.sagemaker;
    const endpoint = findByName(this.sagemaker.endpoints, input.EndpointName);
    if (!endpoint || !SERVING.has(endpoint.EndpointStatus)) {
      throw new AwsError(
        'ValidationError',
        `Endpoint ${input.EndpointName} of account ${accountId} not found.`,
      );
    }
    const variants = endpoint.ProductionVariants.map((v) => v.VariantName);
    if (input.TargetVariant && !variants.includes(input.TargetVariant)) {
      throw new AwsError(
        'ValidationError',
        `Endpoint ${endpoint.EndpointName} does not have target variant ${input.TargetVariant}.`,
      );
    }
    const handler = this.handlers.get(endpoint.EndpointName);
    if (!handler) {
      throw new AwsError(
        'InternalFailure',
        `fake: no model answers endpoint ${endpoint.EndpointName}; call fake.runtime.setHandler() or forwardTo()`,
        500,
      );
    }
    const invocation: Invocation = {
      body: Buffer.from(input.Body),
      ...(input.ContentType !== undefined ? { contentType: input.ContentType } : {}),
      ...(input.Accept !== undefined ? { accept: input.Accept } : {}),
      ...(input.CustomAttributes !== undefined ? { customAttributes: input.CustomAttributes } : {}),
      ...(input.TargetVariant !== undefined ? { targetVariant: input.TargetVariant } : {}),
    };
    const list = this.recorded.get(endpoint.EndpointName) ?? [];
    list.push(invocation);
    this.recorded.set(endpoint.EndpointName, list);
    const reply = await handler(invocation);
    const status = reply.status ?? 200;
    if (status < 200 || status > 299) {
      const text = Buffer.from(typeof reply.body === 'string' ? reply.body : reply.body).toString('utf8');
      const group = `/aws/sagemaker/Endpoints/${endpoint.EndpointName}`;
      const kind = status < 500 ? 'client' : 'server';
      throw new AwsError(
        'ModelError',
        `Received ${kind} error (${status}) from primary with message "${text}". See ` +
          `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${group} ` +
          `in account ${accountId} for more information.`,
        undefined,
        {
          OriginalStatusCode: status,
          OriginalMessage: text,
          LogStreamArn: `arn:aws:logs:${region}:${accountId}:log-group:${group}`,
        },
      );
    }
    return {
      Body: reply.body,
      ContentType: reply.contentType ?? 'application/json',
      InvokedProductionVariant: input.TargetVariant ?? variants[0],
      ...(reply.customAttributes !== undefined ? { CustomAttributes: reply.customAttributes } : {}),
    };
  }
}

async function forward(url: string, invocation: Invocation): Promise<ModelReply> {
  const headers: Record<string, string> = {};
  if (invocation.contentType) headers['Content-Type'] = invocation.contentType;
  if (invocation.accept) headers.Accept = invocation.accept;
  if (invocation.customAttributes)
    headers['X-Amzn-SageMaker-Custom-Attributes'] = invocation.customAttributes;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: invocation.body });
  } catch {
    throw new AwsError(
      'ModelError',
      'Your invocation timed out while waiting for a response from container primary. Review the latency ' +
        'metrics for each container in Amazon CloudWatch, resolve the issue, and try again.',
    );
  }
  const contentType = res.headers.get('content-type');
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    ...(contentType ? { contentType } : {}),
  };
}
