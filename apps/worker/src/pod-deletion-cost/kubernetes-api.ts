import { readFileSync } from 'node:fs';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';

/** Where the kubelet mounts a pod's service-account credentials. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How to reach the Kubernetes API server. */
export interface KubernetesApiTarget {
  /** `https://host:port` in a cluster; plain `http://` only for a local stand-in. */
  baseUrl: string;
  /** Reads the bearer token for each request (service-account tokens are rotated on disk). */
  token?: () => string;
  /** CA bundle that signs the API server's certificate. */
  ca?: Buffer;
  timeoutMs?: number;
}

/** Thrown when the API server answers a request with a status other than 2xx. */
export class KubernetesApiError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`Kubernetes API answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'KubernetesApiError';
  }
}

/**
 * The one Kubernetes API call a worker makes: a JSON merge patch of its own pod's annotations.
 * Plain `node:https` with the service-account token and CA (a client library would add far
 * more than this needs).
 */
export class KubernetesApi {
  constructor(private readonly target: KubernetesApiTarget) {}

  /** The API server of the cluster this process runs in, with its service-account credentials. */
  static inCluster(host: string, port: number, dir = SERVICE_ACCOUNT_DIR): KubernetesApi {
    const bracketed = host.includes(':') ? `[${host}]` : host;
    return new KubernetesApi({
      baseUrl: `https://${bracketed}:${port}`,
      token: () => readFileSync(join(dir, 'token'), 'utf8').trim(),
      ca: readFileSync(join(dir, 'ca.crt')),
    });
  }

  /** Merges `annotations` into pod `namespace/name` (`null` removes one). */
  async patchPodAnnotations(namespace: string, name: string, annotations: Record<string, string | null>): Promise<void> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
    await this.send('PATCH', path, 'application/merge-patch+json', JSON.stringify({ metadata: { annotations } }));
  }

  private send(method: string, path: string, contentType: string, body: string): Promise<string> {
    const url = new URL(path, this.target.baseUrl);
    const headers: Record<string, string> = { 'content-type': contentType, accept: 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const token = this.target.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const options: RequestOptions & { ca?: Buffer } = { method, headers, timeout: this.target.timeoutMs ?? 5000, ca: this.target.ca };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(text);
          else reject(new KubernetesApiError(status, text));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`Kubernetes API did not answer ${method} ${path} in time`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
