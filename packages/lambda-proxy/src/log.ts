/** One JSON line on stderr: CloudWatch keeps it as one log event, without the runtime's text prefix. */
export function logLine(level: 'INFO' | 'WARN' | 'ERROR', code: string, message: string, fields = {}): void {
  process.stderr.write(`${JSON.stringify({ level, code, message, ...fields })}\n`);
}
