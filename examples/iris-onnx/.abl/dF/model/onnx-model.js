import { badInput, HttpError } from '../errors.js';
import { Batcher } from './batcher.js';
import { createEncoder } from './tensor-input.js';
import { rowJson, tensorJson } from './tensor-output.js';
/**
 * Serves an onnxruntime session. Request checks are derived once from the model's input metadata: names,
 * element types and shapes, with the first dimension treated as the instance (batch) axis.
 */
export class OnnxModel {
    session;
    toTensor;
    framework = 'onnx';
    signature;
    tensorEncoders;
    instanceEncoders;
    /** True when the model's batch dimension is fixed to 1: instances then run one at a time. */
    onePerRun;
    outputNames;
    batcher = new Batcher((feeds) => this.run(this.tensors(feeds)));
    constructor(session, inputs, outputs, toTensor) {
        this.session = session;
        this.toTensor = toTensor;
        this.signature = { inputs, outputs };
        this.outputNames = outputs.map((o) => o.name);
        this.tensorEncoders = inputs.map((spec) => ({ spec, encode: createEncoder(spec) }));
        const batchable = inputs.every((spec) => spec.shape.length > 0 && isBatchDim(spec.shape[0]));
        this.onePerRun = batchable && inputs.some((spec) => spec.shape[0] === 1);
        this.instanceEncoders = batchable
            ? inputs.map((spec) => ({
                spec,
                encode: createEncoder(spec, [batchName(spec.shape[0]), ...spec.shape.slice(1)]),
            }))
            : undefined;
    }
    prepare(body) {
        if (body.inputs !== undefined)
            return this.prepareTensors(body.inputs);
        return this.prepareInstances(body.instances ?? []);
    }
    async close() {
        await this.session.release();
    }
    prepareTensors(inputs) {
        for (const name of Object.keys(inputs)) {
            if (!this.tensorEncoders.some((e) => e.spec.name === name)) {
                throw badInput(`unknown input '${name}'; the model's inputs are ${this.inputList()}`);
            }
        }
        const feeds = {};
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
                return `{"outputs":{${this.outputNames.map((n) => `${JSON.stringify(n)}:${tensorJson(outputs[n])}`).join(',')}}}`;
            },
        };
    }
    prepareInstances(instances) {
        const encoders = this.instanceEncoders;
        if (!encoders) {
            throw badInput(`this model's inputs have no instance (batch) dimension; send {"inputs": {...}} with ${this.inputList()}`);
        }
        const feeds = {};
        if (encoders.length === 1) {
            const { spec, encode } = encoders[0];
            feeds[spec.name] = encode(instances, (i) => `instances${brackets(i)}`);
        }
        else {
            instances.forEach((instance, i) => {
                if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) {
                    throw badInput(`instances[${i}] must be an object with the model's inputs ${this.inputList()}`);
                }
            });
            for (const { spec, encode } of encoders) {
                const column = instances.map((instance, i) => {
                    const value = instance[spec.name];
                    if (value === undefined)
                        throw badInput(`instances[${i}].${spec.name} is missing`);
                    return value;
                });
                feeds[spec.name] = encode(column, ([i, ...rest]) => i === undefined ? 'instances' : `instances[${i}].${spec.name}${brackets(rest)}`);
            }
        }
        const rows = instances.length;
        return { rows, run: () => (this.onePerRun ? this.runEach(feeds, rows) : this.runBatch(feeds, rows)) };
    }
    async runBatch(encoded, rows) {
        const { outputs, offset, total } = await this.batcher.submit(encoded, rows);
        return `{"predictions":[${this.predictionRows(outputs, offset, rows, total)}]}`;
    }
    tensors(encoded) {
        const feeds = {};
        for (const name in encoded)
            feeds[name] = this.toTensor(encoded[name]);
        return feeds;
    }
    async runEach(encoded, rows) {
        const parts = [];
        for (let row = 0; row < rows; row++) {
            const feeds = {};
            for (const name in encoded) {
                const { type, data, dims } = encoded[name];
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
    predictionRows(outputs, offset, rows, total) {
        const tensors = this.outputNames.map((name) => outputs[name]);
        for (const tensor of tensors) {
            if (tensor.dims[0] !== total) {
                throw new HttpError(400, 'NOT_PER_INSTANCE', `output '${this.outputNames[tensors.indexOf(tensor)]}' has shape [${tensor.dims.join(', ')}], which does not split into ${total} instance(s); send {"inputs": {...}} to get raw outputs`);
            }
        }
        let out = '';
        for (let row = offset; row < offset + rows; row++) {
            if (row > offset)
                out += ',';
            if (tensors.length === 1)
                out += rowJson(tensors[0], row);
            else
                out += `{${tensors.map((t, k) => `${JSON.stringify(this.outputNames[k])}:${rowJson(t, row)}`).join(',')}}`;
        }
        return out;
    }
    async run(feeds) {
        return (await this.session.run(feeds, this.outputNames));
    }
    inputList() {
        return this.signature.inputs.map((s) => `'${s.name}' ${s.type} [${s.shape.join(', ')}]`).join(', ');
    }
}
function batchName(dim) {
    return typeof dim === 'string' && dim !== '?' ? dim : 'N';
}
function isBatchDim(dim) {
    return typeof dim === 'string' || dim === 1;
}
function brackets(indices) {
    let out = '';
    for (const i of indices)
        out += `[${i}]`;
    return out;
}
//# sourceMappingURL=onnx-model.js.map