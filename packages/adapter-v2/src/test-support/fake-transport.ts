// A recording HttpTransport for unit tests: answers from a queue, never touches the network.
import type { AdapterCallContext, HttpTransport, WireRequest, WireResponse } from '@wankit/core';

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

export interface FakeTransport extends HttpTransport {
  readonly sent: WireRequest[];
}

export function fakeTransport(answers: FakeAnswer[]): FakeTransport {
  const queue = [...answers];
  const sent: WireRequest[] = [];
  return {
    sent,
    async send(request) {
      sent.push(request);
      const answer = queue.shift();
      if (!answer) throw new Error(`fake transport: no answer left for ${request.method} ${request.path}`);
      const response: WireResponse = {
        status: answer.status,
        headers: new Headers({ 'content-type': 'application/json', ...answer.headers }),
        text: answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)),
        url: `https://gateway.test${request.path}`,
      };
      return response;
    },
  };
}

export const unitNow = new Date('2026-01-01T00:00:00.000Z');

export function unitContext(http: HttpTransport): AdapterCallContext {
  return { http, now: () => unitNow };
}
