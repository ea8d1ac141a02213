/** Minimal GraphQL-over-HTTP client for the CLI. */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
    if (body.errors?.length) {
      const e = body.errors[0];
      const where = e.extensions?.field ? ` (field ${e.extensions.field})` : '';
      throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}${where}`);
    }
    if (!body.data) throw new Error(`gateway answered HTTP ${res.status} without data`);
    return body.data;
  }
}
