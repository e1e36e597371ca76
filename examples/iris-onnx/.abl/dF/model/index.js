import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { OnnxModel } from './onnx-model.js';
import { SUPPORTED_TYPES } from './tensor-input.js';
/** ONNX requests are checked against the model's own input metadata (see tensor-input.ts), not a static schema. */
export const instanceSchema = {};
/**
 * Threads per inference. 1 suits small models best (several requests run in parallel instead);
 * raise ORT_INTRA_OP_NUM_THREADS for large models on big instances.
 */
export function sessionOptions(env = process.env) {
    const threads = Number(env.ORT_INTRA_OP_NUM_THREADS ?? 1);
    if (!Number.isInteger(threads) || threads < 0) {
        throw new Error(`ORT_INTRA_OP_NUM_THREADS=${env.ORT_INTRA_OP_NUM_THREADS} is invalid: expected an integer ≥ 0`);
    }
    return {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
    };
}
export async function loadModel(config) {
    const path = await findModelFile(config.modelDir, config.modelFile);
    const session = await ort.InferenceSession.create(path, sessionOptions());
    const inputs = session.inputMetadata.map(toSpec);
    for (const input of inputs) {
        if (!SUPPORTED_TYPES.includes(input.type)) {
            throw new Error(`input '${input.name}' has type ${input.type}; supported: ${SUPPORTED_TYPES.join(', ')}`);
        }
    }
    const outputs = session.outputMetadata.filter((o) => o.isTensor).map(toSpec);
    if (outputs.length === 0)
        throw new Error(`${path} has no tensor outputs`);
    return new OnnxModel(session, inputs, outputs, ({ type, data, dims }) => new ort.Tensor(type, data, dims));
}
export async function findModelFile(dir, file) {
    if (file) {
        const path = join(dir, file);
        if (!existsSync(path))
            throw new Error(`model file ${path} not found; set MODEL_DIR or MODEL_FILE`);
        return path;
    }
    const entries = await readdir(dir).catch(() => []);
    const candidates = entries.filter((name) => name.endsWith('.onnx')).sort();
    if (candidates.length === 0)
        throw new Error(`no .onnx file in ${dir}; set MODEL_FILE or MODEL_DIR`);
    return join(dir, candidates[0]);
}
function toSpec(meta) {
    if (!meta.isTensor)
        return { name: meta.name, type: 'non-tensor', shape: [] };
    return {
        name: meta.name,
        type: meta.type,
        shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d ? d : '?')),
    };
}
//# sourceMappingURL=index.js.map