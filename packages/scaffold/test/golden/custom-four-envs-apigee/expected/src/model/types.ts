export type Framework = 'onnx' | 'custom';

/** The body of /invocations, /predict and /predict/batch. */
export interface PredictBody {
  /** One entry per example; the response holds one prediction per instance, in order. */
  instances?: unknown[];
  /** ONNX only: named input tensors as nested arrays, for models whose inputs do not split into instances. */
  inputs?: Record<string, unknown>;
}

/** A validated request, ready to run. Validation happens before queueing so bad input never waits. */
export interface PredictionJob {
  /** Number of instances (rows) in the request, for metrics. */
  rows: number;
  /** Runs the model and returns the JSON response body. */
  run(): Promise<string>;
}

export interface Model {
  readonly framework: Framework;
  /** Description of the model's inputs and outputs, served by GET /model/info. */
  readonly signature: Record<string, unknown>;
  /** Validates a request body; throws an HttpError (400) that says what is wrong. */
  prepare(body: PredictBody): PredictionJob;
  close(): Promise<void>;
}
