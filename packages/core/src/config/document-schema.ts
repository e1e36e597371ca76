import { z } from 'zod';
import { ENV_NAME_PATTERN, FRONT_DOORS } from './constants.js';
import { deepPartial } from './deep-partial.js';
import { resolvedEnvironmentSchema } from './schema.js';

/**
 * The whole release.yaml as written: base settings (every field optional except `name`, since environments may
 * supply the rest) plus `environments`, each a deep-partial overlay merged over the base.
 */

const { name, ...overridable } = resolvedEnvironmentSchema.shape;
const partialShape = (deepPartial(z.strictObject(overridable)) as z.ZodObject).shape;

export const environmentOverlaySchema = z
  .strictObject(partialShape)
  .describe('Settings of one environment, merged over the base (objects merge key by key, lists replace)');

const environmentsSchema = z
  .record(
    z
      .string()
      .regex(
        ENV_NAME_PATTERN,
        'an environment name of 1 to 10 lowercase letters and digits, starting with a letter',
      ),
    environmentOverlaySchema.nullable(),
  )
  .refine(
    (environments) => Object.keys(environments).length > 0,
    'expected at least one environment, such as dev',
  )
  .meta({ minProperties: 1, description: 'Environment overlays by name, such as dev, qa, staging and prod' });

export const releaseDocumentSchema = z
  .strictObject({
    name,
    ...partialShape,
    front: z.enum(FRONT_DOORS).optional().meta({
      default: 'none',
      description: 'Default front door of every environment; each may choose its own',
    }),
    environments: environmentsSchema,
  })
  .meta({
    title: 'mlship release.yaml',
    description: 'Base settings plus per-environment overlays. Reference: docs/release-yaml.md',
  });

export type ReleaseDocument = z.input<typeof releaseDocumentSchema>;
