import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createV2Adapter } from './v2-adapter.js';

runSimulatorEndToEnd({
  format: 'v2',
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
});
