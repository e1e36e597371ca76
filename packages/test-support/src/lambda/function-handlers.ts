import type { ProxyHandler } from '../apigateway/invoke-gateway.js';
import type { FakeLambda } from './fake-lambda.js';

/**
 * Handlers for the invoke gateway's `resolveHandler`: the function an integration names is looked up in the Lambda
 * fake at call time (alias → version → its environment), and `build` makes its handler from that environment, as
 * Lambda starts a container with it. One handler per distinct environment, so moving the alias takes effect.
 */
export function handlersFromEnvironment(
  lambda: FakeLambda,
  build: (environment: Record<string, string>) => ProxyHandler,
): (functionArn: string) => ProxyHandler | undefined {
  const built = new Map<string, ProxyHandler>();
  return (functionArn) => {
    let environment: Record<string, string>;
    try {
      const { record, qualifier } = lambda.lookup(functionArn);
      environment = lambda.resolveQualifier(record, qualifier).Environment?.Variables ?? {};
    } catch {
      return undefined;
    }
    const key = JSON.stringify(Object.entries(environment).sort(([a], [b]) => a.localeCompare(b)));
    let handler = built.get(key);
    if (!handler) {
      handler = build(environment);
      built.set(key, handler);
    }
    return handler;
  };
}
