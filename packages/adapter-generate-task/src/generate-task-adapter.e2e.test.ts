import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';

const harness = {
  format: 'generateTask' as const,
  // The simulator's receiver is plain http on loopback; real callback URLs must be https.
  createAdapter: () => createGenerateTaskAdapter({ allowLoopbackHttpCallbacks: true }),
  callbacks: true,
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.5-t2v-preview',
      prompt: 'a kitten running in the moonlight',
      resolution: '720p',
      aspectRatio: '9:16',
      durationSeconds: 10,
    },
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wan2.5-i2v-preview',
      prompt: 'the cat slowly turns its head',
      image: 'https://example.com/cat.png',
      resolution: '1080p',
    },
  },
} as const;

runSimulatorEndToEnd(harness);
// The same lifecycle against a reseller of the same API family (kie's envelopes, state words and ids).
runSimulatorEndToEnd({ ...harness, label: 'kie dialect', simulatorOptions: { generateTaskDialect: 'kie' } });
