import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Loads a handler named by path in the route or schedule table, as Lambda would load the function's entry. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const cache = new Map<string, Promise<unknown>>();

export function loadHandler(file: string): Promise<unknown> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(repoRoot, file)).href).then((mod: { handler?: unknown }) => {
      if (typeof mod.handler !== 'function') throw new Error(`${file} does not export a handler function`);
      return mod.handler;
    });
    cache.set(file, loaded);
  }
  return loaded;
}
