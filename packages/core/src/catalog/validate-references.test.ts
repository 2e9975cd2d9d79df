import { describe, expect, it } from 'vitest';
import { validateRequest } from './validate-request.js';

const r2v = (model: string, extra: Record<string, unknown> = {}) => ({
  kind: 'reference-to-video',
  model,
  prompt: 'character1 waves at character2',
  references: ['https://media.test/a.png', 'https://media.test/b.mp4'],
  ...extra,
});

describe('reference-to-video', () => {
  it('normalises references to { url, type }, typing videos by their URL', () => {
    const { request, model } = validateRequest(r2v('wan2.6-r2v'));
    expect(model?.kind).toBe('reference-to-video');
    expect(request).toMatchObject({
      references: [
        { url: 'https://media.test/a.png', type: 'image' },
        { url: 'https://media.test/b.mp4', type: 'video' },
      ],
    });
  });

  it('keeps a type and a voice given explicitly', () => {
    const { request } = validateRequest(
      r2v('wan2.7-r2v', {
        references: [{ url: 'https://media.test/clip', type: 'video', voiceUrl: 'https://media.test/v.mp3' }],
      }),
    );
    expect(request).toMatchObject({
      references: [{ url: 'https://media.test/clip', type: 'video', voiceUrl: 'https://media.test/v.mp3' }],
    });
  });

  it('counts references against the model', () => {
    const videos = ['1', '2', '3', '4'].map((n) => `https://media.test/${n}.mov`);
    expect(() => validateRequest(r2v('wan2.6-r2v', { references: videos }))).toThrow(
      expect.objectContaining({ field: 'references', message: 'wan2.6-r2v takes at most 3 videos; got 4' }),
    );
    const six = ['1', '2', '3', '4', '5', '6'].map((n) => `https://media.test/${n}.png`);
    expect(() => validateRequest(r2v('wan2.7-r2v', { references: six }))).toThrow(
      expect.objectContaining({
        field: 'references',
        message: 'wan2.7-r2v takes at most 5 references; got 6',
      }),
    );
  });

  it('takes a first frame only where the model does', () => {
    expect(
      validateRequest(r2v('wan2.7-r2v', { image: 'https://media.test/first.png' })).request,
    ).toMatchObject({
      image: 'https://media.test/first.png',
    });
    expect(() => validateRequest(r2v('wan2.6-r2v', { image: 'https://media.test/first.png' }))).toThrow(
      expect.objectContaining({ field: 'image' }),
    );
  });

  it('shortens the duration range when a reference is a video (wan2.7-r2v)', () => {
    expect(
      validateRequest(r2v('wan2.7-r2v', { references: ['https://media.test/a.png'], durationSeconds: 15 }))
        .request,
    ).toMatchObject({ durationSeconds: 15 });
    expect(() => validateRequest(r2v('wan2.7-r2v', { durationSeconds: 15 }))).toThrow(
      expect.objectContaining({
        field: 'durationSeconds',
        message:
          'durationSeconds 15 is not allowed for wan2.7-r2v with a video reference; choose a whole number from 2 to 10',
      }),
    );
  });

  it('refuses references no provider can fetch, before anything is sent', () => {
    expect(() => validateRequest(r2v('wan2.6-r2v', { references: [] }))).toThrow(
      expect.objectContaining({ field: 'references' }),
    );
    expect(() => validateRequest(r2v('wan2.6-r2v', { references: ['data:video/mp4;base64,AAAA'] }))).toThrow(
      expect.objectContaining({ field: 'references.0' }),
    );
    expect(() => validateRequest(r2v('wan2.6-r2v', { references: ['http://example.com/a.mp4'] }))).toThrow(
      expect.objectContaining({ field: 'references.0' }),
    );
    expect(() => validateRequest(r2v('wan2.6-r2v', { references: ['not a url'] }))).toThrow(
      expect.objectContaining({ field: 'references.0' }),
    );
  });

  it('a multi-mode model answers each kind with its own constraints', () => {
    expect(
      validateRequest({ kind: 'text-to-video', model: 'wan3.0-video', prompt: 'x', durationSeconds: 30 })
        .model?.kind,
    ).toBe('text-to-video');
    expect(
      validateRequest({
        kind: 'image-to-video',
        model: 'wan3.0-video',
        image: 'https://media.test/a.png',
        lastImage: 'https://media.test/b.png',
      }).request,
    ).toMatchObject({ lastImage: 'https://media.test/b.png' });
  });
});

describe('model facts that change what is sent', () => {
  const png = (bytes: number) => `data:image/png;base64,iVBORw0KGgo${'A'.repeat(Math.ceil((bytes * 4) / 3))}`;
  it('takes inline images up to each model’s own limit (20 MB on wan2.5 and newer, 10 MB before)', () => {
    const image = png(15 * 1024 * 1024);
    expect(validateRequest({ kind: 'image-to-video', model: 'wan2.6-i2v', image }).request).toMatchObject({
      image,
    });
    expect(() => validateRequest({ kind: 'image-to-video', model: 'wan2.2-i2v-plus', image })).toThrow(
      expect.objectContaining({ field: 'image', allowed: [`<= ${10 * 1024 * 1024} bytes`] }),
    );
  });

  it('says that wan2.7 cannot be silent', () => {
    const { warnings, request } = validateRequest({
      kind: 'text-to-video',
      model: 'wan2.7-t2v',
      prompt: 'x',
      audio: false,
    });
    expect(request).not.toHaveProperty('audio');
    expect(warnings).toEqual([
      {
        type: 'unsupported',
        setting: 'audio',
        details:
          'wan2.7-t2v always produces sound (music or effects when no audio is given); audio: false removed',
      },
    ]);
    expect(
      validateRequest({ kind: 'text-to-video', model: 'wan2.7-t2v', prompt: 'x', audio: true }).warnings,
    ).toEqual([]);
  });

  it('keeps a dated snapshot or a prime build as asked, never swapped for the base model', () => {
    expect(
      validateRequest({ kind: 'text-to-video', model: 'wan2.7-t2v-2026-04-25', prompt: 'x' }).request.model,
    ).toBe('wan2.7-t2v-2026-04-25');
    expect(
      validateRequest({ kind: 'text-to-video', model: 'wan3.0-video-prime', prompt: 'x' }).request.model,
    ).toBe('wan3.0-video-prime');
  });
});
