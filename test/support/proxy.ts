// A server in front of a test stub that passes every request through unchanged (Host included, so
// SigV4 signatures still verify) and can change chosen answers: a service that drifts from its
// contract in a known way. It keeps what crossed it, as sent.
import { once } from "node:events";
import { createServer, request as forward, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Changes an answer, or leaves it (undefined). */
export type Drift = (
  request: { method: string; url: string; headers: IncomingHttpHeaders },
  answer: Answer,
) => Answer | undefined;

export interface Crossed {
  method: string;
  url: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: string;
  answer: Answer;
}

export interface DriftingServer {
  url: string;
  crossed: Crossed[];
  close(): Promise<void>;
}

export async function driftingServer(upstream: string, drift: Drift = () => undefined): Promise<DriftingServer> {
  const target = new URL(upstream);
  const crossed: Crossed[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const requestBody = Buffer.concat(chunks);
      const out = forward(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstreamResponse) => {
          const parts: Buffer[] = [];
          upstreamResponse.on("data", (chunk: Buffer) => parts.push(chunk));
          upstreamResponse.on("end", () => {
            const original: Answer = {
              status: upstreamResponse.statusCode ?? 502,
              headers: { ...upstreamResponse.headers },
              body: Buffer.concat(parts).toString("utf8"),
            };
            const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
            const answer = drift(request, structuredClone(original)) ?? original;
            crossed.push({
              ...request,
              requestHeaders: req.headers,
              requestBody: requestBody.toString("utf8"),
              answer,
            });
            const { "content-length": _, "transfer-encoding": __, ...headers } = answer.headers;
            res.writeHead(answer.status, { ...headers, "content-length": Buffer.byteLength(answer.body) });
            res.end(answer.body);
          });
        },
      );
      out.on("error", (error) => res.destroy(error));
      out.end(requestBody);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    crossed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
