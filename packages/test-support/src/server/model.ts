import autoscaling from '../models/autoscaling.json' with { type: 'json' };
import cognito from '../models/cognito.json' with { type: 'json' };
import ecr from '../models/ecr.json' with { type: 'json' };
import sagemaker from '../models/sagemaker.json' with { type: 'json' };

/** The subset of a botocore service model the fakes validate against (see scripts/extract-models.py). */
export interface ApiModel {
  metadata: { apiVersion: string; targetPrefix: string; jsonVersion: string; protocol: string };
  operations: Record<string, { input?: string; output?: string; errors: string[] }>;
  shapes: Record<string, Shape>;
}

export interface Shape {
  type: string;
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: string;
  key?: string;
  value?: string;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

const models = { sagemaker, ecr, autoscaling, cognito } as unknown as Record<string, ApiModel>;

export function loadModel(service: 'sagemaker' | 'ecr' | 'autoscaling' | 'cognito'): ApiModel {
  const model = models[service];
  if (!model) throw new Error(`no API model for ${service}`);
  return model;
}
