import { INSTANCE_TYPES } from '@mlship/core/base';
import type { z } from 'zod';
import type { EnvironmentName } from './answers.js';
import { frontOf, partitionOf } from './answers-env.js';

/** What the answers schema checks field by field, before these rules run. */
interface Checked {
  framework: 'onnx' | 'custom';
  modelFile?: string | undefined;
  environments: EnvironmentName[];
  fronts: Partial<Record<EnvironmentName, 'apigateway' | 'apigee' | 'none'>>;
  apigee?: unknown;
  instanceCount: number;
  autoscaling: { enabled: boolean; min: number; max: number };
  cache: { enabled: boolean; redisUrl?: string | undefined; provision: boolean; vpc?: unknown };
  region: string;
  executionRoleArn: string;
}

/** Rules across answers, the same ones the release.yaml loader applies to the file they produce. */
export function crossFieldRules(a: Checked, ctx: z.core.$RefinementCtx<Checked>): void {
  if (a.framework === 'onnx' && !a.modelFile) {
    ctx.addIssue({
      code: 'custom',
      path: ['modelFile'],
      message: 'an .onnx model file is required for onnx',
    });
  }
  if (a.framework === 'onnx' && a.modelFile && !a.modelFile.toLowerCase().endsWith('.onnx')) {
    ctx.addIssue({ code: 'custom', path: ['modelFile'], message: 'a file ending in .onnx' });
  }
  for (const env of Object.keys(a.fronts)) {
    if (!a.environments.includes(env as EnvironmentName)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fronts', env],
        message: `${env} is not one of the environments`,
      });
    }
  }
  if (a.environments.some((env) => frontOf(a, env) === 'apigee') && !a.apigee) {
    ctx.addIssue({ code: 'custom', path: ['apigee'], message: 'Apigee settings are required for Apigee' });
  }
  if (a.autoscaling.enabled && a.autoscaling.min > a.autoscaling.max) {
    ctx.addIssue({ code: 'custom', path: ['autoscaling', 'min'], message: 'min must not exceed max' });
  }
  if (a.cache.enabled && a.cache.redisUrl && a.cache.provision) {
    ctx.addIssue({
      code: 'custom',
      path: ['cache', 'provision'],
      message: 'use either a Redis URL or provisioning, not both',
    });
  }
  if (a.cache.enabled && a.cache.provision && !a.cache.vpc) {
    ctx.addIssue({
      code: 'custom',
      path: ['cache', 'vpc'],
      message: 'provisioning Redis needs the VPC subnets and security groups of ElastiCache',
    });
  }
  if (a.autoscaling.enabled && (a.instanceCount < a.autoscaling.min || a.instanceCount > a.autoscaling.max)) {
    ctx.addIssue({
      code: 'custom',
      path: ['instanceCount'],
      message: `with autoscaling the instance count must lie within min (${a.autoscaling.min}) and max (${a.autoscaling.max})`,
    });
  }
  const partition = partitionOf(a.region);
  if (!a.executionRoleArn.startsWith(`arn:${partition}:`)) {
    ctx.addIssue({
      code: 'custom',
      path: ['executionRoleArn'],
      message: `region ${a.region} needs a role in partition ${partition} (arn:${partition}:iam::...)`,
    });
  }
  if (a.cache.enabled && !a.cache.redisUrl && !a.cache.provision) {
    ctx.addIssue({
      code: 'custom',
      path: ['cache', 'redisUrl'],
      message: 'a Redis URL, or provisioning, is required when the cache is on',
    });
  }
}

export function nearestType(type: string): string {
  const [, family] = type.split('.');
  const near = INSTANCE_TYPES.filter((known) => known.type.split('.')[1] === family).map((k) => k.type);
  const list =
    near.length > 0
      ? near
      : ['ml.t2.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge'];
  return ` (e.g. ${list.slice(0, 5).join(', ')})`;
}
