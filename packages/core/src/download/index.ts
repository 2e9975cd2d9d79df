export { type DownloadFileOptions, type DownloadResult, downloadFile } from './download-file.js';
export { extensionFromUrl, outputFileName, urlFileName } from './output-file-name.js';
