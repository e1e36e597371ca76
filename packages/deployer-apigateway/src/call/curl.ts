import type { GatewayOutputs } from './inputs.js';

export const MASK = '********';

/** Single-quotes a value for sh/bash/zsh. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The token request and the API request as copy-paste curl commands (the token goes through $TOKEN). */
export function curlCommands(
  outputs: GatewayOutputs,
  path: string,
  body: string,
  secrets: { clientSecret: string; apiKey: string } | undefined,
): string[] {
  const clientSecret = secrets?.clientSecret ?? MASK;
  const apiKey = secrets?.apiKey ?? MASK;
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: outputs.scope }).toString();
  return [
    `TOKEN=$(curl -sS -X POST ${shellQuote(outputs.tokenUrl)} -u ${shellQuote(`${outputs.clientId}:${clientSecret}`)} -H 'Content-Type: application/x-www-form-urlencoded' -d ${shellQuote(form)} | jq -r .access_token)`,
    `curl -sS -i -X POST ${shellQuote(`${outputs.invokeUrl}${path}`)} -H "Authorization: Bearer $TOKEN" -H ${shellQuote(`x-api-key: ${apiKey}`)} -H 'Content-Type: application/json' -d ${shellQuote(body)}`,
  ];
}
