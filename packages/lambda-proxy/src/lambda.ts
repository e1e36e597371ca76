import { readProxyConfig } from './config.js';
import { createProxy } from './proxy.js';

/** The Lambda entry (`index.handler` in the zip): one proxy, so one Redis client, per container. */
export const handler = createProxy(readProxyConfig(process.env)).handler;
