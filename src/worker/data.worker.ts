/// <reference lib="webworker" />
import { browserTextCache } from '../data/download';
import { createDataHandler } from './dataHandler';
import type { DataMessage, DataRequest } from './protocol';

// Thin entry: the logic is in the handler, which tests drive directly.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createDataHandler({
  post: (message: DataMessage) => scope.postMessage(message),
  fetch: (url) => fetch(url, { credentials: 'omit' }),
  cache: () => browserTextCache(),
});
scope.onmessage = (event: MessageEvent<DataRequest>) => void handle(event.data);
