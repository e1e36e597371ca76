import { execFileSync } from 'node:child_process';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { type DeployContext, userError } from '@mlship/core';
import { clientsFor, effectiveRegion, errorName } from './clients.js';

export interface ImageRef {
  repository: string;
  tag: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` */
  uri: string;
  registryId: string;
  digest?: string;
}

/** Tag precedence: --image-tag, release.yaml image.tag, CIRCLE_SHA1, git HEAD. */
export function resolveImageTag(ctx: DeployContext): string {
  const tag = ctx.imageTag ?? ctx.resolved.config.image.tag ?? (ctx.env.CIRCLE_SHA1 || gitHead(ctx.cwd));
  if (!tag) {
    throw userError(
      'IMAGE_TAG_MISSING',
      'No image tag: --image-tag is not set, CIRCLE_SHA1 is empty and this is not a git checkout.',
      'Pass --image-tag <tag> with the tag you pushed to ECR.',
    );
  }
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw userError(
      'IMAGE_TAG_INVALID',
      `"${tag}" is not a valid Docker image tag.`,
      'Use letters, digits, _ . -',
    );
  }
  return tag;
}

function gitHead(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

export function accountFromRoleArn(roleArn: string): string {
  const account = roleArn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account)) {
    throw userError('ROLE_ARN_INVALID', `Cannot read the AWS account id from ${roleArn}.`);
  }
  return account;
}

export function imageRef(ctx: DeployContext, tag: string): ImageRef {
  const { config } = ctx.resolved;
  const registryId = accountFromRoleArn(config.sagemaker.executionRoleArn);
  const region = effectiveRegion(ctx);
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const host = `${registryId}.dkr.ecr.${region}.${domain}`;
  return {
    repository: config.image.repository,
    tag,
    registryId,
    uri: `${host}/${config.image.repository}:${tag}`,
  };
}

/** Checks the image exists in ECR; a missing image or repository is a user error (exit 2). */
export async function verifyImage(ctx: DeployContext, ref: ImageRef): Promise<ImageRef> {
  const { ecr } = clientsFor(ctx);
  try {
    const out = await ecr.send(
      new DescribeImagesCommand({
        registryId: ref.registryId,
        repositoryName: ref.repository,
        imageIds: [{ imageTag: ref.tag }],
      }),
    );
    const digest = out.imageDetails?.[0]?.imageDigest;
    return digest === undefined ? ref : { ...ref, digest };
  } catch (error) {
    const name = errorName(error);
    if (name === 'ImageNotFoundException' || name === 'RepositoryNotFoundException') {
      const registry = ref.uri.split('/')[0];
      throw userError(
        'IMAGE_NOT_FOUND',
        `Image ${ref.repository}:${ref.tag} is not in ECR (${name === 'RepositoryNotFoundException' ? 'no such repository' : 'no such tag'}).`,
        `Build and push it first:\n  aws ecr get-login-password --region ${ref.uri.split('.')[3]} | docker login --username AWS --password-stdin ${registry}\n  docker build -t ${ref.uri} . && docker push ${ref.uri}\nor pass --image-tag with a tag that exists.`,
      );
    }
    throw error;
  }
}
