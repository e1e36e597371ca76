/** Docker HEALTHCHECK: exits 0 when GET /ping answers 200 within 2 s (the slim image has no curl). */
import { resolvePort } from './config.js';
const url = `http://127.0.0.1:${resolvePort(process.env)}/ping`;
try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    process.exit(response.ok ? 0 : 1);
}
catch {
    process.exit(1);
}
//# sourceMappingURL=healthcheck.js.map