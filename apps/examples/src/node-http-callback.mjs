// Receives provider callbacks in a plain node:http server and resolves `generate` from them.
// Run from a project that installs @wankit/core and @wankit/adapter-generate-task:
//   APIXO_API_KEY=… PUBLIC_URL=https://your-host.example PORT=8787 node node-http-callback.mjs "a kitten in the moonlight"
// PUBLIC_URL must reach this server over HTTPS (a tunnel or reverse proxy in front of PORT). To try it locally,
// start `wankit sim` and set APIXO_BASE_URL to its URL and PUBLIC_URL to http://127.0.0.1:PORT.
import { createServer } from 'node:http';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createCallbackHandler, createCallbackRegistry, createClient } from '@wankit/core';
import { toNodeListener } from '@wankit/core/node';

const baseUrl = process.env.APIXO_BASE_URL;
// A local simulator delivers callbacks over plain http on loopback, which is refused otherwise.
const adapter = createGenerateTaskAdapter(baseUrl ? { baseUrl, allowLoopbackHttpCallbacks: true } : {});
const registry = createCallbackRegistry({ publicBaseUrl: `${process.env.PUBLIC_URL}/wankit/callback` });
const handler = createCallbackHandler({ adapter, registry });

const listener = toNodeListener(handler);
const server = createServer((incoming, outgoing) => {
  if (!incoming.url?.startsWith('/wankit/callback')) {
    outgoing.writeHead(404).end();
    return;
  }
  listener(incoming, outgoing);
});
server.listen(Number(process.env.PORT ?? 8787));

const client = createClient({ adapter, apiKey: process.env.APIXO_API_KEY, ...(baseUrl ? { baseUrl } : {}) });
const callback = registry.register();
try {
  const { snapshot } = await client.generate(
    {
      kind: 'text-to-video',
      model: 'wan2.5-t2v-preview',
      prompt: process.argv[2] ?? 'a kitten in the moonlight',
      resolution: '720p',
    },
    // The callback usually wins; if it never arrives, polling still finishes the wait.
    { callback, onProgress: (s) => console.error(s.status) },
  );
  console.log(snapshot.outputs.map((output) => output.url).join('\n'));
} finally {
  server.close();
}
