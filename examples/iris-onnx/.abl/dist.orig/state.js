/** What the health routes report: set by serve.ts as the model loads and the server shuts down. */
export class ServerState {
    model = undefined;
    loadError = undefined;
    shuttingDown = false;
    get ready() {
        return this.model !== undefined && !this.shuttingDown;
    }
}
//# sourceMappingURL=state.js.map