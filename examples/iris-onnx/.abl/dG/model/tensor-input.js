import { badInput } from '../errors.js';
const INVALID = Symbol('invalid');
const INTEGER_RANGES = {
    int8: [-128, 127],
    uint8: [0, 255],
    int16: [-32_768, 32_767],
    uint16: [0, 65_535],
    int32: [-2_147_483_648, 2_147_483_647],
    uint32: [0, 4_294_967_295],
};
export const SUPPORTED_TYPES = [
    'float32',
    'float64',
    ...Object.keys(INTEGER_RANGES),
    'int64',
    'uint64',
    'bool',
    'string',
];
export function formatShape(shape) {
    return `[${shape.join(', ')}]`;
}
/**
 * Checks a JSON value against one model input (rank, fixed dimensions, equal free dimensions, element type)
 * and copies it into a typed array in the same pass. The checks are built once per input at load time;
 * `path(indices)` names the offending element in the error message.
 */
export function createEncoder(spec, shape = spec.shape) {
    const describe = `input '${spec.name}' expects shape ${formatShape(shape)} of ${spec.type}`;
    const { leaf, expected: takes } = leafConverter(spec.type, spec.name);
    const rank = shape.length;
    return (value, path) => {
        const dims = measure(value, shape, path, describe);
        const size = dims.reduce((a, b) => a * b, 1);
        const data = allocate(spec.type, size);
        const indices = [];
        let offset = 0;
        const fill = (node, depth) => {
            if (depth === rank) {
                const converted = leaf(node);
                if (converted === INVALID) {
                    throw badInput(`${path(indices)} is ${preview(node)} but input '${spec.name}' takes ${takes}`);
                }
                data[offset++] = converted;
                return;
            }
            const expected = dims[depth];
            if (!Array.isArray(node) || node.length !== expected) {
                throw badInput(`${path(indices)} ${mismatch(node, expected, shape[depth], dims, depth)}; ${describe}`);
            }
            for (let i = 0; i < expected; i++) {
                indices[depth] = i;
                fill(node[i], depth + 1);
            }
            indices.length = depth;
        };
        fill(value, 0);
        return { type: spec.type, data, dims };
    };
}
/** Reads the dimensions off the first element at each depth; `fill` then checks every other element. */
function measure(value, shape, path, describe) {
    const dims = [];
    let node = value;
    const indices = [];
    for (let depth = 0; depth < shape.length; depth++) {
        if (!Array.isArray(node))
            throw badInput(`${path(indices)} must be an array; ${describe}`);
        const fixed = shape[depth];
        if (typeof fixed === 'number' && node.length !== fixed) {
            throw badInput(`${path(indices)} has ${node.length} items where ${fixed} are expected; ${describe}`);
        }
        dims.push(node.length);
        if (node.length === 0) {
            for (let rest = depth + 1; rest < shape.length; rest++) {
                const d = shape[rest];
                dims.push(typeof d === 'number' ? d : 0);
            }
            return dims;
        }
        indices.push(0);
        node = node[0];
    }
    return dims;
}
function mismatch(node, expected, dim, dims, depth) {
    if (!Array.isArray(node))
        return `must be an array of ${expected} items`;
    if (typeof dim === 'number')
        return `has ${node.length} items where ${dim} are expected`;
    return `has ${node.length} items but the first one at this depth has ${dims[depth]}: dimension ${dim} must be the same throughout`;
}
function allocate(type, size) {
    switch (type) {
        case 'float32':
            return new Float32Array(size);
        case 'float64':
            return new Float64Array(size);
        case 'int8':
            return new Int8Array(size);
        case 'uint8':
        case 'bool':
            return new Uint8Array(size);
        case 'int16':
            return new Int16Array(size);
        case 'uint16':
            return new Uint16Array(size);
        case 'int32':
            return new Int32Array(size);
        case 'uint32':
            return new Uint32Array(size);
        case 'int64':
            return new BigInt64Array(size);
        case 'uint64':
            return new BigUint64Array(size);
        default:
            return new Array(size);
    }
}
function leafConverter(type, input) {
    if (type === 'float32' || type === 'float64') {
        return { leaf: (v) => (typeof v === 'number' ? v : INVALID), expected: `${type} numbers` };
    }
    const range = INTEGER_RANGES[type];
    if (range) {
        const [min, max] = range;
        return {
            leaf: (v) => Number.isInteger(v) && v >= min && v <= max ? v : INVALID,
            expected: `${type} integers from ${min} to ${max}`,
        };
    }
    if (type === 'int64' || type === 'uint64') {
        const min = type === 'int64' ? Number.MIN_SAFE_INTEGER : 0;
        return {
            leaf: (v) => (Number.isSafeInteger(v) && v >= min ? BigInt(v) : INVALID),
            expected: `${type} integers`,
        };
    }
    if (type === 'bool')
        return { leaf: (v) => (typeof v === 'boolean' ? (v ? 1 : 0) : INVALID), expected: 'booleans' };
    if (type === 'string')
        return { leaf: (v) => (typeof v === 'string' ? v : INVALID), expected: 'strings' };
    throw new Error(`input '${input}' has type ${type}, which this server does not support`);
}
function preview(value) {
    if (Array.isArray(value))
        return 'an array';
    if (value === null)
        return 'null';
    if (typeof value === 'object')
        return 'an object';
    const text = JSON.stringify(value) ?? String(value);
    return `${text.length > 40 ? `${text.slice(0, 40)}…` : text} (a ${typeof value})`;
}
//# sourceMappingURL=tensor-input.js.map