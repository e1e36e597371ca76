export interface VersionInfo {
  name: string;
  arn?: string;
  created: number;
  /** For endpoint configs: the models their variants use. */
  modelNames?: string[];
}

export interface StaleSelection {
  configs: string[];
  models: string[];
}

function newestFirst(items: VersionInfo[]): VersionInfo[] {
  return [...items].sort((a, b) => b.created - a.created || (a.name < b.name ? 1 : -1));
}

/**
 * Keeps the desired version, the one in use, and the newest others up to `keep` in all; returns the rest.
 * A model stays while a kept endpoint config uses it.
 */
export function selectStale(
  configs: VersionInfo[],
  models: VersionInfo[],
  keep: number,
  keepAlways: { configs: string[]; models: string[] },
): StaleSelection {
  const alwaysConfigs = new Set(keepAlways.configs);
  const others = newestFirst(configs.filter((config) => !alwaysConfigs.has(config.name)));
  const keptConfigs = new Set([
    ...alwaysConfigs,
    ...others.slice(0, Math.max(0, keep - alwaysConfigs.size)).map((c) => c.name),
  ]);
  const staleConfigs = others.filter((config) => !keptConfigs.has(config.name)).map((config) => config.name);

  const usedModels = new Set(keepAlways.models);
  for (const config of configs) {
    if (keptConfigs.has(config.name)) for (const model of config.modelNames ?? []) usedModels.add(model);
  }
  const otherModels = newestFirst(models.filter((model) => !usedModels.has(model.name)));
  const spare = Math.max(0, keep - usedModels.size);
  const staleModels = otherModels.slice(spare).map((model) => model.name);
  return { configs: staleConfigs, models: staleModels };
}
