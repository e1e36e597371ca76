import {
  endpointConfigName,
  endpointName,
  INSTANCE_TYPES,
  instancePrice,
  MlshipError,
  maxNameLength,
  modelName,
  monthlyEstimate,
  PRICE_REGIONS,
  SAGEMAKER_NAME_PATTERN,
} from '@mlship/core';
import { describe, expect, it } from 'vitest';

describe('naming', () => {
  it('derives SageMaker names from name, environment and version hash', () => {
    expect(endpointName('sentiment', 'prod')).toBe('sentiment-prod');
    expect(modelName('sentiment', 'prod', '1a2b3c4d')).toBe('sentiment-prod-1a2b3c4d');
    expect(endpointConfigName('sentiment', 'prod', '1a2b3c4d')).toBe('sentiment-prod-1a2b3c4d');
  });

  it('keeps every derived name within 63 characters when name fits maxNameLength', () => {
    for (const env of ['dev', 'staging', 'abcdefghij']) {
      const name = 'n'.repeat(maxNameLength(env));
      const versioned = modelName(name, env, 'abcdef12');
      expect(versioned).toHaveLength(63);
      expect(versioned).toMatch(SAGEMAKER_NAME_PATTERN);
    }
    expect(maxNameLength('prod')).toBe(49);
  });

  it('refuses names SageMaker would reject, and malformed hashes', () => {
    expect(() => modelName('n'.repeat(50), 'prod', 'abcdef12')).toThrow(MlshipError);
    expect(() => endpointName('bad_name', 'dev')).toThrow(/not a valid SageMaker resource name/);
    expect(() => modelName('ok', 'dev', 'XYZ')).toThrow(/8 lowercase letters or digits/);
  });
});

describe('instance price table', () => {
  it('covers the common real-time inference types with specs and a price in every supported region', () => {
    const types = INSTANCE_TYPES.map((entry) => entry.type);
    for (const type of [
      'ml.t2.medium',
      'ml.m5.large',
      'ml.m5.xlarge',
      'ml.c5.xlarge',
      'ml.g4dn.xlarge',
      'ml.inf2.xlarge',
    ]) {
      expect(types).toContain(type);
    }
    expect(new Set(types).size).toBe(types.length);
    const regions = [
      'us-east-1',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'ap-southeast-1',
      'ap-northeast-1',
    ];
    for (const region of regions) expect(Object.keys(PRICE_REGIONS)).toContain(region);
    for (const entry of INSTANCE_TYPES) {
      expect(entry.vcpu).toBeGreaterThan(0);
      expect(entry.memoryGiB).toBeGreaterThan(0);
      for (const region of regions) expect(instancePrice(entry.type, region)).toBeGreaterThan(0);
    }
    expect(INSTANCE_TYPES.find((entry) => entry.type === 'ml.g4dn.xlarge')?.gpu).toBe(true);
    expect(INSTANCE_TYPES.find((entry) => entry.type === 'ml.m5.large')?.gpu).toBe(false);
  });

  it('prices bigger sizes higher within a family', () => {
    expect(instancePrice('ml.m5.xlarge', 'us-east-1')).toBeGreaterThan(
      instancePrice('ml.m5.large', 'us-east-1')!,
    );
    expect(instancePrice('ml.m5.large', 'eu-central-1')).toBeGreaterThan(
      instancePrice('ml.m5.large', 'us-east-1')!,
    );
  });

  it('estimates a month as 730 hours of every instance', () => {
    const hourly = instancePrice('ml.m5.xlarge', 'us-east-1')!;
    expect(monthlyEstimate('ml.m5.xlarge', 'us-east-1', 2)).toBeCloseTo(hourly * 730 * 2, 2);
  });

  it('knows no price for unknown types or regions', () => {
    expect(instancePrice('ml.p4d.24xlarge', 'us-east-1')).toBeUndefined();
    expect(monthlyEstimate('ml.m5.large', 'mars-north-1', 1)).toBeUndefined();
  });
});
