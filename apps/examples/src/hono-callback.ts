// Mounting the callback handler in Hono (the handler is a plain `(Request) => Promise<Response>`, so any
// fetch-style framework takes it as is).
// Run from a project that installs hono, @hono/node-server, @wankit/core and @wankit/adapter-generate-task:
//   APIXO_API_KEY=… PUBLIC_URL=https://your-host.example npx tsx hono-callback.ts
// To try it locally, start `wankit sim` and set APIXO_BASE_URL to its URL and PUBLIC_URL to http://127.0.0.1:8787.
import { serve } from '@hono/node-server';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createCallbackHandler, createCallbackRegistry, createClient } from '@wankit/core';
import { Hono } from 'hono';

const baseUrl = process.env.APIXO_BASE_URL;
// A local simulator delivers callbacks over plain http on loopback, which is refused otherwise.
const adapter = createGenerateTaskAdapter(baseUrl ? { baseUrl, allowLoopbackHttpCallbacks: true } : {});
const registry = createCallbackRegistry({ publicBaseUrl: `${process.env.PUBLIC_URL}/wankit/callback` });
const handler = createCallbackHandler({ adapter, registry });

const app = new Hono();
app.post('/wankit/callback', (c) => handler(c.req.raw));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });

const client = createClient({ adapter, apiKey: process.env.APIXO_API_KEY, ...(baseUrl ? { baseUrl } : {}) });
const callback = registry.register();
const { snapshot } = await client.generate(
  {
    kind: 'text-to-video',
    model: 'wan2.5-t2v-preview',
    prompt: 'a kitten running in the moonlight',
    resolution: '720p',
  },
  { callback },
);
console.log(snapshot.outputs.map((output) => output.url).join('\n'));
server.close();
