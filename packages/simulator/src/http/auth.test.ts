import { describe, expect, it } from 'vitest';
import { call, startTestSimulator } from '../../test/sim-test-kit.js';

const CREATES = {
  native: ['/model/v1/generation', { model: 'wan26_t2v', input: { prompt: 'x' } }],
  v2: ['/v2/videos/generations', { model: 'wan2.2-t2v-plus', prompt: 'x' }],
  generateTask: ['/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } }],
} as const;

describe('bearer authentication', () => {
  it.each([
    ['native', 401, { error: { message: 'missing api key' } }],
    ['v2', 401, { error: { message: 'missing token', type: 'new_api_error', code: '' } }],
    ['generateTask', 401, { code: 401, message: 'Invalid or missing API Key', data: null }],
  ] as const)('%s answers 401 with its own body when the key is missing', async (format, status, body) => {
    const { sim } = await startTestSimulator();
    const [path, payload] = CREATES[format];
    const response = await call(sim, 'POST', path, payload, null);
    expect(response.status).toBe(status);
    expect(response.json).toEqual(body);
    expect(sim.stats().formats[format]).toMatchObject({ unauthorized: 1, creates: 0 });
  });

  it('treats an empty bearer as missing and accepts any non-empty key by default', async () => {
    const { sim } = await startTestSimulator();
    const [path, payload] = CREATES.native;
    expect((await call(sim, 'POST', path, payload, '')).status).toBe(401);
    expect((await call(sim, 'POST', path, payload, 'anything-at-all')).status).toBe(200);
  });

  it('accepts only the configured key when one is set', async () => {
    const { sim } = await startTestSimulator({ apiKey: 'sk-right' });
    const [path, payload] = CREATES.v2;
    const wrong = await call(sim, 'POST', path, payload, 'sk-wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: { message: 'invalid token', type: 'new_api_error', code: '' } });
    expect((await call(sim, 'POST', path, payload, 'sk-right')).status).toBe(200);
    // status reads need the key too
    const statusRead = await call(sim, 'GET', '/v2/videos/generations/some-id', undefined, 'sk-wrong');
    expect(statusRead.status).toBe(401);
  });
});
