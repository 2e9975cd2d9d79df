// Mounting the callback handler in Hono. This file is an example only: hono is not a dependency of
// @wankit/core (the handler is a plain `(Request) => Promise<Response>`), and tsconfig does not include it.
// Run from a project that installs hono, @hono/node-server, @wankit/core and @wankit/adapter-generate-task:
//   APIXO_API_KEY=… PUBLIC_URL=https://your-host.example npx tsx hono-callback.ts
import { serve } from '@hono/node-server';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createCallbackHandler, createCallbackRegistry, createClient } from '@wankit/core';
import { Hono } from 'hono';

const adapter = createGenerateTaskAdapter();
const registry = createCallbackRegistry({ publicBaseUrl: `${process.env.PUBLIC_URL}/wankit/callback` });
const handler = createCallbackHandler({ adapter, registry });

const app = new Hono();
app.post('/wankit/callback', (c) => handler(c.req.raw));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });

const client = createClient({ adapter, apiKey: process.env.APIXO_API_KEY });
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
