import type { WankitError } from '@wankit/core';

/** Neutral request fields and the `video`/`image` flags that set them. */
const flagOfField: Readonly<Record<string, string>> = {
  model: '--model',
  size: '--size',
  resolution: '--resolution',
  aspectRatio: '--aspect',
  negativePrompt: '--negative',
  seed: '--seed',
  durationSeconds: '--duration',
  audio: '--audio',
  audioUrl: '--audio-url',
  shotType: '--shot-type',
  image: '--image',
  lastImage: '--last-image',
  template: '--template',
  count: '--count',
  watermark: '--watermark',
  promptExtend: '--prompt-extend',
  prompt: 'the prompt',
};

// camelCase names are never English words: safe to replace anywhere in a sentence. Plain words (size, model,
// image) only where they open the message as its subject.
const camelCase = Object.keys(flagOfField).filter((field) => /[A-Z]/.test(field));
const anywhere = new RegExp(`\\b(${camelCase.join('|')})\\b`, 'g');

/**
 * A request-validation message from core in the words of `wankit video`/`image`: the flags the user typed
 * (`--aspect`, `--duration`) instead of the neutral field names (`aspectRatio`, `durationSeconds`). The
 * error's `field` stays the neutral name, for scripts. Batch lines are neutral JSON and keep core's words.
 */
export function inFlagWords(error: WankitError): WankitError {
  const field = error.field ?? '';
  let message = error.message;
  const subject = /^([A-Za-z]+)(:?)(?=\s|$)/.exec(message);
  if (subject && subject[1] === field && flagOfField[field]) {
    message = `${flagOfField[field]}${message.slice(subject[1].length + subject[2]!.length)}`;
  }
  // `providerOptions.native does not take foo` / `providerOptions.native.provider: …` → `--provider-option …`.
  const options = /^providerOptions\.[\w-]+(\.([\w-]+))?/.exec(message);
  if (options && field.startsWith('providerOptions')) {
    message = `--provider-option${options[2] ? ` ${options[2]}` : ''}${message.slice(options[0].length)}`;
  }
  message = message.replace(anywhere, (name) => flagOfField[name] ?? name);
  return message === error.message ? error : error.with({ message });
}
