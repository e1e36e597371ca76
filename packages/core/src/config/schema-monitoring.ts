import { z } from 'zod';

const alarmName = z.string().min(1).max(255);

export const monitoringThresholdsSchema = z
  .strictObject({
    endpoint5xxErrors: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe('Invocation5XXErrors per minute that put the endpoint alarm in ALARM'),
    endpoint4xxErrors: z
      .number()
      .int()
      .min(1)
      .default(50)
      .describe('Invocation4XXErrors per 5 minutes (a client-error rate) that put the alarm in ALARM'),
    modelLatencyP99Ms: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('ModelLatency p99 in milliseconds; default 80 % of model.timeoutSeconds'),
    lambdaErrors: z.number().int().min(1).default(5).describe('Lambda proxy Errors per 5 minutes'),
    lambdaThrottles: z.number().int().min(1).default(1).describe('Lambda proxy Throttles per 5 minutes'),
    apigateway5xxErrors: z.number().int().min(1).default(5).describe('API Gateway 5XXError per 5 minutes'),
  })
  .describe('Alarm thresholds');

export const MONITORING_THRESHOLD_DEFAULTS = {
  endpoint5xxErrors: 1,
  endpoint4xxErrors: 50,
  lambdaErrors: 5,
  lambdaThrottles: 1,
  apigateway5xxErrors: 5,
};

export const monitoringSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Create CloudWatch alarms and a dashboard (the endpoint alarms guard blue/green deploys)'),
    thresholds: monitoringThresholdsSchema.default(MONITORING_THRESHOLD_DEFAULTS),
    extraAlarms: z
      .array(alarmName)
      .max(10)
      .default([])
      .describe('Existing CloudWatch alarm names that also roll a blue/green deploy back'),
    snsTopicArn: z
      .string()
      .regex(/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN')
      .optional()
      .describe('SNS topic notified when an alarm changes to ALARM or back to OK'),
    dashboard: z.boolean().default(true).describe('Create the CloudWatch dashboard <app>-<env>'),
  })
  .describe('CloudWatch alarms and dashboard (the monitoring target)');

export const MONITORING_DEFAULTS = {
  enabled: true,
  thresholds: MONITORING_THRESHOLD_DEFAULTS,
  extraAlarms: [],
  dashboard: true,
};
