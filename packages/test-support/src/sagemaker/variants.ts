import { createHash } from 'node:crypto';
import { validationError } from '../server/aws-error.js';
import type { FakeSageMaker } from './fake-sagemaker.js';
import type { EndpointConfigRecord, EndpointRecord, VariantState } from './state.js';

interface UpdateInput {
  RetainAllVariantProperties?: boolean;
  ExcludeRetainedVariantProperties?: { VariantPropertyType: string }[];
}

/** The variants a config deploys; with RetainAllVariantProperties, counts/weights of same-named variants stay. */
export function variantsFor(
  sm: FakeSageMaker,
  config: EndpointConfigRecord,
  current?: EndpointRecord,
  update?: UpdateInput,
): VariantState[] {
  const excluded = new Set(
    (update?.ExcludeRetainedVariantProperties ?? []).map((p) => p.VariantPropertyType),
  );
  return config.ProductionVariants.map((pv) => {
    const model = pv.ModelName ? sm.requireModel(pv.ModelName) : undefined;
    const previous = update?.RetainAllVariantProperties
      ? current?.ProductionVariants.find((v) => v.VariantName === pv.VariantName)
      : undefined;
    const count =
      previous && !excluded.has('DesiredInstanceCount')
        ? previous.DesiredInstanceCount
        : (pv.InitialInstanceCount ?? 0);
    const weight =
      previous && !excluded.has('DesiredWeight') ? previous.DesiredWeight : (pv.InitialVariantWeight ?? 1);
    const containers = model ? (model.Containers ?? [model.PrimaryContainer]).filter(Boolean) : [];
    return {
      VariantName: pv.VariantName,
      InstanceType: pv.InstanceType,
      ModelName: pv.ModelName,
      CurrentWeight: weight,
      DesiredWeight: weight,
      CurrentInstanceCount: count,
      DesiredInstanceCount: count,
      DeployedImages: containers
        .filter((c) => c.Image)
        .map((c) => ({
          SpecifiedImage: c.Image,
          ResolvedImage: resolveImage(sm, c.Image),
          ResolutionTime: sm.clock.now(),
        })),
    };
  });
}

/** AWS refuses to remove, or change the instance type of, a variant registered with Application Auto Scaling. */
export function checkScalableVariants(
  sm: FakeSageMaker,
  endpoint: EndpointRecord,
  config: EndpointConfigRecord,
): void {
  const blocked = (sm.scaling?.registeredVariants(endpoint.EndpointName) ?? []).filter((name) => {
    const next = config.ProductionVariants.find((v) => v.VariantName === name);
    const current = endpoint.ProductionVariants.find((v) => v.VariantName === name);
    return !next || (current !== undefined && current.InstanceType !== next.InstanceType);
  });
  if (blocked.length > 0) {
    throw validationError(
      `The variant(s) "[${blocked.join(', ')}]" must be deregistered as scalable targets with AWS Application ` +
        'Auto Scaling before they can be removed or have their instance types updated.',
    );
  }
}

function resolveImage(sm: FakeSageMaker, image: string): string {
  if (image.includes('@')) return image;
  const digest = sm.resolveDigest?.(image) ?? `sha256:${createHash('sha256').update(image).digest('hex')}`;
  return `${image.replace(/:[^/:]+$/, '')}@${digest}`;
}
