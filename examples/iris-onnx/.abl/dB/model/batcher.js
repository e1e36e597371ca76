/**
 * Dynamic batching: requests that arrive in the same event-loop turn are concatenated along the instance
 * axis and run as one inference, then each gets its own slice of the outputs. onnxruntime-node runs
 * inference on the JavaScript thread, so one run of 50 rows costs about as much as one run of 1 row.
 * Requests whose non-batch dimensions differ run separately; if a combined run fails, each request is
 * retried on its own so one request can never fail another.
 */
export class Batcher {
    runFeeds;
    maxRows;
    pending = [];
    scheduled = false;
    constructor(runFeeds, maxRows = 1024) {
        this.runFeeds = runFeeds;
        this.maxRows = maxRows;
    }
    submit(feeds, rows) {
        return new Promise((resolve, reject) => {
            this.pending.push({ feeds, rows, resolve, reject });
            if (!this.scheduled) {
                this.scheduled = true;
                setImmediate(() => this.flush());
            }
        });
    }
    flush() {
        const pending = this.pending;
        this.pending = [];
        this.scheduled = false;
        for (const group of this.groups(pending))
            void this.runGroup(group);
    }
    groups(pending) {
        const byShape = new Map();
        for (const item of pending) {
            const key = shapeKey(item.feeds);
            let chunks = byShape.get(key);
            if (!chunks) {
                chunks = [[]];
                byShape.set(key, chunks);
            }
            let chunk = chunks[chunks.length - 1];
            if (chunk.length > 0 && chunk.reduce((n, p) => n + p.rows, 0) + item.rows > this.maxRows) {
                chunk = [];
                chunks.push(chunk);
            }
            chunk.push(item);
        }
        return [...byShape.values()].flat();
    }
    async runGroup(group) {
        if (group.length === 1)
            return this.runAlone(group[0]);
        let outputs;
        try {
            outputs = await this.runFeeds(concat(group.map((p) => p.feeds)));
        }
        catch {
            for (const item of group)
                void this.runAlone(item);
            return;
        }
        const total = group.reduce((n, p) => n + p.rows, 0);
        let offset = 0;
        for (const item of group) {
            item.resolve({ outputs, offset, total });
            offset += item.rows;
        }
    }
    async runAlone(item) {
        try {
            item.resolve({ outputs: await this.runFeeds(item.feeds), offset: 0, total: item.rows });
        }
        catch (error) {
            item.reject(error);
        }
    }
}
function shapeKey(feeds) {
    let key = '';
    for (const name in feeds)
        key += `${name}:${feeds[name].dims.slice(1).join('x')};`;
    return key;
}
function concat(all) {
    const merged = {};
    for (const name in all[0]) {
        const parts = all.map((feeds) => feeds[name]);
        const length = parts.reduce((n, p) => n + p.data.length, 0);
        const first = parts[0];
        let data;
        if (Array.isArray(first.data)) {
            data = parts.flatMap((p) => p.data);
        }
        else {
            const typed = new first.data.constructor(length);
            let at = 0;
            for (const part of parts) {
                typed.set(part.data, at);
                at += part.data.length;
            }
            data = typed;
        }
        const rows = parts.reduce((n, p) => n + p.dims[0], 0);
        merged[name] = { type: first.type, data, dims: [rows, ...first.dims.slice(1)] };
    }
    return merged;
}
//# sourceMappingURL=batcher.js.map