import type { Handler } from '../server/service.js';
import { apiKeyOperations } from './api-keys.js';
import { restApiOperations } from './rest-apis.js';
import { stageOperations } from './stages.js';
import { type ApiKeyRecord, notFound, type RestApiRecord, type UsagePlanRecord } from './state.js';
import { tagOperations } from './tags.js';
import { usagePlanOperations } from './usage-plans.js';

/** Stateful fake of the API Gateway (REST API, v1) management calls mlship makes. Behaviour: FAKES.md. */
export class FakeApiGateway {
  readonly restApis = new Map<string, RestApiRecord>();
  readonly usagePlans = new Map<string, UsagePlanRecord>();
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  /** Test control: the account's CloudWatch Logs role (API Gateway settings); access logging needs one. */
  cloudWatchRoleArn: string | undefined;

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {
    this.cloudWatchRoleArn = `arn:aws:iam::${accountId}:role/apigateway-cloudwatch`;
  }

  requireApi(id: string): RestApiRecord {
    const api = this.restApis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.accountId}:${id}`);
    return api;
  }

  requirePlan(id: string): UsagePlanRecord {
    const plan = this.usagePlans.get(id);
    if (!plan) throw notFound(`Invalid Usage Plan ID specified`);
    return plan;
  }

  requireKey(id: string): ApiKeyRecord {
    const key = this.apiKeys.get(id);
    if (!key) throw notFound('Invalid API Key identifier specified');
    return key;
  }

  reset(): void {
    this.restApis.clear();
    this.usagePlans.clear();
    this.apiKeys.clear();
    this.cloudWatchRoleArn = `arn:aws:iam::${this.accountId}:role/apigateway-cloudwatch`;
  }

  operations(): Record<string, Handler> {
    return {
      ...restApiOperations(this),
      ...stageOperations(this),
      ...usagePlanOperations(this),
      ...apiKeyOperations(this),
      ...tagOperations(this),
    };
  }
}
