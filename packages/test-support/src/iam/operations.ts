import { AwsError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import type { FakeIam, Tag } from './fake-iam.js';
import { parsePolicy } from './policy.js';

/** CreateRole, GetRole, DeleteRole, trust and inline policies, attached policies, role tags. */
export function iamOperations(iam: FakeIam): Record<string, Handler> {
  return {
    CreateRole: (input) => {
      const role = iam.create(
        input.RoleName,
        input.Path ?? '/',
        input.AssumeRolePolicyDocument,
        input.Description,
        input.Tags ?? [],
      );
      return { Role: iam.view(role) };
    },
    GetRole: (input) => ({ Role: iam.view(iam.require(input.RoleName)) }),
    DeleteRole: (input) => {
      const role = iam.require(input.RoleName);
      if (role.inline.size > 0)
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      if (role.attached.length > 0)
        throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      iam.roles.delete(role.RoleName.toLowerCase());
      return {};
    },
    UpdateAssumeRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      role.trust = parsePolicy(input.PolicyDocument, 'trust');
      role.trustText = input.PolicyDocument;
      return {};
    },
    PutRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      role.inline.set(input.PolicyName, {
        text: input.PolicyDocument,
        doc: parsePolicy(input.PolicyDocument, 'identity'),
      });
      return {};
    },
    GetRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      const policy = role.inline.get(input.PolicyName);
      if (!policy)
        throw new AwsError(
          'NoSuchEntity',
          `The role policy with name ${input.PolicyName} cannot be found.`,
          404,
        );
      return {
        RoleName: role.RoleName,
        PolicyName: input.PolicyName,
        PolicyDocument: encodeURIComponent(policy.text),
      };
    },
    DeleteRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      if (!role.inline.delete(input.PolicyName)) {
        throw new AwsError(
          'NoSuchEntity',
          `The role policy with name ${input.PolicyName} cannot be found.`,
          404,
        );
      }
      return {};
    },
    ListRolePolicies: (input) => ({
      PolicyNames: [...iam.require(input.RoleName).inline.keys()].sort(),
      IsTruncated: false,
    }),
    AttachRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      if (!/^arn:aws:iam::(aws|\d{12}):policy\//.test(input.PolicyArn)) {
        throw new AwsError('InvalidInput', `ARN ${input.PolicyArn} is not valid.`, 400);
      }
      if (!role.attached.includes(input.PolicyArn)) role.attached.push(input.PolicyArn);
      return {};
    },
    DetachRolePolicy: (input) => {
      const role = iam.require(input.RoleName);
      if (!role.attached.includes(input.PolicyArn)) {
        throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`, 404);
      }
      role.attached = role.attached.filter((arn) => arn !== input.PolicyArn);
      return {};
    },
    ListAttachedRolePolicies: (input) => ({
      AttachedPolicies: iam.require(input.RoleName).attached.map((arn) => ({
        PolicyArn: arn,
        PolicyName: arn.split('/').pop(),
      })),
      IsTruncated: false,
    }),
    TagRole: (input) => {
      const role = iam.require(input.RoleName);
      const tags = new Map(role.tags.map((t) => [t.Key, t.Value]));
      for (const tag of input.Tags as Tag[]) tags.set(tag.Key, tag.Value);
      if (tags.size > 50)
        throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);
      role.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
      return {};
    },
    ListRoleTags: (input) => ({
      Tags: iam.require(input.RoleName).tags.map((t) => ({ ...t })),
      IsTruncated: false,
    }),
  };
}
