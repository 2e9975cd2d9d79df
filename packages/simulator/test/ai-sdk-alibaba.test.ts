import { createAlibaba } from '@ai-sdk/alibaba';
import { experimental_generateVideo as generateVideo } from 'ai';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../src/clock.js';
import { gradientPng } from '../src/media/png.js';
import { SAMPLE_MP4 } from '../src/media/sample-mp4.js';
import type { Simulator } from '../src/server.js';
import { startTestSimulator } from './sim-test-kit.js';

/**
 * A real third-party DashScope client, @ai-sdk/alibaba 1.0.61 (with `ai` 6), against the simulator's DashScope
 * wire. What the client sends and expects, read from its source (node_modules/@ai-sdk/alibaba/src/
 * alibaba-video-model.ts, cited below as "ai-sdk/alibaba 1.0.61"):
 * - every video create is `POST {videoBaseURL}/api/v1/services/aigc/video-generation/video-synthesis` with
 *   `Authorization: Bearer …`, `X-DashScope-Async: enable` and JSON `{model, input, parameters}` (`parameters`
 *   always present, `{}` when empty); the kf2v path `/image2video/…` is never used;
 * - it reads the create's `output.task_id` (and `output.task_status`, a string);
 * - it polls `GET /api/v1/tasks/{id}` (no async header), stops on `SUCCEEDED` and throws on `FAILED` or
 *   `CANCELED` with `output.message`; any other word (PENDING, RUNNING, UNKNOWN) keeps it polling;
 * - a success must carry `output.video_url`; `usage.{duration, output_video_duration, input_video_duration, fps,
 *   SR, size, ratio}` are read when there (SR, fps and durations as numbers, size and ratio as strings);
 * - an HTTP error body is `{code?, message, request_id?}` and the thrown error's message is `message`;
 * - the mode comes from the model id: `-i2v` → `input.img_url` + `parameters.resolution` tier; `-r2v` →
 *   wan2.6 `input.reference_urls` + `parameters.size`, wan2.7 `input.media[]` + `resolution` + `ratio`;
 *   `wan3*` → `input.media[]` (first_frame / last_frame / reference_*) with `resolution` + `ratio`; otherwise
 *   text-to-video with `parameters.size` "W*H" (wan2.6) or `resolution` + `ratio` (wan2.7);
 * - an inline image goes into `input.media[].url` as a `data:` URI, but into wan2.6's `input.img_url` as bare
 *   base64 with no `data:` prefix.
 * Version 1.x has no image model (`imageModel()` throws NoSuchModelError), so text-to-image is not driven here.
 */

const PROMPT = 'a kitten running in the moonlight';
const CREATE_PATH = '/api/v1/services/aigc/video-generation/video-synthesis';
const API_KEY = 'sk-ai-sdk-test';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: wire bodies are compared exactly
  readonly body: any;
}

/**
 * The client with a recording fetch. Each status poll first moves the simulator's clock on by 20 s, so a task
 * of ~60 s completes in a few polls without real waiting (the client's own delay is `pollIntervalMs: 1`).
 */
