import { createHash } from 'node:crypto';
import { AwsError } from './server/aws-error.js';
import type { Handler } from './server/service.js';

export interface EcrImage {
  imageDigest: string;
  imageTags: string[];
  imageSizeInBytes: number;
  imagePushedAt: Date;
}

interface ImageId {
  imageTag?: string;
  imageDigest?: string;
}

/** Stateful fake of ECR's DescribeImages and DescribeRepositories. Behaviour: FAKES.md. */
export class FakeEcr {
  /** Images by repository name. */
  readonly repositories = new Map<string, { createdAt: Date; images: EcrImage[] }>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  createRepository(name: string): void {
    if (!this.repositories.has(name)) this.repositories.set(name, { createdAt: new Date(), images: [] });
  }

  /** Pushes an image (creating the repository); a tag moves to the new image like `docker push` does. */
  putImage(repository: string, tag: string, digest?: string): EcrImage {
    this.createRepository(repository);
    const repo = this.repositories.get(repository) as { images: EcrImage[] };
    const imageDigest =
      digest ?? `sha256:${createHash('sha256').update(`${repository}:${tag}`).digest('hex')}`;
    for (const image of repo.images) image.imageTags = image.imageTags.filter((t) => t !== tag);
    let image = repo.images.find((i) => i.imageDigest === imageDigest);
    if (!image) {
      image = { imageDigest, imageTags: [], imageSizeInBytes: 123_456_789, imagePushedAt: new Date() };
      repo.images.push(image);
    }
    image.imageTags.push(tag);
    return image;
  }

  /** The digest of `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` if this fake holds it. */
  digestOf(imageUri: string): string | undefined {
    const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+):(.+)$/.exec(imageUri);
    if (!match || match[1] !== this.accountId) return undefined;
    const repo = this.repositories.get(match[3] as string);
    return repo?.images.find((i) => i.imageTags.includes(match[4] as string))?.imageDigest;
  }

  reset(): void {
    this.repositories.clear();
  }

  operations(): Record<string, Handler> {
    return {
      DescribeImages: (input) => {
        const registryId: string = input.registryId ?? this.accountId;
        const repo = registryId === this.accountId ? this.repositories.get(input.repositoryName) : undefined;
        if (!repo) throw repositoryNotFound(input.repositoryName, registryId);
        const detail = (image: EcrImage) => ({
          registryId,
          repositoryName: input.repositoryName,
          imageDigest: image.imageDigest,
          imageTags: image.imageTags.length > 0 ? image.imageTags : undefined,
          imageSizeInBytes: image.imageSizeInBytes,
          imagePushedAt: image.imagePushedAt,
          imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          artifactMediaType: 'application/vnd.docker.container.image.v1+json',
        });
        if (input.imageIds) {
          return {
            imageDetails: (input.imageIds as ImageId[]).map((id) => {
              const image = repo.images.find(
                (i) =>
                  (!id.imageDigest || i.imageDigest === id.imageDigest) &&
                  (!id.imageTag || i.imageTags.includes(id.imageTag)),
              );
              if (!image) throw imageNotFound(id, input.repositoryName, registryId);
              return detail(image);
            }),
          };
        }
        const status = input.filter?.tagStatus ?? 'ANY';
        const images = repo.images.filter(
          (i) => status === 'ANY' || (status === 'TAGGED') === i.imageTags.length > 0,
        );
        const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64').toString()) : 0;
        const max = input.maxResults ?? 100;
        const next =
          start + max < images.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
        return { imageDetails: images.slice(start, start + max).map(detail), nextToken: next };
      },
      DescribeRepositories: (input) => {
        const registryId: string = input.registryId ?? this.accountId;
        const names: string[] = input.repositoryNames ?? [...this.repositories.keys()];
        return {
          repositories: names.map((name) => {
            const repo = registryId === this.accountId ? this.repositories.get(name) : undefined;
            if (!repo) throw repositoryNotFound(name, registryId);
            return {
              repositoryArn: `arn:aws:ecr:${this.region}:${registryId}:repository/${name}`,
              registryId,
              repositoryName: name,
              repositoryUri: `${registryId}.dkr.ecr.${this.region}.amazonaws.com/${name}`,
              createdAt: repo.createdAt,
              imageTagMutability: 'MUTABLE',
              imageScanningConfiguration: { scanOnPush: false },
              encryptionConfiguration: { encryptionType: 'AES256' },
            };
          }),
        };
      },
    };
  }
}

function repositoryNotFound(name: string, registryId: string): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  );
}

function imageNotFound(id: ImageId, repository: string, registryId: string): AwsError {
  return new AwsError(
    'ImageNotFoundException',
    `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not ` +
      `exist within the repository with name '${repository}' in the registry with id '${registryId}'`,
  );
}
