import type { Handler } from '../server/service.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { applyPatch, booleanValue, type PatchRule, requireValue } from './patch.js';
import { type ApiKeyRecord, badRequest, conflict, page, randomId } from './state.js';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function describeKey(key: ApiKeyRecord, includeValue: boolean): Record<string, unknown> {
  const { value, tags, ...rest } = structuredClone(key);
  return { ...rest, ...(includeValue ? { value } : {}), stageKeys: [], tags: { ...tags } };
}

function keyRules(key: ApiKeyRecord): PatchRule[] {
  const text = (field: 'name' | 'description'): PatchRule => ({
    path: `/${field}`,
    ops: ['replace'],
    prepare: (op) => {
      const value = requireValue(op);
      return () => {
        key[field] = value;
      };
    },
  });
  return [
    text('name'),
    text('description'),
    {
      path: '/enabled',
      ops: ['replace'],
      prepare: (op) => {
        const enabled = booleanValue(op);
        return () => {
          key.enabled = enabled;
        };
      },
    },
  ];
}

/** API keys: the value is returned by CreateApiKey and only with includeValue(s) afterwards. */
export function apiKeyOperations(gw: FakeApiGateway): Record<string, Handler> {
  return {
    CreateApiKey: (input) => {
      if (input.value !== undefined && input.value.length < 20)
        throw badRequest('API Key value should be at least 20 characters');
      if (input.value !== undefined && [...gw.apiKeys.values()].some((k) => k.value === input.value)) {
        throw conflict('API Key already exists');
      }
      const now = new Date();
      const key: ApiKeyRecord = {
        id: randomId(10),
        value: input.value ?? randomId(40, KEY_ALPHABET),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        enabled: input.enabled === true,
        createdDate: now,
        lastUpdatedDate: now,
        tags: { ...(input.tags ?? {}) },
      };
      gw.apiKeys.set(key.id, key);
      return describeKey(key, true);
    },
    GetApiKey: (input) => describeKey(gw.requireKey(input.apiKey), input.includeValue === true),
    GetApiKeys: (input) => {
      const all = [...gw.apiKeys.values()].filter(
        (k) => !input.nameQuery || k.name?.startsWith(input.nameQuery),
      );
      const { items, position } = page(all, input);
      return {
        items: items.map((k) => describeKey(k, input.includeValues === true)),
        ...(position ? { position } : {}),
      };
    },
    UpdateApiKey: (input) => {
      const key = gw.requireKey(input.apiKey);
      applyPatch(input.patchOperations, keyRules(key));
      key.lastUpdatedDate = new Date();
      return describeKey(key, false);
    },
    DeleteApiKey: (input) => {
      const key = gw.requireKey(input.apiKey);
      gw.apiKeys.delete(key.id);
      for (const plan of gw.usagePlans.values()) plan.keyIds = plan.keyIds.filter((id) => id !== key.id);
      return {};
    },
  };
}
