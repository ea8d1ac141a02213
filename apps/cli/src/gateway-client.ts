import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

type GqlErrors = { message: string; extensions?: { code?: string; field?: string } }[];

function errorText(errors: GqlErrors): string {
  const e = errors[0];
  const where = e.extensions?.field ? ` (field ${e.extensions.field})` : '';
  return `${e.extensions?.code ?? 'ERROR'}: ${e.message}${where}`;
}

/** The WebSocket URL of a GraphQL HTTP endpoint (`http://h/graphql` → `ws://h/graphql`). */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):\/\//, 'ws$1://');
}

/** Minimal GraphQL client for the CLI: queries over HTTP, subscriptions over graphql-ws. */
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
    const body = (await res.json()) as { data?: T; errors?: GqlErrors };
    if (body.errors?.length) throw new Error(errorText(body.errors));
    if (!body.data) throw new Error(`gateway answered HTTP ${res.status} without data`);
    return body.data;
  }

  /**
   * Runs a subscription (graphql-ws, API key in `connectionParams`), calling `onNext` with each
   * event's data; resolves when the server completes it, rejects on the first error.
   */
  async subscribe<T>(query: string, variables: Record<string, unknown>, onNext: (data: T) => void): Promise<void> {
    const client: Client = createClient({
      url: webSocketUrl(this.url),
      webSocketImpl: WebSocket,
      connectionParams: { apiKey: this.apiKey },
      retryAttempts: 3,
      lazy: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe<T>(
          { query, variables },
          {
            next: (msg) => {
              if (msg.errors?.length) reject(new Error(errorText(msg.errors as GqlErrors)));
              else if (msg.data) onNext(msg.data);
            },
            error: (err: unknown) => reject(err instanceof Error ? err : new Error(describeClose(err))),
            complete: resolve,
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }
}

/** graphql-ws rejects with a CloseEvent or a list of GraphQL errors, not an Error. */
function describeClose(err: unknown): string {
  if (Array.isArray(err)) return errorText(err as GqlErrors);
  const close = err as { code?: number; reason?: string };
  return close?.code ? `connection closed (${close.code}${close.reason ? ` ${close.reason}` : ''})` : String(err);
}
