export {
  type CallbackHandler,
  type CallbackHandlerOptions,
  createCallbackHandler,
} from './callback-handler.js';
export {
  type CallbackRegistration,
  type CallbackRegistry,
  type CallbackRegistryOptions,
  callbackTaskParam,
  callbackTokenParam,
  createCallbackRegistry,
  type DeliveryOutcome,
} from './callback-registry.js';
export { sendWebResponse, toNodeListener, toWebRequest, type WebHandler } from './node-listener.js';
