import type { ApigeeOrg } from './state.js';

export interface Upload {
  field: string;
  data: Uint8Array;
}

export interface HandlerInput {
  org: ApigeeOrg;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  upload: Upload | undefined;
  now: number;
}

/** Returns the JSON body, or `{ raw }` for a binary answer (a bundle download). */
export type Handler = (input: HandlerInput) => unknown;

export function environmentOf(input: HandlerInput): string {
  return input.params.environmentsId!;
}
