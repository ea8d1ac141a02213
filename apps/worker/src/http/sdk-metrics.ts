/**
 * The Temporal SDK's own metrics, read from its Prometheus exporter on `127.0.0.1:port`, so that
 * the worker's `/metrics` serves them with its own (one scrape per pod). When the exporter does
 * not answer, a comment says so and the worker's figures are served alone.
 */
export async function sdkMetricsText(port: number, timeoutMs = 2000): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return `# temporal sdk metrics unavailable: HTTP ${res.status}\n`;
    const text = await res.text();
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch (err) {
    return `# temporal sdk metrics unavailable: ${err instanceof Error ? err.message : String(err)}\n`;
  }
}
