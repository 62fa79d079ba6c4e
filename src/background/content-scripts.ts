/** The built content script files, as the manifest names them after the build. */
export interface ScriptFiles {
  /** The ISOLATED-world bridge. */
  bridge: string[];
  /** The MAIN-world page script. */
  inject: string[];
  /** Match patterns of the sites recorded by default (the manifest's host permissions). */
  defaults: string[];
}

interface ManifestLike {
  content_scripts?: Array<{ js?: string[]; world?: string }>;
  host_permissions?: string[];
}

/**
 * Read from the manifest rather than written here: the build renames the
 * files, and the manifest is the one place that knows their final names.
 */
export function scriptFiles(manifest: ManifestLike): ScriptFiles {
  const scripts = manifest.content_scripts ?? [];
  return {
    bridge: scripts.filter((s) => s.world !== 'MAIN').flatMap((s) => s.js ?? []),
    inject: scripts.filter((s) => s.world === 'MAIN').flatMap((s) => s.js ?? []),
    defaults: manifest.host_permissions ?? [],
  };
}
