export { type DownloadFileOptions, type DownloadResult, downloadFile } from './download-file.js';
export { fileNameForOutput } from './output-file-name.js';
