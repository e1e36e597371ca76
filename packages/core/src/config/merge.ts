import type { ConfigPath } from './problems.js';
import { type Located, pathKey } from './yaml-source.js';

/** Where a merged value came from: its location and its path in the document (base or `environments.<env>...`). */
export interface Origin extends Located {
  docPath: ConfigPath;
}

export interface MergedEnvironment {
  value: Record<string, unknown>;
  /** Origins by `pathKey(mergedPath)`. */
  origins: Map<string, Origin>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A block whose `type` changes (e.g. api.apigee.auth from jwt to oauth) is replaced, not merged. */
function mergesInto(base: unknown, overlay: unknown): base is Record<string, unknown> {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return false;
  return !('type' in overlay) || !('type' in base) || base.type === overlay.type;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class OriginTracker {
  readonly origins = new Map<string, Origin>();
  constructor(
    private readonly locations: Map<string, Located>,
    private readonly overlayRoot: ConfigPath,
  ) {}

  addBase(): void {
    for (const [key, located] of this.locations) {
      if (located.path[0] === 'environments') continue;
      this.origins.set(key, { ...located, docPath: located.path });
    }
  }

  /** An object both sides define keeps the base's location (where a missing key would naturally go). */
  mergedObject(path: ConfigPath): void {
    if (!this.origins.has(pathKey(path))) this.fromOverlay(path);
  }

  fromOverlay(path: ConfigPath): void {
    const docPath = [...this.overlayRoot, ...path];
    const located = this.locations.get(pathKey(docPath));
    if (located) this.origins.set(pathKey(path), { ...located, docPath });
  }

  /** The overlay replaced the value at `path`: forget the base's locations below it, take the overlay's. */
  replace(path: ConfigPath, value: unknown): void {
    const prefix = `${pathKey(path)}\u0000`;
    for (const key of [...this.origins.keys()]) if (key.startsWith(prefix)) this.origins.delete(key);
    this.fromOverlay(path);
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : isPlainObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, item] of children) this.replace([...path, key], item);
  }
}

function mergeValue(base: unknown, overlay: unknown, path: ConfigPath, tracker: OriginTracker): unknown {
  if (!mergesInto(base, overlay)) {
    tracker.replace(path, overlay);
    return overlay;
  }
  tracker.mergedObject(path);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay as Record<string, unknown>)) {
    setOwn(
      out,
      key,
      Object.hasOwn(base, key) ? mergeValue(base[key], value, [...path, key], tracker) : value,
    );
    if (!Object.hasOwn(base, key)) tracker.replace([...path, key], value);
  }
  return out;
}

/**
 * Merges `environments.<env>` over the base settings: objects merge key by key, lists and scalars replace.
 * Every merged path remembers whether it came from the base or the overlay, so problems point at the right line.
 */
export function mergeEnvironment(
  document: Record<string, unknown>,
  env: string,
  locations: Map<string, Located>,
): MergedEnvironment {
  const { environments, ...base } = document;
  const overlay = isPlainObject(environments) ? environments[env] : undefined;
  const tracker = new OriginTracker(locations, ['environments', env]);
  tracker.addBase();
  if (!isPlainObject(overlay)) return { value: base, origins: tracker.origins };
  const value: Record<string, unknown> = { ...base };
  for (const [key, item] of Object.entries(overlay)) {
    setOwn(value, key, Object.hasOwn(base, key) ? mergeValue(base[key], item, [key], tracker) : item);
    if (!Object.hasOwn(base, key)) tracker.replace([key], item);
  }
  return { value, origins: tracker.origins };
}
