/**
 * What would fix an error, named neutrally: the setting the caller can change. The library words it with its
 * option names (`message`); a front end such as the CLI words it with its own (`--base-url`), from `hint`
 * alone. Serializable, so it survives `toJSON()` and a journal.
 */
export const hintOptions = [
  /** The API key: `createClient({ apiKey })`. */
  'apiKey',
  /** The provider base URL: `createClient({ baseUrl })`. */
  'baseUrl',
  /** Plain http: to a non-loopback host: `createClient({ allowInsecureHttp: true })`. */
  'allowInsecureHttp',
  /** Replace an existing file: `download(…, { overwrite: true })`. */
  'overwrite',
  /** Poll a ref created at another base URL here: `createClient({ acceptRefsFromOtherBaseUrls: true })`. */
  'acceptRefsFromOtherBaseUrls',
  /** Wait for another holder of the journal lock: `lockJournal(path, { wait: true })`. */
  'waitForLock',
  /** Keep the readable records of a damaged journal: `journal.repair()`. */
  'repairJournal',
  /** Several outputs go into a directory: `download(…, { dir })`. */
  'downloadDir',
] as const;
export type HintOption = (typeof hintOptions)[number];

export interface ErrorHint {
  readonly option: HintOption;
  /** The value the option would take, when the error knows it (e.g. the ref's base URL). */
  readonly value?: string;
}

/** The remedy in the library's own option names: the last part of `message`. */
export function libraryHintText(hint: ErrorHint): string {
  switch (hint.option) {
    case 'apiKey':
      return 'pass apiKey to createClient({ adapter, apiKey })';
    case 'baseUrl':
      return hint.value
        ? `create a client with baseUrl: '${hint.value}'`
        : 'pass baseUrl to createClient({ adapter, baseUrl })';
    case 'allowInsecureHttp':
      return 'use https: or a loopback address, or set allowInsecureHttp: true';
    case 'overwrite':
      return 'pass overwrite: true to replace it';
    case 'acceptRefsFromOtherBaseUrls':
      return `create a client for ${hint.value ?? 'that base URL'}, or pass acceptRefsFromOtherBaseUrls: true to poll it with this one`;
    case 'waitForLock':
      return 'wait for it to finish, or pass wait: true to wait for it';
    case 'repairJournal':
      return 'repair() keeps every readable record (the original is kept beside it)';
    case 'downloadDir':
      return 'pass dir instead of path';
  }
}

const separator = '; ';

/** `problem; remedy` in the library's words. */
export function withLibraryHint(problem: string, hint: ErrorHint | undefined): string {
  if (!hint) return problem;
  const remedy = libraryHintText(hint);
  return problem.endsWith(`${separator}${remedy}`) ? problem : `${problem}${separator}${remedy}`;
}

/** The message without the library's remedy: what went wrong, for a front end to add its own remedy to. */
export function problemText(error: { readonly message: string; readonly hint?: ErrorHint }): string {
  if (!error.hint) return error.message;
  const suffix = `${separator}${libraryHintText(error.hint)}`;
  return error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
}
