/** Writes JSON text straight from a tensor's typed array: no intermediate nested arrays. */
export function tensorJson(tensor) {
    return write(tensor.data, tensor.dims, strides(tensor.dims), 0, 0, scalarWriter(tensor.type));
}
/** JSON of row `row` along the first dimension (the instance axis). */
export function rowJson(tensor, row) {
    const s = strides(tensor.dims);
    return write(tensor.data, tensor.dims, s, 1, row * s[0], scalarWriter(tensor.type));
}
function write(data, dims, stride, depth, offset, scalar) {
    if (depth === dims.length)
        return scalar(data[offset]);
    const n = dims[depth];
    let out = '[';
    if (depth === dims.length - 1) {
        for (let i = 0; i < n; i++)
            out += (i === 0 ? '' : ',') + scalar(data[offset + i]);
    }
    else {
        const step = stride[depth];
        for (let i = 0; i < n; i++) {
            out += (i === 0 ? '' : ',') + write(data, dims, stride, depth + 1, offset + i * step, scalar);
        }
    }
    return `${out}]`;
}
function strides(dims) {
    const result = new Array(dims.length).fill(1);
    for (let i = dims.length - 2; i >= 0; i--)
        result[i] = result[i + 1] * dims[i + 1];
    return result;
}
function scalarWriter(type) {
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
//# sourceMappingURL=tensor-output.js.map