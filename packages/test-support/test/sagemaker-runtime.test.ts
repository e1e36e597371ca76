import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  InvokeEndpointCommand,
  ModelError,
  SageMakerRuntimeClient,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployEndpoint, rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();
let runtime: SageMakerRuntimeClient;
let model: Server;
let modelUrl = '';
const seenByModel: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  runtime = new SageMakerRuntimeClient({ ...h.fake.clientConfig, maxAttempts: 1 });
  model = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seenByModel.push({ headers: req.headers, body });
      if (body.includes('bad')) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('features must be 4 numbers');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"label":"setosa"}');
    });
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/invocations`;
});
afterAll(async () => {
  runtime?.destroy();
  await new Promise((resolve) => model?.close(resolve));
});

const invoke = (name: string, body: string, more: { ContentType?: string; Accept?: string } = {}) =>
  runtime.send(new InvokeEndpointCommand({ EndpointName: name, Body: Buffer.from(body), ...more }));

describe('SageMaker Runtime InvokeEndpoint (restJson1, blob payload)', () => {
  it('fails on a missing endpoint with the ValidationError AWS answers', async () => {
    const error = await rejection(invoke('nope', '{}'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('Endpoint nope of account 123456789012 not found.');
    expect(h.fake.runtime.invocations('nope')).toEqual([]);
  });

  it('fails on an endpoint that is still Creating', async () => {
    h.fake.sagemaker.seedEndpoint({ name: 'ep', status: 'Creating' });
    h.fake.runtime.setHandler('ep', () => ({ body: '{}' }));
    const error = await rejection(invoke('ep', '{}'));
    expect([error.name, error.message]).toEqual([
      'ValidationError',
      'Endpoint ep of account 123456789012 not found.',
    ]);
  });

  it('answers from a per-endpoint handler, passing ContentType/Accept and the raw bytes', async () => {
    await deployEndpoint(h.sm, 'ep');
    h.fake.runtime.setHandler('ep', (inv) => ({
      body: JSON.stringify({ echo: inv.body.toString('utf8'), accept: inv.accept }),
      contentType: 'application/json',
    }));
    const out = await invoke('ep', '[1,2,3,4]', {
      ContentType: 'application/json',
      Accept: 'application/json',
    });
    expect(JSON.parse(Buffer.from(out.Body ?? []).toString('utf8'))).toEqual({
      echo: '[1,2,3,4]',
      accept: 'application/json',
    });
    expect([out.ContentType, out.InvokedProductionVariant]).toEqual(['application/json', 'AllTraffic']);
    expect(h.fake.runtime.invocations('ep')).toEqual([
      { body: Buffer.from('[1,2,3,4]'), contentType: 'application/json', accept: 'application/json' },
    ]);
    expect(h.fake.calls.at(-1)).toMatchObject({ service: 'sagemaker-runtime', operation: 'InvokeEndpoint' });
  });

  it('forwards to a model server over HTTP and maps its non-2xx answer to ModelError (424)', async () => {
    await deployEndpoint(h.sm, 'ep');
    h.fake.runtime.forwardTo('ep', modelUrl);
    const ok = await invoke('ep', '[5.1,3.5,1.4,0.2]', {
      ContentType: 'application/json',
      Accept: 'application/json',
    });
    expect(Buffer.from(ok.Body ?? []).toString('utf8')).toBe('{"label":"setosa"}');
    expect(seenByModel.at(-1)).toMatchObject({
      body: '[5.1,3.5,1.4,0.2]',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });

    const error = (await rejection(invoke('ep', 'bad', { ContentType: 'text/csv' }))) as ModelError & {
      $metadata: { httpStatusCode?: number };
    };
    expect(error).toBeInstanceOf(ModelError);
    expect(error.$metadata.httpStatusCode).toBe(424);
    expect([error.OriginalStatusCode, error.OriginalMessage]).toEqual([400, 'features must be 4 numbers']);
    expect(error.message).toMatch(
      /^Received client error \(400\) from primary with message "features must be 4 numbers"\. See https:\/\/us-east-1\.console/,
    );
    expect(h.fake.runtime.invocations('ep')).toHaveLength(2);
  });

  it('keeps answering while an update is in flight (blue/green keeps the old fleet serving)', async () => {
    await deployEndpoint(h.sm, 'ep');
    h.fake.sagemaker.setEndpointStatus('ep', 'Updating');
    h.fake.runtime.setHandler('ep', () => ({ body: 'ok', contentType: 'text/plain' }));
    expect(Buffer.from((await invoke('ep', 'x')).Body ?? []).toString()).toBe('ok');
  });

  it('rejects a body over 6 MB, as the model limits it', async () => {
    await deployEndpoint(h.sm, 'ep');
    h.fake.runtime.setHandler('ep', () => ({ body: 'ok' }));
    const error = await rejection(invoke('ep', 'x'.repeat(6291457)));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('Member must have length less than or equal to 6291456');
  });
});
