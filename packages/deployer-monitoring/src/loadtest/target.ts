import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { type Outputs, type ResolvedConfig, userError } from '@mlship/core';

export const LIMITS = {
  durationSeconds: { min: 1, max: 600, default: 10 },
  connections: { min: 1, max: 1000, default: 10 },
  rate: { min: 1, max: 100_000 },
  maxRequests: { min: 1, max: 1_000_000, default: 100_000 },
  bodyBytes: 6 * 1024 * 1024,
};

const bad = (message: string, hint = 'See mlship loadtest --help for the limits.') =>
  userError('LOADTEST_BAD_OPTION', message, hint);

/** A whole number within [min, max], named by its flag in the error. */
export function checkRange(flag: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw bad(`${flag} is ${value}; expected a whole number from ${min} to ${max}.`);
  }
}

export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * The URL to load: an explicit `--url` is taken as given; any other (e.g. handed over by `mlship dev`) must be
 * loopback or one of the environment's deployed URLs, so a typo cannot point a load test at someone else's host.
 */
export function checkUrl(url: string, explicit: boolean, deployed: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(
      `--url ${JSON.stringify(url)} is not a URL.`,
      'Pass a full URL such as http://127.0.0.1:8080/predict.',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw bad(`--url must be http or https.`);
  if (explicit || isLoopback(parsed) || deployed.some((d) => url.startsWith(d))) return parsed;
  throw userError(
    'LOADTEST_URL_REFUSED',
    `${parsed.origin} is neither the deployed URL nor loopback.`,
    'Pass it explicitly with --url to load-test a host mlship did not deploy.',
  );
}

/** The deployed base URL of an environment and whether calling it needs the credentials `mlship call` uses. */
export function deployedUrl(
  resolved: ResolvedConfig,
  outputs: Record<string, Outputs>,
): { url: string; needsAuth: boolean } {
  const invokeUrl = outputs.apigateway?.invokeUrl;
  if (resolved.config.front === 'apigateway' && typeof invokeUrl === 'string') {
    return { url: invokeUrl, needsAuth: true };
  }
  if (resolved.config.front === 'apigee') {
    throw userError(
      'LOADTEST_AUTH_UNSUPPORTED',
      `loadtest --env ${resolved.env} cannot get a token for an Apigee front door: it comes from your organisation's auth service.`,
      "Pass the proxy URL with --url and the token with --header 'Authorization: Bearer <token>'.",
    );
  }
  throw bad(
    `Environment ${resolved.env} has no deployed HTTP front door in its outputs (front: ${resolved.config.front}).`,
    `Deploy it first (mlship deploy --env ${resolved.env}) or pass --url.`,
  );
}

/** The request body: a JSON file (at most 6 MB, as the proxy accepts) or `{}`. */
export async function readBody(path: string | undefined): Promise<string> {
  if (!path) return '{}';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw bad(`--body ${path} cannot be read: ${(error as Error).message}.`, 'Pass a readable JSON file.');
  }
  if (Buffer.byteLength(text) > LIMITS.bodyBytes) throw bad(`--body ${path} is larger than 6 MB.`);
  try {
    JSON.parse(text);
  } catch (error) {
    throw bad(`--body ${path} is not JSON: ${(error as Error).message}.`, 'Pass a JSON request body.');
  }
  return text;
}
