/**
 * Where Cellar's published packages' source lives, in one place: the `repository`, `homepage` and
 * `bugs` of sdk/package.json, src/runtime/package.json and codegen/package.json must agree with these
 * (test/sdk/package-manifest.test.ts, test/toolkit/package-manifests.test.ts), and so must the repository npm
 * publishes from. `npm publish --provenance` signs a statement naming the GitHub repository and
 * workflow that built the tarball, and the registry refuses it when `repository.url` names another
 * one (https://docs.npmjs.com/generating-provenance-statements).
 *
 * PLACEHOLDER: Cellar's public repository URL is not decided yet. Change it here and in
 * the three package.json files together before the first publish.
 */
export const REPOSITORY_URL = "https://github.com/cellar-dev/cellar";

/** The SDK's folder inside the repository: npm links to it, and provenance names it. */
export const SDK_DIRECTORY = "sdk";

/** The link fields of the package published from `directory`, as its package.json must read them. */
export function manifestLinks(directory: string) {
  return {
    repository: { type: "git", url: `git+${REPOSITORY_URL}.git`, directory },
    homepage: `${REPOSITORY_URL}/tree/main/${directory}#readme`,
    bugs: { url: `${REPOSITORY_URL}/issues` },
  } as const;
}

/** sdk/package.json's link fields, as they must read. */
export const SDK_MANIFEST_LINKS = manifestLinks(SDK_DIRECTORY);
