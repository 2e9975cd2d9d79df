import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createNativeAdapter } from './native-adapter.js';

runSimulatorEndToEnd({
  format: 'native',
  createAdapter: () => createNativeAdapter(),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'a kitten running in the moonlight',
      size: '832*480',
    },
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wan2.5-i2v-preview',
      prompt: 'the cat slowly turns its head',
      image: 'https://example.com/cat.png',
      resolution: '720p',
      durationSeconds: 5,
    },
    'text-to-image': {
      kind: 'text-to-image',
      model: 'wan2.5-t2i-preview',
      prompt: 'a red apple on a white table',
      count: 2,
    },
  },
});

runSimulatorEndToEnd({
  format: 'native',
  createAdapter: () => createNativeAdapter({ bodyForm: 'wrapped' }),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten running in the moonlight',
      size: '1280*720',
      durationSeconds: 10,
      shotType: 'multi',
    },
  },
});