function client(sim: Simulator, clock: ManualClock) {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    seen.push({
      method,
      path: url.pathname,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (method === 'GET' && url.pathname.startsWith('/api/v1/tasks/')) clock.advance(20_000);
    return globalThis.fetch(input, init);
  };
  const alibaba = createAlibaba({ apiKey: API_KEY, videoBaseURL: sim.baseUrl, fetch });
  return { alibaba, seen };
}

/** The AI SDK's default download refuses loopback hosts (SSRF guard), so results are fetched directly. */
async function download({ url }: { url: URL }) {
  const response = await fetch(url);
  return {
    data: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get('content-type') ?? undefined,
  };
}

const FAST_POLL = { pollIntervalMs: 1, pollTimeoutMs: 120_000 };

/** The create the client sent, and the task the simulator made of it. */
function createdTask(sim: Simulator, seen: readonly Seen[]) {
  const creates = seen.filter((call) => call.method === 'POST');
  expect(creates).toHaveLength(1);
  const polls = seen.filter((call) => call.method === 'GET');
  const id = polls[0]!.path.split('/').at(-1)!;
  const task = sim.tasks.get('dashscope', id)!;
  return { create: creates[0]!, polls, id, task };
}

describe('@ai-sdk/alibaba 1.0.61 against the simulator', () => {
  it('text-to-video (wan2.6-t2v): the exact create, polling to SUCCEEDED and the real MP4', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const result = await generateVideo({
      model: alibaba.video('wan2.6-t2v'),
      prompt: PROMPT,
      resolution: '1280x720',
      duration: 5,
      seed: 42,
      providerOptions: {
        alibaba: {
          ...FAST_POLL,
          negativePrompt: 'blurry',
          promptExtend: false,
          shotType: 'multi',
          watermark: false,
        },
      },
      maxRetries: 0,
      download,
    });

    const { create, polls, id, task } = createdTask(sim, seen);
    expect(create.path).toBe(CREATE_PATH);
    expect(create.headers).toMatchObject({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'x-dashscope-async': 'enable',
    });
    expect(create.body).toEqual({
      model: 'wan2.6-t2v',
      input: { prompt: PROMPT, negative_prompt: 'blurry' },
      parameters: {
        duration: 5,
        seed: 42,
        size: '1280*720',
        prompt_extend: false,
        shot_type: 'multi',
        watermark: false,
      },
    });
    // polls carry the key but not the async header
    expect(polls.every((poll) => poll.path === `/api/v1/tasks/${id}`)).toBe(true);
    expect(polls[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(polls[0]!.headers).not.toHaveProperty('x-dashscope-async');
    expect(task.state).toBe('succeeded');

    expect(result.videos).toHaveLength(1);
    expect(result.video.mediaType).toBe('video/mp4');
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4);
    expect(result.warnings).toEqual([]);
    // wan2.6 t2v usage [MS-T2V26] as the client maps it; no actual_prompt on wan2.6 (see task-body.ts)
    expect(result.providerMetadata).toEqual({
      alibaba: {
        taskId: id,
        videoUrl: task.resultUrls[0],
        usage: {
          duration: 5,
          outputVideoDuration: 5,
          inputVideoDuration: 0,
          resolution: 720,
          size: '1280*720',
        },
      },
    });
  });

  it('image-to-video (wan2.6-i2v) from an image URL: img_url and a resolution tier', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const result = await generateVideo({
      model: alibaba.video('wan2.6-i2v'),
      prompt: { image: 'https://example.com/cat.png', text: 'the cat turns its head' },
      resolution: '1280x720',
      duration: 10,
      providerOptions: { alibaba: { ...FAST_POLL, audioUrl: 'https://example.com/purr.mp3' } },
      maxRetries: 0,
      download,
    });
    const { create, id, task } = createdTask(sim, seen);
    expect(create.path).toBe(CREATE_PATH);
    expect(create.body).toEqual({
      model: 'wan2.6-i2v',
      input: {
        prompt: 'the cat turns its head',
        audio_url: 'https://example.com/purr.mp3',
        img_url: 'https://example.com/cat.png',
      },
      parameters: { duration: 10, resolution: '720P' },
    });
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4);
    // wan2.6 i2v usage [MS-I2V26] has no `size`
    expect(result.providerMetadata.alibaba).toEqual({
      taskId: id,
      videoUrl: task.resultUrls[0],
      usage: {
        duration: 10,
        outputVideoDuration: 10,
        inputVideoDuration: 0,
        resolution: 720,
        size: undefined,
      },
    });
  });

  it('image-to-video (wan2.6-i2v) from inline bytes: the bare base64 img_url is refused as no URL', async () => {
    // ai-sdk/alibaba 1.0.61 sends an inline image to wan2.6 as bare base64 (its own unit test expects
    // `img_url: 'iVBORw=='`). The documented forms are a URL, `oss://` or `data:{mime};base64,…` ([MS-I2V26]);
    // nothing shows the real service taking bare base64, so the simulator keeps refusing it (InvalidURL).
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const png = gradientPng(64, 64);
    await expect(
      generateVideo({
        model: alibaba.video('wan2.6-i2v'),
        prompt: { image: new Uint8Array(png), text: 'the cat turns its head' },
        providerOptions: { alibaba: FAST_POLL },
        maxRetries: 0,
        download,
      }),
    ).rejects.toMatchObject({ statusCode: 400, message: 'Invalid URL provided in your request.' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.input.img_url).toBe(png.toString('base64'));
  });

  it('reference-to-video (wan2.6-r2v): reference_urls of an image and a video, size "W*H"', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const result = await generateVideo({
      model: alibaba.video('wan2.6-r2v'),
      prompt: 'character1 waves at character2',
      inputReferences: ['https://example.com/person.png', 'https://example.com/dance.mp4'],
      resolution: '1280x720',
      duration: 5,
      providerOptions: { alibaba: FAST_POLL },
      maxRetries: 0,
      download,
    });
    const { create, id, task } = createdTask(sim, seen);
    expect(create.body).toEqual({
      model: 'wan2.6-r2v',
      input: {
        prompt: 'character1 waves at character2',
        reference_urls: ['https://example.com/person.png', 'https://example.com/dance.mp4'],
      },
      parameters: { duration: 5, size: '1280*720' },
    });
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4);
    // wan2.6 r2v usage [MS-R2V26]: a reference video bills 5 input seconds in the simulator (INFERRED there)
    expect(result.providerMetadata.alibaba).toEqual({
      taskId: id,
      videoUrl: task.resultUrls[0],
      usage: {
        duration: 10,
        outputVideoDuration: 5,
        inputVideoDuration: 5,
        resolution: 720,
        size: '1280*720',
      },
    });
  });

  it('reference-to-video (wan2.7-r2v): input.media references, resolution tier and a derived ratio', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const result = await generateVideo({
      model: alibaba.video('wan2.7-r2v'),
      prompt: 'Image 1 dances like Video 1',
      inputReferences: ['https://example.com/person.png', 'https://example.com/dance.mp4'],
      resolution: '1280x720',
      duration: 5,
      providerOptions: { alibaba: FAST_POLL },
      maxRetries: 0,
      download,
    });
    const { create, id, task } = createdTask(sim, seen);
    expect(create.body).toEqual({
      model: 'wan2.7-r2v',
      input: {
        prompt: 'Image 1 dances like Video 1',
        media: [
          { type: 'reference_image', url: 'https://example.com/person.png' },
          { type: 'reference_video', url: 'https://example.com/dance.mp4' },
        ],
      },
      parameters: { duration: 5, resolution: '720P', ratio: '16:9' },
    });
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4);
    expect(result.providerMetadata.alibaba).toEqual({
      taskId: id,
      videoUrl: task.resultUrls[0],
      usage: {
        duration: 10,
        outputVideoDuration: 5,
        inputVideoDuration: 5,
        resolution: 720,
        size: undefined,
        ratio: '16:9',
      },
    });
  });

  it('first-and-last-frame through wan3.0-video: inline frames become data-URI media items', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba, seen } = client(sim, clock);
    const first = gradientPng(32, 32);
    const last = gradientPng(48, 48);
    const result = await generateVideo({
      model: alibaba.video('wan3.0-video'),
      prompt: 'the flower opens',
      frameImages: [
        { image: new Uint8Array(first), frameType: 'first_frame' },
        { image: new Uint8Array(last), frameType: 'last_frame' },
      ],
      resolution: '1280x720',
      duration: 5,
      generateAudio: false,
      providerOptions: { alibaba: FAST_POLL },
      maxRetries: 0,
      download,
    });
    const { create, task } = createdTask(sim, seen);
    expect(create.body).toEqual({
      model: 'wan3.0-video',
      input: {
        prompt: 'the flower opens',
        media: [
          { type: 'first_frame', url: `data:image/png;base64,${first.toString('base64')}` },
          { type: 'last_frame', url: `data:image/png;base64,${last.toString('base64')}` },
        ],
      },
      parameters: { duration: 5, resolution: '720P', ratio: '16:9', audio: false },
    });
    expect(task.state).toBe('succeeded');
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4);
  });

  it('a FAILED task throws with the task’s own message', async () => {
    const { sim, clock } = await startTestSimulator();
    const { alibaba } = client(sim, clock);
    await expect(
      generateVideo({
        model: alibaba.video('wan2.6-t2v'),
        prompt: `${PROMPT} [[unsafe]]`,
        providerOptions: { alibaba: FAST_POLL },
        maxRetries: 0,
        download,
      }),
    ).rejects.toThrow(
      /^Video generation failed\. Task ID: .+\. Input data may contain inappropriate content\.$/,
    );
  });

  it('HTTP errors reach the client as their `message`: wrong key, wrong endpoint for kf2v', async () => {
    const { sim, clock } = await startTestSimulator({ apiKey: 'sk-the-right-one' });
    const { alibaba } = client(sim, clock);
    // the real 401 has no content-type (corpus 006); the client parses the body anyway
    await expect(
      generateVideo({
        model: alibaba.video('wan2.6-t2v'),
        prompt: PROMPT,
        providerOptions: { alibaba: FAST_POLL },
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({ statusCode: 401, message: 'Invalid API-key provided.' });

    // the client has no kf2v path: a kf2v model sent to video-generation is the documented wrong-endpoint error
    const keyed = createAlibaba({ apiKey: 'sk-the-right-one', videoBaseURL: sim.baseUrl });
    await expect(
      generateVideo({
        model: keyed.video('wan2.2-kf2v-flash'),
        prompt: { image: 'https://example.com/a.png', text: PROMPT },
        providerOptions: { alibaba: FAST_POLL },
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({ statusCode: 400, message: 'url error, please check url！' });
  });
});
