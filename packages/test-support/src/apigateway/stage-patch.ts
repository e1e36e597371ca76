import type { FakeApiGateway } from './fake-apigateway.js';
import { booleanValue, numberValue, type PatchRule, requireValue } from './patch.js';
import { badRequest, type RestApiRecord, type StageRecord } from './state.js';

const METHOD_SETTING_DEFAULTS = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};
const LOG_DESTINATION =
  /^arn:aws[\w-]*:(logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+|firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[\w.-]+)$/;

function methodSetting(
  stage: StageRecord,
  resourcePath: string,
  httpMethod: string,
): Record<string, unknown> {
  const key =
    resourcePath === '*'
      ? `*/${httpMethod}`
      : `${resourcePath.replaceAll('~1', '/').replace(/^\//, '')}/${httpMethod}`;
  stage.methodSettings[key] ??= { ...METHOD_SETTING_DEFAULTS };
  return stage.methodSettings[key];
}

export function stageRules(gw: FakeApiGateway, api: RestApiRecord, stage: StageRecord): PatchRule[] {
  const setting = (
    suffix: string,
    key: string,
    parse: (op: Parameters<PatchRule['prepare']>[0]) => unknown,
  ): PatchRule => ({
    path: `/{resourcePath}/{httpMethod}/${suffix}`,
    ops: ['replace'],
    prepare: (op, [path, method]) => {
      const value = parse(op);
      return () => {
        methodSetting(stage, path as string, method as string)[key] = value;
      };
    },
  });
  const flag = (key: 'tracingEnabled' | 'cacheClusterEnabled'): PatchRule => ({
    path: `/${key}`,
    ops: ['replace'],
    prepare: (op) => {
      const value = booleanValue(op);
      return () => {
        stage[key] = value;
      };
    },
  });
  return [
    {
      path: '/deploymentId',
      ops: ['replace'],
      prepare: (op) => {
        const id = requireValue(op);
        if (!api.deployments.has(id)) throw badRequest('Invalid deployment identifier specified');
        return () => {
          stage.deploymentId = id;
        };
      },
    },
    {
      path: '/description',
      ops: ['replace'],
      prepare: (op) => () => {
        stage.description = op.value ?? '';
      },
    },
    {
      path: '/variables/{name}',
      ops: ['add', 'replace', 'remove'],
      prepare: (op, [name]) => {
        const value = op.op === 'remove' ? undefined : requireValue(op);
        return () => {
          stage.variables ??= {};
          if (value === undefined) delete stage.variables[name as string];
          else stage.variables[name as string] = value;
        };
      },
    },
    {
      path: '/accessLogSettings',
      ops: ['remove'],
      prepare: () => () => {
        delete stage.accessLogSettings;
      },
    },
    {
      path: '/accessLogSettings/destinationArn',
      ops: ['replace'],
      prepare: (op) => {
        const arn = requireValue(op);
        if (!LOG_DESTINATION.test(arn)) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
        if (!gw.cloudWatchRoleArn)
          throw badRequest('CloudWatch Logs role ARN must be set in account settings to enable logging');
        return () => {
          stage.accessLogSettings = { ...stage.accessLogSettings, destinationArn: arn };
        };
      },
    },
    {
      path: '/accessLogSettings/format',
      ops: ['replace'],
      prepare: (op) => {
        const format = requireValue(op);
        if (!format.includes('$context.requestId') && !format.includes('$context.extendedRequestId')) {
          throw badRequest(
            'Access Log format must include at least $context.requestId or $context.extendedRequestId',
          );
        }
        return () => {
          stage.accessLogSettings = { ...stage.accessLogSettings, format };
        };
      },
    },
    flag('tracingEnabled'),
    flag('cacheClusterEnabled'),
    setting('throttling/rateLimit', 'throttlingRateLimit', (op) => numberValue(op, false)),
    setting('throttling/burstLimit', 'throttlingBurstLimit', (op) => numberValue(op, true)),
    setting('metrics/enabled', 'metricsEnabled', booleanValue),
    setting('logging/dataTrace', 'dataTraceEnabled', booleanValue),
    setting('logging/loglevel', 'loggingLevel', (op) => {
      const level = requireValue(op);
      if (!['OFF', 'ERROR', 'INFO'].includes(level)) throw badRequest(`Invalid logging level ${level}`);
      return level;
    }),
  ];
}
