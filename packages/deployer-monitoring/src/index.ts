import { DEPLOYER_CONTRACT_VERSION, type Deployer } from '@mlship/core';
import { applyMonitoring } from './apply.js';
import { destroyMonitoring, statusMonitoring } from './day2.js';
import { permissionsMonitoring } from './permissions.js';
import { type MonitoringDetail, planMonitoring } from './plan.js';
import { type MonitoringState, readMonitoring } from './read.js';

/** CloudWatch alarms on the endpoint, the Lambda proxy and the front door, and the dashboard `<app>-<env>`. */
export const deployer: Deployer<MonitoringState, MonitoringDetail> = {
  contractVersion: DEPLOYER_CONTRACT_VERSION,
  name: 'monitoring',
  read: readMonitoring,
  plan: planMonitoring,
  apply: applyMonitoring,
  status: statusMonitoring,
  destroy: destroyMonitoring,
  permissions: permissionsMonitoring,
};

// The SageMaker target creates the endpoint alarms itself before a blue/green update uses them (docs/monitoring.md).
export { type AlarmPlan, planAlarms, putAlarms, readAlarms } from './alarm-sync.js';
export { type AlarmSpec, endpointAlarmSpecs } from './alarms.js';
export {
  applyCaptureBucket,
  type CaptureBucketPlan,
  type CaptureBucketState,
  deleteCaptureBucket,
  needsCaptureBucket,
  planCaptureBucket,
  readCaptureBucket,
} from './capture-bucket.js';
export { type LoadtestOptions, loadtest } from './loadtest/loadtest.js';
export type { LoadSummary } from './loadtest/summary.js';
export { LIMITS as LOADTEST_LIMITS } from './loadtest/target.js';
export { formatEvent, type LogEvent, type LogsOptions, logs } from './logs/logs.js';
export { LOG_TARGETS, type LogTarget } from './logs/sources.js';
export type { MonitoringDetail, MonitoringState };
