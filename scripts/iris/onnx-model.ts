import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import type { LinearSoftmax } from './logistic.js';

const FLOAT = 1;

export interface SoftmaxModelOptions {
  inputName: string;
  outputName: string;
  classes: string[];
  docString: string;
}

/** Encodes `softmax(input · W + b)` as an ONNX model (IR 8, opset 13) with a dynamic batch dimension `N`. */
export function encodeSoftmaxModel(model: LinearSoftmax, options: SoftmaxModelOptions): Uint8Array {
  const root = protobuf.parse(readFileSync(join(import.meta.dirname, 'onnx.proto'), 'utf8'), {
    keepCase: true,
  }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const features = model.weights.length;
  const classes = model.bias.length;
  const tensorInfo = (name: string, width: number) => ({
    name,
    type: {
      tensor_type: { elem_type: FLOAT, shape: { dim: [{ dim_param: 'N' }, { dim_value: width }] } },
    },
  });
  const message = {
    ir_version: 8,
    producer_name: 'mlship-iris-train',
    producer_version: '1',
    model_version: 1,
    doc_string: options.docString,
    opset_import: [{ domain: '', version: 13 }],
    metadata_props: [{ key: 'classes', value: options.classes.join(',') }],
    graph: {
      name: 'iris_softmax_regression',
      node: [
        { op_type: 'MatMul', name: 'matmul', input: [options.inputName, 'W'], output: ['logits_raw'] },
        { op_type: 'Add', name: 'add_bias', input: ['logits_raw', 'B'], output: ['logits'] },
        { op_type: 'Softmax', name: 'softmax', input: ['logits'], output: [options.outputName] },
      ],
      initializer: [
        { name: 'W', data_type: FLOAT, dims: [features, classes], float_data: model.weights.flat() },
        { name: 'B', data_type: FLOAT, dims: [classes], float_data: model.bias },
      ],
      input: [tensorInfo(options.inputName, features)],
      output: [tensorInfo(options.outputName, classes)],
    },
  };
  const error = ModelProto.verify(message);
  if (error) throw new Error(`invalid ONNX model message: ${error}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}
