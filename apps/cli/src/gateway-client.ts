import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { describeCause, GatewayError, gatewayError, GatewayUnreachableError, type GqlErrors } from './errors';

/** The WebSocket URL of a GraphQL HTTP endpoint (`http://h/graphql` → `ws://h/graphql`). */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):\/\//, 'ws$1://');
}

/** Close code graphql-ws servers use when `onConnect` refuses the connection (here: the API key). */
const FORBIDDEN_CLOSE = 4403;
/** Close code of a socket that went away without a close frame (refused, reset). */
const ABNORMAL_CLOSE = 1006;

/** The operations the commands need; a test double can stand in for the real client. */
export interface GraphqlTransport {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  subscribe<T>(query: string, variables: Record<string, unknown>, onNext: (data: T) => void): Promise<void>;
}

/** Minimal GraphQL client for the CLI: queries over HTTP, subscriptions over graphql-ws. */
export class GatewayClient implements GraphqlTransport {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  /** Runs a query or mutation; GraphQL errors become a `GatewayError`, a failed connection a `GatewayUnreachableError`. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      throw new GatewayUnreachableError(this.url, describeCause(err));
    }
    const text = await res.text();
    let body: { data?: T; errors?: GqlErrors };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GatewayError(
        `${this.url} answered HTTP ${res.status} without a GraphQL response`,
        `HTTP_${res.status}`,
      );
    }
    if (body.errors?.length) throw gatewayError(body.errors);
    if (!body.data)
      throw new GatewayError(`gateway answered HTTP ${res.status} without data`, `HTTP_${res.status}`);
    return body.data;
  }

  /**
   * Runs a subscription (graphql-ws, API key in `connectionParams`), calling `onNext` with each
   * event's data; resolves when the server completes it, rejects on the first error. A dropped
   * connection is retried; one that never opened is reported as unreachable at once.
   */
  async subscribe<T>(
    query: string,
    variables: Record<string, unknown>,
    onNext: (data: T) => void,
  ): Promise<void> {
    let connected = false;
    let socketError: unknown;
    const client: Client = createClient({
      url: webSocketUrl(this.url),
      webSocketImpl: WebSocket,
      connectionParams: { apiKey: this.apiKey },
      retryAttempts: 3,
      shouldRetry: () => connected,
      lazy: true,
      on: {
        connected: () => (connected = true),
        error: (err) => (socketError = err),
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe<T>(
          { query, variables },
          {
            next: (msg) => {
              if (msg.errors?.length) reject(gatewayError(msg.errors as GqlErrors));
              else if (msg.data) onNext(msg.data);
            },
            error: (err: unknown) => reject(this.subscriptionError(err, connected, socketError)),
            complete: resolve,
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  /** graphql-ws rejects with a CloseEvent, a socket error event or a list of GraphQL errors, not an Error. */
  private subscriptionError(err: unknown, connected: boolean, socketError: unknown): Error {
    if (Array.isArray(err)) return gatewayError(err as GqlErrors);
    const close = err as { code?: number; reason?: string };
    if (close?.code === FORBIDDEN_CLOSE)
      return new GatewayError('API key refused by the gateway', 'UNAUTHENTICATED');
    if (!connected && (socketError || close?.code === ABNORMAL_CLOSE)) {
      return new GatewayUnreachableError(
        this.url,
        describeCause((socketError as { error?: unknown })?.error ?? socketError ?? err),
      );
    }
    if (err instanceof Error) return err;
    return new GatewayError(
      `connection closed (${close?.code ?? '?'}${close?.reason ? ` ${close.reason}` : ''})`,
      'CONNECTION_CLOSED',
    );
  }
}
