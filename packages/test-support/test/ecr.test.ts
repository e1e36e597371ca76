import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { rejection, useFakeAws } from './helpers.js';

const h = useFakeAws();

describe('ECR DescribeImages', () => {
  it('finds a pushed tag with its digest', async () => {
    h.fake.ecr.putImage('iris', 'v1', 'sha256:1111');
    const out = await h.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'iris', imageIds: [{ imageTag: 'v1' }] }),
    );
    expect(out.imageDetails).toHaveLength(1);
    expect(out.imageDetails?.[0]).toMatchObject({
      registryId: '123456789012',
      repositoryName: 'iris',
      imageDigest: 'sha256:1111',
      imageTags: ['v1'],
    });
    expect(out.imageDetails?.[0]?.imagePushedAt).toBeInstanceOf(Date);
  });

  it('answers ImageNotFoundException for a missing tag, as ECR words it', async () => {
    h.fake.ecr.putImage('iris', 'v1');
    const error = await rejection(
      h.ecr.send(new DescribeImagesCommand({ repositoryName: 'iris', imageIds: [{ imageTag: 'v2' }] })),
    );
    expect(error.name).toBe('ImageNotFoundException');
    expect(error.message).toBe(
      "The image with imageId {imageDigest:'null', imageTag:'v2'} does not exist within the repository with name " +
        "'iris' in the registry with id '123456789012'",
    );
  });

  it('answers RepositoryNotFoundException for a missing repository', async () => {
    const error = await rejection(
      h.ecr.send(new DescribeImagesCommand({ repositoryName: 'nope', imageIds: [{ imageTag: 'v1' }] })),
    );
    expect(error.name).toBe('RepositoryNotFoundException');
    expect(error.message).toBe(
      "The repository with name 'nope' does not exist in the registry with id '123456789012'",
    );
    const other = await rejection(h.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })));
    expect(other.name).toBe('RepositoryNotFoundException');
  });

  it('moves a re-pushed tag to the new image and lists tagged images', async () => {
    h.fake.ecr.putImage('iris', 'latest', 'sha256:aaaa');
    h.fake.ecr.putImage('iris', 'latest', 'sha256:bbbb');
    const tagged = await h.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'iris', filter: { tagStatus: 'TAGGED' } }),
    );
    expect(tagged.imageDetails?.map((d) => d.imageDigest)).toEqual(['sha256:bbbb']);
    const all = await h.ecr.send(new DescribeImagesCommand({ repositoryName: 'iris' }));
    expect(all.imageDetails).toHaveLength(2);
  });

  it('validates the repository name like the API model', async () => {
    const error = await rejection(h.ecr.send(new DescribeImagesCommand({ repositoryName: 'Iris' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("Value 'Iris' at 'repositoryName' failed to satisfy constraint");
  });
});
