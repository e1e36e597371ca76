/**
 * Stops accepting connections, lets in-flight requests finish and releases the model. SageMaker sends
 * SIGKILL 30 s after SIGTERM, so this gives up after `timeoutMs` (25 s by default) rather than be killed.
 */
export async function shutdown(app, state, timeoutMs) {
    state.shuttingDown = true;
    let timer;
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const closed = (async () => {
        await app.close();
        await state.model?.close();
        return 'clean';
    })().catch((error) => {
        app.log.error({ err: error }, 'error during shutdown');
        return 'error';
    });
    try {
        return await Promise.race([closed, timedOut]);
    }
    finally {
        clearTimeout(timer);
    }
}
export function exitOnSignals(app, state, timeoutMs, exit = (code) => process.exit(code)) {
    let stopping = false;
    const onSignal = (signal) => {
        if (stopping)
            return;
        stopping = true;
        app.log.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests');
        void shutdown(app, state, timeoutMs).then((result) => {
            if (result === 'clean')
                app.log.info('shut down cleanly');
            else
                app.log.error({ result }, 'shutdown did not complete cleanly');
            exit(result === 'clean' ? 0 : 1);
        });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
}
//# sourceMappingURL=shutdown.js.map