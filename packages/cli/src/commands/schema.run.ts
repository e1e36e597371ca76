export async function runSchema(): Promise<number> {
  throw new Error('schema is not built yet');
}
