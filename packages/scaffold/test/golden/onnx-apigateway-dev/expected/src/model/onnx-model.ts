import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { badInput, HttpError } from '../errors.js';
import { Batcher } from './batcher.js';
import { createEncoder, type Dim, type EncodedTensor, type InputSpec } from './tensor-input.js';
import { rowJson, tensorJson } from './tensor-output.js';
import type { Model, PredictBody, PredictionJob } from './types.js';

type TensorFactory = (encoded: EncodedTensor) => OrtTensor;
type Outputs = Record<string, OrtTensor>;
type Encoder = ReturnType<typeof createEncoder>;

/**
 * Serves an onnxruntime session. Request checks are derived once from the model's input metadata: names,
 * element types and shapes, with the first dimension treated as the instance (batch) axis.
 */
export class OnnxModel implements Model {
  readonly framework = 'onnx' as const;
  readonly signature: { inputs: InputSpec[]; outputs: InputSpec[] };
  private readonly tensorEncoders: Array<{ spec: InputSpec; encode: Encoder }>;
  private readonly instanceEncoders: Array<{ spec: InputSpec; encode: Encoder }> | undefined;
  /** True when the model's batch dimension is fixed to 1: instances then run one at a time. */
  private readonly onePerRun: boolean;
  private readonly outputNames: string[];
  private readonly batcher = new Batcher<Outputs>((feeds) => this.run(this.tensors(feeds)));

  constructor(
    private readonly session: InferenceSession,
    inputs: InputSpec[],
    outputs: InputSpec[],
    private readonly toTensor: TensorFactory,
  ) {
    this.signature = { inputs, outputs };
    this.outputNames = outputs.map((o) => o.name);
    this.tensorEncoders = inputs.map((spec) => ({ spec, encode: createEncoder(spec) }));
    const batchable = inputs.every((spec) => spec.shape.length > 0 && isBatchDim(spec.shape[0]!));
    this.onePerRun = batchable && inputs.some((spec) => spec.shape[0] === 1);
    this.instanceEncoders = batchable
      ? inputs.map((spec) => ({
          spec,
          encode: createEncoder(spec, [batchName(spec.shape[0]!), ...spec.shape.slice(1)]),
        }))
      : undefined;
  }

  prepare(body: PredictBody): PredictionJob {
    if (body.inputs !== undefined) return this.prepareTensors(body.inputs);
    return this.prepareInstances(body.instances ?? []);
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private prepareTensors(inputs: Record<string, unknown>): PredictionJob {
    for (const name of Object.keys(inputs)) {
      if (!this.tensorEncoders.some((e) => e.spec.name === name)) {
        throw badInput(`unknown input '${name}'; the model's inputs are ${this.inputList()}`);
      }
    }
    const feeds: Record<string, OrtTensor> = {};
    let rows = 1;
    for (const { spec, encode } of this.tensorEncoders) {
      if (!(spec.name in inputs))
        throw badInput(`inputs.${spec.name} is missing; the model's inputs are ${this.inputList()}`);
      const encoded = encode(inputs[spec.name], (i) => `inputs.${spec.name}${brackets(i)}`);
      rows = encoded.dims[0] ?? 1;
      feeds[spec.name] = this.toTensor(encoded);
    }
    return {
      rows,
      run: async () => {
        const outputs = await this.run(feeds);
        return `{"outputs":{${this.outputNames.map((n) => `${JSON.stringify(n)}:${tensorJson(outputs[n]!)}`).join(',')}}}`;
      },
    };
  }

  private prepareInstances(instances: unknown[]): PredictionJob {
    const encoders = this.instanceEncoders;
    if (!encoders) {
      throw badInput(
        `this model's inputs have no instance (batch) dimension; send {"inputs": {...}} with ${this.inputList()}`,
      );
    }
    const feeds: Record<string, EncodedTensor> = {};
    if (encoders.length === 1) {
      const { spec, encode } = encoders[0]!;
      feeds[spec.name] = encode(instances, (i) => `instances${brackets(i)}`);
    } else {
      instances.forEach((instance, i) => {
        if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) {
          throw badInput(`instances[${i}] must be an object with the model's inputs ${this.inputList()}`);
        }
      });
      for (const { spec, encode } of encoders) {
        const column = instances.map((instance, i) => {
          const value = (instance as Record<string, unknown>)[spec.name];
          if (value === undefined) throw badInput(`instances[${i}].${spec.name} is missing`);
          return value;
        });
        feeds[spec.name] = encode(column, ([i, ...rest]) =>
          i === undefined ? 'instances' : `instances[${i}].${spec.name}${brackets(rest)}`,
        );
      }
    }
    const rows = instances.length;
    return { rows, run: () => (this.onePerRun ? this.runEach(feeds, rows) : this.runBatch(feeds, rows)) };
  }

  private async runBatch(encoded: Record<string, EncodedTensor>, rows: number): Promise<string> {
    const { outputs, offset, total } = await this.batcher.submit(encoded, rows);
    return `{"predictions":[${this.predictionRows(outputs, offset, rows, total)}]}`;
  }

  private tensors(encoded: Record<string, EncodedTensor>): Record<string, OrtTensor> {
    const feeds: Record<string, OrtTensor> = {};
    for (const name in encoded) feeds[name] = this.toTensor(encoded[name]!);
    return feeds;
  }

  private async runEach(encoded: Record<string, EncodedTensor>, rows: number): Promise<string> {
    const parts: string[] = [];
    for (let row = 0; row < rows; row++) {
      const feeds: Record<string, OrtTensor> = {};
      for (const name in encoded) {
        const { type, data, dims } = encoded[name]!;
        const size = data.length / rows;
        feeds[name] = this.toTensor({
          type,
          data: data.slice(row * size, (row + 1) * size),
          dims: [1, ...dims.slice(1)],
        });
      }
      parts.push(this.predictionRows(await this.run(feeds), 0, 1, 1));
    }
    return `{"predictions":[${parts.join(',')}]}`;
  }

  /** JSON of rows [offset, offset + rows) of every output (`total` rows long), one prediction per instance. */
  private predictionRows(outputs: Outputs, offset: number, rows: number, total: number): string {
    const tensors = this.outputNames.map((name) => outputs[name]!);
    for (const tensor of tensors) {
      if (tensor.dims[0] !== total) {
        throw new HttpError(
          400,
          'NOT_PER_INSTANCE',
          `output '${this.outputNames[tensors.indexOf(tensor)]}' has shape [${tensor.dims.join(', ')}], which does not split into ${total} instance(s); send {"inputs": {...}} to get raw outputs`,
        );
      }
    }
    let out = '';
    for (let row = offset; row < offset + rows; row++) {
      if (row > offset) out += ',';
      if (tensors.length === 1) out += rowJson(tensors[0]!, row);
      else
        out += `{${tensors.map((t, k) => `${JSON.stringify(this.outputNames[k])}:${rowJson(t, row)}`).join(',')}}`;
    }
    return out;
  }

  private async run(feeds: Record<string, OrtTensor>): Promise<Outputs> {
    return (await this.session.run(feeds, this.outputNames)) as Outputs;
  }

  private inputList(): string {
    return this.signature.inputs.map((s) => `'${s.name}' ${s.type} [${s.shape.join(', ')}]`).join(', ');
  }
}

function batchName(dim: Dim): string {
  return typeof dim === 'string' && dim !== '?' ? dim : 'N';
}

function isBatchDim(dim: Dim): boolean {
  return typeof dim === 'string' || dim === 1;
}

function brackets(indices: number[]): string {
  let out = '';
  for (const i of indices) out += `[${i}]`;
  return out;
}
