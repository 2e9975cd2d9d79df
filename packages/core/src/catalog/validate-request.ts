import {
  type GenerationRequest,
  generationRequestSchema,
  imageToVideoRequestSchema,
  type RequestKind,
  referenceToVideoRequestSchema,
  textToImageRequestSchema,
  textToVideoRequestSchema,
} from '../spec/request.js';
import type { Warning } from '../spec/warning.js';
import { getModel, listModels, modelCatalog } from './catalog.js';
import type { ModelSpec } from './model-spec.js';
import { validateFrame } from './validate-frame.js';
import { checkInputs } from './validate-inputs.js';
import { type Draft, validateOptions } from './validate-options.js';
import { errorFromZodIssue, invalidRequest } from './validation-error.js';

export interface ValidateRequestOptions {
  /** Over-long prompts and unknown fields become errors instead of warnings. */
  strict?: boolean;
  /** Accept a model id the catalog does not know (only the schema is checked then). */
  allowUnknownModel?: boolean;
  /** The catalog to check against; defaults to `modelCatalog` (see `withModelOverrides`). */
  catalog?: readonly ModelSpec[];
}

export interface ValidatedRequest {
  /** The request as it will be sent: model id canonical, frame completed, unsupported options removed, `count` set. */
  request: GenerationRequest;
  model: ModelSpec | undefined;
  warnings: Warning[];
}

const fieldsByKind: Readonly<Record<RequestKind, ReadonlySet<string>>> = {
  'text-to-video': new Set(Object.keys(textToVideoRequestSchema.shape)),
  'image-to-video': new Set(Object.keys(imageToVideoRequestSchema.shape)),
  'text-to-image': new Set(Object.keys(textToImageRequestSchema.shape)),
  'reference-to-video': new Set(Object.keys(referenceToVideoRequestSchema.shape)),
};

// zod drops unknown keys silently; a misspelt field (`duration` for `durationSeconds`) must not vanish unnoticed.
function checkUnknownFields(
  input: Record<string, unknown>,
  kind: RequestKind,
  strict: boolean,
  warnings: Warning[],
) {
  const known = fieldsByKind[kind];
  for (const field of Object.keys(input)) {
    if (known.has(field)) continue;
    const allowed = [...known];
    if (strict) {
      throw invalidRequest(
        field,
        input[field],
        allowed,
        `${field} is not a ${kind} request field; allowed: ${allowed.join(', ')}`,
      );
    }
    warnings.push({ type: 'unsupported', setting: field, details: `not a ${kind} request field; ignored` });
  }
}

// Providers count each character (Chinese or Latin) as one: count code points, not UTF-16 units.
const charCount = (text: string): number => [...text].length;

function checkText(draft: Draft, model: ModelSpec, strict: boolean, warnings: Warning[]): void {
  const limits: [field: string, max: number][] = [
    ['prompt', model.prompt.maxChars],
    ['negativePrompt', model.negativePromptMaxChars],
  ];
  for (const [field, max] of limits) {
    const text = draft[field];
    if (typeof text !== 'string') continue;
    const length = charCount(text);
    if (length <= max) continue;
    const details = `${length} characters; ${model.id} reads the first ${max} and the provider truncates the rest`;
    if (strict)
      throw invalidRequest(field, text, [`<= ${max} characters`], `${field} is too long: ${details}`);
    warnings.push({ type: 'truncated', setting: field, details });
  }
  if (model.prompt.required && (typeof draft.prompt !== 'string' || draft.prompt.length === 0)) {
    throw invalidRequest('prompt', draft.prompt, ['a non-empty string'], `${model.id} needs a prompt`);
  }
}

function checkKind(request: GenerationRequest, model: ModelSpec, catalog: readonly ModelSpec[]): void {
  if (request.kind === model.kind) return;
  const suitable = listModels({ kind: request.kind }, catalog).map((m) => m.id);
  throw invalidRequest(
    'model',
    request.model,
    suitable,
    `${model.id} is ${/^[aeiou]/.test(model.kind) ? 'an' : 'a'} ${model.kind} model, but kind is ${request.kind}; for ${request.kind} choose ${suitable.join(', ')}`,
  );
}

/**
 * Checks a neutral request against the schema and the model's real constraints before anything is
 * sent. Bad input throws `WankitError` (`invalid_request`, with `field`, `value`, `allowed`); harmless
 * surprises are returned as warnings and the returned request is what will actually be sent.
 */
export function validateRequest(input: unknown, options: ValidateRequestOptions = {}): ValidatedRequest {
  // Before the schema: its messages for these fields say less (what is wrong, what is allowed).
  if (typeof input === 'object' && input !== null) checkInputs(input as Record<string, unknown>);
  const parsed = generationRequestSchema.safeParse(input);
  if (!parsed.success) throw errorFromZodIssue(parsed.error.issues[0]!, input);
  const strict = options.strict ?? false;
  const catalog = options.catalog ?? modelCatalog;
  const warnings: Warning[] = [];
  checkUnknownFields(input as Record<string, unknown>, parsed.data.kind, strict, warnings);

  const model = getModel(parsed.data.model, catalog, parsed.data.kind);
  if (!model) {
    if (options.allowUnknownModel) return { request: parsed.data, model: undefined, warnings };
    const known = catalog.map((m) => m.id);
    throw invalidRequest(
      'model',
      parsed.data.model,
      known,
      `unknown model ${parsed.data.model}; known models: ${known.join(', ')}`,
    );
  }
  checkKind(parsed.data, model, catalog);

  const draft: Draft = { ...parsed.data, model: model.id };
  const frame = validateFrame(parsed.data, model, warnings, catalog);
  delete draft.size;
  delete draft.resolution;
  delete draft.aspectRatio;
  Object.assign(draft, frame);
  checkText(draft, model, strict, warnings);
  validateOptions(draft, model, warnings);
  return { request: draft as GenerationRequest, model, warnings };
}
