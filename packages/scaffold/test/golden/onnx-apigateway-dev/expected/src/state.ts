import type { Model } from './model/types.js';

/** What the health routes report: set by serve.ts as the model loads and the server shuts down. */
export class ServerState {
  model: Model | undefined = undefined;
  loadError: string | undefined = undefined;
  shuttingDown = false;

  get ready(): boolean {
    return this.model !== undefined && !this.shuttingDown;
  }
}
