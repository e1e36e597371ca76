import { createHash } from 'node:crypto';
import { type DeterministicZip, deterministicZip, type ZipEntry } from '@mlship/core';
import type { ApigeeConfig, ApigeeNames } from '../names.js';
import { proxyEndpoint, targetEndpoint } from './endpoints.js';
import { type ProxyModel, proxyModel } from './proxy-model.js';
import { el, renderXml, text } from './xml.js';

export interface Bundle extends DeterministicZip {
  /** SHA-256 of every file but the descriptor; the descriptor's Description carries it, so a revision names its content. */
  contentHash: string;
  files: ZipEntry[];
}

export const DESCRIPTION_PREFIX = 'mlship bundle ';

function propertiesFile(properties: Array<[string, string]>): string {
  return properties.map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}\n`).join('');
}

function contentFiles(model: ProxyModel): ZipEntry[] {
  const files: ZipEntry[] = model.policies.map((policy) => ({
    path: `apiproxy/policies/${policy.name}.xml`,
    data: renderXml(policy.xml),
  }));
  files.push({ path: 'apiproxy/proxies/default.xml', data: renderXml(proxyEndpoint(model.proxy)) });
  files.push({ path: 'apiproxy/targets/default.xml', data: renderXml(targetEndpoint(model.target)) });
  if (model.properties.length > 0) {
    files.push({
      path: 'apiproxy/resources/properties/mlship.properties',
      data: propertiesFile(model.properties),
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function hashFiles(files: readonly ZipEntry[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.path}\0${String(file.data).length}\0`);
    hash.update(file.data);
  }
  return hash.digest('hex');
}

function descriptor(model: ProxyModel, contentHash: string): string {
  const policyNames = model.policies.map((policy) => policy.name).sort();
  return renderXml(
    el(
      'APIProxy',
      { name: model.name },
      text('Description', `${DESCRIPTION_PREFIX}${contentHash}`),
      text('DisplayName', model.name),
      el('Policies', {}, ...policyNames.map((name) => text('Policy', name))),
      el('ProxyEndpoints', {}, text('ProxyEndpoint', 'default')),
      model.properties.length > 0 && el('Resources', {}, text('Resource', 'properties://mlship.properties')),
      el('TargetEndpoints', {}, text('TargetEndpoint', 'default')),
    ),
  );
}

/** The API proxy bundle for one environment: the same release.yaml gives the same bytes. */
export function buildBundle(config: ApigeeConfig, names: ApigeeNames): Bundle {
  const model = proxyModel(config, names);
  const content = contentFiles(model);
  const contentHash = hashFiles(content);
  const files = [{ path: `apiproxy/${model.name}.xml`, data: descriptor(model, contentHash) }, ...content];
  return { ...deterministicZip(files), contentHash, files };
}

/** The content hash a revision's description names, if mlship made it. */
export function contentHashOf(description: string | undefined): string | undefined {
  return description?.startsWith(DESCRIPTION_PREFIX)
    ? description.slice(DESCRIPTION_PREFIX.length)
    : undefined;
}
