import { dataCaptureSummary } from './endpoints.js';
import type { FakeSageMaker } from './fake-sagemaker.js';
import { type EndpointRecord, findByName } from './state.js';

/**
 * Counts one DescribeEndpoint poll down; once none are left, completes the transition in flight:
 * create -> InService | Failed; update -> InService on the new config, or InService on the OLD config with a
 * FailureReason (failed update; an alarm rollback — scheduled, or an auto-rollback alarm the CloudWatch fake
 * holds in ALARM — passes through RollingBack for the usual polls first);
 * delete -> gone; system (seeded) -> InService.
 */
export function advanceTransition(sm: FakeSageMaker, endpoint: EndpointRecord): void {
  const pending = endpoint.pending;
  if (!pending) return;
  if (pending.describesLeft > 0) {
    pending.describesLeft -= 1;
    return;
  }
  endpoint.LastModifiedTime = sm.clock.now();
  if (pending.kind === 'update' && pending.outcome.type === 'succeed') {
    // An auto-rollback alarm in ALARM when the update would complete rolls it back (CloudWatch fake state).
    const names: { AlarmName?: string }[] = pending.deploymentConfig?.AutoRollbackConfiguration?.Alarms ?? [];
    const firing = names.find((a) => a.AlarmName && sm.alarmState?.(a.AlarmName) === 'ALARM');
    if (firing?.AlarmName) pending.outcome = { type: 'rollback', alarm: firing.AlarmName };
  }
  const { outcome } = pending;
  if (pending.kind === 'update' && outcome.type === 'rollback' && endpoint.EndpointStatus === 'Updating') {
    endpoint.EndpointStatus = 'RollingBack';
    pending.describesLeft = Math.max(0, sm.transitionAfterDescribes - 1);
    return;
  }
  endpoint.pending = undefined;
  if (pending.kind === 'delete') {
    sm.endpoints.delete(endpoint.EndpointName);
    sm.tags.delete(endpoint.EndpointArn);
  } else if (outcome.type === 'succeed') {
    endpoint.EndpointStatus = 'InService';
    endpoint.FailureReason = undefined;
    const config = pending.configName ? findByName(sm.endpointConfigs, pending.configName) : undefined;
    endpoint.EndpointConfigName = pending.configName ?? endpoint.EndpointConfigName;
    endpoint.ProductionVariants = pending.variants ?? endpoint.ProductionVariants;
    if (config) endpoint.DataCaptureConfig = dataCaptureSummary(config.DataCaptureConfig);
    if (pending.kind === 'update') endpoint.LastDeploymentConfig = pending.deploymentConfig;
  } else if (pending.kind === 'create') {
    endpoint.EndpointStatus = 'Failed';
    endpoint.FailureReason =
      outcome.type === 'fail' ? outcome.reason : `Alarm ${outcome.alarm} went into ALARM state.`;
  } else {
    endpoint.EndpointStatus = 'InService';
    endpoint.FailureReason =
      outcome.type === 'fail'
        ? outcome.reason
        : `Update was rolled back because CloudWatch alarm(s) [${outcome.alarm}] went into ALARM state.`;
  }
}
