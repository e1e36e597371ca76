/**
 * Container entry point. SageMaker starts the image as `docker run <image> serve`; `serve` is also the
 * default when no argument is given.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { instanceSchema, loadModel } from './model/index.js';
import { exitOnSignals } from './shutdown.js';
const command = process.argv[2] ?? 'serve';
if (command !== 'serve') {
    console.error(`unknown command "${command}": this image only serves (usage: serve)`);
    process.exit(2);
}
let config;
try {
    config = loadConfig();
}
catch (error) {
    if (!(error instanceof ConfigError))
        throw error;
    console.error(error.message);
    process.exit(2);
}
const { app, state } = buildApp({
    config,
    instanceSchema,
    logger: { level: config.logLevel, base: { service: config.name, version: config.version } },
});
exitOnSignals(app, state, config.shutdownTimeoutMs);
await app.listen({ host: config.host, port: config.port });
try {
    const started = performance.now();
    state.model = await loadModel(config);
    app.log.info({ modelDir: config.modelDir, loadMs: Math.round(performance.now() - started) }, 'model loaded; ready for traffic');
}
catch (error) {
    state.loadError = error instanceof Error ? error.message : String(error);
    app.log.fatal({ err: error, modelDir: config.modelDir }, 'the model could not be loaded');
    await app.close();
    process.exit(1);
}
//# sourceMappingURL=serve.js.map