// Real tasks against the simulator over loopback HTTP, in each body form and model placement.
import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createNativeAdapter } from './native-adapter.js';

// The default: the wrapped body with the model in it (the vtrix CLI, the SeaArt JavaScript SDK).
runSimulatorEndToEnd({
  format: 'native',
  createAdapter: () => createNativeAdapter(),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten running in the moonlight',
      size: '1280*720',
      durationSeconds: 10,
      shotType: 'multi',
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

// The SeaArt Python SDK's placement: the model in the X-Model header, not in the body.
runSimulatorEndToEnd({
  format: 'native',
  createAdapter: () => createNativeAdapter({ modelHeader: true }),
  requests: {
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wan2.6-i2v',
      image: 'https://example.com/cat.png',
      resolution: '1080p',
    },
  },
});

// The doc pages' flat body.
runSimulatorEndToEnd({
  format: 'native',
  createAdapter: () => createNativeAdapter({ bodyForm: 'flat' }),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'a kitten running in the moonlight',
      size: '832*480',
    },
  },
});
