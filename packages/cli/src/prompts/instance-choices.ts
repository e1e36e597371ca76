import { INSTANCE_TYPES, instancePrice, monthlyEstimate } from '@mlship/core/base';

export interface InstanceChoice {
  value: string;
  name: string;
  description: string;
}

const usd = (n: number, digits: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

/** Every known instance type with its on-demand hourly price and the monthly estimate for `count` instances. */
export function instanceChoices(region: string, count: number): InstanceChoice[] {
  return INSTANCE_TYPES.map((entry) => {
    const hourly = instancePrice(entry.type, region);
    const monthly = monthlyEstimate(entry.type, region, count);
    const price =
      hourly === undefined || monthly === undefined
        ? 'no price known for this region'
        : `${usd(hourly, 3)}/h  ≈ ${usd(monthly, 0)}/month for ${count}`;
    const spec = `${entry.vcpu} vCPU, ${entry.memoryGiB} GiB${entry.gpu ? ', GPU' : ''}`;
    return {
      value: entry.type,
      name: `${entry.type.padEnd(16)} ${price}`,
      description: `${entry.type}: ${spec}; on-demand list price, approximate (AWS bills what its pricing page says)`,
    };
  });
}
