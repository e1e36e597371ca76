import { badInput } from './errors.js';
/**
 * `text/csv` bodies (what SageMaker Batch Transform sends): one instance per line, comma-separated values,
 * no header. Numeric cells become numbers, others stay strings; the body becomes `{ "instances": rows }`.
 */
export function registerCsvParser(app) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
        try {
            done(null, { instances: parseCsv(body) });
        }
        catch (error) {
            done(error, undefined);
        }
    });
}
export function parseCsv(text) {
    const rows = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (rows.length === 0)
        throw badInput('the CSV body holds no rows');
    return rows.map((line) => line.split(',').map((cell) => {
        const trimmed = cell.trim();
        const value = Number(trimmed);
        return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
    }));
}
//# sourceMappingURL=csv.js.map