export { type ProxyConfig, type ProxyEnv, readProxyConfig } from './config.js';
export type { ProxyEvent, ProxyResult } from './event.js';
export { METRICS_NAMESPACE } from './metrics.js';
export { createProxy, type LambdaProxy, ORIGIN_SECRET_HEADER, type ProxyDeps } from './proxy.js';
