export interface OutputTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

type Indexed = { readonly [index: number]: unknown; readonly length: number };

/** Writes JSON text straight from a tensor's typed array: no intermediate nested arrays. */
export function tensorJson(tensor: OutputTensor): string {
  return write(tensor.data as Indexed, tensor.dims, strides(tensor.dims), 0, 0, scalarWriter(tensor.type));
}

/** JSON of row `row` along the first dimension (the instance axis). */
export function rowJson(tensor: OutputTensor, row: number): string {
  const s = strides(tensor.dims);
  return write(tensor.data as Indexed, tensor.dims, s, 1, row * s[0]!, scalarWriter(tensor.type));
}

function write(
  data: Indexed,
  dims: readonly number[],
  stride: number[],
  depth: number,
  offset: number,
  scalar: (value: unknown) => string,
): string {
  if (depth === dims.length) return scalar(data[offset]);
  const n = dims[depth]!;
  let out = '[';
  if (depth === dims.length - 1) {
    for (let i = 0; i < n; i++) out += (i === 0 ? '' : ',') + scalar(data[offset + i]);
  } else {
    const step = stride[depth]!;
    for (let i = 0; i < n; i++) {
      out += (i === 0 ? '' : ',') + write(data, dims, stride, depth + 1, offset + i * step, scalar);
    }
  }
  return `${out}]`;
}

function strides(dims: readonly number[]): number[] {
  const result = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) result[i] = result[i + 1]! * dims[i + 1]!;
  return result;
}

function scalarWriter(type: string): (value: unknown) => string {
  switch (type) {
    case 'string':
      return (v) => JSON.stringify(v);
    case 'bool':
      return (v) => (v ? 'true' : 'false');
    case 'int64':
    case 'uint64':
      return (v) => String(v);
    default:
      return (v) => (Number.isFinite(v) ? String(v) : 'null');
  }
}
