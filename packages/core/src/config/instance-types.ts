/**
 * SageMaker real-time inference instance types with on-demand hourly list prices (USD).
 *
 * Source: the AWS "Amazon SageMaker AI pricing" page, tab "Real-Time Inference", On-Demand, US East (N. Virginia),
 * as last seen by the authors in 2025, recorded here 2026-11-22. These figures are APPROXIMATE: this repository is
 * built without internet access, so they could not be re-checked against the live page (a third-party cross-check,
 * zircon.tech, Oct 2025, quotes ml.m5.xlarge at $0.269/h where this table says $0.23/h). Prices for the other
 * regions are the us-east-1 price times the region's EC2 on-demand price ratio for m5 (also approximate).
 * They are for estimates shown by `mlship init` and `mlship validate`; AWS bills what its pricing page says.
 */

export interface InstanceType {
  type: string;
  vcpu: number;
  memoryGiB: number;
  gpu: boolean;
  /** On-demand USD per hour in us-east-1. */
  usEast1Hourly: number;
}

function family(
  prefix: string,
  gpu: boolean,
  rows: [size: string, vcpu: number, memoryGiB: number, usd: number][],
) {
  return rows.map(([size, vcpu, memoryGiB, usEast1Hourly]) => ({
    type: `ml.${prefix}.${size}`,
    vcpu,
    memoryGiB,
    gpu,
    usEast1Hourly,
  }));
}

export const INSTANCE_TYPES: readonly InstanceType[] = [
  ...family('t2', false, [
    ['medium', 2, 4, 0.056],
    ['large', 2, 8, 0.111],
    ['xlarge', 4, 16, 0.223],
    ['2xlarge', 8, 32, 0.445],
  ]),
  ...family('m5', false, [
    ['large', 2, 8, 0.115],
    ['xlarge', 4, 16, 0.23],
    ['2xlarge', 8, 32, 0.461],
    ['4xlarge', 16, 64, 0.922],
    ['12xlarge', 48, 192, 2.765],
    ['24xlarge', 96, 384, 5.53],
  ]),
  ...family('m6i', false, [
    ['large', 2, 8, 0.115],
    ['xlarge', 4, 16, 0.23],
    ['2xlarge', 8, 32, 0.461],
    ['4xlarge', 16, 64, 0.922],
    ['8xlarge', 32, 128, 1.843],
  ]),
  ...family('c5', false, [
    ['large', 2, 4, 0.102],
    ['xlarge', 4, 8, 0.204],
    ['2xlarge', 8, 16, 0.408],
    ['4xlarge', 16, 32, 0.816],
    ['9xlarge', 36, 72, 1.836],
  ]),
  ...family('c6i', false, [
    ['large', 2, 4, 0.102],
    ['xlarge', 4, 8, 0.204],
    ['2xlarge', 8, 16, 0.408],
    ['4xlarge', 16, 32, 0.816],
    ['8xlarge', 32, 64, 1.632],
  ]),
  ...family('r5', false, [
    ['large', 2, 16, 0.151],
    ['xlarge', 4, 32, 0.302],
    ['2xlarge', 8, 64, 0.605],
  ]),
  ...family('g4dn', true, [
    ['xlarge', 4, 16, 0.736],
    ['2xlarge', 8, 32, 1.053],
    ['4xlarge', 16, 64, 1.686],
  ]),
  ...family('g5', true, [
    ['xlarge', 4, 16, 1.408],
    ['2xlarge', 8, 32, 1.515],
    ['4xlarge', 16, 64, 2.03],
  ]),
  ...family('p3', true, [['2xlarge', 8, 61, 3.825]]),
  ...family('inf2', false, [['xlarge', 4, 16, 0.99]]),
];

/** Regions with a price estimate, as a factor over us-east-1. */
export const PRICE_REGIONS: Readonly<Record<string, number>> = {
  'us-east-1': 1,
  'us-east-2': 1,
  'us-west-2': 1,
  'ca-central-1': 1.11,
  'eu-west-1': 1.11,
  'eu-west-2': 1.16,
  'eu-central-1': 1.2,
  'ap-southeast-1': 1.25,
  'ap-southeast-2': 1.25,
  'ap-northeast-1': 1.29,
};

export const HOURS_PER_MONTH = 730;

const byType = new Map(INSTANCE_TYPES.map((entry) => [entry.type, entry]));

export function instanceTypeInfo(type: string): InstanceType | undefined {
  return byType.get(type);
}

/** On-demand USD per hour of one instance, or undefined when the type or the region has no known price. */
export function instancePrice(type: string, region: string): number | undefined {
  const entry = byType.get(type);
  const factor = PRICE_REGIONS[region];
  if (!entry || factor === undefined) return undefined;
  return Math.round(entry.usEast1Hourly * factor * 10_000) / 10_000;
}

/** USD per month (730 hours) of `count` instances running all the time. */
export function monthlyEstimate(type: string, region: string, count: number): number | undefined {
  const hourly = instancePrice(type, region);
  return hourly === undefined ? undefined : Math.round(hourly * HOURS_PER_MONTH * count * 100) / 100;
}
