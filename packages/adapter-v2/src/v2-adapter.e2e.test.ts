import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createV2Adapter } from './v2-adapter.js';

const harness = {
  format: 'v2' as const,
  createAdapter: () => createV2Adapter(),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'a kitten running in the moonlight',
      size: '1920*1080',
    },
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wan2.5-i2v-preview',
      prompt: 'the cat slowly turns its head',
      image: 'https://example.com/cat.png',
      resolution: '1080p',
      durationSeconds: 10,
      audio: true,
    },
  },
} as const;

runSimulatorEndToEnd(harness);
// The same lifecycle against the relay shapes real /v2 gateways send.
runSimulatorEndToEnd({
  ...harness,
  label: 'new-api envelope',
  simulatorOptions: { v2Dialect: 'new-api-envelope' },
});
runSimulatorEndToEnd({
  ...harness,
  label: 'OpenAI video objects',
  simulatorOptions: { v2Dialect: 'openai-video' },
});
