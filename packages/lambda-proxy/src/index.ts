export { type ProxyConfig, type ProxyEnv, readProxyConfig } from './config.js';
export type { ProxyEvent, ProxyResult } from './event.js';
export { type Invoke, type Prediction, sageMakerInvoke } from './invoke.js';
export { METRICS_NAMESPACE } from './metrics.js';
export { createProxy, type LambdaProxy, ORIGIN_SECRET_HEADER, type ProxyDeps } from './proxy.js';
export type { CacheRead, ResponseCache } from './redis-cache.js';
