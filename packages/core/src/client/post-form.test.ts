import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { postForm } from './post-form.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: (headers: IncomingHttpHeaders, body: string) => [number, string]) {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('latin1');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const [status, text] = answer(req.headers, body);
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('postForm', () => {
  it('posts multipart form data, with no API key, and returns the answer whatever its status', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    const url = await serve((headers, body) => {
      seen = { headers, body };
      return [403, '<Error><Code>AccessDenied</Code><Message>Policy expired.</Message></Error>'];
    });
    const form = new FormData();
    form.append('key', 'dir/cat.png');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'cat.png');
    const response = await postForm(url, form, { fetch: globalThis.fetch, timeoutMs: 5_000 });
    expect(response.status).toBe(403);
    expect(response.text).toContain('Policy expired.');
    expect(seen?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.body).toContain('name="key"');
    expect(seen?.body).toContain('filename="cat.png"');
  });

  it('refuses plain http off loopback before sending', async () => {
    await expect(
      postForm('http://uploads.example.com/', new FormData(), { fetch: globalThis.fetch, timeoutMs: 5_000 }),
    ).rejects.toSatisfy((error: unknown) => WankitError.isInstance(error) && error.field === 'baseUrl');
  });

  it('types a connection that was never made', async () => {
    const url = await serve(() => [200, '']);
    await close?.();
    close = undefined;
    await expect(
      postForm(url, new FormData(), { fetch: globalThis.fetch, timeoutMs: 5_000 }),
    ).rejects.toSatisfy((error: unknown) => WankitError.isInstance(error) && error.kind === 'network');
  });
});
