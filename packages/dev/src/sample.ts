interface Signature {
  inputs?: Array<{ name: string; shape: Array<string | number> }>;
}

/** A body the model accepts, from its /model/info signature: one row of ones for a single [N, k] input. */
export async function sampleBody(serverUrl: string): Promise<string> {
  try {
    const info = (await (await fetch(`${serverUrl}/model/info`)).json()) as { signature?: Signature };
    const inputs = info.signature?.inputs;
    const width = inputs?.length === 1 ? inputs[0]?.shape[1] : undefined;
    if (typeof width === 'number' && width > 0 && width <= 64) {
      return JSON.stringify({ instances: [Array.from({ length: width }, () => 1)] });
    }
  } catch {
    // the placeholder below
  }
  return '{"instances": [ ...one instance... ]}';
}
