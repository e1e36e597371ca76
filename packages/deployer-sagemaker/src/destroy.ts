import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
} from '@aws-sdk/client-sagemaker';
import type { DeployContext, DestroyReport } from '@mlship/core';
import { deleteCaptureBucket, needsCaptureBucket, readCaptureBucket } from '@mlship/deployer-monitoring';
import { clientsFor } from './clients.js';
import { describeEndpoint, waitForEndpoint } from './endpoint.js';
import { endpointName, scalingResourceId } from './names.js';
import { listTags, ownedBy } from './read.js';
import { deregisterScaling, readScaling } from './scaling.js';
import { listVersions } from './versions.js';

/** Deletes the endpoint, its autoscaling, and every model/config tagged for this app and env; leaves the rest. */
export async function destroySageMaker(ctx: DeployContext): Promise<DestroyReport> {
  const { config, env } = ctx.resolved;
  const { sagemaker } = clientsFor(ctx);
  const report: DestroyReport = { target: 'sagemaker', deleted: [], skipped: [] };
  const notOurs = `not tagged mlship:app=${config.name}, mlship:env=${env}`;
  const say = (message: string) => ctx.host.notify({ level: 'info', message });

  const name = endpointName(config.name, env);
  const endpoint = await describeEndpoint(ctx, name);
  if (endpoint?.EndpointArn) {
    if (ownedBy(ctx, await listTags(ctx, endpoint.EndpointArn))) {
      const resourceId = scalingResourceId(name, config.sagemaker.variantName);
      if (await readScaling(ctx, resourceId)) {
        say(`Deregistering autoscaling of ${resourceId}`);
        await deregisterScaling(ctx, resourceId);
        report.deleted.push({ resource: 'ApplicationAutoScaling::ScalableTarget', id: resourceId });
      }
      say(`Deleting endpoint ${name}`);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      await waitForEndpoint(ctx, name, `Deleting endpoint ${name}`);
      report.deleted.push({ resource: 'SageMaker::Endpoint', id: name });
    } else {
      report.skipped.push({ resource: 'SageMaker::Endpoint', id: name, reason: notOurs });
    }
  }

  const versions = await listVersions(ctx);
  for (const item of versions.configs) {
    if (item.arn && ownedBy(ctx, await listTags(ctx, item.arn))) {
      say(`Deleting endpoint config ${item.name}`);
      await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: item.name }));
      report.deleted.push({ resource: 'SageMaker::EndpointConfig', id: item.name });
    } else report.skipped.push({ resource: 'SageMaker::EndpointConfig', id: item.name, reason: notOurs });
  }
  for (const item of versions.models) {
    if (item.arn && ownedBy(ctx, await listTags(ctx, item.arn))) {
      say(`Deleting model ${item.name}`);
      await sagemaker.send(new DeleteModelCommand({ ModelName: item.name }));
      report.deleted.push({ resource: 'SageMaker::Model', id: item.name });
    } else report.skipped.push({ resource: 'SageMaker::Model', id: item.name, reason: notOurs });
  }
  if (needsCaptureBucket(ctx)) {
    const bucket = await readCaptureBucket(ctx);
    if (bucket.exists && (await deleteCaptureBucket(ctx, bucket.name, ctx.force))) {
      report.deleted.push({ resource: 'S3::Bucket', id: bucket.name });
    } else if (bucket.exists) {
      const reason = 'holds captures; mlship destroy --force deletes them with the bucket';
      ctx.host.notify({
        level: 'warn',
        code: 'CAPTURE_BUCKET_NOT_EMPTY',
        message: `Kept bucket ${bucket.name}: it ${reason}.`,
      });
      report.skipped.push({ resource: 'S3::Bucket', id: bucket.name, reason });
    }
  }
  return report;
}
